import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { NRGBAImage } from '../../image/nrgba-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { overScaleTable, overTable, premul16Table, premul8Table } from './luts.js';
import { runs } from './runs.js';
import { overKernel, overRunsSimd } from './simd/over-simd.js';
import { wordView } from '../../image/words.js';

/*
 * When the WebAssembly kernel pays: each run costs two copies in, one out and a call, so short
 * runs stay in JavaScript. Measured (Node 20, draws repeated in one process, ns per pixel, kernel
 * vs word loop): runs of 32 pixels 10.1 vs 8.3 (32x64) and 11.5 vs 9.1 (32x32); runs of 64 pixels
 * 10.2 vs 11.8 (64x8), 5.9 vs 9.4 (64x64); whole 512x512 draws 1.3 vs 4.4.
 */
/** The shortest run (pixels per row) that goes through the kernel. */
const SIMD_MIN_RUN = 64;
/** The smallest draw (pixels in all) that goes through the kernel. */
const SIMD_MIN_PIXELS = 512;

/**
 * NRGBA over RGBA, Go's drawNRGBAOver: per channel, with 8-bit source alpha α,
 * d = (d × a / 0xffff + s × α16 / 0xff) >> 8 where α16 = α × 0x101 and a = (0xffff - α16) × 0x101
 * (alpha: s × α16 / 0xff replaced by α16). The two terms are the OVER and PREMUL16 tables; on
 * word-aligned buffers they are computed instead as one multiply and shift each (OVER_SCALE,
 * luts.ts), a pixel per 32-bit load and store; large draws go through the WebAssembly SIMD kernel
 * (simd/over-simd.ts) where it runs, which computes the same bytes four pixels at a time.
 */
export function nrgbaOverRGBA(dst: RGBAImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const [rows, span] = runs(dst, r, src);
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  const d32 = wordView(dst);
  const s32 = d32 === null ? null : wordView(src);
  if (d32 === null || s32 === null) {
    for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) nrgbaOverRun(dst.pix, d0, src.pix, s0, span);
    return;
  }
  const n = span >>> 2;
  const simd = n >= SIMD_MIN_RUN && rows * n >= SIMD_MIN_PIXELS ? overKernel() : null;
  if (simd !== null) return overRunsSimd(simd, d32, d0 >>> 2, dst.stride >>> 2, s32, s0 >>> 2, src.stride >>> 2, rows, n);
  const k = overScaleTable();
  for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) nrgbaOverWords(d32, d0 >>> 2, s32, s0 >>> 2, span >>> 2, k);
}

/**
 * One run of {@link nrgbaOverRGBA} on 32-bit words: n pixels of d32 from d0, with s32 from s0.
 * Four pixels per step, all loaded before any is stored (so a source at or after the destination
 * in one buffer is read before it is overwritten, as the forward walk in draw.ts requires). Four
 * transparent sources leave the destination as it is; four opaque ones are copied (in both cases
 * the formula gives the same bytes); anything else takes the formula for all four.
 *
 * The four pixel bodies are {@link overWord} written out by hand: V8 does not inline four calls
 * of it here, and the calls cost a third of the run time.
 */
