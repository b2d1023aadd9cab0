import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { NRGBAImage } from '../../image/nrgba-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { overTable, premul16Table, premul8Table } from './luts.js';
import { runs } from './runs.js';

/**
 * NRGBA over RGBA, Go's drawNRGBAOver. The source is premultiplied into 16 bits
 * (s16 = s × sa × 0x101 / 0xff, the PREMUL16 table), then d = (d × a / 0xffff + s16) >> 8 with
 * a = (0xffff - sa × 0x101) × 0x101 (the OVER table).
 */
export function nrgbaOverRGBA(dst: RGBAImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const [rows, span] = runs(dst, r, src);
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) nrgbaOverRun(dst.pix, d0, src.pix, s0, span);
}

/** One run of {@link nrgbaOverRGBA}: `span` bytes of dpix from d0, with spix from s0. */
function nrgbaOverRun(dpix: Uint8Array, d0: number, spix: Uint8Array, s0: number, span: number): void {
  const t = overTable();
  const p = premul16Table();
  for (let i = d0, j = s0, end = d0 + span; i < end; i += 4, j += 4) {
    const sa = spix[j + 3];
    if (sa === 0) continue; // s16 = 0 and a = 0xffff × 0x101: d is unchanged.
    if (sa === 0xff) {
      dpix[i] = spix[j];
      dpix[i + 1] = spix[j + 1];
      dpix[i + 2] = spix[j + 2];
      dpix[i + 3] = 0xff;
      continue;
    }
    // Read everything first: the stores then do not wait on loads.
    const row = sa << 8;
    const dr = dpix[i], dg = dpix[i + 1], db = dpix[i + 2], da = dpix[i + 3];
    const sr = spix[j], sg = spix[j + 1], sb = spix[j + 2];
    dpix[i] = (t[row | dr] + p[row | sr]) >>> 8;
    dpix[i + 1] = (t[row | dg] + p[row | sg]) >>> 8;
    dpix[i + 2] = (t[row | db] + p[row | sb]) >>> 8;
    dpix[i + 3] = (t[row | da] + sa * 0x101) >>> 8;
  }
}

/** NRGBA to RGBA, Src, Go's drawNRGBASrc: each channel premultiplied, s × sa × 0x101 / 0xff >> 8. */
export function nrgbaToRGBA(dst: RGBAImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const p = premul8Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w4; i < end; i += 4, j += 4) {
      const sa = spix[j + 3];
      const row = sa << 8;
      dpix[i] = p[row | spix[j]];
      dpix[i + 1] = p[row | spix[j + 1]];
      dpix[i + 2] = p[row | spix[j + 2]];
      dpix[i + 3] = sa;
    }
  }
}
