/**
 * Row filter selection for the encoder, the heuristic of libpng and of Go's image/png: try the
 * filters and keep the one whose output has the smallest sum of absolute values, each byte read as
 * a signed int8 (|d| for d < 128, 256 - d otherwise).
 *
 * Go tries them in the order Up, Paeth, None, Sub, Average (most likely winners first) and stops
 * summing a candidate once it reaches the best sum so far; a later filter wins only when strictly
 * smaller. The order and the strict comparison decide ties, so this follows them exactly and picks
 * the same filter as Go for every row.
 * @internal
 */

import { FT_AVERAGE, FT_NONE, FT_PAETH, FT_SUB, FT_UP } from './format.js';

/** |d| for the byte d read as an int8. */
function abs8(d: number): number {
  return d < 128 ? d : 256 - d;
}

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
    sum += abs8(d);
  }
  let best = sum;
  let filter = FT_UP;

  // Paeth.
  const pae = rows[FT_PAETH];
  sum = 0;
  for (let i = 1; i <= bpp && i <= n; i++) {
    const d = (cur[i] - prev[i]) & 0xff;
    pae[i] = d;
    sum += abs8(d);
  }
  for (let i = bpp + 1; i <= n && sum < best; i++) {
    const d = (cur[i] - paethPredictor(cur[i - bpp], prev[i], prev[i - bpp])) & 0xff;
    pae[i] = d;
    sum += abs8(d);
  }
  if (sum < best) {
    best = sum;
    filter = FT_PAETH;
  }

  // None.
  sum = 0;
  for (let i = 1; i <= n && sum < best; i++) sum += abs8(cur[i]);
  if (sum < best) {
    best = sum;
    filter = FT_NONE;
  }

  // Sub.
  const sub = rows[FT_SUB];
  sum = 0;
  for (let i = 1; i <= bpp && i <= n; i++) {
    sub[i] = cur[i];
    sum += abs8(cur[i]);
  }
  for (let i = bpp + 1; i <= n && sum < best; i++) {
    const d = (cur[i] - cur[i - bpp]) & 0xff;
    sub[i] = d;
    sum += abs8(d);
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
    sum += abs8(d);
  }
  for (let i = bpp + 1; i <= n && sum < best; i++) {
    const d = (cur[i] - ((cur[i - bpp] + prev[i]) >> 1)) & 0xff;
    avg[i] = d;
    sum += abs8(d);
  }
  if (sum < best) filter = FT_AVERAGE;

  return filter;
}
