import { adler32 } from './adler32.js';
import {
  CODE_LENGTH_SYMBOLS,
  DISTANCE_SYMBOLS,
  K_BASE,
  K_EOB,
  K_LINK,
  KIND,
  LITLEN_SYMBOLS,
  buildTable,
  type TableProblem,
  type TableRef,
} from './huffman.js';

/**
 * A zlib stream decoder (RFC 1950 around RFC 1951 deflate) in plain TypeScript, fed compressed
 * bytes in pieces of any size and handing out the inflated bytes in pieces, synchronously.
 *
 * Memory is fixed at construction, whatever the stream: a 128 KiB output buffer (the 32 KiB
 * window plus up to 96 KiB of output not yet handed out), a 16 KiB input buffer, and Huffman
 * tables of a few KiB. Nothing is allocated per piece, per block or per symbol (a table grows only
 * past its usual bound, which valid codes do not reach). Output pieces are views of the output
 * buffer, valid only during the sink call.
 *
 * Follows Go's compress/zlib and compress/flate where deflate leaves room: the window is always
 * 32 KiB whatever the header's CINFO says (at most 7), a preset dictionary (FDICT) is an error,
 * a single code of length 1 is accepted as a code, and bytes after the Adler-32 are ignored.
 * @internal
 */

/** A corrupt or truncated zlib stream; `offset` is the byte of the stream where it was found. */
export class ZlibDataError extends Error {
  /** Whether the stream ended early (rather than being corrupt). */
  readonly truncated: boolean;
  constructor(
    message: string,
    readonly offset: number,
    truncated = false,
  ) {
    super(message);
    this.truncated = truncated;
  }
}

/** Receives inflated bytes `buf[start .. end)`; they are only valid during the call. */
export type InflateSink = (buf: Uint8Array, start: number, end: number) => void;

/** Deflate's window: distances reach back at most 32768 bytes (RFC 1951 section 2). */
const WSIZE = 1 << 15;
/**
 * The output buffer: the window plus 96 KiB, handed out (and slid back) when nearly full. Sliding
 * copies 32 KiB per 96 KiB of output; a larger buffer measured no faster.
 */
const OUT_BYTES = 1 << 17;
/** The longest match is 258 bytes, so a symbol started below this mark fits in the buffer. */
const FLUSH_AT = OUT_BYTES - 258;
/**
 * The input buffer. Input is copied in (a memcpy, about 1% of the decoding time) so that the
 * decoder reads one contiguous array whatever the pieces it is given; a piece is decoded up to
 * the last 320 bytes (see HEADER_BYTES), which move to the front for the next.
 */
const IN_BYTES = 1 << 14;
/**
 * Zero bytes kept after the input, so that the symbol loop may load bytes past the end without a
 * bounds check; at most 11 are ever loaded (at most 31 unconsumed bits at the start of a symbol, at
 * most 7 bytes loaded for it: 15 + 5 + 15 + 13 = 48 bits).
 */
const PAD = 32;
/**
 * The longest symbol: a 15-bit length code, 5 extra bits, a 15-bit distance code, 13 extra bits.
 * The symbol loop needs no bounds checks while 16 input bytes remain; below that, a piece that is
 * not the last stops the loop when fewer than 48 bits are left.
 */
const SYMBOL_BITS = 48;
const FAST_MARGIN = 16;
/**
 * The longest block header: 3 + 14 bits, 19 × 3 bits of code-length lengths, then at most 286 + 30
 * code lengths of at most 7 + 7 bits each (2,286 bits in all, 286 bytes); with some slack. A block
 * header is started only with this much input available (or at the end of the input), so it never
 * has to be suspended.
 */
const HEADER_BYTES = 320;

/** Table root widths: 10 bits covers all but the rarest literal/length codes, 8 bits distances. */
const LIT_ROOT = 10;
const DIST_ROOT = 8;
const LIT_MASK = (1 << LIT_ROOT) - 1;
const DIST_MASK = (1 << DIST_ROOT) - 1;
/** Code-length codes are at most 7 bits (RFC 1951 3.2.7): one level. */
const CL_ROOT = 7;

/** The order in which code-length code lengths are stored (RFC 1951 3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Decoder states. */
const S_HEADER = 0;
const S_BLOCK = 1;
const S_STORED = 2;
const S_CODES = 3;
const S_CHECK = 4;
const S_DONE = 5;

