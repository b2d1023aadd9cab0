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
 */
export class AxisBuilder {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly offset: Int32Array;
  private w: Float64Array;
  private n = 0;
  maxCount = 0;

  /**
   * `capacity`: an upper bound on the number of weights (Σ spans) the caller will record, so that
   * the buffer is allocated once; it still grows (doubling) if the bound is short.
   */
  constructor(readonly dw: number, capacity: number) {
    this.start = new Int32Array(dw);
    this.count = new Int32Array(dw);
    this.offset = new Int32Array(dw);
    this.w = new Float64Array(Math.max(1, capacity));
    scratchStats.bytes += 12 * dw + this.w.byteLength;
  }

  /**
   * Records index i's contributions, the first n of coords and weights (callers reuse their lists
   * and pass the count, so no list is reallocated per index); coords must be increasing. Gaps are
   * filled with weight 0.
   */
  set(i: number, coords: ArrayLike<number>, weights: ArrayLike<number>, n: number = coords.length): void {
    this.offset[i] = this.n;
    if (n === 0) {
      this.start[i] = 0;
      this.count[i] = 0;
      return;
    }
    const first = coords[0];
    const span = coords[n - 1] - first + 1;
    this.start[i] = first;
    this.count[i] = span;
    const base = this.n;
    if (base + span > this.w.length) {
      const grown = new Float64Array(Math.max(2 * this.w.length, base + span));
      scratchStats.bytes += grown.byteLength;
      grown.set(this.w.subarray(0, base));
      this.w = grown;
    }
    this.w.fill(0, base, base + span);
    for (let k = 0; k < n; k++) this.w[base + coords[k] - first] = weights[k];
    this.n = base + span;
    if (span > this.maxCount) this.maxCount = span;
  }

  /** The weights recorded: a view of exactly their number on the builder's buffer (no copy). */
  weights(): Float64Array {
    return this.w.subarray(0, this.n);
  }
}

/** The weights a kernel gives one axis: float64 (Go's arithmetic) or fixed point. */
export type KernelWeights = FloatAxisWeights | FixedAxisWeights;
