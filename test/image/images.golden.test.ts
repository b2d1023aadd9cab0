/**
 * Every image type against Go (fixtures/model/images.json): non-zero origin, padded stride, the
 * bytes left by a sequence of set / setRGBA64 calls, what at / rgba64At read back (also just
 * outside the bounds), opaque(), sub-image bounds and buffer offsets, and the planar Y'CbCr
 * layouts for every subsampling ratio with odd and negative origins.
 */
import { describe, expect, test } from 'vitest';
import {
  Alpha16Image,
  AlphaImage,
  BufferImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  NRGBA64Image,
  NRGBAImage,
  NYCbCrAImage,
  Palette,
  PalettedImage,
  RGBA64,
  RGBA64Image,
  RGBAImage,
  White,
  YCbCrImage,
  plan9,
  rect,
  type Rectangle,
  type SubsampleRatio,
} from '../../src/index.js';
import { HashStream, decodeColor, encodeColor, loadFixture, type EncodedColor } from '../helpers/golden-model.js';

type R4 = [number, number, number, number];

interface BufferCase {
  kind: string;
  rect: R4;
  stride: number;
  pixLen: number;
  rgba64Sets: [x: number, y: number, r: number, g: number, b: number, a: number][];
  pix: string;
  at: [EncodedColor, R4][];
  opaque: boolean;
  whiteOpaque: boolean;
  sub: { r: R4; bounds: R4; offset: number; stride: number; opaque: boolean }[];
}

interface YCbCrCase {
  ratio: SubsampleRatio;
  rect: R4;
  alpha: boolean;
  padded: boolean;
  yStride: number;
  cStride: number;
  cw: number;
  ch: number;
  yLen: number;
  cLen: number;
  aStride?: number;
  aLen?: number;
  opaque?: boolean;
  cOffsets: number[];
  readSha256: string;
  sub: { r: R4; bounds: R4; yOffset: number; cOffset: number; aOffset: number }[];
}

interface ImagesFixture {
  setColors: EncodedColor[];
  smallPalette: EncodedColor[];
  buffers: BufferCase[];
  ycbcr: YCbCrCase[];
  ycbcrChromaBug: { ratio: SubsampleRatio; rect: R4; cw: number; ch: number; cOffsets: number[]; goPanics: boolean }[];
}

const fx = loadFixture<ImagesFixture>('images');
const setColors = fx.setColors.map(decodeColor);
const smallPalette = new Palette(fx.smallPalette.map(decodeColor));

const toRect = (r: R4): Rectangle => rect(r[0], r[1], r[2], r[3]);
const fromRect = (r: Rectangle): R4 => [r.min.x, r.min.y, r.max.x, r.max.y];
const hex = (p: Uint8Array): string => Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('hex');

function makeBuffer(kind: string, r: Rectangle, pix: Uint8Array, stride: number): BufferImage {
  switch (kind) {
    case 'RGBA':
      return new RGBAImage(r, pix, stride);
    case 'RGBA64':
      return new RGBA64Image(r, pix, stride);
    case 'NRGBA':
      return new NRGBAImage(r, pix, stride);
    case 'NRGBA64':
      return new NRGBA64Image(r, pix, stride);
    case 'Alpha':
      return new AlphaImage(r, pix, stride);
    case 'Alpha16':
      return new Alpha16Image(r, pix, stride);
    case 'Gray':
      return new GrayImage(r, pix, stride);
    case 'Gray16':
      return new Gray16Image(r, pix, stride);
    case 'CMYK':
      return new CMYKImage(r, pix, stride);
    case 'Paletted.plan9':
      return new PalettedImage(r, plan9, pix, stride);
    case 'Paletted.small':
      return new PalettedImage(r, smallPalette, pix, stride);
  }
  throw new Error(kind);
}

/** The image of one fixture case after the generator's sequence of writes. */
function replay(c: BufferCase): { m: BufferImage; pix: Uint8Array } {
  const b = toRect(c.rect);
  const pix = new Uint8Array(c.pixLen).map((_, i) => (i * 7 + 3) & 0xff);
  const m = makeBuffer(c.kind, b, pix, c.stride);
  let k = 0;
  for (let y = b.min.y - 1; y <= b.max.y; y++) {
    for (let x = b.min.x - 1; x <= b.max.x; x++) m.set(x, y, setColors[k++ % setColors.length]);
  }
  for (const [x, y, r, g, bb, a] of c.rgba64Sets) m.setRGBA64(x, y, new RGBA64(r, g, bb, a));
  return { m, pix };
}

