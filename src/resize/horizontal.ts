import type { FloatAxisWeights, FixedAxisWeights } from './axis-weights.js';

/**
 * The horizontal-pass inner loops, one per (source layout, arithmetic). Each fills, for destination
 * columns x0 .. x0 + n − 1, four numbers per pixel at tmp[off + 4i ..]. Pixel column c (relative
 * to sr.min.x) is at pix[base + c·bpp] for the byte layouts and at row[4·(c − c0)] for 16-bit rows.
 *
 * float64 (Go's kernels): sum_k (16-bit sample × w_k), in k order, times invTotalWeight / 0xffff,
 * exactly as Go's scaleX_* functions; opaque layouts store alpha 1, as Go's Gray and YCbCr paths.
 *
 * fixed: sum_k (sample × w_k), exact integers (no normalisation here; see fixed-weights.ts). The
 * 8-bit layouts sum bytes; the × 0x101 to 16 bits is applied once at the end, exactly. Opaque
 * layouts store the alpha sum of an opaque pixel: max sample × (sum of weights).
 */

/** Byte × 0x101 as float64, for the float pass (a table load instead of a convert and a multiply). */
const WIDEN = Float64Array.from({ length: 256 }, (_, v) => v * 0x101);

export function floatRGBA8(pix: Uint8Array, base: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = base + start[x] * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += pix[o] * 0x101 * w;
      g += pix[o + 1] * 0x101 * w;
      b += pix[o + 2] * 0x101 * w;
      a += pix[o + 3] * 0x101 * w;
    }
    const f = invFFFF[x];
    tmp[t] = r * f;
    tmp[t + 1] = g * f;
    tmp[t + 2] = b * f;
    tmp[t + 3] = a * f;
  }
}

/** floatRGBA8 over 32-bit words (one load per pixel, R in the low byte); the same float64 operations. */
export function floatRGBA32(p32: Int32Array, base: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  const L = WIDEN;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = base + start[x];
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (; k < e; k++, o++) {
      const p = p32[o];
      const w = weights[k];
      r += L[p & 0xff] * w;
      g += L[(p >>> 8) & 0xff] * w;
      b += L[(p >>> 16) & 0xff] * w;
      a += L[p >>> 24] * w;
    }
    const f = invFFFF[x];
    tmp[t] = r * f;
    tmp[t + 1] = g * f;
    tmp[t + 2] = b * f;
    tmp[t + 3] = a * f;
  }
}

/** floatRGBA32 for source rows at base0 and base1 at once (same operations per value). */
export function floatRGBA32x2(p32: Int32Array, base0: number, base1: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off0: number, off1: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  const d = base1 - base0;
  const L = WIDEN;
  for (let i = 0, t = off0, u = off1; i < n; i++, t += 4, u += 4) {
    const x = x0 + i;
    let o = base0 + start[x];
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    let r1 = 0;
    let g1 = 0;
    let b1 = 0;
    let a1 = 0;
    for (; k < e; k++, o++) {
      const p = p32[o];
      const q = p32[o + d];
      const w = weights[k];
      r += L[p & 0xff] * w;
      g += L[(p >>> 8) & 0xff] * w;
      b += L[(p >>> 16) & 0xff] * w;
      a += L[p >>> 24] * w;
      r1 += L[q & 0xff] * w;
      g1 += L[(q >>> 8) & 0xff] * w;
      b1 += L[(q >>> 16) & 0xff] * w;
      a1 += L[q >>> 24] * w;
    }
    const f = invFFFF[x];
    tmp[t] = r * f;
    tmp[t + 1] = g * f;
    tmp[t + 2] = b * f;
    tmp[t + 3] = a * f;
    tmp[u] = r1 * f;
    tmp[u + 1] = g1 * f;
    tmp[u + 2] = b1 * f;
    tmp[u + 3] = a1 * f;
  }
}

