import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BufferImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  NRGBA64Image,
  NYCbCrAImage,
  OptionError,
  PalettedImage,
  RGBA,
  RGBAImage,
  RGBAModel,
  YCbCrImage,
  orient,
  readExifOrientation,
  rect,
  type Image,
  type SubsampleRatio,
} from '../../src/index.js';
import { decodeConfig } from '../../src/codecs.js';
import { corpus } from '../helpers/corpus.js';
import { rgba64 } from '../helpers/pixels.js';

/**
 * The reference: destination pixel (x, y) of orientation o comes from stored pixel
 * src(x, y) below (w×h is the stored size), written straight from the EXIF definitions:
 * 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 CW, 7 transverse, 8 rotate 90 CCW.
 */
function sourceOf(o: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 1: return [x, y];
    case 2: return [w - 1 - x, y];
    case 3: return [w - 1 - x, h - 1 - y];
    case 4: return [x, h - 1 - y];
    case 5: return [y, x];
    case 6: return [y, h - 1 - x];
    case 7: return [w - 1 - y, h - 1 - x];
    default: return [w - 1 - y, x];
  }
}

/** Whether out is img in orientation o, pixel by pixel (colours). */
function matchesReference(img: Image, out: Image, o: number): boolean {
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  const ob = out.bounds();
  const [ew, eh] = o >= 5 ? [h, w] : [w, h];
  if (ob.min.x !== 0 || ob.min.y !== 0 || ob.dx() !== ew || ob.dy() !== eh) return false;
  const c = [0, 0, 0, 0];
  const d = [0, 0, 0, 0];
  for (let y = 0; y < eh; y++) {
    for (let x = 0; x < ew; x++) {
      const [sx, sy] = sourceOf(o, x, y, w, h);
      rgba64(out, x, y, c);
      rgba64(img, b.min.x + sx, b.min.y + sy, d);
      if (c.join() !== d.join()) return false;
    }
  }
  return true;
}

const KINDS = ['gray', 'gray16', 'rgba', 'nrgba64', 'cmyk', 'paletted'] as const;

/** A random buffer image: random kind and bytes, and a sub-image with a non-zero origin and padded stride. */
const arbBufferImage = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    w: fc.integer({ min: 1, max: 9 }),
    h: fc.integer({ min: 1, max: 9 }),
    ox: fc.integer({ min: -5, max: 5 }),
    oy: fc.integer({ min: -5, max: 5 }),
    pad: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer(),
  })
  .map(({ kind, w, h, ox, oy, pad, seed }) => {
    const r = rect(ox - pad, oy - pad, ox + w + pad, oy + h + pad);
    const pal = [new RGBA(0, 0, 0, 255), new RGBA(255, 0, 0, 255), new RGBA(0, 0, 128, 128), new RGBA(10, 20, 30, 255)];
    const big: BufferImage =
      kind === 'gray' ? new GrayImage(r)
      : kind === 'gray16' ? new Gray16Image(r)
      : kind === 'rgba' ? new RGBAImage(r)
      : kind === 'nrgba64' ? new NRGBA64Image(r)
      : kind === 'cmyk' ? new CMYKImage(r)
      : new PalettedImage(r, pal);
    let s = seed >>> 0;
    for (let i = 0; i < big.pix.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      big.pix[i] = kind === 'paletted' ? (s >>> 24) & 3 : s >>> 24;
    }
    if (kind === 'rgba') for (let i = 0; i < big.pix.length; i += 4) big.pix[i + 3] = 255; // keep premultiplied valid
    return big.subImage(rect(ox, oy, ox + w, oy + h));
  });

