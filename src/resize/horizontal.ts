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