/**
 * floatRGBA32 when every destination column has one or two taps and no weight is negative
 * (enlarging with BiLinear): the tap loop unrolled. Go's sum starts at 0, and 0 + x·w is x·w
 * exactly when x·w >= +0 (x >= 0, w >= 0), so one tap gives x·w and two give x·w + y·v: the
 * same operations in the same order as floatRGBA32, hence the same bits. The caller checks the
 * conditions ({@link twoTapsAtMost}).
 */
export function floatRGBA32Taps2(p32: Int32Array, base: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  const L = WIDEN;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    const o = base + start[x];
    const k = offset[x];
    const f = invFFFF[x];
    const p = p32[o];
    const w = weights[k];
    if (count[x] === 2) {
      const q = p32[o + 1];
      const v = weights[k + 1];
      tmp[t] = (L[p & 0xff] * w + L[q & 0xff] * v) * f;
      tmp[t + 1] = (L[(p >>> 8) & 0xff] * w + L[(q >>> 8) & 0xff] * v) * f;
      tmp[t + 2] = (L[(p >>> 16) & 0xff] * w + L[(q >>> 16) & 0xff] * v) * f;
      tmp[t + 3] = (L[p >>> 24] * w + L[q >>> 24] * v) * f;
    } else {
      tmp[t] = L[p & 0xff] * w * f;
      tmp[t + 1] = L[(p >>> 8) & 0xff] * w * f;
      tmp[t + 2] = L[(p >>> 16) & 0xff] * w * f;
      tmp[t + 3] = L[p >>> 24] * w * f;
    }
  }
}

/**
 * Whether destination columns [x0, x0 + n) all have one or two taps and every weight is >= 0:
 * the conditions of {@link floatRGBA32Taps2}.
 */
export function twoTapsAtMost(H: FloatAxisWeights, x0: number, n: number): boolean {
  if (H.maxCount > 2) return false;
  for (let x = x0; x < x0 + n; x++) if (H.count[x] < 1) return false;
  for (let k = 0; k < H.weights.length; k++) if (!(H.weights[k] >= 0)) return false;
  return true;
}

export function floatGray8(pix: Uint8Array, base: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = base + start[x];
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    for (; k < e; k++, o++) r += pix[o] * 0x101 * weights[k];
    r *= invFFFF[x];
    tmp[t] = tmp[t + 1] = tmp[t + 2] = r;
    tmp[t + 3] = 1;
  }
}

export function floatU16(row: Uint16Array, c0: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = (start[x] - c0) * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += row[o] * w;
      g += row[o + 1] * w;
      b += row[o + 2] * w;
      a += row[o + 3] * w;
    }
    const f = invFFFF[x];
    tmp[t] = r * f;
    tmp[t + 1] = g * f;
    tmp[t + 2] = b * f;
    tmp[t + 3] = a * f;
  }
}

export function floatU16Opaque(row: Uint16Array, c0: number, H: FloatAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights, invFFFF } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = (start[x] - c0) * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += row[o] * w;
      g += row[o + 1] * w;
      b += row[o + 2] * w;
    }
    const f = invFFFF[x];
    tmp[t] = r * f;
    tmp[t + 1] = g * f;
    tmp[t + 2] = b * f;
    tmp[t + 3] = 1;
  }
}

export function fixedRGBA8(pix: Uint8Array, base: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = base + start[x] * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += pix[o] * w;
      g += pix[o + 1] * w;
      b += pix[o + 2] * w;
      a += pix[o + 3] * w;
    }
    tmp[t] = r;
    tmp[t + 1] = g;
    tmp[t + 2] = b;
    tmp[t + 3] = a;
  }
}

export function fixedGray8(pix: Uint8Array, base: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  const opaque = 0xff * H.denominator;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = base + start[x];
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    for (; k < e; k++, o++) r += pix[o] * weights[k];
    tmp[t] = tmp[t + 1] = tmp[t + 2] = r;
    tmp[t + 3] = count[x] > 0 ? opaque : 0;
  }
}

