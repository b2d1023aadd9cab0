import type { Color } from '../color/color.js';
import { RGBA64 } from '../color/rgba.js';
import { Transparent } from '../color/models.js';
import type { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import type { Op } from './op.js';

/*
 * The generic paths: slow, and obviously correct. They are the model that every fast path is
 * tested against (spec/draw.md). Two tiers, as in Go's DrawMask:
 *
 * - FALLBACK1.17: dst can load and store premultiplied 16-bit RGBA (`loadRGBA64`/`storeRGBA64`,
 *   or the allocating `rgba64At`/`setRGBA64`), src and the mask can load it. No colour objects.
 * - FALLBACK1.0: anything else. Colours go through `at()`, `rgba()` and `set()`, and each
 *   written pixel allocates a colour.
 *
 * The tiers agree except in one place, as Go's do: for Src with a fully opaque mask, FALLBACK1.0
 * hands src's colour object to `dst.set`, whose model may keep it exactly (an NRGBA colour into an
 * NRGBA image), while FALLBACK1.17 passes through premultiplied 16-bit values.
 *
 * Arithmetic follows Go's uint32 maths: products are reduced mod 2^32 (`>>> 0`) where Go's could
 * overflow (only for invalid premultiplied input), quotients truncate, and results are cut to
 * 16 bits as Go's uint16 conversions do.
 */

/** The largest 16-bit channel value, Go's `m`. */
const M = 0xffff;

type Load = (x: number, y: number, out: Uint32Array) => void;
type Store = (x: number, y: number, r: number, g: number, b: number, a: number) => void;

interface Loadable {
  loadRGBA64?: (x: number, y: number, out: Uint32Array | number[]) => void;
  rgba64At?: (x: number, y: number) => { r: number; g: number; b: number; a: number };
}
interface Storable {
  storeRGBA64?: Store;
  setRGBA64?: (x: number, y: number, c: RGBA64) => void;
}

/** The allocation-free 16-bit reader of img, or null when it has neither form (FALLBACK1.0). */
export function loaderOf(img: Image): Load | null {
  const m = img as Image & Loadable;
  if (typeof m.loadRGBA64 === 'function') return (x, y, out) => m.loadRGBA64!(x, y, out);
  if (typeof m.rgba64At === 'function') {
    return (x, y, out) => {
      const c = m.rgba64At!(x, y);
      out[0] = c.r;
      out[1] = c.g;
      out[2] = c.b;
      out[3] = c.a;
    };
  }
  return null;
}

/** The 16-bit writer of img, or null when it has neither form (FALLBACK1.0). */
export function storerOf(img: Image): Store | null {
  const m = img as Image & Storable;
  if (typeof m.storeRGBA64 === 'function') return (x, y, r, g, b, a) => m.storeRGBA64!(x, y, r, g, b, a);
  if (typeof m.setRGBA64 === 'function') return (x, y, r, g, b, a) => m.setRGBA64!(x, y, new RGBA64(r, g, b, a));
  return null;
}

/**
 * Go's `processBackward`: whether a draw of src onto the same object must walk right-to-left,
 * bottom-to-top so that it reads every source pixel before overwriting it. Decided by identity,
 * as in Go; draw.ts separately handles distinct images that share a pixel buffer.
 */
export function processBackward(dst: Image, r: Rectangle, src: Image, sp: Point): boolean {
  if ((dst as unknown) !== src) return false;
  const moved = r.add(sp.sub(r.min));
  return r.overlaps(moved) && (sp.y < r.min.y || (sp.y === r.min.y && sp.x < r.min.x));
}

/**
 * Draws with the generic paths. r must already be clipped (see clip.ts) and non-empty.
 * Writes into dst only.
 */
export function drawGeneric(
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
): void {
  const dload = loaderOf(dst);
  const store = storerOf(dst);
  const sload = loaderOf(src);
  const mload = mask === null ? null : loaderOf(mask);
  if (dload !== null && store !== null && sload !== null && (mask === null || mload !== null)) {
    drawGeneric17(dload, store, sload, mload, r, sp, mp, op, processBackward(dst, r, src, sp));
  } else {
    drawGeneric10(dst, r, src, sp, mask, mp, op, processBackward(dst, r, src, sp));
  }
}

/** Go's FALLBACK1.17: premultiplied 16-bit values, no colour objects. */
function drawGeneric17(
  dload: Load,
  store: Store,
  sload: Load,
  mload: Load | null,
  r: Rectangle,
  sp: Point,
  mp: Point,
  op: Op,
  backward: boolean,
): void {
  const s = new Uint32Array(4);
  const d = new Uint32Array(4);
  const mk = new Uint32Array(4);
  const [x0, x1, dx] = backward ? [r.max.x - 1, r.min.x - 1, -1] : [r.min.x, r.max.x, 1];
  const [y0, y1, dy] = backward ? [r.max.y - 1, r.min.y - 1, -1] : [r.min.y, r.max.y, 1];
  for (let y = y0, sy = sp.y + y0 - r.min.y, my = mp.y + y0 - r.min.y; y !== y1; y += dy, sy += dy, my += dy) {
    for (let x = x0, sx = sp.x + x0 - r.min.x, mx = mp.x + x0 - r.min.x; x !== x1; x += dx, sx += dx, mx += dx) {
      if (mload === null) {
        sload(sx, sy, s);
        if (op === 'src') {
          store(x, y, s[0], s[1], s[2], s[3]);
        } else {
          const a = M - s[3];
          dload(x, y, d);
          // uint16(d*a/m) + s, in uint16.
          store(
            x,
            y,
            (((d[0] * a) / M) + s[0]) & 0xffff,
            (((d[1] * a) / M) + s[1]) & 0xffff,
            (((d[2] * a) / M) + s[2]) & 0xffff,
            (((d[3] * a) / M) + s[3]) & 0xffff,
          );
        }
        continue;
      }
      mload(mx, my, mk);
      const ma = mk[3];
      if (ma === 0) {
        if (op === 'src') store(x, y, 0, 0, 0, 0);
      } else if (ma === M && op === 'src') {
        sload(sx, sy, s);
        store(x, y, s[0], s[1], s[2], s[3]);
      } else {
        sload(sx, sy, s);
        if (op === 'over') {
          dload(x, y, d);
          const a = M - (((s[3] * ma) / M) >>> 0);
          store(
            x,
            y,
            (((d[0] * a + s[0] * ma) >>> 0) / M) & 0xffff,
            (((d[1] * a + s[1] * ma) >>> 0) / M) & 0xffff,
            (((d[2] * a + s[2] * ma) >>> 0) / M) & 0xffff,
            (((d[3] * a + s[3] * ma) >>> 0) / M) & 0xffff,
          );
        } else {
          store(
            x,
            y,
            ((s[0] * ma) / M) & 0xffff,
            ((s[1] * ma) / M) & 0xffff,
            ((s[2] * ma) / M) & 0xffff,
            ((s[3] * ma) / M) & 0xffff,
          );
        }
      }
    }
  }
}

/** Go's FALLBACK1.0: through `at()`, `rgba()` and `set()`. */
function drawGeneric10(
  dst: MutableImage,
  r: Rectangle,
  src: Image,
  sp: Point,
  mask: Image | null,
  mp: Point,
  op: Op,
  backward: boolean,
): void {
  const [x0, x1, dx] = backward ? [r.max.x - 1, r.min.x - 1, -1] : [r.min.x, r.max.x, 1];
  const [y0, y1, dy] = backward ? [r.max.y - 1, r.min.y - 1, -1] : [r.min.y, r.max.y, 1];
  for (let y = y0, sy = sp.y + y0 - r.min.y, my = mp.y + y0 - r.min.y; y !== y1; y += dy, sy += dy, my += dy) {
    for (let x = x0, sx = sp.x + x0 - r.min.x, mx = mp.x + x0 - r.min.x; x !== x1; x += dx, sx += dx, mx += dx) {
      const ma = mask === null ? M : mask.at(mx, my).rgba()[3];
      if (ma === 0) {
        if (op === 'src') dst.set(x, y, Transparent);
      } else if (ma === M && op === 'src') {
        dst.set(x, y, src.at(sx, sy));
      } else {
        const [sr, sg, sb, sa] = src.at(sx, sy).rgba();
        let out: Color;
        if (op === 'over') {
          const [dr, dg, db, da] = dst.at(x, y).rgba();
          const a = M - (((sa * ma) / M) >>> 0);
          out = new RGBA64(
            (((dr * a + sr * ma) >>> 0) / M) & 0xffff,
            (((dg * a + sg * ma) >>> 0) / M) & 0xffff,
            (((db * a + sb * ma) >>> 0) / M) & 0xffff,
            (((da * a + sa * ma) >>> 0) / M) & 0xffff,
          );
        } else {
          out = new RGBA64(((sr * ma) / M) & 0xffff, ((sg * ma) / M) & 0xffff, ((sb * ma) / M) & 0xffff, ((sa * ma) / M) & 0xffff);
        }
        dst.set(x, y, out);
      }
    }
  }
}