describe('buffer images against Go', () => {
  test('the fixture covers every buffer type', () => {
    expect(fx.buffers.map((c) => c.kind)).toEqual([
      'RGBA',
      'RGBA64',
      'NRGBA',
      'NRGBA64',
      'Alpha',
      'Alpha16',
      'Gray',
      'Gray16',
      'CMYK',
      'Paletted.plan9',
      'Paletted.small',
    ]);
  });

  describe.each(fx.buffers.map((c) => [c.kind, c] as const))('%s', (_, c) => {
    test('set and setRGBA64 leave Go\'s bytes (padding and the outside untouched)', () => {
      const { pix } = replay(c);
      expect(hex(pix)).toBe(c.pix);
    });

    test('at, rgba64At and loadRGBA64 read Go\'s colours, inside and just outside the bounds', () => {
      const { m } = replay(c);
      const b = toRect(c.rect);
      const out = [0, 0, 0, 0];
      let i = 0;
      for (let y = b.min.y - 1; y <= b.max.y; y++) {
        for (let x = b.min.x - 1; x <= b.max.x; x++, i++) {
          const [enc, rgba64] = c.at[i];
          expect(encodeColor(m.at(x, y)), `at(${x}, ${y})`).toEqual(enc);
          const r = m.rgba64At(x, y);
          expect([r.r, r.g, r.b, r.a], `rgba64At(${x}, ${y})`).toEqual(rgba64);
          m.loadRGBA64(x, y, out);
          expect(out, `loadRGBA64(${x}, ${y})`).toEqual(rgba64);
        }
      }
      expect(i).toBe(c.at.length);
    });

    test('opaque() as Go, also for an all-white image whose padding is not opaque', () => {
      const { m, pix } = replay(c);
      expect(m.opaque()).toBe(c.opaque);
      const w = makeBuffer(c.kind, m.rect, pix.slice(), c.stride);
      for (let y = w.rect.min.y; y < w.rect.max.y; y++) for (let x = w.rect.min.x; x < w.rect.max.x; x++) w.set(x, y, White);
      expect(w.opaque()).toBe(c.whiteOpaque);
    });

    test('subImage: Go\'s bounds, stride and offset into the parent\'s buffer', () => {
      const { m, pix } = replay(c);
      for (const s of c.sub) {
        const sub = m.subImage(toRect(s.r));
        const offset = sub.pix.length === 0 ? -1 : sub.pix.byteOffset - pix.byteOffset;
        expect({ r: s.r, bounds: fromRect(sub.bounds()), offset, stride: sub.stride, opaque: sub.opaque() }).toEqual(s);
        if (offset >= 0) expect(sub.pix.buffer).toBe(pix.buffer);
      }
    });
  });
});

function makeYCbCr(c: YCbCrCase): YCbCrImage {
  const b = toRect(c.rect);
  if (!c.padded) return c.alpha ? new NYCbCrAImage(b, c.ratio) : new YCbCrImage(b, c.ratio);
  const planes = { y: new Uint8Array(c.yLen), cb: new Uint8Array(c.cLen), cr: new Uint8Array(c.cLen), yStride: c.yStride, cStride: c.cStride };
  if (!c.alpha) return new YCbCrImage(b, c.ratio, planes);
  return new NYCbCrAImage(b, c.ratio, { ...planes, a: new Uint8Array(c.aLen!), aStride: c.aStride! });
}