export function fixedU16(row: Uint16Array, c0: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = (start[x] - c0) * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += row[o] * w;
      g += row[o + 1] * w;
      b += row[o + 2] * w;
      a += row[o + 3] * w;
    }
    tmp[t] = r;
    tmp[t + 1] = g;
    tmp[t + 2] = b;
    tmp[t + 3] = a;
  }
}

export function fixedU16Opaque(row: Uint16Array, c0: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  const opaque = 0xffff * H.denominator;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = (start[x] - c0) * 4;
    let k = offset[x];
    const e = k + count[x];
    let r = 0;
    let g = 0;
    let b = 0;
    for (; k < e; k++, o += 4) {
      const w = weights[k];
      r += row[o] * w;
      g += row[o + 1] * w;
      b += row[o + 2] * w;
    }
    tmp[t] = r;
    tmp[t + 1] = g;
    tmp[t + 2] = b;
    tmp[t + 3] = count[x] > 0 ? opaque : 0;
  }
}


/**
 * Two channels per float64: K = 2^26. A packed sample is lo + hi·K (lo, hi bytes), so a weighted
 * sum is A + B·K with A = Σ lo·w and B = Σ hi·w. While |A| < K/2 (checked by the caller:
 * 255 × maxAbsSum < 2^25) and |A + B·K| < 2^53, the sum is exact and splits back uniquely:
 * B = round(sum / K), A = sum − B·K. This halves the multiply-adds of the fixed-point pass.
 */
export const PACK = 2 ** 26;

/** Packs source columns [c0, c1) of one RGBA row into rg[c − c0] = r + g·K, ba[c − c0] = b + a·K. */
export function packRGBA32(p32: Int32Array, base: number, c0: number, c1: number, rg: Float64Array, ba: Float64Array): void {
  for (let c = c0, j = 0, o = base + c0; c < c1; c++, j++, o++) {
    const p = p32[o];
    rg[j] = (p & 0xff) + ((p >>> 8) & 0xff) * PACK;
    ba[j] = ((p >>> 16) & 0xff) + (p >>> 24) * PACK;
  }
}

/** The same from bytes (unaligned buffers). */
export function packRGBA8(pix: Uint8Array, base: number, c0: number, c1: number, rg: Float64Array, ba: Float64Array): void {
  for (let c = c0, j = 0, o = base + c0 * 4; c < c1; c++, j++, o += 4) {
    rg[j] = pix[o] + pix[o + 1] * PACK;
    ba[j] = pix[o + 2] + pix[o + 3] * PACK;
  }
}

export function fixedPacked(rg: Float64Array, ba: Float64Array, c0: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    let o = start[x] - c0;
    let k = offset[x];
    const e = k + count[x];
    let s0 = 0;
    let s1 = 0;
    for (; k < e; k++, o++) {
      const w = weights[k];
      s0 += rg[o] * w;
      s1 += ba[o] * w;
    }
    const g = Math.floor(s0 / PACK + 0.5);
    const a = Math.floor(s1 / PACK + 0.5);
    tmp[t] = s0 - g * PACK;
    tmp[t + 1] = g;
    tmp[t + 2] = s1 - a * PACK;
    tmp[t + 3] = a;
  }
}

/**
 * fixedPacked for two packed rows (rg0/ba0 and rg1/ba1) at once. The sums are exact integers, so
 * taps are taken two at a time into separate partial sums (more independent additions in flight)
 * and added at the end: the same totals.
 */
