import { describe, expect, test } from 'vitest';
import { AbortError, ImagoError, OptionError, UnsupportedError } from '../../src/errors.js';
import { rect } from '../../src/geom/rectangle.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import { DEFAULT_CHUNK_SIZE, encodeStream } from '../../src/stream/index.js';
import { encodedSize, oneShotCodec, pattern, readAll, streamingCodec } from '../helpers/fake-codecs.js';
import { forceGC } from '../helpers/gc.js';

const image = (w = 100, h = 100) => new RGBAImage(rect(0, 0, w, h));
const flush = () => new Promise((r) => setTimeout(r, 5));

describe('encodeStream over a one-shot encode', () => {
  test('the bytes equal the encoding, in chunks of chunkSize', async () => {
    const { codec } = oneShotCodec();
    const { bytes, chunks } = await readAll(encodeStream(image(), codec, { chunkSize: 3000 }));
    expect(bytes).toEqual(pattern(40_000));
    // 40,000 = 13 × 3,000 + 1,000
    expect(chunks).toEqual([...Array(13).fill(3000), 1000]);
  });

  test('the default chunk size is 64 KiB', async () => {
    const { codec } = oneShotCodec();
    const { chunks } = await readAll(encodeStream(image(300, 300), codec)); // 360,000 bytes
    expect(DEFAULT_CHUNK_SIZE).toBe(65536);
    expect(chunks).toEqual([65536, 65536, 65536, 65536, 65536, 360_000 - 5 * 65536]);
  });

  test('nothing is encoded before the first read', async () => {
    const { codec, probe } = oneShotCodec();
    const s = encodeStream(image(), codec);
    await flush();
    expect(probe.calls).toBe(0);
    const r = s.getReader();
    await r.read();
    expect(probe.calls).toBe(1);
    await r.cancel();
  });

  test('chunks are views of one owned buffer', async () => {
    const { codec } = oneShotCodec();
    const r = encodeStream(image(), codec, { chunkSize: 1000 }).getReader();
    const a = (await r.read()).value!;
    const b = (await r.read()).value!;
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset).toBe(1000);
    await r.cancel();
  });

  test('codec options reach the codec; registry, chunkSize and the caller signal do not', async () => {
    let seen: Record<string, unknown> = {};
    const { codec } = oneShotCodec();
    const inner = codec.encode!;
    codec.encode = (img, o) => {
      seen = { ...o };
      return inner(img, o);
    };
    const ac = new AbortController();
    await readAll(encodeStream(image(), codec, { quality: 77, chunkSize: 5000, signal: ac.signal }));
    expect(seen.quality).toBe(77);
    expect('chunkSize' in seen).toBe(false);
    expect(seen.signal).toBeInstanceOf(AbortSignal);
    expect(seen.signal).not.toBe(ac.signal);
  });

  test('an encode failure errors the stream with a typed error keeping the cause', async () => {
    const boom = new Error('boom');
    const { codec } = oneShotCodec({ fail: boom });
    const err = await readAll(encodeStream(image(), codec)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as UnsupportedError).cause).toBe(boom);
    expect((err as Error).message).toMatch(/fake1 encoder failed: boom/);
  });

  test('an ImagoError from the codec passes through unchanged', async () => {
    const mine = new UnsupportedError('imago: 16-bit CMYK cannot be written');
    const { codec } = oneShotCodec({ fail: mine });
    await expect(readAll(encodeStream(image(), codec))).rejects.toBe(mine);
  });
});

describe('encodeStream over a codec stream', () => {
  test('passes chunks through and pulls the codec once per read', async () => {
    const { codec, probe } = streamingCodec(1000);
    const s = encodeStream(image(), codec);
    await flush();
    expect(probe.pulls).toBe(0);
    const r = s.getReader();
    for (let i = 1; i <= 5; i++) {
      const { value } = await r.read();
      expect(value).toEqual(pattern(i * 1000).subarray((i - 1) * 1000));
      await flush();
      expect(probe.pulls).toBe(i);
    }
    await r.cancel();
  });

  test('the whole stream equals the pattern', async () => {
    const { codec, probe } = streamingCodec(4096);
    const { bytes } = await readAll(encodeStream(image(), codec));
    expect(bytes).toEqual(pattern(40_000));
    expect(probe.produced).toBe(Math.ceil(40_000 / 4096));
  });

  test('a non-Uint8Array chunk errors the stream', async () => {
    const { codec } = streamingCodec();
    codec.encodeStream = () => new ReadableStream({ pull: (c) => c.enqueue('text' as unknown as Uint8Array) });
    await expect(readAll(encodeStream(image(), codec))).rejects.toBeInstanceOf(UnsupportedError);
  });
});

