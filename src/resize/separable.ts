import type { AxisWeights } from './axis-weights.js';
import { scratchF64, scratchI32 } from './scratch.js';

/**
 * The two-pass driver of the kernel scalers. It scales rows first (horizontal pass) and then
 * columns (vertical pass), as Go does, but it keeps only a ring of the intermediate rows that the
 * current destination row needs, not the whole dw × sh buffer that Go allocates.
 *
 * Memory: the ring holds R = max(V.count) rows of 4 × n float64 (n = affected destination width).
 * A source row is computed when a destination row first needs it; the rows a destination row
 * needs are consecutive and at most R, so they occupy distinct slots (slot = row mod R). If a
 * kernel's ranges are not monotonic, a row that left the ring is recomputed, with identical
 * values. Rows whose weight is zero are neither computed nor summed (adding v·0 changes nothing).
 */
export interface SeparableJob {
  readonly V: AxisWeights;
  /** Affected destination rows, relative to dr.min.y: [y0, y1). */
  readonly y0: number;
  readonly y1: number;
  /** Affected destination columns: n of them. */
  readonly n: number;
  /** Fills tmp[off .. off + 4n) with the horizontal pass of source row sy (relative to sr.min.y). */
  horizontal(sy: number, tmp: Float64Array, off: number): void;
  /**
   * Optional: rows sy and sy + 1 at once, into off0 and off1 (the same weights serve both rows:
   * fewer loads, twice the independent sums). Each value is computed exactly as `horizontal`.
   */
  horizontal2?: (sy: number, tmp: Float64Array, off0: number, off1: number) => void;
  /**
   * Sums, for destination row dy, the ring rows at tmp[bases[t] ..] with weights ws[t],
   * t = 0 .. taps − 1 in source order, finishes and writes the row.
   */
  vertical(dy: number, tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number): void;
}

export function runSeparable(job: SeparableJob): void {
  const { V, y0, y1, n } = job;
  const width = 4 * n;
  let ring = 1;
  for (let dy = y0; dy < y1; dy++) if (V.count[dy] > ring) ring = V.count[dy];
  const tmp = scratchF64(ring * width);
  const slotRow = scratchI32(ring).fill(-1);
  const bases = scratchI32(ring);
  const ws = scratchF64(ring);
  const { start, count, offset, weights } = V;
  const pair = job.horizontal2;
  for (let dy = y0; dy < y1; dy++) {
    const s0 = start[dy];
    const o0 = offset[dy];
    const c = count[dy];
    let taps = 0;
    for (let k = 0; k < c; k++) {
      const w = weights[o0 + k];
      if (w === 0) continue;
      const sy = s0 + k;
      const slot = sy % ring;
      const base = slot * width;
      if (slotRow[slot] !== sy) {
        // The next row is needed too (by this destination row) and not there yet: do both.
        const slot1 = (sy + 1) % ring;
        if (pair !== undefined && k + 1 < c && weights[o0 + k + 1] !== 0 && slotRow[slot1] !== sy + 1 && slot1 !== slot) {
          pair(sy, tmp, base, slot1 * width);
          slotRow[slot1] = sy + 1;
        } else {
          job.horizontal(sy, tmp, base);
        }
        slotRow[slot] = sy;
      }
      bases[taps] = base;
      ws[taps] = w;
      taps++;
    }
    job.vertical(dy, tmp, bases, ws, taps);
  }
}

/** The source columns, relative to sr.min.x, that destination columns [x0, x0 + n) read. */
export function sourceSpan(H: AxisWeights, x0: number, n: number): [c0: number, c1: number] {
  let c0 = Infinity;
  let c1 = -Infinity;
  for (let x = x0; x < x0 + n; x++) {
    if (H.count[x] === 0) continue;
    if (H.start[x] < c0) c0 = H.start[x];
    if (H.start[x] + H.count[x] > c1) c1 = H.start[x] + H.count[x];
  }
  return c0 === Infinity ? [0, 0] : [c0, c1];
}
