/**
 * A hand-driven deflate writer for the inflater's conformance tests: blocks and symbols are
 * written exactly as the test says, so it can produce streams no compressor would (15-bit codes,
 * a one-code distance tree, distance 32768) and corrupt ones. The tables below are typed from
 * RFC 1951 section 3.2.5, independently of src/.
 */
import { adler32 } from '../../../src/codec/png/adler32.js';

/** RFC 1951 3.2.5: length codes 257..285 as [base, extra bits]. */
export const LENGTHS: ReadonlyArray<readonly [number, number]> = [
  [3, 0], [4, 0], [5, 0], [6, 0], [7, 0], [8, 0], [9, 0], [10, 0],
  [11, 1], [13, 1], [15, 1], [17, 1],
  [19, 2], [23, 2], [27, 2], [31, 2],
  [35, 3], [43, 3], [51, 3], [59, 3],
  [67, 4], [83, 4], [99, 4], [115, 4],
  [131, 5], [163, 5], [195, 5], [227, 5],
  [258, 0],
];

/** RFC 1951 3.2.5: distance codes 0..29 as [base, extra bits]. */
export const DISTANCES: ReadonlyArray<readonly [number, number]> = [
  [1, 0], [2, 0], [3, 0], [4, 0], [5, 1], [7, 1], [9, 2], [13, 2],
  [17, 3], [25, 3], [33, 4], [49, 4], [65, 5], [97, 5], [129, 6], [193, 6],
  [257, 7], [385, 7], [513, 8], [769, 8], [1025, 9], [1537, 9], [2049, 10], [3073, 10],
  [4097, 11], [6145, 11], [8193, 12], [12289, 12], [16385, 13], [24577, 13],
];

/** The code whose range holds v: [index, extra value]. Length 258 is code 285, not 284 + 31. */
function codeFor(table: ReadonlyArray<readonly [number, number]>, v: number): [number, number] {
  for (let i = table.length - 1; i >= 0; i--) {
    if (table[i][0] <= v) return [i, v - table[i][0]];
  }
  throw new Error(`no code for ${v}`);
}

export function lengthCode(len: number): [number, number, number] {
  const [i, x] = codeFor(LENGTHS, len);
  return [257 + i, LENGTHS[i][1], x];
}

export function distanceCode(d: number): [number, number, number] {
  const [i, x] = codeFor(DISTANCES, d);
  return [i, DISTANCES[i][1], x];
}

/** Canonical Huffman codes for code lengths (RFC 1951 3.2.2); 0 for unused symbols. */
export function canonicalCodes(lengths: readonly number[]): number[] {
  const count = new Array<number>(16).fill(0);
  for (const l of lengths) if (l > 0) count[l]++;
  const next = new Array<number>(16).fill(0);
  let code = 0;
  for (let l = 1; l < 16; l++) {
    code = (code + count[l - 1]) << 1;
    next[l] = code;
  }
  return lengths.map((l) => (l > 0 ? next[l]++ : 0));
}

/**
 * Lengths of a complete code over n symbols: L = ceil(log2 n), and 2^L - n of them one bit
 * shorter, so that Σ 2^-len = 1.
 */
export function completeLengths(n: number): number[] {
  let L = 0;
  while (1 << L < n) L++;
  const short = (1 << L) - n;
  return Array.from({ length: n }, (_, i) => (i < short ? L - 1 : L));
}

/** A symbol of a Huffman block: a literal byte, a match, or the end of the block. */
export type Sym = number | { len: number; dist: number } | 'eob';

/** Code lengths of the fixed code (RFC 1951 3.2.6). */
export const FIXED_LIT = Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8));
export const FIXED_DIST = new Array<number>(32).fill(5);

/**
 * The code-length code used by {@link BitWriter.dynamic}: symbols 0..12 get 4 bits and 13..18 get
 * 5 bits (13/16 + 6/32 = 1, complete).
 */
export const CL_LENGTHS = Array.from({ length: 19 }, (_, s) => (s <= 12 ? 4 : 5));
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

export class BitWriter {
  readonly out: number[] = [];
  #acc = 0;
  #n = 0;

