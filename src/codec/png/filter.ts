/**
 * Row filter selection for the encoder, the heuristic of libpng and of Go's image/png: try the
 * filters and keep the one whose output has the smallest sum of absolute values, each byte read as
 * a signed int8 (|d| for d < 128, 256 - d otherwise).
 *
 * Go tries them in the order Up, Paeth, None, Sub, Average (most likely winners first) and stops
 * summing a candidate once it reaches the best sum so far; a later filter wins only when strictly
 * smaller. The order and the strict comparison decide ties, so this follows them exactly and picks
 * the same filter as Go for every row. Where within a candidate the summing stops does not matter
 * (the sums only grow, so a candidate that reaches the best has lost), which lets the Paeth loop
 * for 3- and 4-byte pixels check the bound once per pixel.
 * @internal
 */

import { FT_AVERAGE, FT_NONE, FT_PAETH, FT_SUB, FT_UP } from './format.js';

/**
 * |d| for each byte d read as an int8: d for d < 128, 256 - d above. A table lookup is faster than
 * the branch, whose direction is random on photographs.
 */
const ABS8 = new Uint8Array(256).map((_, d) => (d < 128 ? d : 256 - d));

/** The Paeth predictor: of a (left), b (up), c (up-left), the one nearest a + b - c. */
export function paethPredictor(a: number, b: number, c: number): number {
  let pa = b - c;
  let pb = a - c;
  let pc = pa + pb;
  if (pa < 0) pa = -pa;
  if (pb < 0) pb = -pb;
  if (pc < 0) pc = -pc;
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Five scratch rows, one per filter type, each 1 + n bytes with the filter type in byte 0. Row 0
 * holds the unfiltered scanline (filter None) and is where the caller writes it.
 */
export function filterRows(n: number): Uint8Array[] {
  const rows: Uint8Array[] = [];
  for (let f = 0; f < 5; f++) {
    const r = new Uint8Array(1 + n);
    r[0] = f;
    rows.push(r);
  }
  return rows;
}

/**
 * Applies each candidate filter to the scanline in `rows[0]` (bytes 1..n) against the previous
 * scanline `prev` (bytes 1..n, zeros for the first row) and returns the index of the winner; that
 * row of `rows` then holds the filtered scanline, filter byte first. `bpp` is the filter stride in
 * bytes.
 */
export function chooseFilter(rows: Uint8Array[], prev: Uint8Array, bpp: number): number {
  const cur = rows[FT_NONE];
  const n = cur.length - 1;

  // Up.
  const up = rows[FT_UP];
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    const d = (cur[i] - prev[i]) & 0xff;
    up[i] = d;
    sum += ABS8[d];
  }
  let best = sum;
  let filter = FT_UP;

  // Paeth.
  const pae = rows[FT_PAETH];
  if (bpp === 3 && n % 3 === 0) sum = paethLanes3(cur, prev, pae, n, best);
  else if (bpp === 4 && n % 4 === 0) sum = paethLanes4(cur, prev, pae, n, best);
  else {
    sum = 0;
    for (let i = 1; i <= bpp && i <= n; i++) {
      const d = (cur[i] - prev[i]) & 0xff;
      pae[i] = d;
      sum += ABS8[d];
    }
    for (let i = bpp + 1; i <= n && sum < best; i++) {
      const d = (cur[i] - paethPredictor(cur[i - bpp], prev[i], prev[i - bpp])) & 0xff;
      pae[i] = d;
      sum += ABS8[d];
    }
  }
  if (sum < best) {
    best = sum;
    filter = FT_PAETH;
  }

  // None.
  sum = 0;
  for (let i = 1; i <= n && sum < best; i++) sum += ABS8[cur[i]];
  if (sum < best) {
    best = sum;
    filter = FT_NONE;
  }

  // Sub.
  const sub = rows[FT_SUB];
  sum = 0;
  for (let i = 1; i <= bpp && i <= n; i++) {
    sub[i] = cur[i];
    sum += ABS8[cur[i]];
  }
  for (let i = bpp + 1; i <= n && sum < best; i++) {
    const d = (cur[i] - cur[i - bpp]) & 0xff;
    sub[i] = d;
    sum += ABS8[d];
  }
  if (sum < best) {
    best = sum;
    filter = FT_SUB;
  }

  // Average.
  const avg = rows[FT_AVERAGE];
  sum = 0;
  for (let i = 1; i <= bpp && i <= n; i++) {
    const d = (cur[i] - (prev[i] >> 1)) & 0xff;
    avg[i] = d;
    sum += ABS8[d];
  }
  for (let i = bpp + 1; i <= n && sum < best; i++) {
    const d = (cur[i] - ((cur[i - bpp] + prev[i]) >> 1)) & 0xff;
    avg[i] = d;
    sum += ABS8[d];
  }
  if (sum < best) filter = FT_AVERAGE;

  return filter;
}

