import type { FloatAxisWeights } from './axis-weights.js';
import { floatRGBA32Taps2 } from './horizontal.js';
import { scratchF64 } from './scratch.js';

/**
 * Enlarging with BiLinear from RGBA words into an aligned RGBA destination with 'src': every
 * destination column and row has one or two taps and no weight is negative or zero. The same
 * operations as the separable passes (runSeparable with floatRGBA32Taps2 and the one- and two-tap
 * vertical loops), in the same order, so the same bits as Go; only the driver differs: a two-row
 * ring indexed by row parity (the rows one destination row needs are consecutive) and direct calls
 * with plain numbers, no closures. (V8 inlined the per-call closures into the shared driver and threw that code away
 * at every full collection, "weak objects"; recompiling it cost ~8 ms of a helper thread's time,
 * a third of this whole scale.)
 */

/**
 * Whether {@link enlargeRGBA32} applies to destination rows [y0, y1): each has one or two taps,
 * all of weight > 0 (the columns are checked with twoTapsAtMost).
 */
export function enlargeRowsApply(V: FloatAxisWeights, y0: number, y1: number): boolean {
  if (V.maxCount > 2) return false;
  for (let y = y0; y < y1; y++) {
    const c = V.count[y];
    if (c < 1) return false;
    for (let k = 0; k < c; k++) if (!(V.weights[V.offset[y] + k] > 0)) return false;
  }
  return true;
}

/**
 * Scales destination rows y0 .. y1 − 1 and columns x0 .. x0 + n − 1 (relative to dr.min). Source
 * row sy (relative to sr.min.y) starts, at its column 0 (relative to sr.min.x), at word
 * src0 + sy · srcStride of p32; destination row dy's first affected pixel is word
 * dst0 + dy · dstStride of dst32. Plain numbers, not closures: code that inlines a per-call closure
 * is thrown away at the next full collection. Call only when twoTapsAtMost(H, x0, n) and
 * {@link enlargeRowsApply}(V, y0, y1).
 */
export function enlargeRGBA32(
  p32: Int32Array,
  src0: number,
  srcStride: number,
  H: FloatAxisWeights,
  V: FloatAxisWeights,
  x0: number,
  n: number,
  y0: number,
  y1: number,
  dst32: Int32Array,
  dst0: number,
  dstStride: number,
): void {
  const width = 4 * n;
  const tmp = scratchF64(2 * width);
  // The source row in each slot (slot = row & 1), -1 for none.
  let row0 = -1;
  let row1 = -1;
  const { start, count, offset, weights, inv } = V;
  for (let dy = y0; dy < y1; dy++) {
    const s0 = start[dy];
    const o = offset[dy];
    for (let k = 0, c = count[dy]; k < c; k++) {
      const sy = s0 + k;
      if ((sy & 1) === 0 ? row0 !== sy : row1 !== sy) {
        floatRGBA32Taps2(p32, src0 + sy * srcStride, H, x0, n, tmp, (sy & 1) * width);
        if ((sy & 1) === 0) row0 = sy;
        else row1 = sy;
      }
    }
    if (count[dy] === 2) {
      floatVertical2RGBAPos32(tmp, (s0 & 1) * width, ((s0 + 1) & 1) * width, weights[o], weights[o + 1], inv[dy], dst32, dst0 + dy * dstStride, width);
    } else {
      floatVertical1RGBAPos32(tmp, (s0 & 1) * width, weights[o], inv[dy], dst32, dst0 + dy * dstStride, width);
    }
  }
}

/**
 * Go's scaleY for a destination row with two taps, when no weight is negative, into an RGBA
 * destination one 32-bit word per pixel (p32[w] …): 0 + x·w0 + y·w1 is x·w0 + y·w1 (x·w0 >= +0),
 * Go's additions in Go's order; r, g, b clamped to a; then Go's ftou and `>> 8`. Every value is
 * then in [0, 1 + a few ulps], so x = 0xffff·v + 0.5 lies in [0.5, 65536), where ftou followed by
 * `>> 8` is exactly `(x | 0) >> 8` (x < 1 gives 0, x >= 0xffff gives 255).
 */
export function floatVertical2RGBAPos32(tmp: Float64Array, b0: number, b1: number, w0: number, w1: number, inv: number, p32: Int32Array, w: number, width: number): void {
  for (let o = b0, p = b1, end = b0 + width; o < end; o += 4, p += 4, w++) {
    let r = tmp[o] * w0 + tmp[p] * w1;
    let g = tmp[o + 1] * w0 + tmp[p + 1] * w1;
    let b = tmp[o + 2] * w0 + tmp[p + 2] * w1;
    const a = tmp[o + 3] * w0 + tmp[p + 3] * w1;
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    p32[w] =
      ((0xffff * (r * inv) + 0.5) >> 8) |
      (((0xffff * (g * inv) + 0.5) >> 8) << 8) |
      (((0xffff * (b * inv) + 0.5) >> 8) << 16) |
      (((0xffff * (a * inv) + 0.5) >> 8) << 24);
  }
}

/** The same for a row with one tap: 0 + x·w0 is x·w0. */
export function floatVertical1RGBAPos32(tmp: Float64Array, b0: number, w0: number, inv: number, p32: Int32Array, w: number, width: number): void {
  for (let o = b0, end = b0 + width; o < end; o += 4, w++) {
    let r = tmp[o] * w0;
    let g = tmp[o + 1] * w0;
    let b = tmp[o + 2] * w0;
    const a = tmp[o + 3] * w0;
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    p32[w] =
      ((0xffff * (r * inv) + 0.5) >> 8) |
      (((0xffff * (g * inv) + 0.5) >> 8) << 8) |
      (((0xffff * (b * inv) + 0.5) >> 8) << 16) |
      (((0xffff * (a * inv) + 0.5) >> 8) << 24);
  }
}

