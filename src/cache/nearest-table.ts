import { nearestIndex } from '../color/palette.js';

/*
 * A search structure that answers Go's nearest-palette-entry question exactly (spec/palette-cache.md).
 *
 * Go's `Palette.Index` scans every entry for the least distance
 *   dist(c, p) = Σ over r, g, b, a of f(c - p),   f(d) = (d × d) >> 2   (16-bit premultiplied)
 * and keeps the first (lowest-index) entry that reaches it. This table splits 16-bit RGBA space
 * into cells: 32 steps of each colour channel (its top 5 bits) times 16 steps of alpha (its top
 * 4 bits). The first time a colour lands in a cell, it lists the entries that can be nearest to
 * *some* colour of that cell:
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
 * Memory, built on first use: a directory of 32 768 int32s (128 KiB) per alpha slab that some
 * colour reached (opaque images touch one); per cell with several candidates, a list of 16-bit
 * entry indices (2 bytes each, plus a count) in one growing arena; a cell with a single candidate
 * keeps it in its directory entry. Plus a copy of the palette's 16-bit values (16 bytes per
 * entry). On a photograph quantised to plan9 about 7,000 cells are built (about 200 KiB) and a
 * lookup scans 3 to 4 entries instead of 256.
 */

/** Colour channels keep their top 5 bits to pick a cell (16 - 11): 32 steps of 2048 each. */
const SHIFT = 11;
/** Width of a colour cell in 16-bit units, minus one: 2^11 - 1. */
const SPAN = (1 << SHIFT) - 1;
/** Alpha keeps its top 4 bits to pick a slab (16 - 12): 16 slabs of 4096 each. */
const ASHIFT = 12;
const ASPAN = (1 << ASHIFT) - 1;
/** Cells per slab: 32 × 32 × 32. */
const DIR_SIZE = 1 << 15;
/** Palettes up to this size are scanned linearly: a cell list would not be shorter. */
const LINEAR_MAX = 8;

/** f(d) = (d × d) >> 2 for |d| <= 0xffff. d × d < 2^32 is exact in a double, and `>>>` keeps 32 bits. */
function f(d: number): number {
  return (d * d) >>> 2;
}

/** Distance from v to the nearest point of [lo, lo + span]. */
function nearGap(v: number, lo: number, span: number): number {
  return v < lo ? lo - v : v > lo + span ? v - lo - span : 0;
}