export function fixedPacked2(
  rg0: Float64Array,
  ba0: Float64Array,
  rg1: Float64Array,
  ba1: Float64Array,
  c0: number,
  H: FixedAxisWeights,
  x0: number,
  n: number,
  tmp: Float64Array,
  off0: number,
  off1: number,
): void {
  const { start, count, offset, weights } = H;
  for (let i = 0, t = off0, u = off1; i < n; i++, t += 4, u += 4) {
    const x = x0 + i;
    let o = start[x] - c0;
    let k = offset[x];
    const e = k + count[x];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (; k + 1 < e; k += 2, o += 2) {
      const w = weights[k];
      const v = weights[k + 1];
      s0 += rg0[o] * w;
      s1 += ba0[o] * w;
      s2 += rg1[o] * w;
      s3 += ba1[o] * w;
      q0 += rg0[o + 1] * v;
      q1 += ba0[o + 1] * v;
      q2 += rg1[o + 1] * v;
      q3 += ba1[o + 1] * v;
    }
    if (k < e) {
      const w = weights[k];
      s0 += rg0[o] * w;
      s1 += ba0[o] * w;
      s2 += rg1[o] * w;
      s3 += ba1[o] * w;
    }
    s0 += q0;
    s1 += q1;
    s2 += q2;
    s3 += q3;
    let hi = Math.floor(s0 / PACK + 0.5);
    tmp[t] = s0 - hi * PACK;
    tmp[t + 1] = hi;
    hi = Math.floor(s1 / PACK + 0.5);
    tmp[t + 2] = s1 - hi * PACK;
    tmp[t + 3] = hi;
    hi = Math.floor(s2 / PACK + 0.5);
    tmp[u] = s2 - hi * PACK;
    tmp[u + 1] = hi;
    hi = Math.floor(s3 / PACK + 0.5);
    tmp[u + 2] = s3 - hi * PACK;
    tmp[u + 3] = hi;
  }
}

/**
 * Box over RGBA words: an inner pixel has the full weight F = weights[1], so the inner pixels are
 * summed first, two channels per 32-bit lane pair (r|b and g|a, 16 bits each; 128 pixels of at
 * most 0xff per lane stay below 2^15, no carry, and the sums stay small integers), then weighted
 * once. The end pixels take their own (partial) weights. All integers: exact in any order.
 */
export function fixedBoxRGBA32(p32: Int32Array, base: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    const c = count[x];
    const k = offset[x];
    const o = base + start[x];
    if (c < 3 || c > 130) {
      boxWeighted(p32, o, c, weights, k, tmp, t);
      continue;
    }
    const first = p32[o];
    const last = p32[o + c - 1];
    const w0 = weights[k];
    const wl = weights[k + c - 1];
    const F = weights[k + 1];
    let rb = 0;
    let ga = 0;
    for (let q = o + 1, end = o + c - 1; q < end; q++) {
      const p = p32[q];
      rb += p & 0x00ff00ff;
      ga += (p >>> 8) & 0x00ff00ff;
    }
    tmp[t] = (rb & 0xffff) * F + (first & 0xff) * w0 + (last & 0xff) * wl;
    tmp[t + 1] = (ga & 0xffff) * F + ((first >>> 8) & 0xff) * w0 + ((last >>> 8) & 0xff) * wl;
    tmp[t + 2] = (rb >>> 16) * F + ((first >>> 16) & 0xff) * w0 + ((last >>> 16) & 0xff) * wl;
    tmp[t + 3] = (ga >>> 16) * F + (first >>> 24) * w0 + (last >>> 24) * wl;
  }
}

