import { describe, expect, test } from 'vitest';
import { OptionError, UnsupportedError } from '../../src/errors.js';
import { rect } from '../../src/geom/rectangle.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import { toResponse } from '../../src/stream/index.js';
import { oneShotCodec, pattern, streamingCodec } from '../helpers/fake-codecs.js';

const image = () => new RGBAImage(rect(0, 0, 50, 20)); // 4,000 bytes encoded

describe('toResponse', () => {
  test('streams the encoding with the codec MIME type', async () => {
    const { codec, probe } = oneShotCodec();
    const res = toResponse(image(), codec);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-fake1');
    expect(res.headers.has('content-length')).toBe(false);
    expect(probe.calls).toBe(0); // nothing encoded until the body is read
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pattern(4000));
  });

  test('takes status and headers; a given content-type wins', async () => {
    const { codec } = streamingCodec();
    const res = toResponse(image(), codec, {
      status: 201,
      headers: { 'cache-control': 'max-age=60', 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pattern(4000));
  });

  test('looks a format name up in the registry', async () => {
    const registry = { codecs: () => [streamingCodec().codec] };
    const res = toResponse(image(), 'image/x-fake2', { registry });
    expect(res.headers.get('content-type')).toBe('image/x-fake2');
  });

  test('cancelling the body cancels the encode', async () => {
    const { codec, probe } = streamingCodec(100);
    const res = toResponse(image(), codec);
    const r = res.body!.getReader();
    await r.read();
    await r.cancel();
    expect(probe.cancelled).toBe(true);
    expect(probe.lastSignal!.aborted).toBe(true);
  });

  test('bad options are OptionErrors naming the option; an unknown format is unsupported', () => {
    const { codec } = oneShotCodec();
    expect(() => toResponse(image(), codec, { status: 99 })).toThrow(/status/);
    expect(() => toResponse(image(), codec, { status: 99 })).toThrow(OptionError);
    expect(() => toResponse(image(), codec, { headers: [['bad header', 'x']] })).toThrow(OptionError);
    expect(() => toResponse(image(), 'gif', { registry: { codecs: () => [codec] } })).toThrow(UnsupportedError);
  });
});
