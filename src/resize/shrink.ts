import { rect, type Rectangle } from '../geom/rectangle.js';
import type { Image } from '../image/image.js';
import { RGBAImage } from '../image/rgba-image.js';
import { scratchF64, scratchI32, scratchU16, scratchStats } from './scratch.js';
import { BLOCK_SUMS_IN_BYTES, BLOCK_SUMS_MAX_BLOCKS } from './simd/block-sums.wasm.js';
import { SUMS_AT, blockSumsKernel, type BlockSumsKernel } from './simd/block-sums.js';
import { sourceReader, type SourceReader } from './source-rows.js';

/**
 * Integer block means, libvips' `vips_shrink`: the first step of `resize({ preshrink: true })`.
 *
 * The part of `src` inside `sr` (sw × sh) is cut into blocks of fx × fy pixels from its top-left
 * corner; the blocks of the last column and row are narrower (shorter) when fx (fy) does not
 * divide sw (sh). Pixel (i, j) of the result, sized ceil(sw / fx) × ceil(sh / fy), is the mean of
 * the n pixels of block (i, j), in 16-bit premultiplied colour as Box computes it:
 *
 *     v16 = ⌊(2·S + n) / 2n⌋        (S / n rounded half up; S = sum of the 16-bit values)
 *
 * r, g, b clamped to a, then stored as an RGBA byte `v16 >> 8` (Go's rule). When fx divides sw and
 * fy divides sh this is exactly `Box.scale` to that size (an integer factor: the block mean), byte
 * for byte; test/resize/shrink.test.ts checks both that and the partial blocks against a
 * straightforward reference.
 *
 * Cost: one read of every source pixel and a few integer additions. RGBA sources on a 4-byte
 * aligned buffer add two channels per 32-bit operation (r|b and g|a in 16-bit lanes, see below);
 * every other source is read through its reader's 16-bit rows.
 *
 * A `BlockMeans` computes one result row at a time ({@link BlockMeans.row}); it holds `src`'s
 * reader until dropped, so it lives only inside one resize call. Scratch: two `Int32` lane sums
 * per result column (RGBA) or four float64 sums per result column and one 16-bit source row.
 * @internal fx, fy >= 1 and sr non-empty are the caller's to ensure.
 */
export class BlockMeans {
  /** The result's size. */
  readonly mw: number;
  readonly mh: number;
  readonly #row: (oy: number, pix: Uint8Array, d: number) => void;
  readonly #release: () => void = () => {};

  constructor(src: Image, sr: Rectangle, fx: number, fy: number) {
    const sw = sr.dx();
    const sh = sr.dy();
    this.mw = Math.ceil(sw / fx);
    this.mh = Math.ceil(sh / fy);
    const reader = sourceReader(src, sr);
    // Lanes: a 16-bit lane holds a sum of at most 65535 / 255 = 257 bytes without carrying over.
    const simd = reader.layout === 'rgba8' && reader.pix32 !== undefined && fx * fy <= 257 ? blockSumsKernel() : null;
    if (simd !== null) {
      [this.#row, this.#release] = simdRows(simd, reader.pix32!, (y) => (reader.rowBase(sr.min.y + y) >> 2) + sr.min.x, sw, sh, fx, fy);
    } else if (reader.layout === 'rgba8' && reader.pix32 !== undefined && fx * fy <= 257) {
      this.#row = lanesRows(reader.pix32, (y) => (reader.rowBase(sr.min.y + y) >> 2) + sr.min.x, sw, sh, fx, fy, this.mw);
    } else {
      const row = scratchU16(4 * sw);
      this.#row = u16Rows((y) => reader.loadRow(sr.min.x, sr.min.y + y, sw, row), row, sw, sh, fx, fy, this.mw);
    }
  }

  /** Writes result row oy (0 <= oy < mh) as 4·mw RGBA bytes into pix from index d. */
  row(oy: number, pix: Uint8Array, d: number): void {
    this.#row(oy, pix, d);
  }

  /**
   * Zeroes what the WebAssembly kernel's memory holds of this source (nothing to do on the
   * JavaScript path). Call when done; rows may still be asked for afterwards (each row call is
   * self-contained), and then need another release.
   */
  release(): void {
    this.#release();
  }
}

/** The block means as a new, owned RGBAImage with bounds (0, 0)–(mw, mh). @internal */
export function blockShrink(src: Image, sr: Rectangle, fx: number, fy: number): RGBAImage {
  const bm = new BlockMeans(src, sr, fx, fy);
  try {
    const out = new RGBAImage(rect(0, 0, bm.mw, bm.mh));
    for (let oy = 0; oy < bm.mh; oy++) bm.row(oy, out.pix, out.pixOffset(0, oy));
    return out;
  } finally {
    bm.release();
  }
}

/**
 * The block means as a source reader for the kernel passes ('rgba8' over 32-bit words), without
 * materialising them: rows are computed when the passes ask for them (`rowBase`) into a ring of
 * two rows, slot = row mod 2. The passes read a row right after asking for it and at most two at
 * once (rows y and y + 1), so the ring is enough; a row asked for again is recomputed when it has
 * been overwritten (same bytes). Memory: 8·mw bytes instead of the 4·mw·mh of the whole result.
 * @internal
 */
export function blockMeanReader(bm: BlockMeans): SourceReader {
  const width = 4 * bm.mw;
  const pix = new Uint8Array(2 * width);
  scratchStats.bytes += pix.length;
  const slot = [-1, -1];
  const rowBase = (y: number): number => {
    const s = y & 1;
    if (slot[s] !== y) {
      bm.row(y, pix, s * width);
      slot[s] = y;
    }
    return s * width;
  };
  return {
    layout: 'rgba8',
    opaque: false,
    pix,
    pix32: new Int32Array(pix.buffer, 0, pix.length >> 2),
    rowBase,
    loadRow(x: number, y: number, n: number, out: Uint16Array): void {
      for (let i = 0, s = rowBase(y) + 4 * x; i < 4 * n; i++, s++) out[i] = pix[s] * 0x101;
    },
    gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
      const base = rowBase(y);
      for (let i = 0, j = 0; i < n; i++, j += 4) for (let k = 0; k < 4; k++) out[j + k] = pix[base + 4 * cols[i] + k] * 0x101;
    },
  };
}