/**
 * The Paeth candidate for 3-byte pixels: the left and upper-left bytes of each lane stay in locals.
 * Returns the sum, stopping (with a sum >= best) once it reaches best.
 */
function paethLanes3(cur: Uint8Array, prev: Uint8Array, out: Uint8Array, n: number, best: number): number {
  let sum = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let i = 1; i <= n && sum < best; i += 3) {
    const x0 = cur[i];
    const x1 = cur[i + 1];
    const x2 = cur[i + 2];
    const b0 = prev[i];
    const b1 = prev[i + 1];
    const b2 = prev[i + 2];
    const d0 = (x0 - paethPredictor(a0, b0, c0)) & 0xff;
    const d1 = (x1 - paethPredictor(a1, b1, c1)) & 0xff;
    const d2 = (x2 - paethPredictor(a2, b2, c2)) & 0xff;
    out[i] = d0;
    out[i + 1] = d1;
    out[i + 2] = d2;
    sum += ABS8[d0] + ABS8[d1] + ABS8[d2];
    a0 = x0;
    a1 = x1;
    a2 = x2;
    c0 = b0;
    c1 = b1;
    c2 = b2;
  }
  return sum;
}

/** {@link paethLanes3} for 4-byte pixels. */
function paethLanes4(cur: Uint8Array, prev: Uint8Array, out: Uint8Array, n: number, best: number): number {
  let sum = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = 1; i <= n && sum < best; i += 4) {
    const x0 = cur[i];
    const x1 = cur[i + 1];
    const x2 = cur[i + 2];
    const x3 = cur[i + 3];
    const b0 = prev[i];
    const b1 = prev[i + 1];
    const b2 = prev[i + 2];
    const b3 = prev[i + 3];
    const d0 = (x0 - paethPredictor(a0, b0, c0)) & 0xff;
    const d1 = (x1 - paethPredictor(a1, b1, c1)) & 0xff;
    const d2 = (x2 - paethPredictor(a2, b2, c2)) & 0xff;
    const d3 = (x3 - paethPredictor(a3, b3, c3)) & 0xff;
    out[i] = d0;
    out[i + 1] = d1;
    out[i + 2] = d2;
    out[i + 3] = d3;
    sum += ABS8[d0] + ABS8[d1] + ABS8[d2] + ABS8[d3];
    a0 = x0;
    a1 = x1;
    a2 = x2;
    a3 = x3;
    c0 = b0;
    c1 = b1;
    c2 = b2;
    c3 = b3;
  }
  return sum;
}

/**
 * Applies one given filter (1 to 4) to the scanline in `rows[0]` against `prev` and returns its
 * type; `rows[f]` then holds the filtered scanline. For the `filter` encode option.
 */
export function applyFilter(f: number, rows: Uint8Array[], prev: Uint8Array, bpp: number): number {
  const cur = rows[FT_NONE];
  const out = rows[f];
  const n = cur.length - 1;
  for (let i = 1; i <= n; i++) {
    const a = i > bpp ? cur[i - bpp] : 0;
    const b = prev[i];
    const c = i > bpp ? prev[i - bpp] : 0;
    const pred = f === FT_SUB ? a : f === FT_UP ? b : f === FT_AVERAGE ? (a + b) >> 1 : paethPredictor(a, b, c);
    out[i] = cur[i] - pred;
  }
  return f;
}
