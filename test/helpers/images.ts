import {
  Alpha16Image,
  AlphaImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  NRGBA64Image,
  NRGBAImage,
  NYCbCrAImage,
  PalettedImage,
  RGBA64Image,
  RGBAImage,
  YCbCrImage,
  plan9,
  type BufferImage,
  type Rectangle,
  type SubsampleRatio,
} from '../../src/index.js';

/**
 * A catalogue of every pixel-buffer image type, for tests that must cover all of them: a way to
 * make each (fresh, or over a caller's buffer) and to list the buffers an image holds.
 */

/** An image with pixel buffers: one of the BufferImage types, or a planar Y'CbCr one. */
export type AnyImage = BufferImage | YCbCrImage;

export interface ImageKind {
  readonly name: string;
  /** Bytes per pixel for buffer images; undefined for planar ones. */
  readonly bpp: number | undefined;
  /** A fresh, zeroed image. */
  make(r: Rectangle): AnyImage;
  /** An image over `pix` with `stride` (buffer images only). */
  wrap?(r: Rectangle, pix: Uint8Array, stride: number): BufferImage;
  /** Whether the type has `set`. */
  readonly settable: boolean;
}

const buffer = (name: string, bpp: number, ctor: new (r: Rectangle, pix?: Uint8Array, stride?: number) => BufferImage): ImageKind => ({
  name,
  bpp,
  settable: true,
  make: (r) => new ctor(r),
  wrap: (r, pix, stride) => new ctor(r, pix, stride),
});

const planar = (ratio: SubsampleRatio, alpha: boolean): ImageKind => ({
  name: `${alpha ? 'NYCbCrA' : 'YCbCr'}${ratio}`,
  bpp: undefined,
  settable: false,
  make: (r) => (alpha ? new NYCbCrAImage(r, ratio) : new YCbCrImage(r, ratio)),
});

export const BUFFER_KINDS: readonly ImageKind[] = [
  buffer('RGBA', 4, RGBAImage),
  buffer('RGBA64', 8, RGBA64Image),
  buffer('NRGBA', 4, NRGBAImage),
  buffer('NRGBA64', 8, NRGBA64Image),
  buffer('Alpha', 1, AlphaImage),
  buffer('Alpha16', 2, Alpha16Image),
  buffer('Gray', 1, GrayImage),
  buffer('Gray16', 2, Gray16Image),
  buffer('CMYK', 4, CMYKImage),
  {
    name: 'Paletted',
    bpp: 1,
    settable: true,
    make: (r) => new PalettedImage(r, plan9),
    wrap: (r, pix, stride) => new PalettedImage(r, plan9, pix, stride),
  },
];

export const PLANAR_KINDS: readonly ImageKind[] = [
  planar('444', false),
  planar('420', false),
  planar('422', false),
  planar('411', false),
  planar('420', true),
  planar('440', true),
];

export const ALL_KINDS: readonly ImageKind[] = [...BUFFER_KINDS, ...PLANAR_KINDS];

/** The typed arrays that hold an image's samples (one for buffer images, 3 or 4 planes). */
export function planesOf(img: AnyImage): Uint8Array[] {
  if (img instanceof NYCbCrAImage) return [img.y, img.cb, img.cr, img.a];
  if (img instanceof YCbCrImage) return [img.y, img.cb, img.cr];
  return [img.pix];
}

/** The distinct ArrayBuffers under an image's samples. */
export function buffersOf(img: AnyImage): ArrayBufferLike[] {
  return [...new Set(planesOf(img).map((p) => p.buffer))];
}

/** Fills every plane of img with bytes from a small deterministic generator. */
export function fillSeeded(img: AnyImage, seed: number): void {
  let s = seed >>> 0 || 1;
  for (const p of planesOf(img)) {
    for (let i = 0; i < p.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      p[i] = s & 0xff;
    }
  }
}
