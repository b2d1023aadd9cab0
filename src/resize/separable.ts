import type { AxisWeights } from './axis-weights.js';
import { scratchF64, scratchI32, scratchU16 } from './scratch.js';

/**
 * The two-pass driver of the kernel scalers. It scales rows first (horizontal pass) and then
 * columns (vertical pass), as Go does, but it keeps only a ring of the intermediate rows that the
 * current destination row needs, not the whole dw × sh buffer that Go allocates.
 *
 * Memory: the ring holds R = max(V.count) rows of 4 × n float64 (n = affected destination width),
 * plus one accumulator row (4 × n float64) and one output row (4 × n uint16). A source row is
 * computed when a destination row first needs it; the rows a destination row needs are
 * consecutive and at most R, so they occupy distinct slots (slot = row mod R). If a kernel's ranges
 * are not monotonic, a row that left the ring is recomputed, with identical values.
 *
 * The vertical sums run row by row (acc += row × w, in contribution order), which performs, for
 * every pixel, the same float64 additions in the same order as Go's per-pixel loop.
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
  /** Turns the vertical sums of destination row dy into 16-bit premultiplied RGBA. */
  finish(acc: Float64Array, dy: number, out: Uint16Array): void;
  /** Writes destination row dy. */
  write(dy: number, out: Uint16Array): void;
}

export function runSeparable(job: SeparableJob): void {
  const { V, y0, y1, n } = job;
  const width = 4 * n;
  let ring = 1;
  for (let dy = y0; dy < y1; dy++) if (V.count[dy] > ring) ring = V.count[dy];
  const tmp = scratchF64(ring * width);
  const slotRow = scratchI32(ring).fill(-1);
  const acc = scratchF64(width);
  const out = scratchU16(width);
  const { start, count, offset, weights } = V;
  for (let dy = y0; dy < y1; dy++) {
    acc.fill(0);
    const s0 = start[dy];
    const o0 = offset[dy];
    for (let k = 0, c = count[dy]; k < c; k++) {
      const w = weights[o0 + k];
      if (w === 0) continue;
      const sy = s0 + k;
      const slot = sy % ring;
      const base = slot * width;
      if (slotRow[slot] !== sy) {
        job.horizontal(sy, tmp, base);
        slotRow[slot] = sy;
      }
      accumulate(acc, tmp, base, width, w);
    }
    job.finish(acc, dy, out);
    job.write(dy, out);
  }
}

function accumulate(acc: Float64Array, tmp: Float64Array, base: number, width: number, w: number): void {
  for (let i = 0; i < width; i++) acc[i] += tmp[base + i] * w;
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
