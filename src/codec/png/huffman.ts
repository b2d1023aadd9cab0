/**
 * Huffman decoding tables for inflate (RFC 1951 section 3.2.2): canonical codes from code lengths,
 * looked up by the next `rootBits` bits of the stream (least significant bit first), with
 * second-level tables for longer codes.
 *
 * A table is an Int32Array of entries. Entry layout (bit ranges):
 * - 0..3   the bits the entry consumes: the code length for a direct entry, the code length minus
 *          `rootBits` for an entry of a second-level table, the index width for a link;
 * - 4..7   extra bits that follow the code (length and distance symbols: 0 to 13);
 * - 8..10  the kind: {@link K_LIT}, {@link K_BASE}, {@link K_EOB}, {@link K_LINK}, {@link K_BAD};
 * - 11..31 the value: the literal byte (or code-length symbol), the base length or distance, or
 *          the offset of the second-level table for a link.
 * The largest value is 24577 (a base distance) or an offset below 2^15, so entries stay positive.
 * @internal
 */

/** A literal byte (litlen tables) or a plain symbol (the code-length table). */
export const K_LIT = 0 << 8;
/** A length (litlen) or distance (distance table): value = base, bits 4..7 = extra bits. */
export const K_BASE = 1 << 8;
/** The end-of-block symbol 256. */
export const K_EOB = 2 << 8;
/** A link to a second-level table. */
export const K_LINK = 3 << 8;
/** No symbol: a code the lengths leave unassigned, or symbols 286, 287, 30, 31 (RFC 1951 3.2.6). */
export const K_BAD = 4 << 8;
/** Masks the kind bits of an entry. */
export const KIND = 7 << 8;

/** The longest code deflate allows (RFC 1951 3.2.7: code lengths are 0 to 15). */
export const MAX_BITS = 15;

/**
 * Base lengths and extra bits of the length symbols 257..285 (RFC 1951 3.2.5): symbols 257..264
 * have no extra bits, then every four symbols get one more (1 for 265..268 up to 5 for 281..284);
 * each base is the previous base plus the previous symbol's range, 2^extra, starting at 3. Symbol
 * 285 breaks the pattern: length 258 with no extra bits (rather than 227 + 32 = 259 with 5).
 */
function lengthSymbols(): Int32Array {
  const out = new Int32Array(288);
  for (let s = 0; s < 256; s++) out[s] = (s << 11) | K_LIT;
  out[256] = K_EOB;
  let base = 3;
  for (let i = 0; i < 28; i++) {
    const extra = i < 8 ? 0 : (i >> 2) - 1;
    out[257 + i] = (base << 11) | K_BASE | (extra << 4);
    base += 1 << extra;
  }
  out[285] = (258 << 11) | K_BASE;
  out[286] = K_BAD;
  out[287] = K_BAD;
  return out;
}

/**
 * Base distances and extra bits of the distance symbols 0..29 (RFC 1951 3.2.5): symbols 0..3 have
 * no extra bits, then every two symbols get one more (1 for 4..5 up to 13 for 28..29); bases
 * accumulate 2^extra from 1, so symbol 29 covers 24577..32768. Symbols 30 and 31 are invalid.
 */
function distanceSymbols(): Int32Array {
  const out = new Int32Array(32);
  let base = 1;
  for (let i = 0; i < 30; i++) {
    const extra = i < 4 ? 0 : (i >> 1) - 1;
    out[i] = (base << 11) | K_BASE | (extra << 4);
    base += 1 << extra;
  }
  out[30] = K_BAD;
  out[31] = K_BAD;
  return out;
}

/** The entry templates (without the consumed-bits field) of the literal/length alphabet. */
export const LITLEN_SYMBOLS = lengthSymbols();
/** The entry templates of the distance alphabet. */
export const DISTANCE_SYMBOLS = distanceSymbols();
/** The entry templates of the code-length alphabet (RFC 1951 3.2.7): symbol s is the value s. */
export const CODE_LENGTH_SYMBOLS = Int32Array.from({ length: 19 }, (_, s) => (s << 11) | K_LIT);

