/**
 * Huffman decoding tables (T.81 annex C), built exactly as Go's image/jpeg builds them, plus a
 * wider look-up table for speed that gives the same answers.
 *
 * Go decodes a symbol in one of two ways. With at least 8 bits of scan data left, it looks the next
 * 8 bits up in a 256-entry table (`lut8` here). When that entry is empty, or fewer than 8 bits are
 * left, it reads the code bit by bit against `minCodes`/`maxCodes`. For a well-formed table both
 * ways agree; for an over-subscribed table (more codes than the code space holds) they do not,
 * because Go's 8-bit table index wraps. imago keeps both, and builds its own {@link FAST_BITS}-bit
 * table by running Go's procedure on every bit pattern, so every table, even a broken one, decodes
 * exactly as Go decodes it.
 */

/**
 * The width of the fast look-up tables: 10 bits resolve almost every code, and for AC symbols
 * usually the value bits that follow too.
 */
export const FAST_BITS = 10;
const FAST_SIZE = 1 << FAST_BITS;

/** The longest Huffman code, in bits. */
export const MAX_CODE_LENGTH = 16;

/** A decoding table for one DHT destination. Tables are reused: `define` overwrites them. */
export class HuffmanTable {
  /** The number of codes; 0 until a DHT defines the table ("uninitialized Huffman table"). */
  nCodes = 0;
  /** Go's 8-bit table: `symbol << 8 | (length + 1)`, or 0 for codes longer than 8 bits. */
  readonly lut8 = new Uint16Array(256);
  /** The symbols, in code order. */
  readonly vals = new Uint8Array(256);
  /** The smallest code of each length (index = length - 1), or -1 when there are none. */
  readonly minCodes = new Int32Array(MAX_CODE_LENGTH);
  /** The largest code of each length, or -1 when there are none. */
  readonly maxCodes = new Int32Array(MAX_CODE_LENGTH);
  /** The index in `vals` of each length's smallest code, or -1. */
  readonly valsIndices = new Int32Array(MAX_CODE_LENGTH);
  /**
   * The fast table, indexed by the next {@link FAST_BITS} bits: `symbol << 5 | length`, or 0 when
   * the code is longer than FAST_BITS (decode bit by bit). Valid only while at least FAST_BITS bits
   * of real scan data remain.
   */
  readonly fast = new Int32Array(FAST_SIZE);
  /**
   * For AC tables, the code *and* the value bits after it, when both fit in FAST_BITS:
   * `value << 16 | run << 8 | bits used`, where value is the extended (signed) coefficient. 0 for
   * EOB, ZRL, and anything longer: decode those step by step.
   */
  readonly fastAC = new Int32Array(FAST_SIZE);

  /**
   * Defines the table from the 16 code-length counts and the symbols (B.2.4.2), as Go's processDHT
   * does after its checks: counts[i] codes of length i + 1, `vals.length` = their sum (1..256).
   */
  define(counts: ArrayLike<number>, vals: Uint8Array): void {
    this.nCodes = vals.length;
    this.vals.fill(0);
    this.vals.set(vals);
    const lut8 = this.lut8;
    lut8.fill(0);
    // Go's look-up table: a code of length l <= 8 fills the 2^(8-l) entries it prefixes. Go keeps
    // only the low 8 bits of `code << (8 - l)`, which matters only for over-subscribed tables.
    let x = 0;
    let code = 0;
    for (let i = 0; i < 8; i++) {
      code *= 2;
      for (let j = 0; j < counts[i]; j++) {
        const base = (code * 2 ** (7 - i)) & 0xff;
        const v = (this.vals[x] << 8) | (2 + i);
        for (let k = 0; k < 1 << (7 - i); k++) lut8[base | k] = v;
        code++;
        x++;
      }
    }
    let c = 0;
    let index = 0;
    for (let i = 0; i < MAX_CODE_LENGTH; i++) {
      const n = counts[i];
      if (n === 0) {
        this.minCodes[i] = -1;
        this.maxCodes[i] = -1;
        this.valsIndices[i] = -1;
      } else {
        this.minCodes[i] = c;
        this.maxCodes[i] = c + n - 1;
        this.valsIndices[i] = index;
        c += n;
        index += n;
      }
      c *= 2;
    }
    for (let p = 0; p < FAST_SIZE; p++) this.fast[p] = this.lookup(p);
    for (let p = 0; p < FAST_SIZE; p++) this.fastAC[p] = this.lookupAC(p);
  }

  /** The fastAC entry for pattern p (see there). */
  private lookupAC(p: number): number {
    const e = this.fast[p];
    if (e === 0) return 0;
    const len = e & 31;
    const sym = e >> 5;
    const r = sym >> 4;
    const t = sym & 15;
    if (t === 0 || len + t > FAST_BITS) return 0;
    const x = (p >> (FAST_BITS - len - t)) & ((1 << t) - 1);
    const v = x < (1 << t) >> 1 ? x + (-1 << t) + 1 : x;
    return (v << 16) | (r << 8) | (len + t);
  }

  /** Go's decode of the FAST_BITS-bit pattern p, as a fast-table entry (0 if it needs more bits). */
  private lookup(p: number): number {
    const v = this.lut8[p >> (FAST_BITS - 8)];
    if (v !== 0) return ((v >> 8) << 5) | ((v & 0xff) - 1);
    for (let i = 0; i < FAST_BITS; i++) {
      const code = p >> (FAST_BITS - 1 - i);
      if (code <= this.maxCodes[i]) return (this.vals[this.valsIndices[i] + code - this.minCodes[i]] << 5) | (i + 1);
    }
    return 0;
  }
}
