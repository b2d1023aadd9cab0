import { nearestIndex } from '../color/palette.js';

/*
 * A search structure that answers Go's nearest-palette-entry question exactly (spec/palette-cache.md).
 *
 * Go's `Palette.Index` scans every entry for the least distance
 *   dist(c, p) = Σ over r, g, b, a of f(c - p),   f(d) = (d × d) >> 2   (16-bit premultiplied)
 * and keeps the first (lowest-index) entry that reaches it. This table splits 16-bit RGBA space
 * into 16 × 16 × 16 × 16 boxes ("cells", the top 4 bits of each channel) and, the first time a
 * colour lands in a cell, lists the entries that can be nearest to *some* colour of that cell:
 *
 *   U       = min over entries p of  Σ f(farthest distance from p to the cell, per channel)
 *   keep p  iff                      Σ f(closest distance from p to the cell, per channel) <= U
 *
 * f grows with |d| and the channels add independently, so for a colour c in the cell and any
 * entry q that is dropped, dist(c, q) > U >= dist(c, p*) for the entry p* that set U. Hence every
 * entry at the least distance from c is kept, and scanning the kept list in index order, with
 * Go's strict `<` and its early exit at distance 0, returns exactly what the linear scan does,
 * ties included.
 *
 * Memory: a cell list is 1 + 5 × (kept entries) int32s (count, then index and r, g, b, a of each
 * entry, side by side for locality), built on first use; the cell directory is one 4096-entry
 * Int32Array per alpha slab that some colour reached (16 KiB each; opaque images touch one).
 */

/** Bits of each channel that pick a cell: 16 - 12. */
const SHIFT = 12;
/** Width of a cell in 16-bit units, minus one: 2^12 - 1. */
const SPAN = (1 << SHIFT) - 1;
/** Palettes up to this size are scanned linearly: a cell list would not be shorter. */
const LINEAR_MAX = 8;

/** f(d) = (d × d) >> 2 for |d| <= 0xffff. d × d < 2^32 is exact in a double, and `>>>` keeps 32 bits. */
function f(d: number): number {
  return (d * d) >>> 2;
}

/** Distance from v to the nearest point of [lo, lo + SPAN]. */
function nearGap(v: number, lo: number): number {
  return v < lo ? lo - v : v > lo + SPAN ? v - lo - SPAN : 0;
}

/** Distance from v to the farthest point of [lo, lo + SPAN]. */
function farGap(v: number, lo: number): number {
  return Math.max(Math.abs(v - lo), Math.abs(v - lo - SPAN));
}

/**
 * Nearest-entry lookups for one palette, exact (same index as {@link nearestIndex}). Holds a copy
 * of the palette's 16-bit values and the cell lists built so far; never the palette itself or any
 * image. Not safe to share across threads (it grows as it is used).
 */
export class NearestTable {
  /** The normalised key of the palette this table serves (see palette-key.ts). */
  readonly key: string;
  /** The number of palette entries. */
  readonly length: number;
  readonly #pal: Uint32Array;
  /** One directory per alpha slab; entry = 1 + offset of the cell's list in the arena, 0 if unbuilt. */
  readonly #dirs: (Int32Array | null)[] = new Array<Int32Array | null>(16).fill(null);
  #arena: Int32Array = new Int32Array(0);
  #used = 0;
  #bytes: number;
  /** Called after the table grew, with the new {@link byteSize}. Set by the owning cache. */
  onGrow: ((bytes: number) => void) | null = null;

  /** @param pal packed 16-bit RGBA, four values per entry (copied). */
  constructor(key: string, pal: Uint32Array) {
    this.key = key;
    this.#pal = Uint32Array.from(pal);
    this.length = pal.length >> 2;
    this.#bytes = 64 + this.#pal.byteLength;
  }

  /** The bytes this table holds, counted for the cache budget: the palette copy, directories and lists. */
  get byteSize(): number {
    return this.#bytes;
  }

