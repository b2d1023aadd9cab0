/**
 * The inverse DCT of Go's image/jpeg (idct.go, after the MPEG Software Simulation Group's idct.c),
 * bit for bit, fused with the level shift, the clamp and the store into a plane.
 *
 * Go computes in int32, so every sum and product wraps modulo 2^32 on overflow. Here sums are
 * truncated with `| 0` and products go through `Math.imul`; `>>` truncates its left operand to 32
 * bits first, as Go's int32 arithmetic would have. The results therefore equal Go's for every
 * input, including the huge coefficients of corrupt files. For ordinary coefficients nothing
 * overflows and the truncations cost nothing.
 *
 * The fixed-point constants are 2048·√2·cos(kπ/16), rounded:
 * W1 = 2841, W2 = 2676, W3 = 2408, W5 = 1609, W6 = 1108, W7 = 565; R2 = 181 ≈ 256/√2.
 */

const W1 = 2841;
const W2 = 2676;
const W3 = 2408;
const W5 = 1609;
const W6 = 1108;
const W7 = 565;
const W1PW7 = W1 + W7;
const W1MW7 = W1 - W7;
const W2PW6 = W2 + W6;
const W2MW6 = W2 - W6;
const W3PW5 = W3 + W5;
const W3MW5 = W3 - W5;
const R2 = 181;

/** Go's clamp after the +128 level shift: below 0 is 0, above 255 is 255. */
function clamp(c: number): number {
  return c < 0 ? 0 : c > 255 ? 255 : c;
}

/**
 * Transforms the dequantized coefficients in `blk` (natural order, 64 entries from 0) and writes the
 * 8×8 pixels to `dst` at `off`, rows `stride` apart, as Go's reconstructBlock does: level shift by
 * +128 and clamp to 0..255.
 *
 * `rows` has bit k set when row k (k ≥ 1) may hold a non-zero coefficient, and bit 0 when row 0
 * holds a non-zero AC term; rows without their bit must be zero. The passes skip what is zero: the
 * arithmetic they leave out would add or multiply exact zeros, so the result is Go's, bit for bit.
 *
 * `blk` is left all zero, ready for the next block. `tmp` is 64 entries of scratch.
 */
