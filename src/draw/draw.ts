import { OptionError } from '../errors.js';
import { Point, ZP } from '../geom/point.js';
import { Rectangle, rect } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import { clip } from './clip.js';
import { findFastPath, type FastPath } from './dispatch.js';
import { drawGeneric } from './generic.js';
import type { Op } from './op.js';
import { byteDelta, isBuffered, sameGeometry, sharesMemory, snapshot } from './overlap.js';

/*
 * draw and drawMask: Go's image/draw semantics (spec/draw.md). Each call
 *   1. checks its arguments,
 *   2. clips r against dst, src and mask, moving sp and mp along (clip.ts), and returns if empty,
 *   3. picks a fast path from the dispatch table, trying Src first for an Over whose source is
 *      opaque over the region (it gives the same bytes), or falls back to the generic path,
 *   4. makes overlapping draws read a snapshot of the source (overlap.ts), and runs.
 */

function checkPoint(name: string, p: Point): void {
  if (!(p instanceof Point) || !Number.isInteger(p.x) || !Number.isInteger(p.y)) {
    throw new OptionError(`imago: draw ${name} must be a Point with integer coordinates, got ${String(p)}`);
  }
}

function checkArgs(dst: MutableImage, r: Rectangle, src: Image, sp: Point, mask: Image | null, mp: Point, op: Op): void {
  if (op !== 'over' && op !== 'src') throw new OptionError(`imago: draw op must be 'over' or 'src', got ${String(op)}`);
  if (dst === null || typeof dst !== 'object' || typeof dst.set !== 'function' || typeof dst.bounds !== 'function') {
    const what = dst === null || typeof dst !== 'object' ? String(dst) : (dst as object).constructor?.name;
    throw new OptionError(`imago: draw dst must be a mutable image (with set(x, y, c)), got ${what}`);
  }
  if (src === null || typeof src !== 'object' || typeof src.at !== 'function' || typeof src.bounds !== 'function') {
    throw new OptionError(`imago: draw src must be an image, got ${String(src)}`);
  }
  if (mask !== null && (typeof mask !== 'object' || typeof mask.at !== 'function' || typeof mask.bounds !== 'function')) {
    throw new OptionError(`imago: draw mask must be an image or null, got ${String(mask)}`);
  }
  if (!(r instanceof Rectangle) || ![r.min.x, r.min.y, r.max.x, r.max.y].every(Number.isInteger)) {
    throw new OptionError(`imago: draw r must be a Rectangle with integer coordinates, got ${String(r)}`);
  }
  checkPoint('sp', sp);
  checkPoint('mp', mp);
}

/** Whether every pixel of src inside r is fully opaque (false when the image cannot tell). */
function opaqueOver(src: Image, r: Rectangle): boolean {
  const m = src as Image & { opaque?: () => boolean; subImage?: (r: Rectangle) => { opaque(): boolean } };
  if (typeof m.opaque !== 'function') return false;
  if (typeof m.subImage === 'function' && !src.bounds().eq(r)) return m.subImage(r).opaque();
  return m.opaque();
}

/** The path for a clipped draw: a fast path, or undefined for the generic one. */
function choosePath(dst: Image, r: Rectangle, src: Image, sp: Point, mask: Image | null, op: Op): FastPath | undefined {
  const path = findFastPath(dst, src, mask, op);
  if (op === 'over' && mask === null) {
    // An opaque source makes Over equal to Src (d × 0 / 0xffff + s = s), and Src paths are
    // faster; the check stops at the first translucent pixel.
    const srcPath = findFastPath(dst, src, null, 'src');
    if (srcPath !== undefined && srcPath !== path && opaqueOver(src, r.add(sp.sub(r.min)))) return srcPath;
  }
  return path;
}

/**
 * Replaces rectangle r of dst with src (aligned so that r.min lands on sp) composed onto dst
 * with `op`. The same as {@link drawMask} with no mask. Writes into dst; reads src (which may be
 * dst itself or share its buffer); keeps nothing.
 *
 * @param dst the destination: any image with `set` (every buffer image; not YCbCr).
 * @param r the rectangle of dst to draw, in dst's coordinates; clipped to all bounds.
 * @param src the source; a {@link UniformImage} paints one colour.
 * @param sp the source point that lines up with r.min.
 * @param op `'over'` (src over dst) or `'src'` (src replaces dst).
 * @throws OptionError when an argument has the wrong type or op is unknown.
 */
export function draw(dst: MutableImage, r: Rectangle, src: Image, sp: Point, op: Op): void {
  drawMask(dst, r, src, sp, null, ZP, op);
}