  /** The number of cells whose lists have been built. */
  get cellsBuilt(): number {
    let n = 0;
    for (const d of this.#dirs) if (d !== null) for (const v of d) if (v !== 0) n++;
    return n;
  }

  /**
   * The index of the entry nearest to the premultiplied 16-bit colour (r, g, b, a), each in
   * [0, 0xffff]: the same answer as Go's `Palette.Index`, ties to the lowest index, 0 for an empty
   * palette.
   */
  nearest(r: number, g: number, b: number, a: number): number {
    // Out-of-range channels (never produced by imago's images) take the linear scan too.
    if (this.length <= LINEAR_MAX || ((r | g | b | a) & ~0xffff) !== 0) return nearestIndex(this.#pal, r, g, b, a);
    let dir = this.#dirs[a >>> SHIFT];
    if (dir === null) dir = this.#newDir(a >>> SHIFT);
    const cell = ((r >>> SHIFT) << 8) | ((g >>> SHIFT) << 4) | (b >>> SHIFT);
    let o = dir[cell] - 1;
    if (o < 0) o = this.#build(dir, cell, a >>> SHIFT);
    const t = this.#arena;
    const end = o + 1 + 5 * t[o];
    let best = 0xffffffff;
    let ret = 0;
    for (let k = o + 1; k < end; k += 5) {
      const dr = r - t[k + 1];
      const dg = g - t[k + 2];
      const db = b - t[k + 3];
      const da = a - t[k + 4];
      const sum = ((dr * dr) >>> 2) + ((dg * dg) >>> 2) + ((db * db) >>> 2) + ((da * da) >>> 2);
      if (sum < best) {
        if (sum === 0) return t[k];
        best = sum;
        ret = t[k];
      }
    }
    return ret;
  }

  #newDir(slab: number): Int32Array {
    const dir = new Int32Array(4096);
    this.#dirs[slab] = dir;
    this.#grew(dir.byteLength);
    return dir;
  }

  /** Builds the candidate list of one cell and returns its arena offset. */
  #build(dir: Int32Array, cell: number, slab: number): number {
    const pal = this.#pal;
    const n = this.length;
    const lr = (cell >>> 8) << SHIFT;
    const lg = ((cell >>> 4) & 15) << SHIFT;
    const lb = (cell & 15) << SHIFT;
    const la = slab << SHIFT;
    let u = Infinity;
    for (let j = 0; j < n * 4; j += 4) {
      const far = f(farGap(pal[j], lr)) + f(farGap(pal[j + 1], lg)) + f(farGap(pal[j + 2], lb)) + f(farGap(pal[j + 3], la));
      if (far < u) u = far;
    }
    const need = 1 + 5 * n;
    if (this.#used + need > this.#arena.length) this.#growArena(need);
    const t = this.#arena;
    const o = this.#used;
    let k = o + 1;
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const near = f(nearGap(pal[j], lr)) + f(nearGap(pal[j + 1], lg)) + f(nearGap(pal[j + 2], lb)) + f(nearGap(pal[j + 3], la));
      if (near <= u) {
        t[k] = i;
        t[k + 1] = pal[j];
        t[k + 2] = pal[j + 1];
        t[k + 3] = pal[j + 2];
        t[k + 4] = pal[j + 3];
        k += 5;
      }
    }
    t[o] = (k - o - 1) / 5;
    this.#used = k;
    dir[cell] = o + 1;
    return o;
  }

  #growArena(need: number): void {
    const old = this.#arena;
    const next = new Int32Array(Math.max(old.length * 2, this.#used + need, 4096));
    next.set(old.subarray(0, this.#used));
    this.#arena = next;
    this.#grew(next.byteLength - old.byteLength);
  }

  #grew(bytes: number): void {
    this.#bytes += bytes;
    this.onGrow?.(this.#bytes);
  }
}
