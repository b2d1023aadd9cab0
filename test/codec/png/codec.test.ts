import { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { GrayModel } from '../../../src/color/models.js';
import { Palette } from '../../../src/color/palette.js';
import { OptionError, UnsupportedError } from '../../../src/errors.js';
import { rect } from '../../../src/geom/rectangle.js';
import { GrayImage } from '../../../src/image/gray-image.js';
import { PalettedImage } from '../../../src/image/paletted-image.js';
import { RGBA } from '../../../src/color/rgba.js';
import { pngCodec } from '../../../src/codec/png/index.js';
import { getAllocationLimits } from '../../../src/lifetime/alloc.js';
import { firstDifference, fixtureBytes } from './helpers.js';
import type { ZlibPair } from '../../../src/codec/png/inflate.js';
import { crc32Update } from '../../../src/codec/crc32.js';

const limits = { maxPixels: getAllocationLimits().maxPixels, maxWidth: 1 << 20, maxHeight: 1 << 20, maxBytes: 1 << 30 };

function noisy(w: number, h: number): GrayImage {
  const m = new GrayImage(rect(0, 0, w, h));
  let x = 88172645;
  for (let i = 0; i < m.pix.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    m.pix[i] = (i % 3 === 0 ? x : i) & 0xff;
  }
  return m;
}

describe('pngCodec', () => {
  test('is a plain frozen value with PNG’s name, MIME type and signature', () => {
    expect(pngCodec.name).toBe('png');
    expect(pngCodec.mime).toBe('image/png');
    expect(pngCodec.extensions).toEqual(['png']);
    expect(Array.from(pngCodec.magic![0] as Uint8Array)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Object.isFrozen(pngCodec)).toBe(true);
  });

  test('decodeConfig reads the header; decode returns the image', async () => {
    const bytes = fixtureBytes('pngsuite/basn0g08.png');
    const cfg = await pngCodec.decodeConfig(bytes, { limits });
    expect(cfg).toEqual({ format: 'png', width: 32, height: 32, colorModel: GrayModel, bitDepth: 8 });
    const pal = await pngCodec.decodeConfig(fixtureBytes('pngsuite/basn3p04.png'), { limits });
    expect(pal.colorModel).toBeInstanceOf(Palette);
    const img = await pngCodec.decode(bytes, { limits });
    expect(img.bounds()).toEqual(rect(0, 0, 32, 32));
    await expect(pngCodec.decode(bytes, { limits: { ...limits, maxPixels: 100 } })).rejects.toThrow(/maxPixels/);
  });

  test('decodeConfig reports the EXIF orientation of an eXIf chunk', async () => {
    const png = await pngCodec.encode!(noisy(3, 2), {});
    // A big-endian TIFF block: header, IFD0 at 8 with one entry, Orientation (0x0112) SHORT 1 = 6.
    const tiff = new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0]);
    const exif = new Uint8Array(12 + tiff.length);
    const dv = new DataView(exif.buffer);
    dv.setUint32(0, tiff.length);
    exif.set([0x65, 0x58, 0x49, 0x66], 4); // "eXIf"
    exif.set(tiff, 8);
    dv.setUint32(8 + tiff.length, crc32Update(0, exif, 4, 8 + tiff.length));
    const ihdrEnd = 8 + 25;
    const withExif = new Uint8Array([...png.subarray(0, ihdrEnd), ...exif, ...png.subarray(ihdrEnd)]);
    expect((await pngCodec.decodeConfig(withExif, { limits })).orientation).toBe(6);
    expect((await pngCodec.decodeConfig(png, { limits })).orientation).toBeUndefined();
  });

  test('encode and encodeStream agree and round-trip', async () => {
    const m = noisy(40, 30);
    const a = await pngCodec.encode!(m, {});
    const b = new Uint8Array(await new Response(pngCodec.encodeStream!(m, {})).arrayBuffer());
    expect(firstDifference(b, a)).toBe('');
    const back = (await pngCodec.decode(a, { limits })) as GrayImage;
    expect(firstDifference(back.pix, m.pix)).toBe('');
  });

  test('PalettedImage is written as a palette PNG with tRNS', async () => {
    const m = new PalettedImage(rect(0, 0, 4, 1), [new RGBA(255, 0, 0, 255), new RGBA(0, 0, 0, 0)], new Uint8Array([0, 1, 1, 0]));
    const png = await pngCodec.encode!(m, {});
    const text = String.fromCharCode(...png);
    expect(text).toContain('PLTE');
    expect(text).toContain('tRNS');
    expect(png[8 + 8 + 9]).toBe(3); // IHDR colour type
    expect(png[8 + 8 + 8]).toBe(1); // two colours: 1 bit
  });

  test('compression levels: 0 is stored, a compressor receives the numeric level', async () => {
    const m = noisy(200, 100);
    const stored = await pngCodec.encode!(m, { compressionLevel: 0 });
    const dflt = await pngCodec.encode!(m, {});
    expect(stored.length).toBeGreaterThan(200 * 100);
    expect(dflt.length).toBeLessThan(stored.length);
    const seen: (number | undefined)[] = [];
    const compressor = (level: number | undefined): ZlibPair => {
      seen.push(level);
      return Duplex.toWeb(zlib.createDeflate({ level: level ?? 6 })) as unknown as ZlibPair;
    };
    const best = await pngCodec.encode!(m, { compressionLevel: 9, compressor });
    const fast = await pngCodec.encode!(m, { compressionLevel: 1, compressor });
    expect(seen).toEqual([9, 1]);
    expect(best.length).toBeLessThanOrEqual(fast.length);
    for (const p of [stored, best, fast]) expect(firstDifference(((await pngCodec.decode(p, { limits })) as GrayImage).pix, m.pix)).toBe('');
  });

  test('each fixed filter is used on every row and round-trips', async () => {
    const m = noisy(37, 9);
    for (const [name, f] of [['none', 0], ['sub', 1], ['up', 2], ['average', 3], ['paeth', 4]] as const) {
      const png = await pngCodec.encode!(m, { filter: name });
      const back = (await pngCodec.decode(png, { limits })) as GrayImage;
      expect(firstDifference(back.pix, m.pix)).toBe('');
      const z = png.subarray(8 + 25 + 8, png.length - 12 - 4); // the one IDAT's data
      const raw = new Uint8Array(await new Response(new Blob([z as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
      for (let y = 0; y < 9; y++) expect(raw[y * 38]).toBe(f);
    }
  });

  test('bad images and options are refused with typed errors', async () => {
    const m = noisy(4, 4);
    expect(() => pngCodec.encodeStream!(m, { compressionLevel: 10 })).toThrow(OptionError);
    expect(() => pngCodec.encodeStream!(m, { filter: 'best' })).toThrow(/filter must be one of adaptive, none, sub, up, average, paeth/);
    expect(() => pngCodec.encodeStream!(m, { bitDepth: 16 })).toThrow(/bitDepth 16 is not available: .* at 8 bits/);
    expect(() => pngCodec.encodeStream!(m, { bitDepth: 8 })).not.toThrow();
    expect(() => pngCodec.encodeStream!(new GrayImage(rect(0, 0, 0, 5)), {})).toThrow(UnsupportedError);
    const big = new PalettedImage(rect(0, 0, 1, 1), Array.from({ length: 257 }, () => new RGBA(0, 0, 0, 255)));
    await expect(pngCodec.encode!(big, {})).rejects.toBeInstanceOf(UnsupportedError);
    await expect(pngCodec.encode!({} as never, {})).rejects.toBeInstanceOf(OptionError);
  });
});