describe('cancel and abort', () => {
  test('cancel aborts the signal the codec got and cancels the codec stream', async () => {
    const { codec, probe } = streamingCodec();
    const r = encodeStream(image(), codec).getReader();
    await r.read();
    await r.cancel('client went away');
    expect(probe.cancelled).toBe(true);
    expect(probe.cancelReason).toBe('client went away');
    expect(probe.lastSignal!.aborted).toBe(true);
  });

  test('cancel during a one-shot encode drops its result', async () => {
    const { codec, probe } = oneShotCodec({ delayMs: 30 });
    const s = encodeStream(image(), codec);
    const r = s.getReader();
    const pending = r.read();
    await flush();
    await r.cancel();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(probe.lastSignal!.aborted).toBe(true);
    await new Promise((res) => setTimeout(res, 50));
    await forceGC();
    expect(probe.outputs[0].deref()).toBeUndefined();
    expect(s).toBeDefined(); // the stream itself is still referenced
  });

  test('after cancel the stream holds neither the image nor the encoded bytes', async () => {
    const { codec, probe } = oneShotCodec();
    let img: RGBAImage | undefined = image(512, 512);
    const imgRef = new WeakRef(img.pix.buffer);
    const s = encodeStream(img, codec, { chunkSize: 1000 });
    img = undefined;
    const r = s.getReader();
    await r.read(); // encoded; one chunk handed out (and dropped here)
    await forceGC();
    expect(imgRef.deref()).toBeUndefined(); // the image goes as soon as it is encoded
    expect(probe.outputs[0].deref()).toBeDefined(); // the control: mid-stream, the bytes are held
    await r.cancel();
    await forceGC();
    expect(probe.outputs[0].deref()).toBeUndefined();
    expect(s.locked).toBe(true); // still referenced, yet released
  });

  test('after cancel the codec stream and its chunks are collectable', async () => {
    const { codec, probe } = streamingCodec(100_000);
    const s = encodeStream(image(1000, 1000), codec);
    const r = s.getReader();
    await r.read();
    await r.cancel();
    await forceGC();
    expect(probe.chunks.every((c) => c.deref() === undefined)).toBe(true);
    expect(s).toBeDefined();
  });

  test('aborting the signal errors the stream with AbortError and releases the buffers', async () => {
    const { codec, probe } = oneShotCodec();
    const ac = new AbortController();
    const r = encodeStream(image(), codec, { signal: ac.signal, chunkSize: 1000 }).getReader();
    await r.read();
    ac.abort('deadline');
    const err = await r.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).code).toBe('ERR_ABORTED');
    expect((err as AbortError).cause).toBe('deadline');
    expect(probe.lastSignal!.aborted).toBe(true);
    await forceGC();
    expect(probe.outputs[0].deref()).toBeUndefined();
  });

  test('aborting a codec stream cancels it', async () => {
    const { codec, probe } = streamingCodec();
    const ac = new AbortController();
    const r = encodeStream(image(), codec, { signal: ac.signal }).getReader();
    await r.read();
    ac.abort();
    await expect(r.read()).rejects.toBeInstanceOf(AbortError);
    expect(probe.cancelled).toBe(true);
    expect(probe.cancelReason).toBeInstanceOf(AbortError);
  });

  test('an already aborted signal throws at once, before any encode', () => {
    const { codec, probe } = oneShotCodec();
    expect(() => encodeStream(image(), codec, { signal: AbortSignal.abort('x') })).toThrow(AbortError);
    expect(probe.calls).toBe(0);
  });

  test('a long-lived signal keeps no listener once the stream has ended, however it ended', async () => {
    const ac = new AbortController(); // lives on, like a server-wide shutdown signal
    let live = 0;
    const add = ac.signal.addEventListener.bind(ac.signal);
    const remove = ac.signal.removeEventListener.bind(ac.signal);
    ac.signal.addEventListener = ((...a: Parameters<typeof add>) => (live++, add(...a))) as typeof add;
    ac.signal.removeEventListener = ((...a: Parameters<typeof remove>) => (live--, remove(...a))) as typeof remove;
    // ends by completion
    await readAll(encodeStream(image(), oneShotCodec().codec, { signal: ac.signal, chunkSize: 1000 }));
    await readAll(encodeStream(image(), streamingCodec().codec, { signal: ac.signal }));
    // ends by cancel
    const r = encodeStream(image(), oneShotCodec().codec, { signal: ac.signal }).getReader();
    await r.read();
    await r.cancel();
    // ends by an encode error
    await readAll(encodeStream(image(), oneShotCodec({ fail: new Error('x') }).codec, { signal: ac.signal })).catch(() => {});
    expect(live).toBe(0);
  });
});

describe('options', () => {
  const { codec } = oneShotCodec();
  test.each([0, -1, 1.5, NaN, '10'])('chunkSize %s is an OptionError naming the option', (chunkSize) => {
    expect(() => encodeStream(image(), codec, { chunkSize: chunkSize as number })).toThrow(OptionError);
    expect(() => encodeStream(image(), codec, { chunkSize: chunkSize as number })).toThrow(/chunkSize/);
  });

  test('a non-image is an OptionError', () => {
    expect(() => encodeStream({} as RGBAImage, codec)).toThrow(OptionError);
  });

  test('a format name without a registry is looked up in the default registry', async () => {
    const { bytes } = await readAll(encodeStream(image(4, 4), 'image/jpeg'));
    expect([bytes[0], bytes[1], bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(() => encodeStream(image(), 'webp')).toThrow(/no codec writes "webp" \(registered: png, jpeg/);
  });

  test('a format is looked up by name, MIME type or extension', async () => {
    const registry = { codecs: () => [oneShotCodec().codec, streamingCodec().codec] };
    for (const f of ['fake1', 'FAKE1', 'image/x-fake1', 'fk1', '.fk1', 'fake2', 'fk2']) {
      const { bytes } = await readAll(encodeStream(image(10, 10), f, { registry }));
      expect(bytes).toEqual(pattern(400));
    }
  });

  test('an unknown format is an UnsupportedError listing the codecs', () => {
    const registry = { codecs: () => [oneShotCodec().codec] };
    const err = (() => {
      try {
        encodeStream(image(), 'webp', { registry });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toBeInstanceOf(ImagoError);
    expect((err as Error).message).toMatch(/"webp".*fake1/);
  });

  test('a decode-only codec is an UnsupportedError', () => {
    const { codec: c } = oneShotCodec();
    delete (c as { encode?: unknown }).encode;
    expect(() => encodeStream(image(), c)).toThrow(UnsupportedError);
  });

  test('encodedSize helper matches the image', () => {
    expect(encodedSize(image(3, 5))).toBe(60);
  });
});