/** fixedBoxRGBA32 for the rows at base0 and base1 at once. */
export function fixedBoxRGBA32x2(p32: Int32Array, base0: number, base1: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off0: number, off1: number): void {
  const { start, count, offset, weights } = H;
  const d = base1 - base0;
  for (let i = 0, t = off0, u = off1; i < n; i++, t += 4, u += 4) {
    const x = x0 + i;
    const c = count[x];
    const k = offset[x];
    const o = base0 + start[x];
    if (c < 3 || c > 130) {
      boxWeighted(p32, o, c, weights, k, tmp, t);
      boxWeighted(p32, o + d, c, weights, k, tmp, u);
      continue;
    }
    const w0 = weights[k];
    const wl = weights[k + c - 1];
    const F = weights[k + 1];
    let rb = 0;
    let ga = 0;
    let rb1 = 0;
    let ga1 = 0;
    // Two words per row per step (more additions in flight), then the odd one.
    let q = o + 1;
    for (const end = o + c - 2; q < end; q += 2) {
      const p = p32[q];
      const pp = p32[q + 1];
      const p1 = p32[q + d];
      const pp1 = p32[q + d + 1];
      rb += (p & 0x00ff00ff) + (pp & 0x00ff00ff);
      ga += ((p >>> 8) & 0x00ff00ff) + ((pp >>> 8) & 0x00ff00ff);
      rb1 += (p1 & 0x00ff00ff) + (pp1 & 0x00ff00ff);
      ga1 += ((p1 >>> 8) & 0x00ff00ff) + ((pp1 >>> 8) & 0x00ff00ff);
    }
    if (q < o + c - 1) {
      const p = p32[q];
      const p1 = p32[q + d];
      rb += p & 0x00ff00ff;
      ga += (p >>> 8) & 0x00ff00ff;
      rb1 += p1 & 0x00ff00ff;
      ga1 += (p1 >>> 8) & 0x00ff00ff;
    }
    let first = p32[o];
    let last = p32[o + c - 1];
    tmp[t] = (rb & 0xffff) * F + (first & 0xff) * w0 + (last & 0xff) * wl;
    tmp[t + 1] = (ga & 0xffff) * F + ((first >>> 8) & 0xff) * w0 + ((last >>> 8) & 0xff) * wl;
    tmp[t + 2] = (rb >>> 16) * F + ((first >>> 16) & 0xff) * w0 + ((last >>> 16) & 0xff) * wl;
    tmp[t + 3] = (ga >>> 16) * F + (first >>> 24) * w0 + (last >>> 24) * wl;
    first = p32[o + d];
    last = p32[o + d + c - 1];
    tmp[u] = (rb1 & 0xffff) * F + (first & 0xff) * w0 + (last & 0xff) * wl;
    tmp[u + 1] = (ga1 & 0xffff) * F + ((first >>> 8) & 0xff) * w0 + ((last >>> 8) & 0xff) * wl;
    tmp[u + 2] = (rb1 >>> 16) * F + ((first >>> 16) & 0xff) * w0 + ((last >>> 16) & 0xff) * wl;
    tmp[u + 3] = (ga1 >>> 16) * F + (first >>> 24) * w0 + (last >>> 24) * wl;
  }
}

/** The plain weighted sum of c words from o (few or very many taps). */
function boxWeighted(p32: Int32Array, o: number, c: number, weights: Float64Array, k: number, tmp: Float64Array, t: number): void {
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (let j = 0; j < c; j++, o++) {
    const p = p32[o];
    const w = weights[k + j];
    r += (p & 0xff) * w;
    g += ((p >>> 8) & 0xff) * w;
    b += ((p >>> 16) & 0xff) * w;
    a += (p >>> 24) * w;
  }
  tmp[t] = r;
  tmp[t + 1] = g;
  tmp[t + 2] = b;
  tmp[t + 3] = a;
}

/**
 * fixedU16Opaque for Box weights (`uniformInterior`): the inner pixels all carry the full weight
 * F = weights[k + 1], so their 16-bit samples are summed first (plain integer additions) and
 * weighted once; the two end pixels take their own weights. Integers throughout (a row sum stays
 * below 0xffff × the row length, far under 2^53): exactly fixedU16Opaque's totals, in another
 * order. Used for the opaque 16-bit rows of the Y'CbCr reader, the JPEG thumbnail path.
 */