/**
 * The RGBA rows. For each source row of the block row, each block's words are summed as two lane
 * pairs, rb += p & 0x00ff00ff (r in the low 16 bits, b in the high) and ga += (p >>> 8) &
 * 0x00ff00ff, and added into the result row's lane accumulators; then the row's means are stored.
 * n = fx·fy <= 257 keeps every lane at most 255·257 = 65535: no lane carries into the next.
 * (Summing a row at a time, two rows per step, measured faster than each block's rows at once.)
 */
function lanesRows(p32: Int32Array, rowWord: (y: number) => number, sw: number, sh: number, fx: number, fy: number, mw: number): (oy: number, pix: Uint8Array, d: number) => void {
  const { full, tail, mean, meanTail, meanLast, meanLastTail } = blockTables(sw, sh, fx, fy);
  const accRB = scratchI32(mw);
  const accGA = scratchI32(mw);
  return (oy, pix, d) => {
    const y0 = oy * fy;
    const bh = Math.min(fy, sh - y0);
    accRB.fill(0);
    accGA.fill(0);
    let y = y0;
    for (; y + 1 < y0 + bh; y += 2) {
      const o = rowWord(y);
      const dd = rowWord(y + 1) - o;
      sumBlocks2(p32, o, dd, full, fx, accRB, accGA, 0);
      if (tail > 0) sumBlocks2(p32, o + full * fx, dd, 1, tail, accRB, accGA, full);
    }
    if (y < y0 + bh) {
      const o = rowWord(y);
      sumBlocks(p32, o, full, fx, accRB, accGA, 0);
      if (tail > 0) sumBlocks(p32, o + full * fx, 1, tail, accRB, accGA, full);
    }
    const short = bh < fy;
    storeMeans(accRB, accGA, 0, full, short ? meanLast : mean, pix, d);
    if (tail > 0) storeMeans(accRB, accGA, full, full + 1, short ? meanLastTail : meanTail, pix, d + 4 * full);
  };
}

/**
 * count blocks of bw words from word o, their lane sums added into acc[i .. i + count). Two words
 * per step (more independent additions in flight; measured faster than one).
 */
function sumBlocks(p32: Int32Array, o: number, count: number, bw: number, accRB: Int32Array, accGA: Int32Array, i: number): void {
  for (const end = i + count; i < end; i++) {
    let rb = 0;
    let ga = 0;
    const e = o + bw;
    for (; o + 1 < e; o += 2) {
      const p = p32[o];
      const q = p32[o + 1];
      rb += (p & 0x00ff00ff) + (q & 0x00ff00ff);
      ga += ((p >>> 8) & 0x00ff00ff) + ((q >>> 8) & 0x00ff00ff);
    }
    if (o < e) {
      const p = p32[o++];
      rb += p & 0x00ff00ff;
      ga += (p >>> 8) & 0x00ff00ff;
    }
    // The high lane can pass 2^31: `| 0` keeps the bits (and the arithmetic in int32).
    accRB[i] = (accRB[i] + rb) | 0;
    accGA[i] = (accGA[i] + ga) | 0;
  }
}

