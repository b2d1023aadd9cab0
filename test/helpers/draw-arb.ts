import fc from 'fast-check';
import {
  Alpha,
  Alpha16,
  AlphaImage,
  Alpha16Image,
  CMYK,
  CMYKImage,
  Gray,
  Gray16,
  GrayImage,
  Gray16Image,
  NRGBA,
  NRGBA64,
  NRGBAImage,
  NRGBA64Image,
  NYCbCrAImage,
  PalettedImage,
  RGBA,
  RGBA64,
  RGBAImage,
  RGBA64Image,
  UniformImage,
  YCbCrImage,
  rect,
  type Color,
  type Image,
  type Layout,
  type Rectangle,
  type SubsampleRatio,
} from '../../src/index.js';

/*
 * Random images for the draw tests: any layout, a random origin, padded strides, and content that
 * is valid for the layout (premultiplied channels never exceed alpha) with many fully transparent
 * and fully opaque pixels. Images are built from a description and a seed, so that the same
 * image can be built twice (once for the fast path, once for the generic path).
 */

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byte = (r: () => number) => Math.floor(r() * 256);
const u16 = (r: () => number) => Math.floor(r() * 65536);
/** An 8-bit alpha: 0 or 0xff a quarter of the time each. */
const alpha8 = (r: () => number) => {
  const k = r();
  return k < 0.25 ? 0 : k < 0.5 ? 0xff : byte(r);
};
const alpha16 = (r: () => number) => {
  const k = r();
  return k < 0.25 ? 0 : k < 0.5 ? 0xffff : u16(r);
};

export const SRC_KINDS: readonly Layout[] = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16', 'cmyk', 'paletted', 'ycbcr', 'nycbcra', 'uniform'];
export const RATIOS: readonly SubsampleRatio[] = ['444', '422', '420', '440', '411', '410'];

export interface ImageSpec {
  kind: Layout;
  rect: Rectangle;
  /** Extra pixels of padding at the end of each row. */
  pad: number;
  seed: number;
  /** For Y'CbCr images. */
  ratio: SubsampleRatio;
  /** Whether to keep every pixel opaque (alpha 0xff / 0xffff). */
  opaque: boolean;
}

function randomColor(r: () => number, opaque: boolean): Color {
  const a = opaque ? 0xff : alpha8(r);
  switch (Math.floor(r() * 6)) {
    case 0:
      return new RGBA(Math.floor(r() * (a + 1)), Math.floor(r() * (a + 1)), Math.floor(r() * (a + 1)), a);
    case 1:
      return new NRGBA(byte(r), byte(r), byte(r), a);
    case 2: {
      const a16 = opaque ? 0xffff : alpha16(r);
      return new RGBA64(Math.floor(r() * (a16 + 1)), Math.floor(r() * (a16 + 1)), Math.floor(r() * (a16 + 1)), a16);
    }
    case 3:
      return new NRGBA64(u16(r), u16(r), u16(r), opaque ? 0xffff : alpha16(r));
    case 4:
      return opaque ? new Gray(byte(r)) : new Alpha(a);
    default:
      return opaque ? new CMYK(byte(r), byte(r), byte(r), byte(r)) : new Alpha16(alpha16(r) );
  }
}

/** A palette of 1 to 40 colours, with translucent entries and repeats. */
export function randomPalette(r: () => number, opaque = false): Color[] {
  const n = 1 + Math.floor(r() * 40);
  const out: Color[] = [];
  for (let i = 0; i < n; i++) out.push(i > 2 && r() < 0.1 ? out[Math.floor(r() * i)] : randomColor(r, opaque));
  return out;
}

const BPP: Partial<Record<Layout, number>> = { rgba: 4, rgba64: 8, nrgba: 4, nrgba64: 8, alpha: 1, alpha16: 2, gray: 1, gray16: 2, cmyk: 4, paletted: 1 };

