import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { GrayImage } from '../../image/gray-image.js';
import type { RGBA64Readable } from '../../image/image.js';
import type { NRGBAImage } from '../../image/nrgba-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { lumaRGTable, overTable, premul16Table } from './luts.js';
import { runs } from './runs.js';
import { wordView } from '../../image/words.js';

/*
 * Into Gray (Go's generic path, made fast). A Gray pixel stores the luma of the 16-bit colour,
 * (19595 r + 38470 g + 7471 b + 2^15) >> 24, and ignores alpha; it reads back as opaque grey.
 * Over therefore composes onto (y, y, y) with y widened by 0x101.
 */

const M = 0xffff;

/**
 * RGBA to Gray, Src. With 8-bit channels the 16-bit luma is 257 × s + 2^15 where
 * s = 19595 R + 38470 G + 7471 B < 2^24, and (257 s + 2^15) >> 24 equals
 * (s + ((s + 2^15) >> 8)) >> 16 (split 257 s into 256 s + s, and floor twice), which stays in
 * int32. On word-aligned sources (words.ts) a pixel is one 32-bit load, whose low 16 bits (R, G)
 * index the LUMA_RG table (19595 R + 38470 G), and four grey bytes are one 32-bit store.
 */
export function rgbaToGray(dst: GrayImage, r: Rectangle, src: RGBAImage, sp: Point): void {
  const dpix = dst.pix;
  const spix = src.pix;
  const [rows, span] = runs(dst, r, src);
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  const s32 = wordView(src);
  if (s32 === null) {
    for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) {
      for (let i = d0, j = s0, end = d0 + span; i < end; i++, j += 4) {
        const s = 19595 * spix[j] + 38470 * spix[j + 1] + 7471 * spix[j + 2];
        dpix[i] = (s + ((s + 0x8000) >> 8)) >> 16;
      }
    }
    return;
  }
  // Words of dst's buffer from its first 4-byte boundary: byte o of dpix (o >= head) is byte
  // (o - head) & 3 of word (o - head) >> 2.
  const head = (4 - (dpix.byteOffset & 3)) & 3;
  const d32 = new Int32Array(dpix.buffer, dpix.byteOffset + head, Math.max(0, dpix.length - head) >>> 2);
  const t = lumaRGTable();
  for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) {
    let i = d0;
    let j = s0 >>> 2;
    const end = d0 + span;
    // Single bytes up to dst's next word boundary, words of four pixels, then the last bytes.
    for (; i < end && ((i - head) & 3) !== 0; i++, j++) dpix[i] = lumaWord(s32[j], t);
    for (let k = (i - head) >> 2; i + 3 < end; i += 4, j += 4, k++) {
      const w0 = s32[j], w1 = s32[j + 1], w2 = s32[j + 2], w3 = s32[j + 3];
      const a = t[w0 & 0xffff] + 7471 * ((w0 >>> 16) & 0xff);
      const b = t[w1 & 0xffff] + 7471 * ((w1 >>> 16) & 0xff);
      const c = t[w2 & 0xffff] + 7471 * ((w2 >>> 16) & 0xff);
      const e = t[w3 & 0xffff] + 7471 * ((w3 >>> 16) & 0xff);
      d32[k] =
        ((a + ((a + 0x8000) >> 8)) >> 16) |
        (((b + ((b + 0x8000) >> 8)) >> 16) << 8) |
        (((c + ((c + 0x8000) >> 8)) >> 16) << 16) |
        (((e + ((e + 0x8000) >> 8)) >> 16) << 24);
    }
    for (; i < end; i++, j++) dpix[i] = lumaWord(s32[j], t);
  }
}

/** The 8-bit luma of one RGBA pixel read as a little-endian word (see {@link rgbaToGray}). */
function lumaWord(w: number, t: Int32Array): number {
  const s = t[w & 0xffff] + 7471 * ((w >>> 16) & 0xff);
  return (s + ((s + 0x8000) >> 8)) >> 16;
}

/** RGBA over Gray: each channel (y × 0x101 × (0xffff - sa) / 0xffff + s) & 0xffff (OVER table), then luma. */
export function rgbaOverGray(dst: GrayImage, r: Rectangle, src: RGBAImage, sp: Point): void {
  const t = overTable();
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j += 4) {
      const k = t[(spix[j + 3] << 8) | dpix[i]];
      const cr = (k + spix[j] * 0x101) & 0xffff;
      const cg = (k + spix[j + 1] * 0x101) & 0xffff;
      const cb = (k + spix[j + 2] * 0x101) & 0xffff;
      dpix[i] = (19595 * cr + 38470 * cg + 7471 * cb + 0x8000) >>> 24;
    }
  }
}

/** NRGBA to Gray, Src: premultiply (PREMUL16), then luma. */
export function nrgbaToGray(dst: GrayImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const p = premul16Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j += 4) {
      const row = spix[j + 3] << 8;
      dpix[i] = (19595 * p[row | spix[j]] + 38470 * p[row | spix[j + 1]] + 7471 * p[row | spix[j + 2]] + 0x8000) >>> 24;
    }
  }
}

/** NRGBA over Gray: premultiply, compose onto the grey, then luma. */
export function nrgbaOverGray(dst: GrayImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const t = overTable();
  const p = premul16Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j += 4) {
      const row = spix[j + 3] << 8;
      const k = t[row | dpix[i]];
      const cr = (k + p[row | spix[j]]) & 0xffff;
      const cg = (k + p[row | spix[j + 1]]) & 0xffff;
      const cb = (k + p[row | spix[j + 2]]) & 0xffff;
      dpix[i] = (19595 * cr + 38470 * cg + 7471 * cb + 0x8000) >>> 24;
    }
  }
}

/** Any source to Gray, Src, through `loadRGBA64`. */
export function anyToGray(dst: GrayImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w; i < end; i++, sx++) {
      src.loadRGBA64(sx, sy, s);
      dpix[i] = (19595 * s[0] + 38470 * s[1] + 7471 * s[2] + 0x8000) >>> 24;
    }
  }
}

/** Any source over Gray, through `loadRGBA64`. */
export function anyOverGray(dst: GrayImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w; i < end; i++, sx++) {
      src.loadRGBA64(sx, sy, s);
      const k = Math.floor((dpix[i] * 0x101 * (M - s[3])) / M);
      const cr = (k + s[0]) & 0xffff;
      const cg = (k + s[1]) & 0xffff;
      const cb = (k + s[2]) & 0xffff;
      dpix[i] = (19595 * cr + 38470 * cg + 7471 * cb + 0x8000) >>> 24;
    }
  }
}