/** sumBlocks over two rows at once: the words at o and o + d (d = the second row's offset). */
function sumBlocks2(p32: Int32Array, o: number, d: number, count: number, bw: number, accRB: Int32Array, accGA: Int32Array, i: number): void {
  for (const end = i + count; i < end; i++) {
    let rb = 0;
    let ga = 0;
    const e = o + bw;
    for (; o + 1 < e; o += 2) {
      const p = p32[o];
      const q = p32[o + 1];
      const u = p32[o + d];
      const v = p32[o + d + 1];
      rb += (p & 0x00ff00ff) + (q & 0x00ff00ff) + (u & 0x00ff00ff) + (v & 0x00ff00ff);
      ga += ((p >>> 8) & 0x00ff00ff) + ((q >>> 8) & 0x00ff00ff) + ((u >>> 8) & 0x00ff00ff) + ((v >>> 8) & 0x00ff00ff);
    }
    if (o < e) {
      const p = p32[o];
      const u = p32[o + d];
      o++;
      rb += (p & 0x00ff00ff) + (u & 0x00ff00ff);
      ga += ((p >>> 8) & 0x00ff00ff) + ((u >>> 8) & 0x00ff00ff);
    }
    accRB[i] = (accRB[i] + rb) | 0;
    accGA[i] = (accGA[i] + ga) | 0;
  }
}

/**
 * The RGBA rows through the WebAssembly kernel (simd/block-sums.ts): for each result row, the
 * block row's source rows are copied into the kernel's memory a strip of whole blocks at a time
 * (as many as fit: 4·fx·fy bytes each, at most BLOCK_SUMS_MAX_BLOCKS), the kernel sums each block's
 * channels into 16-bit lanes (exact: n = fx·fy <= 257), and the means are stored here as
 * {@link lanesRows} stores them; the narrower last block of a row is a strip of its own. Each row
 * call copies in everything it reads, so nothing carries over between calls. Returns the row
 * function and the function that zeroes the memory used.
 */
function simdRows(k: BlockSumsKernel, p32: Int32Array, rowWord: (y: number) => number, sw: number, sh: number, fx: number, fy: number): [(oy: number, pix: Uint8Array, d: number) => void, () => void] {
  const { full, tail, mean, meanTail, meanLast, meanLastTail } = blockTables(sw, sh, fx, fy);
  const perCall = Math.min(BLOCK_SUMS_MAX_BLOCKS, Math.floor(BLOCK_SUMS_IN_BYTES / (4 * fx * fy)));
  const { words, sums, blocks } = k;
  let usedWords = 0;
  let usedSums = 0;
  const row = (oy: number, pix: Uint8Array, d: number): void => {
    const y0 = oy * fy;
    const bh = Math.min(fy, sh - y0);
    const short = bh < fy;
    for (let b0 = 0, count = full + (tail > 0 ? 1 : 0); b0 < count; ) {
      const last = b0 === full; // the narrower block
      const nb = last ? 1 : Math.min(perCall, full - b0);
      const bw = last ? tail : fx;
      const w = nb * bw;
      const x0 = b0 * fx;
      for (let r = 0; r < bh; r++) {
        const o = rowWord(y0 + r) + x0;
        words.set(p32.subarray(o, o + w), r * w);
      }
      blocks(0, 4 * w, bh, bw, nb, 2 * SUMS_AT);
      if (bh * w > usedWords) usedWords = bh * w;
      if (4 * nb > usedSums) usedSums = 4 * nb;
      storeSums(sums, SUMS_AT, nb, last ? (short ? meanLastTail : meanTail) : short ? meanLast : mean, pix, d + 4 * b0);
      b0 += nb;
    }
  };
  const release = (): void => {
    words.fill(0, 0, usedWords);
    sums.fill(0, SUMS_AT, SUMS_AT + usedSums);
    usedWords = 0;
    usedSums = 0;
  };
  return [row, release];
}

