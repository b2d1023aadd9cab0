import type { Color } from '../color/color.js';
import type { Palette } from '../color/palette.js';
import type { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';

/**
 * A Porter-Duff compositing operator, as Go's `draw.Op`.
 * - `'over'`: (src in mask) over dst.
 * - `'src'`: src in mask; what was in dst is replaced.
 */
export type Op = 'over' | 'src';

/** The operators by name, for code that prefers Go's spelling: `Op.Over`, `Op.Src`. */
export const Op: { readonly Over: 'over'; readonly Src: 'src' } = Object.freeze({ Over: 'over', Src: 'src' });

/** Anything that draws src onto dst the way {@link draw} does, e.g. {@link FloydSteinberg}. */
export interface Drawer {
  /**
   * Aligns r.min in dst with sp in src, then replaces rectangle r of dst with the result of
   * drawing src on it. Writes into dst; allocates nothing the caller keeps.
   */
  draw(dst: MutableImage, r: Rectangle, src: Image, sp: Point): void;
}

/** Produces a palette for an image, as Go's `draw.Quantizer`. */
export interface Quantizer {
  /**
   * Returns a new palette suitable for converting m to a paletted image: it starts with the
   * colours of `base` (in order) and adds colours until it has at most `capacity` entries.
   * Neither `base` nor m is modified or retained.
   */
  quantize(base: readonly Color[], capacity: number, m: Image): Palette;
}