/** Bit reversal of a byte, for turning canonical (MSB-first) codes into LSB-first table indices. */
const REV8 = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
});

/** The low `n` bits of `code` (n ≤ 16), reversed. */
function reverse(code: number, n: number): number {
  return ((REV8[code & 0xff] << 8) | REV8[code >>> 8]) >>> (16 - n);
}

/** Why a set of code lengths does not make a usable code. */
export type TableProblem = 'over-subscribed' | 'incomplete';

/** A table and the capacity it may grow to; {@link buildTable} replaces `table` if it must grow. */
export interface TableRef {
  table: Int32Array;
}

/** Scratch shared by every build: counts per length, next codes, second-level widths. */
const count = new Int32Array(MAX_BITS + 1);
const nextCode = new Int32Array(MAX_BITS + 1);
const codes = new Int32Array(MAX_BITS + 1);
let subBits = new Uint8Array(1 << 10);

/**
 * Builds the decoding table of the code whose lengths are `lengths[off .. off + n)`, symbol i
 * having the template `symbols[i]`.
 *
 * Accepted, as Go's compress/flate and zlib accept them: complete codes; no codes at all (every
 * entry is {@link K_BAD}, so using the table fails); and a single code of length 1 (its other
 * one-bit pattern is {@link K_BAD}). Anything else is refused.
 * @returns null when built, or the problem.
 */
export function buildTable(lengths: Uint8Array, off: number, n: number, symbols: Int32Array, rootBits: number, ref: TableRef): TableProblem | null {
  count.fill(0);
  for (let i = 0; i < n; i++) count[lengths[off + i]]++;
  count[0] = 0;
  let max = MAX_BITS;
  while (max > 0 && count[max] === 0) max--;
  const rootSize = 1 << rootBits;
  if (max === 0) {
    ref.table.fill(K_BAD | rootBits, 0, rootSize);
    return null;
  }
  // Kraft: `left` is the number of unused codes of length len; negative means over-subscribed.
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - count[len];
    if (left < 0) return 'over-subscribed';
  }
  if (left > 0 && !(max === 1 && count[1] === 1)) return 'incomplete';
  // Canonical codes (RFC 1951 3.2.2 step 2): the first code of each length.
  let code = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    code = (code + count[len - 1]) << 1;
    nextCode[len] = code;
  }
  // Second-level tables: each root index whose codes are longer than rootBits gets a table wide
  // enough for the longest of them.
  let size = rootSize;
  if (max > rootBits) {
    if (subBits.length < rootSize) subBits = new Uint8Array(rootSize);
    subBits.fill(0, 0, rootSize);
    codes.set(nextCode);
    for (let i = 0; i < n; i++) {
      const len = lengths[off + i];
      if (len <= rootBits) {
        if (len > 0) codes[len]++;
        continue;
      }
      const r = reverse(codes[len]++, len) & (rootSize - 1);
      if (len - rootBits > subBits[r]) subBits[r] = len - rootBits;
    }
    for (let r = 0; r < rootSize; r++) if (subBits[r] > 0) size += 1 << subBits[r];
  }
  if (ref.table.length < size) ref.table = new Int32Array(size);
  const t = ref.table;
  if (left > 0) t.fill(K_BAD | rootBits, 0, rootSize);
  if (max > rootBits) {
    let at = rootSize;
    for (let r = 0; r < rootSize; r++) {
      if (subBits[r] === 0) continue;
      t[r] = (at << 11) | K_LINK | subBits[r];
      at += 1 << subBits[r];
    }
  }
  for (let i = 0; i < n; i++) {
    const len = lengths[off + i];
    if (len === 0) continue;
    const rev = reverse(nextCode[len]++, len);
    if (len <= rootBits) {
      const e = symbols[i] | len;
      for (let j = rev; j < rootSize; j += 1 << len) t[j] = e;
    } else {
      const link = t[rev & (rootSize - 1)];
      const width = link & 15;
      const base = link >>> 11;
      const sub = len - rootBits;
      const e = symbols[i] | sub;
      for (let j = rev >>> rootBits; j < 1 << width; j += 1 << sub) t[base + j] = e;
    }
  }
  return null;
}
