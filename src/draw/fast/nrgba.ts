import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { RGBA64Readable } from '../../image/image.js';
import type { NRGBAImage } from '../../image/nrgba-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { premul16Table, unpremul8Table } from './luts.js';

/*
 * Into NRGBA, the layout of canvas ImageData (Go's generic path, made fast). The destination is
 * premultiplied to compose (PREMUL16) and un-premultiplied to store: for a result alpha a outside
 * {0, 0xffff}, c' = c × 0xffff / a, and the byte is c' >> 8 (Go's NRGBA.SetRGBA64).
 */

const M = 0xffff;

/** Stores a premultiplied 16-bit colour at pix[i], as NRGBAImage.storeRGBA64 does. */
function storeNRGBA(pix: Uint8Array, i: number, r: number, g: number, b: number, a: number): void {
  if (a !== 0 && a !== M) {
    r = Math.floor((r * M) / a);
    g = Math.floor((g * M) / a);
    b = Math.floor((b * M) / a);
  }
  pix[i] = r >>> 8;
  pix[i + 1] = g >>> 8;
  pix[i + 2] = b >>> 8;
  pix[i + 3] = a >>> 8;
}

/** NRGBA over NRGBA: out = d × (0xffff - sa) / 0xffff + s in premultiplied 16 bits, then stored. */
export function nrgbaOverNRGBA(dst: NRGBAImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const p = premul16Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w4; i < end; i += 4, j += 4) {
      const sa8 = spix[j + 3];
      if (sa8 === 0xff) {
        // a = 0 and s = c × 0x101 at full alpha: the stored bytes are the source's.
        dpix[i] = spix[j];
        dpix[i + 1] = spix[j + 1];
        dpix[i + 2] = spix[j + 2];
        dpix[i + 3] = 0xff;
        continue;
      }
      const srow = sa8 << 8;
      const drow = dpix[i + 3] << 8;
      const a = M - sa8 * 0x101;
      storeNRGBA(
        dpix,
        i,
        (Math.floor((p[drow | dpix[i]] * a) / M) + p[srow | spix[j]]) & 0xffff,
        (Math.floor((p[drow | dpix[i + 1]] * a) / M) + p[srow | spix[j + 1]]) & 0xffff,
        (Math.floor((p[drow | dpix[i + 2]] * a) / M) + p[srow | spix[j + 2]]) & 0xffff,
        (Math.floor((dpix[i + 3] * 0x101 * a) / M) + sa8 * 0x101) & 0xffff,
      );
    }
  }
}

/** RGBA to NRGBA, Src: un-premultiply each channel (UNPREMUL8). */
export function rgbaToNRGBA(dst: NRGBAImage, r: Rectangle, src: RGBAImage, sp: Point): void {
  const u = unpremul8Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w4; i < end; i += 4, j += 4) {
      const a = spix[j + 3];
      const row = a << 8;
      dpix[i] = u[row | spix[j]];
      dpix[i + 1] = u[row | spix[j + 1]];
      dpix[i + 2] = u[row | spix[j + 2]];
      dpix[i + 3] = a;
    }
  }
}

/** Any source to NRGBA, Src, through `loadRGBA64`. */
export function anyToNRGBA(dst: NRGBAImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w4; i < end; i += 4, sx++) {
      src.loadRGBA64(sx, sy, s);
      storeNRGBA(dpix, i, s[0], s[1], s[2], s[3]);
    }
  }
}

/** Any source over NRGBA, through `loadRGBA64`. */
export function anyOverNRGBA(dst: NRGBAImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const p = premul16Table();
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w4; i < end; i += 4, sx++) {
      src.loadRGBA64(sx, sy, s);
      const a = M - s[3];
      const drow = dpix[i + 3] << 8;
      storeNRGBA(
        dpix,
        i,
        (Math.floor((p[drow | dpix[i]] * a) / M) + s[0]) & 0xffff,
        (Math.floor((p[drow | dpix[i + 1]] * a) / M) + s[1]) & 0xffff,
        (Math.floor((p[drow | dpix[i + 2]] * a) / M) + s[2]) & 0xffff,
        (Math.floor((dpix[i + 3] * 0x101 * a) / M) + s[3]) & 0xffff,
      );
    }
  }
}