/** Distance from v to the farthest point of [lo, lo + span]. */
function farGap(v: number, lo: number, span: number): number {
  return Math.max(Math.abs(v - lo), Math.abs(v - lo - span));
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
  /** Small palettes (a list would not be shorter) and huge ones (indices must fit 16 bits) scan linearly. */
  readonly #linear: boolean;
  /**
   * One directory per alpha slab. Entry 0: not built yet; v > 0: the cell's list starts at arena
   * offset v - 1; v < 0: the cell has the single candidate -1 - v.
   */
  readonly #dirs: (Int32Array | null)[] = new Array<Int32Array | null>(16).fill(null);
  #arena: Uint16Array = new Uint16Array(0);
  /** Scratch for ordering one cell's list while it is built. */
  #keys: Float64Array = new Float64Array(0);
  #used = 0;
  #bytes: number;
  /** Called after the table grew, with the new {@link byteSize}. Set by the owning cache. */
  onGrow: ((bytes: number) => void) | null = null;

  /** @param pal packed 16-bit RGBA, four values per entry (copied). */
  constructor(key: string, pal: Uint32Array) {
    this.key = key;
    this.#pal = Uint32Array.from(pal);
    this.length = pal.length >> 2;
    this.#linear = this.length <= LINEAR_MAX || this.length > 0xffff;
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
    if (this.#linear || ((r | g | b | a) & ~0xffff) !== 0) return nearestIndex(this.#pal, r, g, b, a);
    let dir = this.#dirs[a >>> ASHIFT];
    if (dir === null) dir = this.#newDir(a >>> ASHIFT);
    const cell = ((r >>> SHIFT) << 10) | ((g >>> SHIFT) << 5) | (b >>> SHIFT);
    let v = dir[cell];
    if (v === 0) v = this.#build(dir, cell, a >>> ASHIFT);
    // A cell with one candidate stores its index in the directory itself (as -1 - index).
    if (v < 0) return -1 - v;
    const o = v - 1;
    const t = this.#arena;
    const pal = this.#pal;
    const end = o + 1 + t[o];
    // Go's answer is the least (distance, index) pair; the list is not in index order.
    let least = 0x100000000;
    let ret = 0;
    for (let k = o + 1; k < end; k++) {
      const i = t[k];
      const j = i << 2;
      const dr = r - pal[j];
      const dg = g - pal[j + 1];
      const db = b - pal[j + 2];
      const da = a - pal[j + 3];
      const sum = ((dr * dr) >>> 2) + ((dg * dg) >>> 2) + ((db * db) >>> 2) + ((da * da) >>> 2);
      if (sum < least || (sum === least && i < ret)) {
        least = sum;
        ret = i;
      }
    }
    return ret;
  }

  /**
   * {@link nearest} for an opaque colour, (r, g, b, 0xffff), with r, g, b in [0, 0xffff]: the
   * same answer, without the alpha term (0 for every opaque entry, and the linear scan includes
   * it) or the range checks. For quantisers that know their colours are opaque.
   */
  nearestOpaque(r: number, g: number, b: number): number {
    if (this.#linear) return nearestIndex(this.#pal, r, g, b, 0xffff);
    const dir = this.#dirs[15] ?? this.#newDir(15);
    const cell = ((r >>> SHIFT) << 10) | ((g >>> SHIFT) << 5) | (b >>> SHIFT);
    let v = dir[cell];
    if (v === 0) v = this.#build(dir, cell, 15);
    if (v < 0) return -1 - v;
    const t = this.#arena;
    const pal = this.#pal;
    const end = v + t[v - 1];
    let least = 0x100000000;
    let ret = 0;
    for (let k = v; k < end; k++) {
      const i = t[k];
      const j = i << 2;
      const dr = r - pal[j];
      const dg = g - pal[j + 1];
      const db = b - pal[j + 2];
      const da = 0xffff - pal[j + 3];
      const sum = ((dr * dr) >>> 2) + ((dg * dg) >>> 2) + ((db * db) >>> 2) + ((da * da) >>> 2);
      if (sum < least || (sum === least && i < ret)) {
        least = sum;
        ret = i;
      }
    }
    return ret;
  }

  /**
   * @internal For quantisers that inline {@link nearestOpaque} in their pixel loop (Floyd-Steinberg):
   * the directory of the opaque alpha slab, made if missing, or null when this table scans
   * linearly. Entry v for cell ((r >>> 11) << 10) | ((g >>> 11) << 5) | (b >>> 11): 0, not built
   * (call {@link nearestOpaque}, which builds it); v < 0, the single candidate -1 - v; v > 0, a
   * list of `candidates[v - 1]` entry indices at `candidates[v ..]`, to be scanned as
   * {@link nearestOpaque} does. Read only.
   */
  opaqueDirectory(): Int32Array | null {
    if (this.#linear) return null;
    return this.#dirs[15] ?? this.#newDir(15);
  }

  /**
   * @internal The arena of candidate lists that {@link opaqueDirectory} points into. Read only; a
   * build may replace it with a larger array, so read it again after calling {@link nearestOpaque}.
   */
  get candidates(): Uint16Array {
    return this.#arena;
  }

  #newDir(slab: number): Int32Array {
    const dir = new Int32Array(DIR_SIZE);
    this.#dirs[slab] = dir;
    this.#grew(dir.byteLength);
    return dir;
  }

  /** Builds the candidate list of one cell and returns its directory entry (see {@link nearest}). */
  #build(dir: Int32Array, cell: number, slab: number): number {
    const pal = this.#pal;
    const n = this.length;
    const lr = (cell >>> 10) << SHIFT;
    const lg = ((cell >>> 5) & 31) << SHIFT;
    const lb = (cell & 31) << SHIFT;
    const la = slab << ASHIFT;
    let u = Infinity;
    for (let j = 0; j < n * 4; j += 4) {
      const far =
        f(farGap(pal[j], lr, SPAN)) + f(farGap(pal[j + 1], lg, SPAN)) + f(farGap(pal[j + 2], lb, SPAN)) + f(farGap(pal[j + 3], la, ASPAN));
      if (far < u) u = far;
    }
    const need = 1 + n;
    if (this.#used + need > this.#arena.length) this.#growArena(need);
    const t = this.#arena;
    const o = this.#used;
    let k = o + 1;
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const near =
        f(nearGap(pal[j], lr, SPAN)) + f(nearGap(pal[j + 1], lg, SPAN)) + f(nearGap(pal[j + 2], lb, SPAN)) + f(nearGap(pal[j + 3], la, ASPAN));
      if (near <= u) t[k++] = i;
    }
    if (k > o + 2) {
      // Most likely winner first: the candidates in order of distance from the cell's centre
      // (then index). The scans compare (distance, index) pairs, so the order does not change
      // the answer; it makes the comparisons predictable (the first candidate usually wins).
      // Insertion sort: lists are short, and entries were added in index order, so equal
      // distances keep index order.
      const cr = lr + (SPAN >> 1), cg = lg + (SPAN >> 1), cb = lb + (SPAN >> 1), ca = la + (ASPAN >> 1);
      const keys = this.#keys.length >= k - o ? this.#keys : this.#newKeys(Math.max(n + 1, k - o));
      for (let q = o + 1; q < k; q++) {
        const i = t[q];
        const j = i << 2;
        const key = f(pal[j] - cr) + f(pal[j + 1] - cg) + f(pal[j + 2] - cb) + f(pal[j + 3] - ca);
        let p = q;
        for (; p > o + 1 && keys[p - 1 - o] > key; p--) {
          t[p] = t[p - 1];
          keys[p - o] = keys[p - 1 - o];
        }
        t[p] = i;
        keys[p - o] = key;
      }
    }
    if (k === o + 2) {
      // One candidate: it is the answer for every colour of the cell; keep it in the directory.
      const v = -1 - t[o + 1];
      dir[cell] = v;
      return v;
    }
    t[o] = k - o - 1;
    this.#used = k;
    dir[cell] = o + 1;
    return o + 1;
  }

  #newKeys(length: number): Float64Array {
    const next = new Float64Array(length);
    this.#grew(next.byteLength - this.#keys.byteLength);
    this.#keys = next;
    return next;
  }

  #growArena(need: number): void {
    const old = this.#arena;
    const next = new Uint16Array(Math.max(old.length * 2, this.#used + need, 4096));
    next.set(old.subarray(0, this.#used));
    this.#arena = next;
    this.#grew(next.byteLength - old.byteLength);
  }

  #grew(bytes: number): void {
    this.#bytes += bytes;
    this.onGrow?.(this.#bytes);
  }
}
