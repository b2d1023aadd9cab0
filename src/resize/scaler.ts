import { OptionError } from '../errors.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';

/**
 * The Porter-Duff operators a scaler composes with, as Go's `draw.Op`: `'over'` draws the scaled
 * source over the destination, `'src'` replaces the destination. The same strings as the draw
 * module's `Op`.
 */
export type ScaleOp = 'over' | 'src';

/**
 * Scales the part of `src` inside `sr` to the part of `dst` inside `dr` and composes it with `op`,
 * as Go's `draw.Scaler`. Only the pixels of `dr` that are inside `dst.bounds()` are written.
 * Pixels of `sr` outside `src.bounds()` read as the source's zero colour (transparent for most
 * types, opaque black for grey), as `at` returns there.
 *
 * A scaler keeps no reference to `dst` or `src` after `scale` returns.
 */
export interface Scaler {
  /**
   * Writes into the caller's `dst`; allocates only scratch (see spec/resize.md, Memory).
   * @throws OptionError when `op` is not `'over'` or `'src'`.
   */
  scale(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): void;
}

/** Throws an {@link OptionError} unless op is `'over'` or `'src'`. */
export function checkOp(op: unknown): asserts op is ScaleOp {
  if (op !== 'over' && op !== 'src') {
    throw new OptionError(`imago: scale option op must be 'over' or 'src', got ${describe(op)}`);
  }
}

/** A short printable form of a bad option value, for messages. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (typeof v === 'object' && v !== null) return Object.prototype.toString.call(v);
  return String(v);
}
