/**
 * The Node bridge documented in spec/streaming.md: `Readable.fromWeb(encodeStream(...))` piped
 * with `pipeline` into a Node Writable (such as an http.ServerResponse). Backpressure must reach
 * the encoder, and a destination that fails (a client that disconnects) must cancel the encode.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, test } from 'vitest';
import { rect } from '../../src/geom/rectangle.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import { encodeStream } from '../../src/stream/index.js';
import { oneShotCodec, pattern, streamingCodec } from '../helpers/fake-codecs.js';
import { forceGC } from '../helpers/gc.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Writable that takes `delayMs` per chunk and records, per write, how far the codec was ahead. */
function slowSink(delayMs: number, ahead: () => number) {
  const got: Uint8Array[] = [];
  const lead: number[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Uint8Array, _enc, cb) {
      got.push(new Uint8Array(chunk));
      lead.push(ahead() - got.length);
      setTimeout(cb, delayMs);
    },
  });
  return { sink, got, lead };
}

describe('Node bridge: Readable.fromWeb + pipeline', () => {
  test('backpressure: the codec runs at most a few chunks ahead of a slow destination', async () => {
    const { codec, probe } = streamingCodec(4096);
    const img = new RGBAImage(rect(0, 0, 256, 64)); // 65,536 bytes = 16 chunks of 4 KiB
    const { sink, got, lead } = slowSink(3, () => probe.produced);
    await pipeline(Readable.fromWeb(encodeStream(img, codec) as never, { highWaterMark: 4096 }), sink);
    expect(Buffer.concat(got)).toEqual(Buffer.from(pattern(65_536)));
    // Without backpressure the codec would be 15 chunks ahead at the first write. With it, the
    // lead is bounded by the bridge's buffers: the Readable's (1 chunk of 4 KiB), the Writable's
    // 16 KiB (4 chunks) and the chunk being written. (Seen: at most 3.)
    expect(Math.max(...lead)).toBeLessThanOrEqual(6);
  });

  test('a one-shot encode reaches the destination whole, chunk by chunk', async () => {
    const { codec } = oneShotCodec();
    const img = new RGBAImage(rect(0, 0, 200, 100)); // 80,000 bytes
    const { sink, got } = slowSink(0, () => 0);
    await pipeline(Readable.fromWeb(encodeStream(img, codec, { chunkSize: 16_384 }) as never), sink);
    expect(got.map((c) => c.length)).toEqual([16_384, 16_384, 16_384, 16_384, 80_000 - 4 * 16_384]);
    expect(Buffer.concat(got)).toEqual(Buffer.from(pattern(80_000)));
  });

  test('a destination that fails mid-stream (a disconnect) cancels the encode and frees its buffers', async () => {
    const { codec, probe } = streamingCodec(8192);
    const img = new RGBAImage(rect(0, 0, 1024, 1024)); // 4 MiB: 512 chunks
    let writes = 0;
    const sink = new Writable({
      write(_chunk, _enc, cb) {
        if (++writes === 3) return cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        cb();
      },
    });
    const err = await pipeline(Readable.fromWeb(encodeStream(img, codec) as never), sink).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('ECONNRESET');
    await sleep(10);
    expect(probe.cancelled).toBe(true);
    expect(probe.lastSignal!.aborted).toBe(true);
    expect(probe.produced).toBeLessThan(20); // stopped early, nowhere near 512
    await forceGC();
    expect(probe.chunks.filter((c) => c.deref() !== undefined)).toEqual([]);
  });

  test('destroying the bridge (as http does on a closed socket) cancels a one-shot encode', async () => {
    const { codec, probe } = oneShotCodec();
    const img = new RGBAImage(rect(0, 0, 512, 512));
    const readable = Readable.fromWeb(encodeStream(img, codec, { chunkSize: 4096 }) as never);
    // Keep only the length: a chunk is a view, and holding it would hold the whole encoding.
    const firstLength = await new Promise<number>((resolve) => readable.once('data', (c: Buffer) => resolve(c.length)));
    expect(firstLength).toBe(4096);
    readable.destroy();
    await sleep(10);
    expect(probe.lastSignal!.aborted).toBe(true);
    await forceGC();
    expect(probe.outputs[0].deref()).toBeUndefined();
  });
});
