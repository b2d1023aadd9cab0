import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { RGBA64Readable } from '../../image/image.js';
import type { RGBAImage } from '../../image/rgba-image.js';

/*
 * Any source, and any mask or none, into RGBA: Go's drawRGBA. The destination is read and
 * written as bytes; source and mask are read through `loadRGBA64`. Same formulas as the generic
 * path, with the 8-bit d widened by the 0x101 folded into a.
 */

const M = 0xffff;

/** Over, no mask: d = (d × a / 0xffff + s) >> 8, a = (0xffff - sa) × 0x101. */
export function anyOverRGBA(dst: RGBAImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w4; i < end; i += 4, sx++) {
      src.loadRGBA64(sx, sy, s);
      const a = (M - s[3]) * 0x101;
      dpix[i] = (Math.floor((dpix[i] * a) / M) + s[0]) >>> 8;
      dpix[i + 1] = (Math.floor((dpix[i + 1] * a) / M) + s[1]) >>> 8;
      dpix[i + 2] = (Math.floor((dpix[i + 2] * a) / M) + s[2]) >>> 8;
      dpix[i + 3] = (Math.floor((dpix[i + 3] * a) / M) + s[3]) >>> 8;
    }
  }
}

/** Src, no mask: d = s >> 8. */
export function anyToRGBA(dst: RGBAImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w4; i < end; i += 4, sx++) {
      src.loadRGBA64(sx, sy, s);
      dpix[i] = s[0] >>> 8;
      dpix[i + 1] = s[1] >>> 8;
      dpix[i + 2] = s[2] >>> 8;
      dpix[i + 3] = s[3] >>> 8;
    }
  }
}

/** Over through any mask: a = (0xffff - sa × ma / 0xffff) × 0x101, d = ((d × a + s × ma) / 0xffff) >> 8. */
export function anyMaskedOverRGBA(
  dst: RGBAImage,
  r: Rectangle,
  src: RGBA64Readable,
  sp: Point,
  mask: RGBA64Readable,
  mp: Point,
): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const mk = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y, my = mp.y; y < r.max.y; y++, sy++, my++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, mx = mp.x, end = d0 + w4; i < end; i += 4, sx++, mx++) {
      mask.loadRGBA64(mx, my, mk);
      const ma = mk[3];
      src.loadRGBA64(sx, sy, s);
      const a = (M - Math.floor((s[3] * ma) / M)) * 0x101;
      dpix[i] = Math.floor(((dpix[i] * a + s[0] * ma) >>> 0) / M) >>> 8;
      dpix[i + 1] = Math.floor(((dpix[i + 1] * a + s[1] * ma) >>> 0) / M) >>> 8;
      dpix[i + 2] = Math.floor(((dpix[i + 2] * a + s[2] * ma) >>> 0) / M) >>> 8;
      dpix[i + 3] = Math.floor(((dpix[i + 3] * a + s[3] * ma) >>> 0) / M) >>> 8;
    }
  }
}

/** Src through any mask: d = (s × ma / 0xffff) >> 8. */
export function anyMaskedToRGBA(
  dst: RGBAImage,
  r: Rectangle,
  src: RGBA64Readable,
  sp: Point,
  mask: RGBA64Readable,
  mp: Point,
): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const mk = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y, my = mp.y; y < r.max.y; y++, sy++, my++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, mx = mp.x, end = d0 + w4; i < end; i += 4, sx++, mx++) {
      mask.loadRGBA64(mx, my, mk);
      const ma = mk[3];
      src.loadRGBA64(sx, sy, s);
      dpix[i] = Math.floor((s[0] * ma) / M) >>> 8;
      dpix[i + 1] = Math.floor((s[1] * ma) / M) >>> 8;
      dpix[i + 2] = Math.floor((s[2] * ma) / M) >>> 8;
      dpix[i + 3] = Math.floor((s[3] * ma) / M) >>> 8;
    }
  }
}