  /** Writes v in k bits, least significant first (header fields, extra bits). */
  bits(v: number, k: number): this {
    for (let i = 0; i < k; i++) {
      this.#acc |= ((v >> i) & 1) << this.#n;
      if (++this.#n === 8) {
        this.out.push(this.#acc);
        this.#acc = 0;
        this.#n = 0;
      }
    }
    return this;
  }

  /** Writes a Huffman code of `len` bits, most significant first. */
  huff(code: number, len: number): this {
    for (let i = len - 1; i >= 0; i--) this.bits((code >> i) & 1, 1);
    return this;
  }

  /** Pads to a byte boundary with zero bits. */
  align(): this {
    if (this.#n > 0) this.bits(0, 8 - this.#n);
    return this;
  }

  bytes(b: ArrayLike<number>): this {
    this.align();
    for (let i = 0; i < b.length; i++) this.out.push(b[i]);
    return this;
  }

  /** A stored block holding `data` (LEN and NLEN given to write corrupt ones). */
  stored(last: boolean, data: ArrayLike<number>, len = data.length, nlen = len ^ 0xffff): this {
    this.bits(last ? 1 : 0, 1).bits(0, 2).align();
    this.out.push(len & 0xff, len >> 8, nlen & 0xff, nlen >> 8);
    for (let i = 0; i < data.length; i++) this.out.push(data[i]);
    return this;
  }

  /** Writes symbols with the given literal/length and distance code lengths. */
  symbols(lit: readonly number[], dist: readonly number[], syms: readonly Sym[]): this {
    const lc = canonicalCodes(lit);
    const dc = canonicalCodes(dist);
    for (const s of syms) {
      if (s === 'eob') {
        this.huff(lc[256], lit[256]);
      } else if (typeof s === 'number') {
        this.huff(lc[s], lit[s]);
      } else {
        const [ls, lx, lv] = lengthCode(s.len);
        this.huff(lc[ls], lit[ls]).bits(lv, lx);
        const [ds, dxb, dv] = distanceCode(s.dist);
        this.huff(dc[ds], dist[ds]).bits(dv, dxb);
      }
    }
    return this;
  }

  /** A fixed-Huffman block. */
  fixed(last: boolean, syms: readonly Sym[]): this {
    this.bits(last ? 1 : 0, 1).bits(1, 2);
    return this.symbols(FIXED_LIT, FIXED_DIST, syms);
  }

  /**
   * A dynamic block's header: HLIT, HDIST, HCLEN = 19 with {@link CL_LENGTHS}, then the code
   * lengths, sent as plain lengths unless `lengthSymbols` gives the code-length symbols (each
   * [symbol, extra value]) to send instead.
   */
  dynamicHeader(last: boolean, lit: readonly number[], dist: readonly number[], lengthSymbols?: ReadonlyArray<readonly [number, number?]>): this {
    this.bits(last ? 1 : 0, 1).bits(2, 2);
    this.bits(lit.length - 257, 5).bits(dist.length - 1, 5).bits(19 - 4, 4);
    for (const s of CL_ORDER) this.bits(CL_LENGTHS[s], 3);
    const cc = canonicalCodes(CL_LENGTHS);
    const seq = lengthSymbols ?? [...lit, ...dist].map((l) => [l] as const);
    for (const [s, x = 0] of seq) {
      this.huff(cc[s], CL_LENGTHS[s]);
      if (s === 16) this.bits(x, 2);
      if (s === 17) this.bits(x, 3);
      if (s === 18) this.bits(x, 7);
    }
    return this;
  }

  /** A dynamic block: header then symbols. */
  dynamic(last: boolean, lit: readonly number[], dist: readonly number[], syms: readonly Sym[]): this {
    return this.dynamicHeader(last, lit, dist).symbols(lit, dist, syms);
  }

  done(): Uint8Array {
    this.align();
    return new Uint8Array(this.out);
  }
}

/** The zlib header 0x78 0x9c (deflate, 32 KiB window, default level; 0x789c = 31 · 997). */
export const ZLIB_HEADER = [0x78, 0x9c];

/** Wraps a deflate stream in zlib framing with the Adler-32 of `data`. */
export function zlibWrap(deflate: Uint8Array, data: Uint8Array, adler = adler32(1, data)): Uint8Array {
  const out = new Uint8Array(2 + deflate.length + 4);
  out.set(ZLIB_HEADER, 0);
  out.set(deflate, 2);
  new DataView(out.buffer).setUint32(2 + deflate.length, adler);
  return out;
}

/** What the symbols decode to: the model the inflater is checked against. */
export function expand(syms: readonly Sym[], out: number[] = []): number[] {
  for (const s of syms) {
    if (s === 'eob') continue;
    if (typeof s === 'number') {
      out.push(s);
    } else {
      for (let i = 0; i < s.len; i++) out.push(out[out.length - s.dist]);
    }
  }
  return out;
}