/**
 * Go's `draw.DrawMask`: aligns r.min in dst with sp in src and mp in mask, then replaces r in dst
 * with the Porter-Duff composition of src, masked by the alpha of mask, with dst:
 *   over: d' = s × m + d × (1 - sa × m)       src: d' = s × m
 * in 16-bit premultiplied integer maths, bit for bit as Go (spec/draw.md). A null mask is fully
 * opaque.
 *
 * Clipping: r is intersected with the bounds of dst, of src and of mask (each moved into dst's
 * coordinates); sp and mp move with r.min.
 *
 * Overlap: the result always equals drawing from a snapshot of src (and of mask), whether src is
 * dst itself or another view of the same `ArrayBuffer`. Equal-layout views are walked in a safe
 * order, copying at most one source row at a time; other overlaps snapshot the source region.
 *
 * Writes into dst only; allocates no pixel memory unless the source overlaps dst with a different
 * layout or stride.
 * @throws OptionError when an argument has the wrong type or op is unknown.
 */
export function drawMask(
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
): void {
  if (mask === undefined) mask = null;
  checkArgs(dst, r, src, sp, mask, mp, op);
  const c = clip(dst, r, src, sp, mask, mp);
  r = c.r;
  if (r.empty()) return;
  sp = c.sp;
  mp = c.mp;
  const path = choosePath(dst, r, src, sp, mask, op);
  const sr = r.add(sp.sub(r.min));
  if (mask !== null && sharesMemory(dst, r, mask, r.add(mp.sub(r.min)))) mask = snapshot(mask, r.add(mp.sub(r.min)));
  if ((src as unknown) !== dst && !sharesMemory(dst, r, src, sr)) {
    run(path, dst, r, src, sp, mask, mp, op);
    return;
  }
  if (!sameGeometry(dst, src)) {
    if ((src as unknown) === dst && !isBuffered(dst)) {
      // An image drawn onto itself whose memory we cannot see: the generic path walks backward
      // when needed, as Go does (fast paths need buffer images, so none was chosen).
      run(path, dst, r, src, sp, mask, mp, op);
    } else {
      run(path, dst, r, snapshot(src, sr), sp, mask, mp, op);
    }
    return;
  }
  // Same bytes per pixel and stride in one buffer: forward is safe when the source lies at or
  // after the destination; a backward walk needs each source row copied first.
  if (byteDelta(dst as never, r, src as never, sp) >= 0 || path?.overlapSafe === true) {
    run(path, dst, r, src, sp, mask, mp, op);
    return;
  }
  drawRowsUpward(path, dst, r, src, sp, mask, mp, op);
}

/**
 * The fast path that {@link drawMask} would take for these arguments after clipping, or undefined
 * for the generic path or an empty draw. @internal For tests; not exported from the package.
 */
export function selectPath(
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
): FastPath | undefined {
  const c = clip(dst, r, src, sp, mask, mp);
  if (c.r.empty()) return undefined;
  return choosePath(dst, c.r, src, c.sp, mask, op);
}

function run(
  path: FastPath | undefined,
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
): void {
  if (path !== undefined) path.fn(dst, r, src, sp, mask, mp);
  else drawGeneric(dst, r, src, sp, mask, mp, op);
}

/**
 * Draws row by row from the bottom, copying each source row into a one-row scratch image of the
 * source's type first. Used when the source precedes the destination in a shared buffer: rows
 * below the current one are the only ones written so far, and the source row lies before the
 * end of the current destination row, so each copy reads untouched bytes. Allocates one row.
 */
function drawRowsUpward(
  path: FastPath | undefined,
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
): void {
  const w = r.dx();
  const h = r.dy();
  const ty = sp.y + h - 1;
  const scratch = snapshot(src, rect(sp.x, ty, sp.x + w, ty + 1)) as Image & { pix: Uint8Array };
  const s = src as Image & { pix: Uint8Array; pixOffset(x: number, y: number): number; bytesPerPixel: number };
  const rowBytes = w * s.bytesPerPixel;
  const tsp = new Point(sp.x, ty);
  for (let k = h - 1; k >= 0; k--) {
    const o = s.pixOffset(sp.x, sp.y + k);
    scratch.pix.set(s.pix.subarray(o, o + rowBytes));
    const rowRect = rect(r.min.x, r.min.y + k, r.max.x, r.min.y + k + 1);
    run(path, dst, rowRect, scratch, tsp, mask, mask === null ? mp : new Point(mp.x, mp.y + k), op);
  }
}
