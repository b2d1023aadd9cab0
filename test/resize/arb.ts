import fc from 'fast-check';
import { GrayImage, NRGBAImage, RGBAImage, YCbCrImage, rect, type Image, type Rectangle, type SubsampleRatio } from '../../src/index.js';
import { fill, premul } from './helpers.js';

export const RATIOS: SubsampleRatio[] = ['444', '422', '420', '440', '411', '410'];

/** A fast-path source layout, with a Y'CbCr subsample ratio where it applies. */
export type SourceKind = 'rgba' | 'nrgba' | 'gray' | `ycbcr${SubsampleRatio}`;
export const SOURCE_KINDS: SourceKind[] = ['rgba', 'nrgba', 'gray', ...RATIOS.map((r) => `ycbcr${r}` as SourceKind)];

/**
 * An image of the given layout with bounds r, seeded pixels, and (pad > 0) a view into a larger
 * buffer, so the stride exceeds the row and the origin is arbitrary.
 */
export function makeImage(kind: SourceKind | 'rgba-opaque', r: Rectangle, seed: number, pad = 0): Image {
  const big = rect(r.min.x - pad, r.min.y - pad, r.max.x + pad, r.max.y + pad);
  if (kind.startsWith('ycbcr')) {
    const m = new YCbCrImage(big, kind.slice(5) as SubsampleRatio);
    fill(seed, m.y, m.cb, m.cr);
    return m.subImage(r);
  }
  const m = kind === 'nrgba' ? new NRGBAImage(big) : kind === 'gray' ? new GrayImage(big) : new RGBAImage(big);
  fill(seed, m.pix);
  if (kind === 'rgba') premul(m.pix);
  if (kind === 'rgba-opaque') for (let i = 3; i < m.pix.length; i += 4) m.pix[i] = 0xff;
  return m.subImage(r);
}

/** A rectangle with corners in [lo, hi] (possibly empty). */
export const arbRect = (lo: number, hi: number): fc.Arbitrary<Rectangle> =>
  fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: hi - lo }), fc.integer({ min: 0, max: hi - lo })).map(([x, y, w, h]) => rect(x, y, x + w, y + h));

/** A non-empty rectangle at an arbitrary origin, up to maxSize on a side. */
export const arbBounds = (maxSize: number): fc.Arbitrary<Rectangle> =>
  fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: maxSize }), fc.integer({ min: 1, max: maxSize })).map(([x, y, w, h]) => rect(x, y, x + w, y + h));

export interface ArbImage {
  kind: SourceKind;
  bounds: Rectangle;
  seed: number;
  pad: number;
  image: Image;
}

export const arbImage = (kinds: readonly SourceKind[] = SOURCE_KINDS, maxSize = 24): fc.Arbitrary<ArbImage> =>
  fc.record({ kind: fc.constantFrom(...kinds), bounds: arbBounds(maxSize), seed: fc.integer({ min: 0, max: 2 ** 31 }), pad: fc.integer({ min: 0, max: 3 }) }).map((a) => ({
    ...a,
    image: makeImage(a.kind, a.bounds, a.seed, a.pad),
  }));
