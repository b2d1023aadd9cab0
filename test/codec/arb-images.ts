/**
 * fast-check arbitraries of images for the codec properties: every buffer layout and Y'CbCr, with
 * a random (possibly negative) origin and a padded stride (each image is a sub-image of a larger
 * one), and random content that is valid for its layout (premultiplied colour never above alpha).
 */
import fc from 'fast-check';
import {
  Alpha16Image,
  AlphaImage,
  BufferImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  NRGBA,
  NRGBA64Image,
  NRGBAImage,
  PalettedImage,
  RGBA64Image,
  RGBAImage,
  YCbCrImage,
  rect,
  type Image,
} from '../../src/index.js';

export const LAYOUTS = ['gray', 'gray16', 'rgba', 'rgba64', 'nrgba', 'nrgba64', 'paletted', 'alpha', 'alpha16', 'cmyk', 'ycbcr'] as const;
export type ArbLayout = (typeof LAYOUTS)[number];

export interface ArbImageOptions {
  layouts?: readonly ArbLayout[];
  maxSide?: number;
  /** Make every pixel opaque. */
  opaque?: boolean;
}

/** A deterministic byte stream from a seed (an LCG), so shrinking keeps images stable. */
function bytes(seed: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

export function arbImage(opts: ArbImageOptions = {}): fc.Arbitrary<Image> {
  const layouts = opts.layouts ?? LAYOUTS;
  const maxSide = opts.maxSide ?? 12;
  return fc
    .record({
      layout: fc.constantFrom(...layouts),
      w: fc.integer({ min: 1, max: maxSide }),
      h: fc.integer({ min: 1, max: maxSide }),
      ox: fc.integer({ min: -20, max: 20 }),
      oy: fc.integer({ min: -20, max: 20 }),
      pad: fc.integer({ min: 0, max: 3 }),
      seed: fc.integer(),
      flat: fc.boolean(), // few distinct values, so that alpha 0 and 0xff are common
    })
    .map(({ layout, w, h, ox, oy, pad, seed, flat }) => {
      const inner = rect(ox, oy, ox + w, oy + h);
      const outer = rect(ox - pad, oy - pad, ox + w + pad, oy + h + pad);
      if (layout === 'ycbcr') {
        const img = new YCbCrImage(inner, '420');
        const r = bytes(seed, img.y.length + 2 * img.cb.length);
        img.y.set(r.subarray(0, img.y.length));
        img.cb.set(r.subarray(img.y.length, img.y.length + img.cb.length));
        img.cr.set(r.subarray(img.y.length + img.cb.length));
        return img;
      }
      const big: BufferImage =
        layout === 'gray' ? new GrayImage(outer)
        : layout === 'gray16' ? new Gray16Image(outer)
        : layout === 'rgba' ? new RGBAImage(outer)
        : layout === 'rgba64' ? new RGBA64Image(outer)
        : layout === 'nrgba' ? new NRGBAImage(outer)
        : layout === 'nrgba64' ? new NRGBA64Image(outer)
        : layout === 'alpha' ? new AlphaImage(outer)
        : layout === 'alpha16' ? new Alpha16Image(outer)
        : layout === 'cmyk' ? new CMYKImage(outer)
        : new PalettedImage(outer, palette(seed, opts.opaque === true));
      const r = bytes(seed, big.pix.length);
      for (let i = 0; i < r.length; i++) {
        const v = flat ? [0, 0x7f, 0xff][r[i] % 3] : r[i];
        big.pix[i] = layout === 'paletted' ? r[i] % 7 : v;
      }
      fixUp(big, opts.opaque === true);
      return big.subImage(inner);
    });
}

/** A palette of 7 NRGBA colours (PNG's own palette type), some translucent unless opaque. */
function palette(seed: number, opaque: boolean): NRGBA[] {
  const r = bytes(seed ^ 0x5a5a, 28);
  return Array.from({ length: 7 }, (_, i) => new NRGBA(r[i * 4], r[i * 4 + 1], r[i * 4 + 2], opaque || i % 2 === 0 ? 255 : r[i * 4 + 3]));
}

/** Makes random bytes valid: alpha to 0xff when opaque; premultiplied colour clamped to alpha. */
function fixUp(img: BufferImage, opaque: boolean): void {
  const p = img.pix;
  const kind = img.kind;
  if (kind === 'rgba' || kind === 'nrgba') {
    for (let i = 0; i < p.length; i += 4) {
      if (opaque) p[i + 3] = 0xff;
      if (kind === 'rgba') for (let k = 0; k < 3; k++) p[i + k] = Math.min(p[i + k], p[i + 3]);
    }
  } else if (kind === 'rgba64' || kind === 'nrgba64') {
    for (let i = 0; i < p.length; i += 8) {
      if (opaque) p[i + 6] = p[i + 7] = 0xff;
      if (kind === 'rgba64') {
        const a = (p[i + 6] << 8) | p[i + 7];
        for (let k = 0; k < 3; k++) {
          const v = Math.min((p[i + 2 * k] << 8) | p[i + 2 * k + 1], a);
          p[i + 2 * k] = v >> 8;
          p[i + 2 * k + 1] = v & 0xff;
        }
      }
    }
  } else if (opaque && (kind === 'alpha' || kind === 'alpha16')) {
    p.fill(0xff);
  }
}