/** The fixed Huffman code tables (RFC 1951 3.2.6), built once. */
let fixedTables: { lit: Int32Array; dist: Int32Array } | null = null;
function fixed(): { lit: Int32Array; dist: Int32Array } {
  if (fixedTables === null) {
    const lens = new Uint8Array(288 + 32);
    lens.fill(8, 0, 144);
    lens.fill(9, 144, 256);
    lens.fill(7, 256, 280);
    lens.fill(8, 280, 288);
    lens.fill(5, 288, 320);
    const lit: TableRef = { table: new Int32Array(1 << LIT_ROOT) };
    const dist: TableRef = { table: new Int32Array(1 << DIST_ROOT) };
    buildTable(lens, 0, 288, LITLEN_SYMBOLS, LIT_ROOT, lit);
    buildTable(lens, 288, 32, DISTANCE_SYMBOLS, DIST_ROOT, dist);
    fixedTables = { lit: lit.table, dist: dist.table };
  }
  return fixedTables;
}

export class Inflater {
  readonly #sink: InflateSink;
  #state = S_HEADER;

  // Input: compressed bytes in[ip .. iend), followed by PAD zeros; base = stream offset of in[0].
  readonly #in = new Uint8Array(IN_BYTES + PAD);
  #ip = 0;
  #iend = 0;
  #base = 0;
  /**
   * Bits loaded but not consumed, least significant first, and how many. The symbol loop refills
   * to 24..31 bits, never 32, so `bits` stays a non-negative int32 (a small integer to V8: with the
   * sign bit in play it becomes a double, and the loop runs almost twice as slow).
   */
  #bits = 0;
  #count = 0;

  // Output: out[0 .. op) holds the window; out[emitted .. op) is not yet handed out.
  readonly #out = new Uint8Array(OUT_BYTES);
  #op = 0;
  #emitted = 0;
  #adler = 1;
  #total = 0;

  /** Whether the current block is the last one (BFINAL). */
  #last = false;
  /** Bytes left in the current stored block. */
  #stored = 0;

  // The current block's tables: the dynamic ones below or the shared fixed ones.
  #lit: Int32Array;
  #dist: Int32Array;
  readonly #litRef: TableRef = { table: new Int32Array(2048) };
  readonly #distRef: TableRef = { table: new Int32Array(1024) };
  readonly #clRef: TableRef = { table: new Int32Array(1 << CL_ROOT) };
  readonly #lens = new Uint8Array(286 + 30);
  readonly #clLens = new Uint8Array(19);

  /** @param sink receives the inflated bytes in order; exceptions it throws propagate out of push / finish. */
  constructor(sink: InflateSink) {
    this.#sink = sink;
    this.#lit = this.#litRef.table;
    this.#dist = this.#distRef.table;
  }

  /** Whether the whole stream, Adler-32 included, has been decoded. Later input is ignored. */
  get done(): boolean {
    return this.#state === S_DONE;
  }

  /** Inflated bytes handed out so far. */
  get totalOut(): number {
    return this.#total;
  }

  /**
   * Decodes as much as `data` allows, handing out full output buffers to the sink (the rest stays
   * until more input or {@link finish}). `data` is copied in; it is not kept.
   * @throws ZlibDataError for a corrupt stream; whatever the sink throws.
   */
  push(data: Uint8Array): void {
    let i = 0;
    while (i < data.length && this.#state !== S_DONE) {
      this.#compact();
      const k = Math.min(IN_BYTES - this.#iend, data.length - i);
      this.#in.set(k === data.length ? data : data.subarray(i, i + k), this.#iend);
      this.#iend += k;
      this.#in.fill(0, this.#iend, this.#iend + PAD);
      i += k;
      this.#run(false);
    }
  }

  /**
   * Ends the input: decodes what is left and hands out the rest of the output.
   * @throws ZlibDataError (truncated) when the stream is incomplete, or for corrupt data.
   */
  finish(): void {
    if (this.#state !== S_DONE) this.#run(true);
    if (this.#state !== S_DONE) throw this.#truncated();
  }

  /** Moves the unread input to the front of the buffer. */
  #compact(): void {
    const ip = this.#ip;
    if (ip === 0) return;
    const keep = this.#iend - ip;
    this.#in.copyWithin(0, ip, this.#iend);
    this.#base += ip;
    this.#ip = 0;
    this.#iend = keep;
  }

  /** Bits available: loaded ones plus unread input (negative when the loop loaded padding). */
  #available(): number {
    return this.#count + 8 * (this.#iend - this.#ip);
  }

  /**
   * Returns bits loaded from padding to the input: after this, `bits` holds fewer than 8 bits, all
   * from the byte before `ip`. Called whenever decoding stops, so that compaction keeps every
   * unconsumed byte.
   */
  #unload(): void {
    const whole = this.#count >>> 3;
    this.#ip -= whole;
    this.#count &= 7;
    this.#bits &= (1 << this.#count) - 1;
  }