export function fixedBoxU16Opaque(row: Uint16Array, c0: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  const opaque = 0xffff * H.denominator;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    const c = count[x];
    const k = offset[x];
    const o = (start[x] - c0) * 4;
    if (c < 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0, q = o; j < c; j++, q += 4) {
        const w = weights[k + j];
        r += row[q] * w;
        g += row[q + 1] * w;
        b += row[q + 2] * w;
      }
      tmp[t] = r;
      tmp[t + 1] = g;
      tmp[t + 2] = b;
      tmp[t + 3] = c > 0 ? opaque : 0;
      continue;
    }
    const l = o + (c - 1) * 4;
    const w0 = weights[k];
    const wl = weights[k + c - 1];
    const F = weights[k + 1];
    let r = 0;
    let g = 0;
    let b = 0;
    for (let q = o + 4; q < l; q += 4) {
      r += row[q];
      g += row[q + 1];
      b += row[q + 2];
    }
    tmp[t] = r * F + row[o] * w0 + row[l] * wl;
    tmp[t + 1] = g * F + row[o + 1] * w0 + row[l + 1] * wl;
    tmp[t + 2] = b * F + row[o + 2] * w0 + row[l + 2] * wl;
    tmp[t + 3] = opaque;
  }
}

/**
 * Box (`uniformInterior` weights) straight from Y'CbCr planes, for absolute source columns
 * sx + start[x] >= 0: each sample is converted to 16-bit RGB exactly as the Y'CbCr reader does
 * (Go's `color.YCbCr.RGBA`: (Y·0x10101 + k·(C − 128)) >> 8, clamped to [0, 0xffff]), the chroma
 * terms once per chroma sample, and accumulated at once: no row buffer. The inner samples are
 * summed and weighted once by F = weights[k + 1]; the end samples take their own weights. All
 * integers, so the totals equal fixedU16Opaque's over the reader's row, in any order.
 * yb and cb0 are the row's lumaBase and chromaBase.
 */
export function fixedBoxYCbCr(Y: Uint8Array, Cb: Uint8Array, Cr: Uint8Array, hx: number, yb: number, cb0: number, sx: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  const opaque = 0xffff * H.denominator;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    const c = count[x];
    const k = offset[x];
    const s = sx + start[x];
    let yi = yb + s;
    let ci = cb0 + ((s / hx) | 0);
    let phase = s % hx;
    let cbv = Cb[ci] - 128;
    let crv = Cr[ci] - 128;
    let tr = 91881 * crv;
    let tg = -22554 * cbv - 46802 * crv;
    let tb = 116130 * cbv;
    let r = 0;
    let g = 0;
    let b = 0;
    let r1 = 0;
    let g1 = 0;
    let b1 = 0;
    const last = c - 1;
    for (let j = 0; j < c; j++, yi++) {
      const yy1 = Y[yi] * 0x10101;
      let vr = (yy1 + tr) >> 8;
      let vg = (yy1 + tg) >> 8;
      let vb = (yy1 + tb) >> 8;
      vr = vr < 0 ? 0 : vr > 0xffff ? 0xffff : vr;
      vg = vg < 0 ? 0 : vg > 0xffff ? 0xffff : vg;
      vb = vb < 0 ? 0 : vb > 0xffff ? 0xffff : vb;
      if (j === 0 || j === last) {
        // The end samples, with their own (partial) weights.
        const w = weights[k + j];
        r1 += vr * w;
        g1 += vg * w;
        b1 += vb * w;
      } else {
        r += vr;
        g += vg;
        b += vb;
      }
      if (++phase === hx) {
        phase = 0;
        if (j < last) {
          ci++;
          cbv = Cb[ci] - 128;
          crv = Cr[ci] - 128;
          tr = 91881 * crv;
          tg = -22554 * cbv - 46802 * crv;
          tb = 116130 * cbv;
        }
      }
    }
    const F = c > 2 ? weights[k + 1] : 0;
    tmp[t] = r * F + r1;
    tmp[t + 1] = g * F + g1;
    tmp[t + 2] = b * F + b1;
    tmp[t + 3] = c > 0 ? opaque : 0;
  }
}

/** One Y'CbCr sample to 16-bit R (or G, B): Go's (Y·0x10101 + term) >> 8 clamped to [0, 0xffff]. */
function c16(yy1: number, term: number): number {
  const v = (yy1 + term) >> 8;
  return v < 0 ? 0 : v > 0xffff ? 0xffff : v;
}

