import { describe, expect, test } from 'vitest';
import { GrayImage, LimitError, OptionError, UnsupportedError, YCbCrImage, rect } from '../../../src/index.js';
import type { DecodeOptions, Limits } from '../../../src/codec/codec.js';
import { decodeJpeg, jpegCodec, JpegUnsupportedError, type JpegConfig } from '../../../src/codec/jpeg/index.js';
import { readFixtureFile } from './helpers.js';

const LIMITS: Limits = { maxPixels: 50_000_000, maxWidth: 65535, maxHeight: 65535, maxBytes: 100_000_000 };
const opts = (extra: Partial<DecodeOptions> = {}): DecodeOptions => ({ limits: LIMITS, ...extra });

/** A minimal header: SOI, then SOF0 claiming w×h with one component, then nothing. */
function bomb(w: number, h: number): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
}

describe('jpegCodec, the Codec value', () => {
  test('identity', () => {
    expect(jpegCodec.name).toBe('jpeg');
    expect(jpegCodec.mime).toBe('image/jpeg');
    expect(jpegCodec.extensions).toContain('jpg');
    expect(jpegCodec.magic).toEqual(['\xff\xd8']);
    expect(Object.isFrozen(jpegCodec)).toBe(true);
  });

  test('decodeConfig: Go fields plus frame facts, orientation and ICC', async () => {
    const cfg = (await jpegCodec.decodeConfig(readFixtureFile('photos/plasma-ColorfulCups-2560x1600.jpg'), opts())) as JpegConfig;
    expect(cfg).toMatchObject({ format: 'jpeg', width: 2560, height: 1600, bitDepth: 8, progressive: true, components: 3, subsampleRatio: '422', orientation: 1 });
    expect(cfg.colorModel.name).toBe('ycbcr');
    expect(cfg.icc!.length).toBeGreaterThan(100);
    // The ICC profile's own header says how long it is (bytes 0..3, big-endian).
    const icc = cfg.icc!;
    expect(((icc[0] << 24) | (icc[1] << 16) | (icc[2] << 8) | icc[3]) >>> 0).toBe(icc.length);
  });

  test('decodeConfig and decode check the limits before allocating', async () => {
    const small: Limits = { ...LIMITS, maxPixels: 1000 };
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    expect(() => jpegCodec.decodeConfig(bytes, { limits: small })).toThrow(LimitError);
    expect(() => jpegCodec.decode(bytes, { limits: small })).toThrow(LimitError);
    expect(() => jpegCodec.decode(bytes, { limits: { ...LIMITS, maxWidth: 149 } })).toThrow(/maxWidth/);
    expect(() => jpegCodec.decode(bytes, { limits: { ...LIMITS, maxHeight: 102 } })).toThrow(/maxHeight/);
    expect(() => jpegCodec.decode(bytes, { limits: { ...LIMITS, maxBytes: 100 } })).toThrow(/maxBytes/);
  });

  test('a 34-byte file claiming 65535x65535 is refused at once with a LimitError', () => {
    const b = bomb(65535, 65535);
    expect(b.length).toBe(34);
    const t = performance.now();
    expect(() => jpegCodec.decode(b, opts())).toThrow(LimitError);
    expect(performance.now() - t).toBeLessThan(50);
  });

  test('decode: the natural type, and the scale option', async () => {
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    const full = (await jpegCodec.decode(bytes, opts())) as YCbCrImage;
    expect(full).toBeInstanceOf(YCbCrImage);
    expect(full.subsampleRatio).toBe('420');
    const eighth = (await jpegCodec.decode(bytes, opts({ scale: 1 / 8 }))) as YCbCrImage;
    expect(eighth.rect.size()).toMatchObject({ x: 19, y: 13 });
    expect(() => jpegCodec.decode(bytes, opts({ scale: 3 }))).toThrow(OptionError);
  });

  test('encode and encodeStream take the options through', async () => {
    const img = new GrayImage(rect(0, 0, 40, 30));
    img.pix.forEach((_, i, a) => (a[i] = (i * 7) & 0xff));
    const a = (await jpegCodec.encode!(img, { quality: 90, optimizeHuffman: true })) as Uint8Array;
    const reader = jpegCodec.encodeStream!(img, { quality: 90, optimizeHuffman: true, chunkSize: 100 }).getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(Buffer.concat(parts)).toEqual(Buffer.from(a));
    expect(decodeJpeg(a)).toBeInstanceOf(GrayImage);
    expect(() => jpegCodec.encode!(img, { quality: 0 })).toThrow(OptionError);
    expect(() => jpegCodec.encode!(img, { optimizeHuffman: 'yes' })).toThrow(/optimizeHuffman/);
  });
});

describe('decodeJpeg arguments', () => {
  test('an aborted signal stops the decode with an AbortError; a non-Uint8Array input is an OptionError', () => {
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    expect(() => decodeJpeg(bytes, { signal: ac.signal })).toThrow(expect.objectContaining({ code: 'ERR_ABORTED' }));
    expect(() => decodeJpeg([1, 2] as unknown as Uint8Array)).toThrow(OptionError);
    expect(() => decodeJpeg(bytes, { limits: { maxPixels: -1 } })).toThrow(OptionError);
  });
});

describe('unsupported JPEGs give an UnsupportedError naming the feature and the marker', () => {
  test.each([
    ['jpeg/jpeg-decoder/reftest/lossless/1/jpeg_lossless_sel1.jpg', /SOF3 \(lossless.*0xffc3/],
    ['jpeg/libjpeg-turbo/testimgari.jpg', /SOF9 \(extended sequential, arithmetic coding\).*0xffc9/],
    ['jpeg/libjpeg-turbo/monkey12.jpg', /precision: 12-bit samples in SOF1 0xffc1/],
    ['jpeg/jpeg-decoder/reftest/mozilla/jpg-cmyk-2.jpg', /subsampling ratio/],
  ])('%s', (name, message) => {
    const bytes = readFixtureFile(name);
    let err: unknown;
    try {
      decodeJpeg(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toBeInstanceOf(JpegUnsupportedError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/at byte \d+$/);
    expect((err as { code: string }).code).toBe('ERR_UNSUPPORTED');
  });

  test('hierarchical and other SOF markers are named too', () => {
    for (const [m, name] of [
      [0xc5, 'SOF5'],
      [0xca, 'SOF10'],
      [0xcb, 'SOF11'],
      [0xcd, 'SOF13'],
      [0xde, 'DHP'],
      [0xcc, 'DAC'],
    ] as const) {
      const b = Uint8Array.from([0xff, 0xd8, 0xff, m, 0, 4, 0, 0]);
      expect(() => decodeJpeg(b)).toThrow(new RegExp(`${name} .*0xff${m.toString(16)} at byte 2`));
    }
  });
});