export function idctStore(blk: Int32Array, tmp: Int32Array, dst: Uint8Array, off: number, stride: number, rows: number): void {
  // Horizontal pass, row by row, into tmp. A row whose AC terms are zero is its DC times 8 (Go's
  // shortcut, kept because it differs from the general formula when DC << 11 overflows).
  for (let y = 0; y < 64; y += 8) {
    if (y !== 0 && (rows & (1 << (y >> 3))) === 0) {
      tmp[y] = 0;
      tmp[y + 1] = 0;
      tmp[y + 2] = 0;
      tmp[y + 3] = 0;
      tmp[y + 4] = 0;
      tmp[y + 5] = 0;
      tmp[y + 6] = 0;
      tmp[y + 7] = 0;
      continue;
    }
    const s0 = blk[y];
    const s1 = blk[y + 1];
    const s2 = blk[y + 2];
    const s3 = blk[y + 3];
    const s4 = blk[y + 4];
    const s5 = blk[y + 5];
    const s6 = blk[y + 6];
    const s7 = blk[y + 7];
    if ((s1 | s2 | s3 | s4 | s5 | s6 | s7) === 0) {
      const dc = s0 << 3;
      tmp[y] = dc;
      tmp[y + 1] = dc;
      tmp[y + 2] = dc;
      tmp[y + 3] = dc;
      tmp[y + 4] = dc;
      tmp[y + 5] = dc;
      tmp[y + 6] = dc;
      tmp[y + 7] = dc;
      blk[y] = 0;
      continue;
    }
    blk[y] = 0;
    blk[y + 1] = 0;
    blk[y + 2] = 0;
    blk[y + 3] = 0;
    blk[y + 4] = 0;
    blk[y + 5] = 0;
    blk[y + 6] = 0;
    blk[y + 7] = 0;

    let x0 = ((s0 << 11) + 128) | 0;
    let x1 = s4 << 11;
    let x2 = s6;
    let x3 = s2;
    let x4 = s1;
    let x5 = s7;
    let x6 = s5;
    let x7 = s3;

    // Stage 1.
    let x8 = Math.imul(W7, (x4 + x5) | 0);
    x4 = (x8 + Math.imul(W1MW7, x4)) | 0;
    x5 = (x8 - Math.imul(W1PW7, x5)) | 0;
    x8 = Math.imul(W3, (x6 + x7) | 0);
    x6 = (x8 - Math.imul(W3MW5, x6)) | 0;
    x7 = (x8 - Math.imul(W3PW5, x7)) | 0;

    // Stage 2.
    x8 = (x0 + x1) | 0;
    x0 = (x0 - x1) | 0;
    x1 = Math.imul(W6, (x3 + x2) | 0);
    x2 = (x1 - Math.imul(W2PW6, x2)) | 0;
    x3 = (x1 + Math.imul(W2MW6, x3)) | 0;
    x1 = (x4 + x6) | 0;
    x4 = (x4 - x6) | 0;
    x6 = (x5 + x7) | 0;
    x5 = (x5 - x7) | 0;

    // Stage 3.
    x7 = (x8 + x3) | 0;
    x8 = (x8 - x3) | 0;
    x3 = (x0 + x2) | 0;
    x0 = (x0 - x2) | 0;
    x2 = (Math.imul(R2, (x4 + x5) | 0) + 128) >> 8;
    x4 = (Math.imul(R2, (x4 - x5) | 0) + 128) >> 8;

    // Stage 4.
    tmp[y] = (x7 + x1) >> 8;
    tmp[y + 1] = (x3 + x2) >> 8;
    tmp[y + 2] = (x0 + x4) >> 8;
    tmp[y + 3] = (x8 + x6) >> 8;
    tmp[y + 4] = (x8 - x6) >> 8;
    tmp[y + 5] = (x0 - x4) >> 8;
    tmp[y + 6] = (x3 - x2) >> 8;
    tmp[y + 7] = (x7 - x1) >> 8;
  }

  if ((rows & 0xfe) === 0) {
    // Only row 0: every column is constant. With y1..y7 = 0 Go's column formula gives y0 >> 14.
    for (let x = 0; x < 8; x++) {
      const v = clamp(((((tmp[x] << 8) + 8192) | 0) >> 14) + 128);
      for (let k = 0, o = off + x; k < 8; k++, o += stride) dst[o] = v;
    }
    return;
  }
  if ((rows & 0xf0) === 0) {
    columnsLow(tmp, dst, off, stride);
    return;
  }

  // Vertical pass, column by column, into the plane.
  for (let x = 0; x < 8; x++) {
    let y0 = ((tmp[x] << 8) + 8192) | 0;
    let y1 = tmp[x + 32] << 8;
    let y2 = tmp[x + 48];
    let y3 = tmp[x + 16];
    let y4 = tmp[x + 8];
    let y5 = tmp[x + 56];
    let y6 = tmp[x + 40];
    let y7 = tmp[x + 24];

    // Stage 1.
    let y8 = (Math.imul(W7, (y4 + y5) | 0) + 4) | 0;
    y4 = (y8 + Math.imul(W1MW7, y4)) >> 3;
    y5 = (y8 - Math.imul(W1PW7, y5)) >> 3;
    y8 = (Math.imul(W3, (y6 + y7) | 0) + 4) | 0;
    y6 = (y8 - Math.imul(W3MW5, y6)) >> 3;
    y7 = (y8 - Math.imul(W3PW5, y7)) >> 3;

    // Stage 2.
    y8 = (y0 + y1) | 0;
    y0 = (y0 - y1) | 0;
    y1 = (Math.imul(W6, (y3 + y2) | 0) + 4) | 0;
    y2 = (y1 - Math.imul(W2PW6, y2)) >> 3;
    y3 = (y1 + Math.imul(W2MW6, y3)) >> 3;
    y1 = (y4 + y6) | 0;
    y4 = (y4 - y6) | 0;
    y6 = (y5 + y7) | 0;
    y5 = (y5 - y7) | 0;

    // Stage 3.
    y7 = (y8 + y3) | 0;
    y8 = (y8 - y3) | 0;
    y3 = (y0 + y2) | 0;
    y0 = (y0 - y2) | 0;
    y2 = (Math.imul(R2, (y4 + y5) | 0) + 128) >> 8;
    y4 = (Math.imul(R2, (y4 - y5) | 0) + 128) >> 8;

    // Stage 4, level shift and clamp.
    let o = off + x;
    dst[o] = clamp(((y7 + y1) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y3 + y2) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y0 + y4) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y8 + y6) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y8 - y6) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y0 - y4) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y3 - y2) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y7 - y1) >> 14) + 128);
  }
}