/**
 * fixedBoxYCbCr for horizontal chroma subsampling by 2 (4:2:0, 4:2:2: the JPEG case): the same
 * conversions and the same integer totals, with the inner samples taken two at a time per chroma
 * sample (the chroma terms computed once per pair, no phase counter). The end samples take their
 * own weights, as there.
 */
export function fixedBoxYCbCr2(Y: Uint8Array, Cb: Uint8Array, Cr: Uint8Array, yb: number, cb0: number, sx: number, H: FixedAxisWeights, x0: number, n: number, tmp: Float64Array, off: number): void {
  const { start, count, offset, weights } = H;
  const opaque = 0xffff * H.denominator;
  for (let i = 0, t = off; i < n; i++, t += 4) {
    const x = x0 + i;
    const c = count[x];
    if (c < 3) {
      // Few samples: every one weighted, as the general loop does.
      fixedBoxYCbCr(Y, Cb, Cr, 2, yb, cb0, sx, H, x, 1, tmp, t);
      continue;
    }
    const k = offset[x];
    const s = sx + start[x];
    // The two end samples (absolute columns s and e), weighted.
    const e = s + c - 1;
    const w0 = weights[k];
    const wl = weights[k + c - 1];
    let ci = cb0 + (s >> 1);
    let cbv = Cb[ci] - 128;
    let crv = Cr[ci] - 128;
    let yy1 = Y[yb + s] * 0x10101;
    let r1 = c16(yy1, 91881 * crv) * w0;
    let g1 = c16(yy1, -22554 * cbv - 46802 * crv) * w0;
    let b1 = c16(yy1, 116130 * cbv) * w0;
    ci = cb0 + (e >> 1);
    cbv = Cb[ci] - 128;
    crv = Cr[ci] - 128;
    yy1 = Y[yb + e] * 0x10101;
    r1 += c16(yy1, 91881 * crv) * wl;
    g1 += c16(yy1, -22554 * cbv - 46802 * crv) * wl;
    b1 += c16(yy1, 116130 * cbv) * wl;
    // The inner samples s + 1 .. e − 1, summed unweighted.
    let r = 0;
    let g = 0;
    let b = 0;
    let q = s + 1;
    if ((q & 1) === 1) {
      ci = cb0 + (q >> 1);
      cbv = Cb[ci] - 128;
      crv = Cr[ci] - 128;
      yy1 = Y[yb + q] * 0x10101;
      r += c16(yy1, 91881 * crv);
      g += c16(yy1, -22554 * cbv - 46802 * crv);
      b += c16(yy1, 116130 * cbv);
      q++;
    }
    for (; q + 1 < e; q += 2) {
      ci = cb0 + (q >> 1);
      cbv = Cb[ci] - 128;
      crv = Cr[ci] - 128;
      const tr = 91881 * crv;
      const tg = -22554 * cbv - 46802 * crv;
      const tb = 116130 * cbv;
      const ya = Y[yb + q] * 0x10101;
      const yc = Y[yb + q + 1] * 0x10101;
      r += c16(ya, tr) + c16(yc, tr);
      g += c16(ya, tg) + c16(yc, tg);
      b += c16(ya, tb) + c16(yc, tb);
    }
    if (q < e) {
      ci = cb0 + (q >> 1);
      cbv = Cb[ci] - 128;
      crv = Cr[ci] - 128;
      yy1 = Y[yb + q] * 0x10101;
      r += c16(yy1, 91881 * crv);
      g += c16(yy1, -22554 * cbv - 46802 * crv);
      b += c16(yy1, 116130 * cbv);
    }
    const F = weights[k + 1];
    tmp[t] = r * F + r1;
    tmp[t + 1] = g * F + g1;
    tmp[t + 2] = b * F + b1;
    tmp[t + 3] = opaque;
  }
}