function nrgbaOverWords(d32: Int32Array, d0: number, s32: Int32Array, s0: number, n: number, k: Int32Array): void {
  let i = d0;
  let j = s0;
  for (const end = d0 + n - 3; i < end; i += 4, j += 4) {
    const w0 = s32[j], w1 = s32[j + 1], w2 = s32[j + 2], w3 = s32[j + 3];
    if (((w0 | w1 | w2 | w3) >>> 24) === 0) continue;
    if (((w0 & w1 & w2 & w3) >>> 24) === 0xff) {
      d32[i] = w0;
      d32[i + 1] = w1;
      d32[i + 2] = w2;
      d32[i + 3] = w3;
      continue;
    }
    const v0 = d32[i], v1 = d32[i + 1], v2 = d32[i + 2], v3 = d32[i + 3];
    {
      const d = v0, s = w0, sa = s >>> 24, ka = k[sa], kp = k[sa | 256];
      const r = ((Math.imul(d & 0xff, ka) >>> 16) + (Math.imul(s & 0xff, kp) >>> 16)) >>> 8;
      const g = ((Math.imul((d >>> 8) & 0xff, ka) >>> 16) + (Math.imul((s >>> 8) & 0xff, kp) >>> 16)) & 0xff00;
      const b = ((Math.imul((d >>> 16) & 0xff, ka) >>> 16) + (Math.imul((s >>> 16) & 0xff, kp) >>> 16)) >>> 8;
      d32[i] = r | g | (b << 16) | ((((Math.imul(d >>> 24, ka) >>> 16) + sa * 0x101) >>> 8) << 24);
    }
    {
      const d = v1, s = w1, sa = s >>> 24, ka = k[sa], kp = k[sa | 256];
      const r = ((Math.imul(d & 0xff, ka) >>> 16) + (Math.imul(s & 0xff, kp) >>> 16)) >>> 8;
      const g = ((Math.imul((d >>> 8) & 0xff, ka) >>> 16) + (Math.imul((s >>> 8) & 0xff, kp) >>> 16)) & 0xff00;
      const b = ((Math.imul((d >>> 16) & 0xff, ka) >>> 16) + (Math.imul((s >>> 16) & 0xff, kp) >>> 16)) >>> 8;
      d32[i + 1] = r | g | (b << 16) | ((((Math.imul(d >>> 24, ka) >>> 16) + sa * 0x101) >>> 8) << 24);
    }
    {
      const d = v2, s = w2, sa = s >>> 24, ka = k[sa], kp = k[sa | 256];
      const r = ((Math.imul(d & 0xff, ka) >>> 16) + (Math.imul(s & 0xff, kp) >>> 16)) >>> 8;
      const g = ((Math.imul((d >>> 8) & 0xff, ka) >>> 16) + (Math.imul((s >>> 8) & 0xff, kp) >>> 16)) & 0xff00;
      const b = ((Math.imul((d >>> 16) & 0xff, ka) >>> 16) + (Math.imul((s >>> 16) & 0xff, kp) >>> 16)) >>> 8;
      d32[i + 2] = r | g | (b << 16) | ((((Math.imul(d >>> 24, ka) >>> 16) + sa * 0x101) >>> 8) << 24);
    }
    {
      const d = v3, s = w3, sa = s >>> 24, ka = k[sa], kp = k[sa | 256];
      const r = ((Math.imul(d & 0xff, ka) >>> 16) + (Math.imul(s & 0xff, kp) >>> 16)) >>> 8;
      const g = ((Math.imul((d >>> 8) & 0xff, ka) >>> 16) + (Math.imul((s >>> 8) & 0xff, kp) >>> 16)) & 0xff00;
      const b = ((Math.imul((d >>> 16) & 0xff, ka) >>> 16) + (Math.imul((s >>> 16) & 0xff, kp) >>> 16)) >>> 8;
      d32[i + 3] = r | g | (b << 16) | ((((Math.imul(d >>> 24, ka) >>> 16) + sa * 0x101) >>> 8) << 24);
    }
  }
  for (const end = d0 + n; i < end; i++, j++) d32[i] = overWord(d32[i], s32[j], k);
}

/** One RGBA pixel d (a word) under one NRGBA pixel s: Go's drawNRGBAOver, exact for every α. */
function overWord(d: number, s: number, k: Int32Array): number {
  const sa = s >>> 24;
  const ka = k[sa]; // (v × ka) >>> 16 = OVER[sa, v]
  const kp = k[sa | 256]; // (v × kp) >>> 16 = PREMUL16[sa, v]
  const r = ((Math.imul(d & 0xff, ka) >>> 16) + (Math.imul(s & 0xff, kp) >>> 16)) >>> 8;
  const g = ((Math.imul((d >>> 8) & 0xff, ka) >>> 16) + (Math.imul((s >>> 8) & 0xff, kp) >>> 16)) & 0xff00;
  const b = ((Math.imul((d >>> 16) & 0xff, ka) >>> 16) + (Math.imul((s >>> 16) & 0xff, kp) >>> 16)) >>> 8;
  const a = ((Math.imul(d >>> 24, ka) >>> 16) + sa * 0x101) >>> 8;
  return r | g | (b << 16) | (a << 24);
}

/** One run of {@link nrgbaOverRGBA} on bytes (unaligned buffers): `span` bytes of dpix from d0, with spix from s0. */
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