/**
 * The vertical pass when rows 4..7 are zero (t4 = t5 = t6 = t7 = 0): Go's formula with the zero
 * terms dropped (y1 = y2 = y5 = y6 = 0 on entry).
 */
function columnsLow(tmp: Int32Array, dst: Uint8Array, off: number, stride: number): void {
  for (let x = 0; x < 8; x++) {
    let y0 = ((tmp[x] << 8) + 8192) | 0;
    let y3 = tmp[x + 16];
    let y4 = tmp[x + 8];
    let y7 = tmp[x + 24];

    // Stage 1 (y5 = y6 = 0).
    let y8 = (Math.imul(W7, y4) + 4) | 0;
    y4 = (y8 + Math.imul(W1MW7, y4)) >> 3;
    let y5 = y8 >> 3;
    y8 = (Math.imul(W3, y7) + 4) | 0;
    let y6 = y8 >> 3;
    y7 = (y8 - Math.imul(W3PW5, y7)) >> 3;

    // Stage 2 (y1 = y2 = 0).
    y8 = y0;
    let y1 = (Math.imul(W6, y3) + 4) | 0;
    let y2 = y1 >> 3;
    y3 = (y1 + Math.imul(W2MW6, y3)) >> 3;
    y1 = (y4 + y6) | 0;
    y4 = (y4 - y6) | 0;
    y6 = (y5 + y7) | 0;
    y5 = (y5 - y7) | 0;

    // Stage 3.
    y7 = (y8 + y3) | 0;
    y8 = (y8 - y3) | 0;
    y3 = (y0 + y2) | 0;
    y0 = (y0 - y2) | 0;
    y2 = (Math.imul(R2, (y4 + y5) | 0) + 128) >> 8;
    y4 = (Math.imul(R2, (y4 - y5) | 0) + 128) >> 8;

    // Stage 4.
    let o = off + x;
    dst[o] = clamp(((y7 + y1) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y3 + y2) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y0 + y4) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y8 + y6) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y8 - y6) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y0 - y4) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y3 - y2) >> 14) + 128);
    o += stride;
    dst[o] = clamp(((y7 - y1) >> 14) + 128);
  }
}

/**
 * The pixel value of a block whose only non-zero coefficient is the dequantized DC term `dc`, as
 * Go's idct and clamp compute it: the row pass gives dc << 3, the column pass
 * ((dc << 3 << 8) + 8192) >> 14, then +128 and the clamp.
 */
export function dcOnlyValue(dc: number): number {
  return clamp((((((dc << 3) << 8) + 8192) | 0) >> 14) + 128);
}

/** Fills an 8×8 block of `dst` at `off` with `v` (0..255). */
export function fillBlock(dst: Uint8Array, off: number, stride: number, v: number): void {
  for (let k = 0; k < 8; k++, off += stride) {
    dst[off] = v;
    dst[off + 1] = v;
    dst[off + 2] = v;
    dst[off + 3] = v;
    dst[off + 4] = v;
    dst[off + 5] = v;
    dst[off + 6] = v;
    dst[off + 7] = v;
  }
}
