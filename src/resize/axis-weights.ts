import { scratchStats } from './scratch.js';

/**
 * The weights of one axis of a separable scaler, precomputed once per (destination, source) size
 * pair and kept by the scaler that made them (never in a global cache).
 *
 * Destination index i (0 <= i < dw, relative to dr.min) reads the contiguous source indices
 * start[i] .. start[i] + count[i] - 1 (relative to sr.min) with the weights
 * weights[offset[i] .. offset[i] + count[i] - 1]. Ranges are contiguous: an index inside the range
 * whose weight is zero is stored with weight 0, which adds exactly nothing to either arithmetic
 * (x + v·0 = x in float64 for the finite, non-negative-zero sums that occur here).
 */
export interface AxisWeights {
  /** Destination size along the axis. */
  readonly dw: number;
  /** Source size along the axis. */
  readonly sw: number;
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly offset: Int32Array;
  readonly weights: Float64Array;
  /** The largest count: rows a vertical pass keeps at once. */
  readonly maxCount: number;
}

/** Weights for the float64 arithmetic of Go's `kernelScaler` (see float-weights.ts). */
export interface FloatAxisWeights extends AxisWeights {
  readonly kind: 'float64';
  /** 1 / (sum of the weights) of each destination index, Go's `invTotalWeight`. */
  readonly inv: Float64Array;
  /** inv / 0xffff, Go's `invTotalWeightFFFF`. */
  readonly invFFFF: Float64Array;
}

/**
 * Integer weights with one denominator (see fixed-weights.ts). Every destination index's weights
 * sum to exactly `denominator`, so sums of integer samples are exact integers.
 */
export interface FixedAxisWeights extends AxisWeights {
  readonly kind: 'fixed';
  readonly denominator: number;
  /** The largest sum of |weight| over one destination index, for overflow bounds. */
  readonly maxAbsSum: number;
  /**
   * Whether every weight strictly inside a range equals `denominator`'s share of a whole pixel
   * (Box: an inner pixel is covered whole), so inner pixels can be summed before weighting.
   */
  readonly uniformInterior: boolean;
}

/**
 * Builds the contiguous layout from per-index lists of (coordinate, weight) pairs. The weights go
 * into one Float64Array sized by the caller's bound (no JavaScript array of numbers, whose growth
 * and conversion left ~0.5 MB of garbage per scaler for a 6028 → 603 axis).
 *
 * A plain object and functions, not a class: V8 drops optimised code that inlines `new` of a
 * class at every full collection ("weak objects"), and recompiling the weight loops cost ~30 ms
 * of a helper thread's time per collection (measured with --trace-deopt); code that builds an
 * object literal keeps its optimised code.
 */
export interface AxisBuilder {
  readonly dw: number;
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly offset: Int32Array;
  w: Float64Array;
  n: number;
  maxCount: number;
}

/**
 * A builder for dw indices. `capacity`: an upper bound on the number of weights (Σ spans) the
 * caller will record, so that the buffer is allocated once; it still grows (doubling) if the bound
 * is short.
 */
export function axisBuilder(dw: number, capacity: number): AxisBuilder {
  const b: AxisBuilder = {
    dw,
    start: new Int32Array(dw),
    count: new Int32Array(dw),
    offset: new Int32Array(dw),
    w: new Float64Array(Math.max(1, capacity)),
    n: 0,
    maxCount: 0,
  };
  scratchStats.bytes += 12 * dw + b.w.byteLength;
  return b;
}

/**
 * Records index i's contributions, the first n of coords and weights (callers reuse their lists
 * and pass the count, so no list is reallocated per index); coords must be increasing. Gaps are
 * filled with weight 0.
 */
export function setTaps(b: AxisBuilder, i: number, coords: ArrayLike<number>, weights: ArrayLike<number>, n: number): void {
  b.offset[i] = b.n;
  if (n === 0) {
    b.start[i] = 0;
    b.count[i] = 0;
    return;
  }
  const first = coords[0];
  const span = coords[n - 1] - first + 1;
  b.start[i] = first;
  b.count[i] = span;
  const base = b.n;
  if (base + span > b.w.length) {
    const grown = new Float64Array(Math.max(2 * b.w.length, base + span));
    scratchStats.bytes += grown.byteLength;
    grown.set(b.w.subarray(0, base));
    b.w = grown;
  }
  const w = b.w;
  w.fill(0, base, base + span);
  for (let k = 0; k < n; k++) w[base + coords[k] - first] = weights[k];
  b.n = base + span;
  if (span > b.maxCount) b.maxCount = span;
}

/** The weights recorded: a view of exactly their number on the builder's buffer (no copy). */
export function builtWeights(b: AxisBuilder): Float64Array {
  return b.w.subarray(0, b.n);
}

/** The weights a kernel gives one axis: float64 (Go's arithmetic) or fixed point. */
export type KernelWeights = FloatAxisWeights | FixedAxisWeights;
