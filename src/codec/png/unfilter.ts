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
  for (let i = 0; i < bpp && i < n; i++) dst[d + i] = src[s + i];
  for (let i = bpp; i < n; i++) dst[d + i] = src[s + i] + dst[d + i - bpp];
}

/** Filter type 2: x + b (b = the byte above). */
function up(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = src[s + i] + prev[p + i];
}

/**
 * Filter type 3: x + floor((a + b) / 2). Each byte lane of the pixel is walked separately so that a
 * stays in a local rather than being read back from dst.
 */
function average(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number, bpp: number): void {
  // Whole pixels only: a row of 8-bit samples is width × bpp bytes.
  if (bpp === 3 && n % 3 === 0) return average3(src, s, dst, d, prev, p, n);
  if (bpp === 4 && n % 4 === 0) return average4(src, s, dst, d, prev, p, n);
  for (let k = 0; k < bpp && k < n; k++) {
    let a = 0;
    for (let i = k; i < n; i += bpp) {
      a = (src[s + i] + ((a + prev[p + i]) >> 1)) & 0xff;
      dst[d + i] = a;
    }
  }
}

/** {@link average} for 3-byte pixels (8-bit RGB), the three lanes in one pass. n is a multiple of 3. */
function average3(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < n; i += 3) {
    a0 = (src[s + i] + ((a0 + prev[p + i]) >> 1)) & 0xff;
    a1 = (src[s + i + 1] + ((a1 + prev[p + i + 1]) >> 1)) & 0xff;
    a2 = (src[s + i + 2] + ((a2 + prev[p + i + 2]) >> 1)) & 0xff;
    dst[d + i] = a0;
    dst[d + i + 1] = a1;
    dst[d + i + 2] = a2;
  }
}

/** {@link average} for 4-byte pixels (8-bit RGBA, 16-bit grey + alpha). n is a multiple of 4. */
function average4(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let i = 0; i < n; i += 4) {
    a0 = (src[s + i] + ((a0 + prev[p + i]) >> 1)) & 0xff;
    a1 = (src[s + i + 1] + ((a1 + prev[p + i + 1]) >> 1)) & 0xff;
    a2 = (src[s + i + 2] + ((a2 + prev[p + i + 2]) >> 1)) & 0xff;
    a3 = (src[s + i + 3] + ((a3 + prev[p + i + 3]) >> 1)) & 0xff;
    dst[d + i] = a0;
    dst[d + i + 1] = a1;
    dst[d + i + 2] = a2;
    dst[d + i + 3] = a3;
  }
}

/**
 * The Paeth predictor of a (left), b (up) and c (up-left): whichever is closest to a + b - c, ties
 * preferring a, then b. With pa = |b - c|, pb = |a - c| and pc = |a + b - 2c|, as Go computes it.
 */
function paethPredict(a: number, b: number, c: number): number {
  let pa = b - c;
  let pb = a - c;
  let pc = pa + pb;
  if (pa < 0) pa = -pa;
  if (pb < 0) pb = -pb;
  if (pc < 0) pc = -pc;
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Filter type 4: x + the Paeth predictor of a, b, c (c = the byte above-left): whichever of a, b, c
 * is closest to a + b - c, ties preferring a, then b. With pa = |b - c|, pb = |a - c| and
 * pc = |a + b - 2c| = |(b - c) + (a - c)|, as in Go's filterPaeth. It walks each byte lane of the
 * pixel separately so that a and c stay in locals.
 */
function paeth(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number, bpp: number): void {
  if (bpp === 3 && n % 3 === 0) return paeth3(src, s, dst, d, prev, p, n);
  if (bpp === 4 && n % 4 === 0) return paeth4(src, s, dst, d, prev, p, n);
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

/** {@link paeth} for 3-byte pixels, the three lanes in one pass. n is a multiple of 3. */
function paeth3(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i += 3) {
    const b0 = prev[p + i];
    const b1 = prev[p + i + 1];
    const b2 = prev[p + i + 2];
    a0 = (src[s + i] + paethPredict(a0, b0, c0)) & 0xff;
    a1 = (src[s + i + 1] + paethPredict(a1, b1, c1)) & 0xff;
    a2 = (src[s + i + 2] + paethPredict(a2, b2, c2)) & 0xff;
    dst[d + i] = a0;
    dst[d + i + 1] = a1;
    dst[d + i + 2] = a2;
    c0 = b0;
    c1 = b1;
    c2 = b2;
  }
}

/** {@link paeth} for 4-byte pixels. n is a multiple of 4. */
function paeth4(src: Uint8Array, s: number, dst: Uint8Array, d: number, prev: Uint8Array, p: number, n: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = 0; i < n; i += 4) {
    const b0 = prev[p + i];
    const b1 = prev[p + i + 1];
    const b2 = prev[p + i + 2];
    const b3 = prev[p + i + 3];
    a0 = (src[s + i] + paethPredict(a0, b0, c0)) & 0xff;
    a1 = (src[s + i + 1] + paethPredict(a1, b1, c1)) & 0xff;
    a2 = (src[s + i + 2] + paethPredict(a2, b2, c2)) & 0xff;
    a3 = (src[s + i + 3] + paethPredict(a3, b3, c3)) & 0xff;
    dst[d + i] = a0;
    dst[d + i + 1] = a1;
    dst[d + i + 2] = a2;
    dst[d + i + 3] = a3;
    c0 = b0;
    c1 = b1;
    c2 = b2;
    c3 = b3;
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
