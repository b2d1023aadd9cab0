/**
 * Scanline reconstruction (PNG section 9): undoes the filter of one row.
 *
 * Every function reads the n filtered bytes at `src[s..s+n)` and writes the reconstructed bytes to
 * `dst[d..d+n)`, given the reconstructed previous row at `prev[p..p+n)` (zeros for the first row of
 * a pass). `bpp` is the filter stride in bytes (at least 1). `src` and `dst` may be the same array
 * at the same offset (in place); `dst` and `prev` must not overlap. Sums wrap modulo 256 on
 * storing into the Uint8Array.
 * @internal
 */

import { FT_AVERAGE, FT_NONE, FT_PAETH, FT_SUB, FT_UP } from './format.js';

/** Filter type 0: the bytes are the values. */
function none(src: Uint8Array, s: number, dst: Uint8Array, d: number, n: number): void {
  if (src !== dst || s !== d) dst.set(src.subarray(s, s + n), d);
}

/** Filter type 1: x + a (a = the byte bpp to the left). */
function sub(src: Uint8Array, s: number, dst: Uint8Array, d: number, n: number, bpp: number): void {
  for (let i = 0; i < bpp; i++) dst[d + i] = src[s + i];
  for (let i = bpp; i < n; i++) dst[d + i] = src[s + i] + dst[d + i - bpp];
}

/** Filter type 2: x + b (b = the byte above). */
function up(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = src[s + i] + prev[p + i];
}

/** Filter type 3: x + floor((a + b) / 2). */
function average(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number, bpp: number): void {
  for (let i = 0; i < bpp; i++) dst[d + i] = src[s + i] + (prev[p + i] >> 1);
  for (let i = bpp; i < n; i++) dst[d + i] = src[s + i] + ((dst[d + i - bpp] + prev[p + i]) >> 1);
}

/**
 * Filter type 4: x + the Paeth predictor of a, b, c (c = the byte above-left): whichever of a, b, c
 * is closest to a + b - c, ties preferring a, then b. With pa = |b - c|, pb = |a - c| and
 * pc = |a + b - 2c| = |(b - c) + (a - c)|, as in Go's filterPaeth. It walks each byte lane of the
 * pixel separately so that a and c stay in locals.
 */
function paeth(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number, bpp: number): void {
  for (let k = 0; k < bpp && k < n; k++) {
    let a = 0;
    let c = 0;
    for (let i = k; i < n; i += bpp) {
      const b = prev[p + i];
      let pa = b - c;
      let pb = a - c;
      let pc = pa + pb;
      if (pa < 0) pa = -pa;
      if (pb < 0) pb = -pb;
      if (pc < 0) pc = -pc;
      const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      a = (src[s + i] + pred) & 0xff;
      dst[d + i] = a;
      c = b;
    }
  }
}

/**
 * Reconstructs one row filtered with `filter`. Returns false for a filter type other than 0 to 4
 * (the caller reports it with its location).
 */
export function unfilterRow(
  filter: number,
  src: Uint8Array,
  s: number,
  dst: Uint8Array,
  d: number,
  prev: Uint8Array,
  p: number,
  n: number,
  bpp: number,
): boolean {
  switch (filter) {
    case FT_NONE:
      none(src, s, dst, d, n);
      return true;
    case FT_SUB:
      sub(src, s, dst, d, n, bpp);
      return true;
    case FT_UP:
      up(src, s, dst, d, prev, p, n);
      return true;
    case FT_AVERAGE:
      average(src, s, dst, d, prev, p, n, bpp);
      return true;
    case FT_PAETH:
      paeth(src, s, dst, d, prev, p, n, bpp);
      return true;
    default:
      return false;
  }
}