  #truncated(): ZlibDataError {
    return new ZlibDataError('unexpected end of the zlib stream', this.#base + this.#iend, true);
  }

  /**
   * A corrupt-data error (or a truncation, if the input ran out first) at the byte holding the next
   * unread bit: the stream offset of a bad header or LEN field, or just past a bad code.
   */
  #corrupt(what: string): ZlibDataError {
    if (this.#available() < 0) return this.#truncated();
    return new ZlibDataError(what, this.#base + this.#ip - ((this.#count + 7) >>> 3));
  }

  /** Reads n ≤ 24 bits (zeros past the end of the input; the caller checks for overrun). */
  #need(n: number): number {
    while (this.#count < n) {
      this.#bits |= this.#in[this.#ip < this.#iend ? this.#ip : this.#iend] << this.#count;
      this.#ip++;
      this.#count += 8;
    }
    const v = this.#bits & ((1 << n) - 1);
    this.#bits >>>= n;
    this.#count -= n;
    return v;
  }

  /** Drops the bits up to the next byte boundary and returns the whole loaded bytes to the input. */
  #align(): void {
    this.#bits = 0;
    this.#ip -= this.#count >>> 3;
    this.#count = 0;
  }

  /** Runs the state machine until the input runs short (or, at the end, runs out) or the stream ends. */
  #run(end: boolean): void {
    try {
      for (;;) {
        switch (this.#state) {
          case S_HEADER:
            if (!end && this.#iend - this.#ip < 2) return;
            this.#header();
            break;
          case S_BLOCK:
            if (this.#last) {
              this.#align();
              this.#state = S_CHECK;
              break;
            }
            if (!end && this.#available() < 8 * HEADER_BYTES) return;
            this.#block();
            break;
          case S_STORED:
            if (!this.#copyStored()) {
              if (end) throw this.#truncated();
              return;
            }
            break;
          case S_CODES:
            if (!this.#codes(end)) return;
            break;
          case S_CHECK:
            if (this.#iend - this.#ip < 4) {
              if (end) throw this.#truncated();
              return;
            }
            this.#check();
            return;
          case S_DONE:
            return;
        }
      }
    } finally {
      if (this.#state !== S_DONE) this.#unload();
    }
  }

  /** The two-byte zlib header (RFC 1950 2.2). */
  #header(): void {
    if (this.#iend - this.#ip < 2) throw this.#truncated();
    const cmf = this.#in[this.#ip];
    const flg = this.#in[this.#ip + 1];
    if ((cmf & 0x0f) !== 8) throw this.#corrupt(`unknown compression method ${cmf & 0x0f} in the zlib header (want 8, deflate)`);
    if (cmf >> 4 > 7) throw this.#corrupt(`invalid window size 2^${(cmf >> 4) + 8} in the zlib header (at most 2^15)`);
    if (((cmf << 8) | flg) % 31 !== 0) throw this.#corrupt('invalid zlib header check bits (FCHECK)');
    if (flg & 0x20) throw this.#corrupt('the zlib stream needs a preset dictionary, which PNG does not use');
    this.#ip += 2;
    this.#state = S_BLOCK;
  }

  /** A block header (RFC 1951 3.2.3); at the end of input, checks that it was not cut short. */
  #block(): void {
    this.#last = this.#need(1) === 1;
    const type = this.#need(2);
    switch (type) {
      case 0: {
        this.#align();
        if (this.#iend - this.#ip < 4) throw this.#truncated();
        const p = this.#ip;
        const inp = this.#in;
        const len = inp[p] | (inp[p + 1] << 8);
        const nlen = inp[p + 2] | (inp[p + 3] << 8);
        if ((len ^ 0xffff) !== nlen) throw this.#corrupt(`invalid stored block lengths: LEN ${len} and NLEN ${nlen} are not complements`);
        this.#ip += 4;
        this.#stored = len;
        this.#state = S_STORED;
        return;
      }
      case 1: {
        const t = fixed();
        this.#lit = t.lit;
        this.#dist = t.dist;
        break;
      }
      case 2:
        this.#dynamic();
        break;
      default:
        throw this.#corrupt('invalid block type 3');
    }
    if (this.#available() < 0) throw this.#truncated();
    this.#state = S_CODES;
  }

  /** Reads the code lengths of a dynamic block (RFC 1951 3.2.7) and builds its tables. */
  #dynamic(): void {
    const nlit = this.#need(5) + 257;
    const ndist = this.#need(5) + 1;
    const ncl = this.#need(4) + 4;
    if (nlit > 286) throw this.#corrupt(`too many literal/length codes: ${nlit}, at most 286`);
    if (ndist > 30) throw this.#corrupt(`too many distance codes: ${ndist}, at most 30`);
    const cl = this.#clLens;
    cl.fill(0);
    for (let i = 0; i < ncl; i++) cl[CL_ORDER[i]] = this.#need(3);
    this.#tableOk(buildTable(cl, 0, 19, CODE_LENGTH_SYMBOLS, CL_ROOT, this.#clRef), 'code-length');
    const ct = this.#clRef.table;
    const lens = this.#lens;
    const n = nlit + ndist;
    let i = 0;
    while (i < n) {
      while (this.#count < CL_ROOT) {
        this.#bits |= this.#in[this.#ip < this.#iend ? this.#ip : this.#iend] << this.#count;
        this.#ip++;
        this.#count += 8;
      }
      const e = ct[this.#bits & ((1 << CL_ROOT) - 1)];
      if ((e & KIND) !== 0) throw this.#corrupt('invalid code-length code');
      const used = e & 15;
      this.#bits >>>= used;
      this.#count -= used;
      const sym = e >>> 11;
      if (sym < 16) {
        lens[i++] = sym;
        continue;
      }
      let value = 0;
      let times: number;
      if (sym === 16) {
        if (i === 0) throw this.#corrupt('code-length repeat (16) with no previous length');
        value = lens[i - 1];
        times = 3 + this.#need(2);
      } else if (sym === 17) {
        times = 3 + this.#need(3);
      } else {
        times = 11 + this.#need(7);
      }
      if (i + times > n) throw this.#corrupt(`code-length repeat runs past the ${n} code lengths`);
      lens.fill(value, i, i + times);
      i += times;
    }
    if (lens[256] === 0) throw this.#corrupt('the literal/length code has no end-of-block code');
    this.#tableOk(buildTable(lens, 0, nlit, LITLEN_SYMBOLS, LIT_ROOT, this.#litRef), 'literal/length');
    this.#tableOk(buildTable(lens, nlit, ndist, DISTANCE_SYMBOLS, DIST_ROOT, this.#distRef), 'distance');
    this.#lit = this.#litRef.table;
    this.#dist = this.#distRef.table;
  }

  #tableOk(problem: TableProblem | null, which: string): void {
    if (problem !== null) throw this.#corrupt(`invalid ${which} code lengths: the code is ${problem}`);
  }

  /** Copies stored bytes; false when the input ran out first. */
  #copyStored(): boolean {
    while (this.#stored > 0) {
      const have = this.#iend - this.#ip;
      if (have === 0) return false;
      if (this.#op >= FLUSH_AT) this.#flush(true);
      const k = Math.min(this.#stored, have, OUT_BYTES - this.#op);
      this.#out.set(this.#in.subarray(this.#ip, this.#ip + k), this.#op);
      this.#ip += k;
      this.#op += k;
      this.#stored -= k;
    }
    this.#state = S_BLOCK;
    return true;
  }

  /** The Adler-32 of the inflated data, big-endian (RFC 1950 2.2), after the last block. */
  #check(): void {
    this.#flush(false);
    const p = this.#ip;
    const inp = this.#in;
    const want = ((inp[p] << 24) | (inp[p + 1] << 16) | (inp[p + 2] << 8) | inp[p + 3]) >>> 0;
    if (want !== this.#adler) {
      throw this.#corrupt(
        `invalid Adler-32 checksum: the data gives 0x${this.#adler.toString(16).padStart(8, '0')}, the stream says 0x${want.toString(16).padStart(8, '0')}`,
      );
    }
    this.#ip += 4;
    this.#state = S_DONE;
  }

  /** Hands out the pending output; when `slide`, keeps only the last 32 KiB as the window. */
  #flush(slide: boolean): void {
    const out = this.#out;
    const from = this.#emitted;
    const to = this.#op;
    if (to > from) {
      this.#adler = adler32(this.#adler, out, from, to);
      this.#total += to - from;
      this.#emitted = to;
      this.#sink(out, from, to);
    }
    if (slide && to > WSIZE) {
      out.copyWithin(0, to - WSIZE, to);
      this.#op = WSIZE;
      this.#emitted = WSIZE;
    }
  }

  /**
   * Decodes the symbols of a Huffman block. Returns true at the end of the block, false when it
   * stops for more input. The loop keeps its state in locals and writes it back when it leaves.
   */
  #codes(end: boolean): boolean {
    const inp = this.#in;
    const out = this.#out;
    const lit = this.#lit;
    const dist = this.#dist;
    const iend = this.#iend;
    const safe = iend - FAST_MARGIN;
    let bits = this.#bits;
    let count = this.#count;
    let ip = this.#ip;
    let op = this.#op;
    try {
      for (;;) {
        if (ip > safe) {
          const available = count + 8 * (iend - ip);
          if (!end) {
            if (available < SYMBOL_BITS) return false;
          } else if (available < 0) {
            throw this.#truncated();
          }
        }
        if (op >= FLUSH_AT) {
          this.#op = op;
          this.#flush(true);
          op = this.#op;
        }
        while (count <= 23) {
          bits |= inp[ip++] << count;
          count += 8;
        }
        let e = lit[bits & LIT_MASK];
        let n = e & 15;
        // Literals first: they are most symbols of a photo's stream.
        if ((e & KIND) === 0) {
          bits >>= n;
          count -= n;
          out[op++] = e >> 11;
          continue;
        }
        if ((e & KIND) === K_LINK) {
          bits >>= LIT_ROOT;
          count -= LIT_ROOT;
          e = lit[(e >> 11) + (bits & ((1 << n) - 1))];
          n = e & 15;
        }
        bits >>= n;
        count -= n;
        const kind = e & KIND;
        if (kind === 0) {
          out[op++] = e >> 11;
          continue;
        }
        if (kind !== K_BASE) {
          if (kind === K_EOB) {
            // At the end of the input, an end-of-block code read from the zero padding is truncation.
            if (end && count + 8 * (iend - ip) < 0) throw this.#truncated();
            this.#state = S_BLOCK;
            return true;
          }
          this.#save(bits, count, ip, op);
          throw this.#corrupt('invalid literal/length code');
        }
        n = (e >> 4) & 15;
        const len = (e >> 11) + (bits & ((1 << n) - 1));
        bits >>= n;
        count -= n;
        if (count < 15) {
          while (count <= 23) {
            bits |= inp[ip++] << count;
            count += 8;
          }
        }
        e = dist[bits & DIST_MASK];
        if ((e & KIND) === K_LINK) {
          bits >>= DIST_ROOT;
          count -= DIST_ROOT;
          e = dist[(e >> 11) + (bits & ((1 << (e & 15)) - 1))];
        }
        n = e & 15;
        bits >>= n;
        count -= n;
        if ((e & KIND) !== K_BASE) {
          this.#save(bits, count, ip, op);
          throw this.#corrupt('invalid distance code');
        }
        n = (e >> 4) & 15;
        if (count < n) {
          while (count <= 23) {
            bits |= inp[ip++] << count;
            count += 8;
          }
        }
        const d = (e >> 11) + (bits & ((1 << n) - 1));
        bits >>= n;
        count -= n;
        if (d > op) {
          this.#save(bits, count, ip, op);
          throw this.#corrupt(`invalid distance ${d}: only ${this.#total + op - this.#emitted} bytes precede it (distance too far back)`);
        }
        let from = op - d;
        if (len > 32 && d >= len) {
          out.copyWithin(op, from, from + len);
          op += len;
        } else {
          const stop = op + len;
          while (op < stop) out[op++] = out[from++];
        }
      }
    } finally {
      this.#save(bits, count, ip, op);
    }
  }

  #save(bits: number, count: number, ip: number, op: number): void {
    this.#bits = bits;
    this.#count = count;
    this.#ip = ip;
    this.#op = op;
  }
}
