/**
 * fast-check arbitraries for the core model: colours of every type, rectangles with non-zero
 * origins, and buffer images over padded strides inside larger ArrayBuffers (so `byteOffset`,
 * stride and origin are never the easy values).
 */
import fc from 'fast-check';
import {
  Alpha16Image,
  AlphaImage,
  BufferImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  NRGBA64Image,
  NRGBAImage,
  Palette,
  PalettedImage,
  RGBA64Image,
  RGBAImage,
  rect,
  type Color,
  type Rectangle,
} from '../../src/index.js';
import { makeColor, SHAPES, TYPE_NAMES } from './golden-model.js';

/** Any colour of any standard type, fields anywhere in their range (premultiplied-invalid too). */
export const arbColor: fc.Arbitrary<Color> = fc.constantFrom(...TYPE_NAMES).chain((t) => {
  const [n, wide] = SHAPES[t];
  return fc.array(fc.nat(wide ? 0xffff : 0xff), { minLength: n, maxLength: n }).map((f) => makeColor(t, f));
});

/** A rectangle with origin in [-20, 20] and size 0 to 7 on each axis. */
export const arbRect: fc.Arbitrary<Rectangle> = fc
  .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.nat(7), fc.nat(7))
  .map(([x, y, w, h]) => rect(x, y, x + w, y + h));

/** A non-empty rectangle, as arbRect. */
export const arbNonEmptyRect: fc.Arbitrary<Rectangle> = arbRect.filter((r) => !r.empty());

export const BUFFER_KINDS = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16', 'cmyk', 'paletted'] as const;
export type BufferKind = (typeof BUFFER_KINDS)[number];

export const BYTES_PER_PIXEL: Record<BufferKind, number> = {
  rgba: 4,
  rgba64: 8,
  nrgba: 4,
  nrgba64: 8,
  alpha: 1,
  alpha16: 2,
  gray: 1,
  gray16: 2,
  cmyk: 4,
  paletted: 1,
};

/** A small palette with translucent entries, for paletted images. */
export const TEST_PALETTE = new Palette(
  Array.from({ length: 40 }, (_, i) => makeColor(TYPE_NAMES[i % TYPE_NAMES.length], [(i * 37) & 0xff, (i * 91) & 0xff, (i * 53) & 0xff, (i * 7 + 30) & 0xff])),
);

/** Constructs an image of a kind over a caller buffer. */
export function makeImage(kind: BufferKind, r: Rectangle, pix?: Uint8Array, stride?: number): BufferImage {
  switch (kind) {
    case 'rgba':
      return new RGBAImage(r, pix, stride);
    case 'rgba64':
      return new RGBA64Image(r, pix, stride);
    case 'nrgba':
      return new NRGBAImage(r, pix, stride);
    case 'nrgba64':
      return new NRGBA64Image(r, pix, stride);
    case 'alpha':
      return new AlphaImage(r, pix, stride);
    case 'alpha16':
      return new Alpha16Image(r, pix, stride);
    case 'gray':
      return new GrayImage(r, pix, stride);
    case 'gray16':
      return new Gray16Image(r, pix, stride);
    case 'cmyk':
      return new CMYKImage(r, pix, stride);
    case 'paletted':
      return new PalettedImage(r, TEST_PALETTE, pix, stride);
  }
}

/** A buffer image plus the whole ArrayBuffer it lives in and where its pixels start. */
export interface ImageCase {
  kind: BufferKind;
  img: BufferImage;
  /** The whole backing store, including bytes before the image and after its last row. */
  whole: Uint8Array;
  /** Where `img.pix` starts in `whole`. */
  start: number;
}

/**
 * An image of a random kind and rectangle, with stride padded by 0 to 9 bytes, its pixels starting
 * 0 to 15 bytes into a random-filled ArrayBuffer with 0 to 15 spare bytes at the end.
 */
export function arbImageCase(kinds: readonly BufferKind[] = BUFFER_KINDS, r: fc.Arbitrary<Rectangle> = arbRect): fc.Arbitrary<ImageCase> {
  return fc
    .record({ kind: fc.constantFrom(...kinds), r, pad: fc.nat(9), before: fc.nat(15), after: fc.nat(15), seed: fc.integer() })
    .map(({ kind, r, pad, before, after, seed }) => {
      const bpp = BYTES_PER_PIXEL[kind];
      const stride = r.dx() * bpp + pad;
      const len = r.empty() ? 0 : (r.dy() - 1) * stride + r.dx() * bpp;
      const whole = new Uint8Array(before + len + after);
      let s = seed | 1;
      for (let i = 0; i < whole.length; i++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        whole[i] = s >>> 24;
      }
      // Paletted indices must stay inside the palette for at() to be meaningful.
      if (kind === 'paletted') for (let i = 0; i < whole.length; i++) whole[i] %= TEST_PALETTE.length;
      const img = makeImage(kind, r, whole.subarray(before, before + len), stride);
      return { kind, img, whole, start: before };
    });
}

/** A point in r grown by 2 on every side, so some points fall outside. */
export function arbPointNear(r: Rectangle): fc.Arbitrary<[number, number]> {
  return fc.tuple(fc.integer({ min: r.min.x - 2, max: r.max.x + 1 }), fc.integer({ min: r.min.y - 2, max: r.max.y + 1 }));
}