/** Stores the means of count blocks' 16-bit channel sums (r, g, b, a from sums[o]) through `mean`, from pix[d]. */
function storeSums(sums: Uint16Array, o: number, count: number, mean: Uint8Array, pix: Uint8Array, d: number): void {
  for (let i = 0; i < count; i++, o += 4, d += 4) {
    const a = mean[sums[o + 3]];
    const r = mean[sums[o]];
    const g = mean[sums[o + 1]];
    const b = mean[sums[o + 2]];
    pix[d] = r > a ? a : r;
    pix[d + 1] = g > a ? a : g;
    pix[d + 2] = b > a ? a : b;
    pix[d + 3] = a;
  }
}

/** Stores the means of the lane sums acc[from .. to) through the table `mean`, from pix[d]. */
function storeMeans(accRB: Int32Array, accGA: Int32Array, from: number, to: number, mean: Uint8Array, pix: Uint8Array, d: number): void {
  for (let i = from; i < to; i++, d += 4) {
    const rb = accRB[i];
    const ga = accGA[i];
    const a = mean[ga >>> 16];
    const r = mean[rb & 0xffff];
    const g = mean[ga & 0xffff];
    const b = mean[rb >>> 16];
    pix[d] = r > a ? a : r;
    pix[d + 1] = g > a ? a : g;
    pix[d + 2] = b > a ? a : b;
    pix[d + 3] = a;
  }
}

/**
 * A row of sw pixels in blocks of fx: `full` whole blocks, then one of `tail` pixels when fx does
 * not divide sw; and the mean tables ({@link means}) of a whole block and of the narrower one, for
 * block rows of fy source rows and for the last, shorter one.
 */
function blockTables(sw: number, sh: number, fx: number, fy: number) {
  const full = Math.floor(sw / fx);
  const tail = sw - full * fx;
  const lastH = sh - (Math.ceil(sh / fy) - 1) * fy;
  return { full, tail, mean: means(fx * fy), meanTail: means(tail * fy), meanLast: means(fx * lastH), meanLastTail: means(tail * lastH) };
}

/**
 * The byte of the mean of n 8-bit samples whose sum is S8, for every S8 in [0, 255·n]: S16 =
 * 0x101·S8, v16 = ⌊(2·S16 + n) / 2n⌋ and v16 >> 8 = ⌊(2·0x101·S8 + n) / 512n⌋ (the floor of a
 * floor over an integer). All terms are integers below 2^31; the truncated quotient of two such
 * doubles is the exact floor. Clamping r, g, b to a commutes with this monotone rounding.
 */
function means(n: number): Uint8Array {
  const t = new Uint8Array(255 * n + 1);
  scratchStats.bytes += t.length;
  for (let s = 0, m = 2 * 0x101; s < t.length; s++) t[s] = ((m * s + n) / (512 * n)) | 0;
  return t;
}

/** Every other source: 16-bit rows from the reader, float64 sums (exact: below 0xffff · sw · fy < 2^53). */
function u16Rows(load: (y: number) => void, row: Uint16Array, sw: number, sh: number, fx: number, fy: number, mw: number): (oy: number, pix: Uint8Array, d: number) => void {
  const acc = scratchF64(4 * mw);
  return (oy, pix, d) => {
    const y0 = oy * fy;
    const y1 = Math.min(sh, y0 + fy);
    acc.fill(0);
    for (let y = y0; y < y1; y++) {
      load(y);
      for (let i = 0, x = 0, j = 0, t = 0; i < mw; i++, t += 4) {
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        for (const e = Math.min(sw, x + fx); x < e; x++, j += 4) {
          r += row[j];
          g += row[j + 1];
          b += row[j + 2];
          a += row[j + 3];
        }
        acc[t] += r;
        acc[t + 1] += g;
        acc[t + 2] += b;
        acc[t + 3] += a;
      }
    }
    const bh = y1 - y0;
    for (let i = 0, t = 0; i < mw; i++, t += 4, d += 4) {
      const n = Math.min(fx, sw - i * fx) * bh;
      const d2 = 2 * n;
      // ⌊(2S + n) / 2n⌋ >> 8 = ⌊(2S + n) / 512n⌋.
      const a = Math.floor((2 * acc[t + 3] + n) / (256 * d2));
      const r = Math.floor((2 * acc[t] + n) / (256 * d2));
      const g = Math.floor((2 * acc[t + 1] + n) / (256 * d2));
      const b = Math.floor((2 * acc[t + 2] + n) / (256 * d2));
      pix[d] = r > a ? a : r;
      pix[d + 1] = g > a ? a : g;
      pix[d + 2] = b > a ? a : b;
      pix[d + 3] = a;
    }
  };
}