describe('Y\'CbCr images against Go', () => {
  test('the fixture covers every ratio, with and without alpha and padding', () => {
    expect(new Set(fx.ycbcr.map((c) => c.ratio))).toEqual(new Set(['444', '422', '420', '440', '411', '410']));
    expect(fx.ycbcr.some((c) => c.rect[0] < 0 && c.rect[1] < 0)).toBe(true);
    expect(fx.ycbcr.some((c) => c.rect[0] % 2 !== 0)).toBe(true);
  });

  test.each(fx.ycbcr.map((c) => [`${c.ratio} ${c.rect.join(',')}${c.alpha ? ' alpha' : ''}${c.padded ? ' padded' : ''}`, c] as const))(
    '%s',
    (_, c) => {
      const m = makeYCbCr(c);
      const b = toRect(c.rect);
      // Layout: strides and plane lengths as Go's NewYCbCr / NewNYCbCrA (or the padded planes).
      expect({ yStride: m.yStride, cStride: m.cStride, yLen: m.y.length, cLen: m.cb.length }).toEqual({
        yStride: c.yStride,
        cStride: c.cStride,
        yLen: c.yLen,
        cLen: c.cLen,
      });
      expect(m.cr.length).toBe(c.cLen);
      if (!c.padded) {
        // One allocation, planes in Go's order: Y, Cb, Cr (then A).
        expect(m.cb.buffer).toBe(m.y.buffer);
        expect(m.cb.byteOffset).toBe(c.yLen);
        expect(m.cr.byteOffset).toBe(c.yLen + c.cLen);
      }
      if (m instanceof NYCbCrAImage) {
        expect({ aStride: m.aStride, aLen: m.a.length }).toEqual({ aStride: c.aStride, aLen: c.aLen });
        if (!c.padded) expect(m.a.byteOffset).toBe(c.yLen + 2 * c.cLen);
      }
      m.y.forEach((_, i) => (m.y[i] = i * 3 + 1));
      m.cb.forEach((_, i) => (m.cb[i] = i * 5 + 7));
      m.cr.forEach((_, i) => (m.cr[i] = i * 11 + 200));
      if (m instanceof NYCbCrAImage) m.a.forEach((_, i) => (m.a[i] = i * 13 + 5));

      const cOffsets: number[] = [];
      for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) cOffsets.push(m.cOffset(x, y));
      expect(cOffsets).toEqual(c.cOffsets ?? []); // Go writes an empty list as null

      const s = new HashStream();
      const out = [0, 0, 0, 0];
      for (let y = b.min.y - 1; y <= b.max.y; y++) {
        for (let x = b.min.x - 1; x <= b.max.x; x++) {
          const [, ...f] = encodeColor(m.at(x, y));
          for (const v of f) s.u8(v);
          const r = m.rgba64At(x, y);
          for (const v of [r.r, r.g, r.b, r.a]) s.u16(v);
          m.loadRGBA64(x, y, out);
          expect(out).toEqual([r.r, r.g, r.b, r.a]);
        }
      }
      expect(s.digest().sha256).toBe(c.readSha256);
      if (c.opaque !== undefined) expect(m.opaque()).toBe(c.opaque);
      else expect(m.opaque()).toBe(true);

      for (const sr of c.sub) {
        const sub = m.subImage(toRect(sr.r));
        const empty = sub.rect.empty();
        const got = {
          r: sr.r,
          bounds: fromRect(sub.bounds()),
          yOffset: empty ? -1 : sub.y.byteOffset - m.y.byteOffset,
          cOffset: empty ? -1 : sub.cb.byteOffset - m.cb.byteOffset,
          aOffset: !(sub instanceof NYCbCrAImage) || empty ? -1 : sub.a.byteOffset - (m as NYCbCrAImage).a.byteOffset,
        };
        expect(got).toEqual(sr);
        if (!empty) expect(sub.cr.byteOffset - m.cr.byteOffset).toBe(got.cOffset);
        // Every pixel of the view reads as in the parent.
        for (let y = sub.rect.min.y; y < sub.rect.max.y; y++) {
          for (let x = sub.rect.min.x; x < sub.rect.max.x; x++) expect(sub.at(x, y)).toEqual(m.at(x, y));
        }
      }
    },
  );
});

describe('Go\'s chroma-size bug (max.x or max.y in (1 - factor, 0]): fixed here', () => {
  test('the fixture holds cases where Go\'s At panics', () => {
    expect(fx.ycbcrChromaBug.filter((c) => c.goPanics).length).toBeGreaterThan(5);
  });

  test.each(fx.ycbcrChromaBug.map((c) => [`${c.ratio} ${c.rect.join(',')}`, c] as const))('%s', (_, c) => {
    const m = new YCbCrImage(toRect(c.rect), c.ratio);
    const b = m.rect;
    const offs: number[] = [];
    for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) offs.push(m.cOffset(x, y));
    const w = b.dx();
    if (m.cStride === c.cw) {
      // Only the row count was short: the layout, and so every offset, is Go's.
      expect(offs).toEqual(c.cOffsets);
    } else {
      // Go's rows are one sample short, so its row j ends where row j+1 starts. Here rows are one
      // sample longer: the first luma row (pure column offsets) matches Go, and every other luma
      // row repeats it shifted by a whole number of chroma strides.
      expect(m.cStride).toBe(c.cw + 1);
      expect(offs.slice(0, w)).toEqual(c.cOffsets.slice(0, w));
      for (let j = 0; j < b.dy(); j++) {
        const shift = offs[j * w] - offs[0];
        expect(shift % m.cStride).toBe(0);
        expect(offs.slice(j * w, (j + 1) * w).map((o) => o - shift)).toEqual(offs.slice(0, w));
      }
    }
    // The planes hold every sample the offsets address; Go's are one short where it panics.
    const need = Math.max(...offs) + 1;
    expect(m.cb.length).toBeGreaterThanOrEqual(need);
    if (!c.goPanics) expect([m.cStride, m.cb.length / Math.max(m.cStride, 1)]).toEqual([c.cw, c.ch]);
    else expect(m.cb.length).toBeGreaterThan(c.cw * c.ch);
    // Each chroma row stays inside its own stride: no offset of row j lands in row j+1.
    for (let y = b.min.y; y < b.max.y; y++) {
      const first = m.cOffset(b.min.x, y);
      expect(m.cOffset(b.max.x - 1, y) - first).toBeLessThan(m.cStride);
    }
    for (let y = b.min.y; y < b.max.y; y++) {
      for (let x = b.min.x; x < b.max.x; x++) {
        for (const v of m.at(x, y).rgba()) expect(Number.isInteger(v)).toBe(true);
      }
    }
  });
});
