import fc from 'fast-check';
import type { Color } from '../../../src/color/color.js';
import { NRGBA, NRGBA64 } from '../../../src/color/nrgba.js';
import { RGBA, RGBA64 } from '../../../src/color/rgba.js';
import { Rectangle, rect } from '../../../src/geom/rectangle.js';
import type { Image } from '../../../src/image/image.js';
import { Alpha16Image } from '../../../src/image/alpha16-image.js';
import { AlphaImage } from '../../../src/image/alpha-image.js';
import { CMYKImage } from '../../../src/image/cmyk-image.js';
import { Gray16Image } from '../../../src/image/gray16-image.js';
import { GrayImage } from '../../../src/image/gray-image.js';
import { NRGBA64Image } from '../../../src/image/nrgba64-image.js';
import { NRGBAImage } from '../../../src/image/nrgba-image.js';
import { NYCbCrAImage } from '../../../src/image/nycbcra-image.js';
import { PalettedImage } from '../../../src/image/paletted-image.js';
import { RGBA64Image } from '../../../src/image/rgba64-image.js';
import { RGBAImage } from '../../../src/image/rgba-image.js';
import { YCbCrImage } from '../../../src/image/ycbcr-image.js';

/**
 * fast-check arbitraries for the PNG tests: images of every kind the encoder takes, with random
 * origins (negative too), sizes, padded strides (sub-images of a larger buffer), opaque or
 * translucent content, and palettes of 1 to 256 entries mixing opaque RGBA, premultiplied RGBA and
 * NRGBA colours.
 */

export type Kind =
  | 'gray'
  | 'gray16'
  | 'rgba'
  | 'nrgba'
  | 'rgba64'
  | 'nrgba64'
  | 'paletted'
  | 'alpha'
  | 'alpha16'
  | 'cmyk'
  | 'ycbcr'
  | 'nycbcra';

export const KINDS: readonly Kind[] = ['gray', 'gray16', 'rgba', 'nrgba', 'rgba64', 'nrgba64', 'paletted', 'alpha', 'alpha16', 'cmyk', 'ycbcr', 'nycbcra'];

/** A rectangle with its origin in [-20, 20] and size 1..maxW × 1..maxH. */
export function arbRect(maxW = 19, maxH = 11): fc.Arbitrary<Rectangle> {
  return fc
    .record({ x: fc.integer({ min: -20, max: 20 }), y: fc.integer({ min: -20, max: 20 }), w: fc.integer({ min: 1, max: maxW }), h: fc.integer({ min: 1, max: maxH }) })
    .map(({ x, y, w, h }) => rect(x, y, x + w, y + h));
}

/** Premultiplied-valid bytes: each colour byte at most its alpha. */
function premultiply8(p: Uint8Array): void {
  for (let i = 0; i < p.length; i += 4) for (let k = 0; k < 3; k++) p[i + k] = p[i + k] % (p[i + 3] + 1);
}

function premultiply16(p: Uint8Array): void {
  for (let i = 0; i < p.length; i += 8) {
    const a = (p[i + 6] << 8) | p[i + 7];
    for (let k = 0; k < 6; k += 2) {
      const v = ((p[i + k] << 8) | p[i + k + 1]) % (a + 1);
      p[i + k] = v >>> 8;
      p[i + k + 1] = v & 0xff;
    }
  }
}

function setAlpha(p: Uint8Array, step: number, width: number): void {
  for (let i = step - width; i < p.length; i += step) for (let k = 0; k < width; k++) p[i + k] = 0xff;
}

/** A palette colour of one of the three kinds Go palettes hold. */
export const arbPaletteColor: fc.Arbitrary<Color> = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => new RGBA(r, g, b, 255)),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b, a]) => new NRGBA(r, g, b, a)),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b, a]) => new RGBA(r % (a + 1), g % (a + 1), b % (a + 1), a)),
);

/** A palette of 1 to 256 colours, biased to the sizes that change the bit depth. */
export const arbPalette: fc.Arbitrary<Color[]> = fc
  .oneof(fc.constantFrom(1, 2, 3, 4, 5, 16, 17, 255, 256), fc.integer({ min: 1, max: 256 }))
  .chain((n) => fc.array(arbPaletteColor, { minLength: n, maxLength: n }));