describe('orient', () => {
  test('every orientation of every buffer layout matches the EXIF definition, keeping the type', () => {
    fc.assert(
      fc.property(arbBufferImage, fc.integer({ min: 1, max: 8 }), (img, o) => {
        const out = orient(img, o);
        if (o === 1) {
          expect(out).toBe(img);
          return;
        }
        expect(matchesReference(img, out, o)).toBe(true);
        {
          expect(out.constructor).toBe(img.constructor);
          expect((out as BufferImage).pix.buffer).not.toBe(img.pix.buffer); // owned, shares nothing
        }
        if (img instanceof PalettedImage) expect((out as PalettedImage).palette).toBe(img.palette);
      }),
      { numRuns: 300 },
    );
  });

  test('laws: 6 then 8 is identity, 2 and 4 are involutions, 3 is 6 twice, 5 is 2 then 8', () => {
    fc.assert(
      fc.property(arbBufferImage, (img) => {
        const at0 = img.subImage(img.rect).clone(); // same pixels, but compare positions from (0, 0)
        const same = (a: Image, b: Image) => matchesReference(b, a, 1);
        const origin = orient(orient(at0, 2), 2);
        expect(same(orient(orient(img, 6), 8), origin)).toBe(true);
        expect(same(orient(orient(img, 4), 4), origin)).toBe(true);
        expect(same(orient(img, 3), orient(orient(img, 6), 6))).toBe(true);
        expect(same(orient(img, 5), orient(orient(img, 2), 8))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('orientation 1 returns the image itself; anything but 1..8 is an OptionError', () => {
    const img = new GrayImage(rect(0, 0, 2, 2));
    expect(orient(img, 1)).toBe(img);
    for (const bad of [0, 9, 1.5, Number.NaN]) expect(() => orient(img, bad)).toThrow(OptionError);
  });

  test.each([
    ['444', rect(1, 3, 6, 8), true],
    ['420', rect(2, 4, 8, 10), true],
    ['422', rect(0, 0, 6, 3), true],
    ['440', rect(0, 0, 3, 4), true],
    ['420', rect(1, 0, 7, 4), false], // odd origin: chroma pairs straddle the flip
    ['411', rect(0, 0, 8, 2), true], // aligned, but a transposed 4:1:1 (o ≥ 5) has no ratio
  ] as const)('Y\'CbCr %s %s: exact planes when the chroma grid maps onto itself', (ratio, r, aligned) => {
    for (const o of [2, 3, 6, 7]) {
      const img = new YCbCrImage(r, ratio as SubsampleRatio);
      for (const p of [img.y, img.cb, img.cr]) for (let i = 0; i < p.length; i++) p[i] = (i * 37 + 11) & 0xff;
      const out = orient(img, o);
      const keeps = aligned && !(ratio === '411' && o >= 5);
      if (keeps) {
        expect(out).toBeInstanceOf(YCbCrImage);
        if (o >= 5 && ratio === '422') expect((out as YCbCrImage).subsampleRatio).toBe('440');
        expect(matchesReference(img, out, o)).toBe(true);
      } else {
        // Converted to RGBA with Go's RGBAModel (16-bit narrowed by >> 8).
        expect(out).toBeInstanceOf(RGBAImage);
        const conv = new RGBAImage(img.bounds());
        for (let y = r.min.y; y < r.max.y; y++) for (let x = r.min.x; x < r.max.x; x++) conv.set(x, y, RGBAModel.convert(img.at(x, y)));
        expect(matchesReference(conv, out, o)).toBe(true);
      }
    }
  });

  test('NYCbCrA keeps its alpha plane; other images become RGBA', () => {
    const img = new NYCbCrAImage(rect(0, 0, 4, 2), '420');
    img.a.set([0, 50, 100, 150, 200, 250, 255, 1]);
    img.y.fill(200);
    img.cb.fill(128);
    img.cr.fill(128);
    const out = orient(img, 6);
    expect(out).toBeInstanceOf(NYCbCrAImage);
    expect(matchesReference(img, out, 6)).toBe(true);
    // A custom image that is only an Image (bounds, at, colorModel): read through at().
    const custom: Image = {
      bounds: () => rect(10, 20, 12, 23),
      colorModel: () => RGBAModel,
      at: (x: number, y: number) => new RGBA(x, y, 0, 255),
    };
    const u = orient(custom, 5);
    expect(u).toBeInstanceOf(RGBAImage);
    expect(matchesReference(custom, u, 5)).toBe(true);
  });
});

describe('readExifOrientation', () => {
  /** A minimal TIFF block with IFD0 holding the given entries [tag, type, count, value]. */
  function tiff(little: boolean, entries: Array<[number, number, number, number]>, ifdOffset = 8): Uint8Array {
    const b = new Uint8Array(ifdOffset + 2 + entries.length * 12 + 4);
    const dv = new DataView(b.buffer);
    b.set(little ? [0x49, 0x49] : [0x4d, 0x4d]);
    dv.setUint16(2, 42, little);
    dv.setUint32(4, ifdOffset, little);
    dv.setUint16(ifdOffset, entries.length, little);
    entries.forEach(([tag, type, count, value], k) => {
      const e = ifdOffset + 2 + k * 12;
      dv.setUint16(e, tag, little);
      dv.setUint16(e + 2, type, little);
      dv.setUint32(e + 4, count, little);
      dv.setUint16(e + 8, value, little);
    });
    return b;
  }

  test('reads the orientation in both byte orders, after other tags', () => {
    for (const little of [true, false]) {
      for (let o = 1; o <= 8; o++) {
        expect(readExifOrientation(tiff(little, [[0x010f, 2, 4, 0], [0x0112, 3, 1, o]]))).toBe(o);
      }
    }
  });

  test('malformed or out-of-range data gives undefined, never an exception', () => {
    expect(readExifOrientation(tiff(true, [[0x0112, 3, 1, 0]]))).toBeUndefined(); // 0: "undefined"
    expect(readExifOrientation(tiff(true, [[0x0112, 3, 1, 9]]))).toBeUndefined();
    expect(readExifOrientation(tiff(true, [[0x0112, 4, 1, 6]]))).toBeUndefined(); // LONG, not SHORT
    expect(readExifOrientation(tiff(true, [[0x0112, 3, 0, 6]]))).toBeUndefined(); // no values
    expect(readExifOrientation(tiff(true, [[0x0112, 3, 1, 6]]).subarray(0, 20))).toBeUndefined(); // truncated entry
    expect(readExifOrientation(new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
    expect(readExifOrientation(new Uint8Array([0x41, 0x41, 0, 42, 0, 0, 0, 8]))).toBeUndefined();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      const o = readExifOrientation(b);
      expect(o === undefined || (o >= 1 && o <= 8)).toBe(true);
    }));
  });

  test('PNG eXIf chunks are read too (PngSuite exif2c08.png)', async () => {
    const c = await decodeConfig(corpus('pngsuite/exif2c08.png'));
    expect(c.orientation).toBe(readExifOrientation(exifChunk(corpus('pngsuite/exif2c08.png'))));
  });
});

/** The data of the first eXIf chunk of a PNG, found the slow obvious way. */
function exifChunk(png: Uint8Array): Uint8Array {
  for (let i = 8; i + 8 <= png.length; ) {
    const len = new DataView(png.buffer, png.byteOffset).getUint32(i);
    const type = String.fromCharCode(...png.subarray(i + 4, i + 8));
    if (type === 'eXIf') return png.subarray(i + 8, i + 8 + len);
    i += 12 + len;
  }
  return new Uint8Array(0);
}
