import { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image } from '../image/image.js';

/** The result of {@link clip}: the clipped rectangle and the shifted source and mask points. */
export interface Clipped {
  r: Rectangle;
  sp: Point;
  mp: Point;
}

/**
 * Clips r against the bounds of dst, of src (translated so that sp lands on r.min) and, when
 * given, of mask (translated so that mp lands on r.min). sp and mp move by as much as r.min did,
 * so the alignment of the three images is kept. When the result is empty it is the zero
 * rectangle and sp and mp are returned unchanged, as in Go.
 */
export function clip(dst: Image, r: Rectangle, src: Image, sp: Point, mask: Image | null, mp: Point): Clipped {
  const orig = r.min;
  let c = r.intersect(dst.bounds());
  c = c.intersect(src.bounds().add(new Point(orig.x - sp.x, orig.y - sp.y)));
  if (mask !== null) c = c.intersect(mask.bounds().add(new Point(orig.x - mp.x, orig.y - mp.y)));
  const dx = c.min.x - orig.x;
  const dy = c.min.y - orig.y;
  if (dx === 0 && dy === 0) return { r: c, sp, mp };
  return {
    r: c,
    sp: new Point(sp.x + dx, sp.y + dy),
    mp: mask === null ? mp : new Point(mp.x + dx, mp.y + dy),
  };
}