export interface ImageCase {
  kind: Kind;
  image: Image;
  /** Whether the content was forced opaque. */
  opaque: boolean;
}

/**
 * An image of the given kinds. Buffer images are built over a larger rectangle half the time and
 * returned as a sub-image, so that stride exceeds the row length and the origin is not the
 * buffer's.
 */
export function arbImage(kinds: readonly Kind[] = KINDS, maxW = 19, maxH = 11): fc.Arbitrary<ImageCase> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      r: arbRect(maxW, maxH),
      pad: fc.record({ l: fc.nat(3), t: fc.nat(2), r: fc.nat(3), b: fc.nat(2) }),
      sub: fc.boolean(),
      opaque: fc.boolean(),
      seed: fc.integer(),
      palette: arbPalette,
    })
    .map(({ kind, r, pad, sub, opaque, seed, palette }) => {
      const outer = sub ? rect(r.min.x - pad.l, r.min.y - pad.t, r.max.x + pad.r, r.max.y + pad.b) : r;
      const rand = lcg(seed);
      const fill = (p: Uint8Array): void => {
        for (let i = 0; i < p.length; i++) p[i] = rand();
      };
      let img: Image & { subImage?(r: Rectangle): Image };
      switch (kind) {
        case 'gray':
        case 'gray16':
        case 'alpha':
        case 'alpha16':
        case 'cmyk': {
          const Ctor = { gray: GrayImage, gray16: Gray16Image, alpha: AlphaImage, alpha16: Alpha16Image, cmyk: CMYKImage }[kind];
          const m = new Ctor(outer);
          fill(m.pix);
          if (opaque && kind === 'alpha') m.pix.fill(0xff);
          if (opaque && kind === 'alpha16') m.pix.fill(0xff);
          img = m;
          break;
        }
        case 'rgba':
        case 'nrgba': {
          const m = kind === 'rgba' ? new RGBAImage(outer) : new NRGBAImage(outer);
          fill(m.pix);
          if (opaque) setAlpha(m.pix, 4, 1);
          if (kind === 'rgba') premultiply8(m.pix);
          img = m;
          break;
        }
        case 'rgba64':
        case 'nrgba64': {
          const m = kind === 'rgba64' ? new RGBA64Image(outer) : new NRGBA64Image(outer);
          fill(m.pix);
          if (opaque) setAlpha(m.pix, 8, 2);
          if (kind === 'rgba64') premultiply16(m.pix);
          img = m;
          break;
        }
        case 'paletted': {
          const m = new PalettedImage(outer, palette);
          for (let i = 0; i < m.pix.length; i++) m.pix[i] = rand() % palette.length;
          img = m;
          break;
        }
        case 'ycbcr':
        case 'nycbcra': {
          const ratio = (['444', '422', '420', '440', '411', '410'] as const)[rand() % 6];
          const m = kind === 'ycbcr' ? new YCbCrImage(outer, ratio) : new NYCbCrAImage(outer, ratio);
          fill(m.y);
          fill(m.cb);
          fill(m.cr);
          if (m instanceof NYCbCrAImage) {
            fill(m.a);
            if (opaque) m.a.fill(0xff);
          }
          img = m;
          break;
        }
      }
      return { kind, image: sub ? img.subImage!(r) : img, opaque };
    });
}

/** A tiny deterministic byte generator, so that a fast-check seed replays the same pixels. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 24;
  };
}

/** Hides an image's layout: only the Image interface remains, so the encoder takes its generic path. */
export function hideLayout(img: Image): Image {
  const indexed = (img as { colorIndexAt?: (x: number, y: number) => number }).colorIndexAt;
  const hidden: Image & { colorIndexAt?: (x: number, y: number) => number; opaque?: () => boolean } = {
    bounds: () => img.bounds(),
    colorModel: () => img.colorModel(),
    at: (x, y) => img.at(x, y),
  };
  if (typeof indexed === 'function') hidden.colorIndexAt = (x, y) => indexed.call(img, x, y);
  return hidden;
}

/** Straight 16-bit colour helpers for expectations. */
export { NRGBA, NRGBA64, RGBA64 };