/** Builds the image a spec describes; the same spec always gives the same bytes. */
export function buildSpec(s: ImageSpec): Image {
  const r = rng(s.seed);
  if (s.kind === 'uniform') return new UniformImage(randomColor(r, s.opaque));
  const w = s.rect.dx();
  const h = s.rect.dy();
  if (s.kind === 'ycbcr' || s.kind === 'nycbcra') {
    const m = s.kind === 'ycbcr' ? new YCbCrImage(s.rect, s.ratio) : new NYCbCrAImage(s.rect, s.ratio);
    for (const p of [m.y, m.cb, m.cr]) for (let i = 0; i < p.length; i++) p[i] = byte(r);
    if (m instanceof NYCbCrAImage) for (let i = 0; i < m.a.length; i++) m.a[i] = s.opaque ? 0xff : alpha8(r);
    return m;
  }
  const bpp = BPP[s.kind]!;
  const stride = (w + s.pad) * bpp;
  const pix = new Uint8Array(h === 0 ? 0 : (h - 1) * stride + w * bpp + s.pad * bpp);
  for (let i = 0; i < pix.length; i++) pix[i] = byte(r);
  const px = (i: number) => i % stride < w * bpp; // inside a row (not padding)
  switch (s.kind) {
    case 'rgba':
      for (let i = 0; i < pix.length; i += 4) {
        if (!px(i)) continue;
        const a = s.opaque ? 0xff : alpha8(r);
        pix[i + 3] = a;
        for (let k = 0; k < 3; k++) pix[i + k] = pix[i + k] % (a + 1);
      }
      return new RGBAImage(s.rect, pix, stride);
    case 'rgba64':
      for (let i = 0; i < pix.length; i += 8) {
        if (!px(i)) continue;
        const a = s.opaque ? 0xffff : alpha16(r);
        pix[i + 6] = a >>> 8;
        pix[i + 7] = a & 0xff;
        for (let k = 0; k < 6; k += 2) {
          const v = ((pix[i + k] << 8) | pix[i + k + 1]) % (a + 1);
          pix[i + k] = v >>> 8;
          pix[i + k + 1] = v & 0xff;
        }
      }
      return new RGBA64Image(s.rect, pix, stride);
    case 'nrgba':
      for (let i = 3; i < pix.length; i += 4) if (px(i - 3)) pix[i] = s.opaque ? 0xff : alpha8(r);
      return new NRGBAImage(s.rect, pix, stride);
    case 'nrgba64':
      for (let i = 6; i < pix.length; i += 8) {
        if (!px(i - 6)) continue;
        const a = s.opaque ? 0xffff : alpha16(r);
        pix[i] = a >>> 8;
        pix[i + 1] = a & 0xff;
      }
      return new NRGBA64Image(s.rect, pix, stride);
    case 'alpha':
      for (let i = 0; i < pix.length; i++) pix[i] = s.opaque ? 0xff : alpha8(r);
      return new AlphaImage(s.rect, pix, stride);
    case 'alpha16':
      for (let i = 0; i < pix.length; i += 2) {
        const a = s.opaque ? 0xffff : alpha16(r);
        pix[i] = a >>> 8;
        pix[i + 1] = a & 0xff;
      }
      return new Alpha16Image(s.rect, pix, stride);
    case 'gray':
      return new GrayImage(s.rect, pix, stride);
    case 'gray16':
      return new Gray16Image(s.rect, pix, stride);
    case 'cmyk':
      return new CMYKImage(s.rect, pix, stride);
    case 'paletted': {
      const pal = randomPalette(r, s.opaque);
      // Mostly valid indices, with some past the palette's end (which read as transparent).
      for (let i = 0; i < pix.length; i++) pix[i] = r() < 0.9 || s.opaque ? pix[i] % pal.length : pix[i];
      return new PalettedImage(s.rect, pal, pix, stride);
    }
  }
  throw new Error(`no image for kind ${s.kind}`);
}

/** A size in [0, max], zero only now and then (an empty image clips every draw to nothing). */
const size = (max: number) => fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max }) });

/** An arbitrary spec of the given kind: origin in [-4, 4], size up to 9 × 7, padding up to 3. */
export function arbSpec(kind: Layout, opaque: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<ImageSpec> {
  return fc.record({
    kind: fc.constant(kind),
    rect: fc
      .tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 }), size(9), size(7))
      .map(([x, y, w, h]) => rect(x, y, x + w, y + h)),
    pad: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer(),
    ratio: fc.constantFrom(...RATIOS),
    opaque: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: opaque }),
  });
}
