import { JpegFormatError, JpegUnsupportedError } from './errors.js';
import { FAST_BITS, MAX_CODE_LENGTH, type HuffmanTable } from './huffman.js';
import { UNZIG } from './markers.js';

const FAST_MASK = (1 << FAST_BITS) - 1;

/**
 * Progressive coefficients are stored in 16 bits, which every valid 8-bit JPEG fits (its
 * coefficients are below 2^11 in magnitude, and the successive-approximation shifts only restore
 * them). Go keeps them in 32 bits, so a corrupt file can hold larger ones; before such a value is
 * stored, WIDEN is thrown, and the decode starts again with 32-bit stores (decode.ts).
 */
export class WidenCoefficients extends Error {}
export const WIDEN = new WidenCoefficients('progressive coefficient beyond 16 bits');

/** A progressive coefficient store: 16-bit normally, 32-bit after a WIDEN restart. */
export type CoefficientStore = Int16Array | Int32Array;

/** Stores v at i, first checking that it fits the store (see WIDEN). */
function put(coef: CoefficientStore, i: number, v: number): void {
  if (coef.BYTES_PER_ELEMENT === 2 && ((v << 16) >> 16) !== v) throw WIDEN;
  coef[i] = v;
}

/**
 * The entropy-coded data of one scan: a bit reader over the caller's bytes plus the block decoders
 * of T.81 annex F (sequential) and G (progressive), with the exact semantics of Go's image/jpeg.
 *
 * **Bits.** `acc` holds `cnt` unread bits in its low end (at most 32). `refill` loads whole bytes,
 * undoing the 0xFF 0x00 byte stuffing, until at least 25 bits are there. At a marker or the end of
 * the input it stops reading and feeds zero bytes instead, counting them in `padBits`. Go reads no
 * further than the data and fails the moment an operation needs a bit it does not have; here an
 * operation may read padding, and `check` (after every block, and before any other error is
 * reported) turns "padding was consumed" (`cnt < padBits`) into Go's error: "missing 0xff00
 * sequence" at a marker, "short Huffman data" at the end of the input.
 *
 * **Symbols.** The fast path looks the next {@link FAST_BITS} bits up in the table's `fast` array,
 * which is built to give Go's answer. Near the end of the data, or when a code is longer, `decodeSlow`
 * repeats Go's procedure step by step, using only real bits.
 *
 * **Position.** After a scan, or at a restart marker, `syncPosition` gives the byte offset where Go
 * would be: just after the last byte any of whose bits were used.
 *
 * Nothing here allocates per block: the caller owns the block buffers.
 */
export class EntropyDecoder {
  data: Uint8Array = new Uint8Array(0);
  /** The next byte to load. */
  pos = 0;
  /** Where the scan's data started (after the SOS header or the last RST marker). */
  start = 0;
  acc = 0;
  cnt = 0;
  padBits = 0;
  atEnd = false;
  /** Whether the data ended at a marker (true) or at the end of the input (false). */
  hitMarker = false;
  /** The end-of-band run (G.1.2.2). It survives from one scan to the next, as in Go. */
  eobRun = 0;
  /** The DC predictors, one per frame component. */
  readonly dc = new Int32Array(4);

  /** Starts reading entropy-coded data at `pos` with an empty bit buffer. */
  reset(data: Uint8Array, pos: number): void {
    this.data = data;
    this.pos = pos;
    this.start = pos;
    this.acc = 0;
    this.cnt = 0;
    this.padBits = 0;
    this.atEnd = false;
    this.hitMarker = false;
  }

  /** Loads bytes until at least 25 bits are buffered (zeros past the end of the data). */
  refill(): void {
    const data = this.data;
    const end = data.length;
    let acc = this.acc;
    let cnt = this.cnt;
    let pos = this.pos;
    while (cnt <= 24) {
      let b = 0;
      if (!this.atEnd) {
        if (pos < end) {
          b = data[pos];
          if (b !== 0xff) {
            pos++;
          } else if (pos + 1 < end && data[pos + 1] === 0) {
            pos += 2;
          } else {
            this.atEnd = true;
            this.hitMarker = pos + 1 < end;
            b = 0;
          }
        } else {
          this.atEnd = true;
          this.hitMarker = false;
        }
      }
      if (this.atEnd) this.padBits += 8;
      acc = (acc << 8) | b;
      cnt += 8;
    }
    this.acc = acc;
    this.cnt = cnt;
    this.pos = pos;
  }

  /** The error Go reports when the data runs out. */
  endError(): JpegFormatError {
    return new JpegFormatError(this.hitMarker ? 'missing 0xff00 sequence' : 'short Huffman data', this.pos);
  }

  /** Throws Go's end-of-data error if any padding bit has been consumed. */
  check(): void {
    if (this.cnt < this.padBits) throw this.endError();
  }

  /** An error found in the data; the end-of-data error wins, since Go would have stopped there. */
  fail(reason: string): JpegFormatError {
    if (this.cnt < this.padBits) return this.endError();
    return new JpegFormatError(reason, this.pos);
  }

  /** Go's decodeHuffman, step by step, reading only real bits. */
  decodeSlow(t: HuffmanTable): number {
    if (t.nCodes === 0) throw this.fail('uninitialized Huffman table');
    if (this.cnt < MAX_CODE_LENGTH) this.refill();
    if (this.cnt < this.padBits) throw this.endError();
    let real = this.cnt - this.padBits;
    if (real >= 8) {
      const v = t.lut8[(this.acc >>> (this.cnt - 8)) & 0xff];
      if (v !== 0) {
        this.cnt -= (v & 0xff) - 1;
        return v >> 8;
      }
    }
    let code = 0;
    for (let i = 0; i < MAX_CODE_LENGTH; i++) {
      if (real === 0) throw this.endError();
      code = (code << 1) | ((this.acc >>> (this.cnt - 1)) & 1);
      this.cnt--;
      real--;
      if (code <= t.maxCodes[i]) return t.vals[t.valsIndices[i] + code - t.minCodes[i]];
    }
    throw this.fail('bad Huffman code');
  }

  /** Decodes one Huffman symbol. */
  decodeHuffman(t: HuffmanTable): number {
    if (this.cnt < MAX_CODE_LENGTH) this.refill();
    if (!this.atEnd) {
      const e = t.fast[(this.acc >>> (this.cnt - FAST_BITS)) & FAST_MASK];
      if (e !== 0) {
        this.cnt -= e & 31;
        return e >> 5;
      }
    }
    return this.decodeSlow(t);
  }

  /** The next n bits (0..16) as an unsigned number (Go's decodeBits). */
  bits(n: number): number {
    if (this.cnt < n) this.refill();
    this.cnt -= n;
    return (this.acc >>> this.cnt) & ((1 << n) - 1);
  }

  /** The next bit (Go's decodeBit). */
  bit(): number {
    if (this.cnt === 0) this.refill();
    this.cnt--;
    return (this.acc >>> this.cnt) & 1;
  }

  /** RECEIVE and EXTEND (F.2.2.1): the next t bits as a signed magnitude category value. */
  receiveExtend(t: number): number {
    if (this.cnt < t) this.refill();
    this.cnt -= t;
    const x = (this.acc >>> this.cnt) & ((1 << t) - 1);
    return x < (1 << t) >> 1 ? x + (-1 << t) + 1 : x;
  }

  /**
   * The byte offset just after the last byte that any consumed bit came from: where Go's reader
   * stands once it has given back its over-read byte.
   */
  syncPosition(): number {
    const data = this.data;
    let unused = (this.cnt >> 3) - (this.padBits >> 3);
    let p = this.pos;
    while (unused > 0) {
      // A data byte 0xFF was stored as 0xFF 0x00; a stuffing zero always follows a 0xFF.
      if (p - 2 >= this.start && data[p - 1] === 0 && data[p - 2] === 0xff) p -= 2;
      else p -= 1;
      unused--;
    }
    return p;
  }

  /**
   * Decodes one block of a sequential scan (or the first scan of a progressive band with Ss = 0,
   * Se = 63, Al = 0) and stores the coefficients **dequantized** in `blk` (natural order; `blk` must
   * be all zero). Returns the rows that hold a non-zero AC term, as a bit mask (bit k for row k):
   * 0 when only DC may be non-zero, so the caller can take a shortcut.
   *
   * Mirrors Go's processSOS loop body, including its quirks: an end-of-band run (a progressive-only
   * symbol) also skips the AC terms of following sequential blocks, and a run that passes the end of
   * the block ends it without reading the value bits.
   *
   * The bit buffer lives in locals here and is written back before anything that uses the fields.
   */
  decodeSequential(blk: Int32Array, dcT: HuffmanTable, acT: HuffmanTable, q: Int32Array, comp: number): number {
    let acc = this.acc;
    let cnt = this.cnt;
    // DC (F.2.2.1).
    if (cnt < MAX_CODE_LENGTH) {
      this.cnt = cnt;
      this.refill();
      acc = this.acc;
      cnt = this.cnt;
    }
    let e = this.atEnd ? 0 : dcT.fast[(acc >>> (cnt - FAST_BITS)) & FAST_MASK];
    if (e !== 0) {
      cnt -= e & 31;
    } else {
      this.cnt = cnt;
      e = this.decodeSlow(dcT) << 5;
      acc = this.acc;
      cnt = this.cnt;
    }
    const s = e >> 5;
    if (s > 16) {
      this.cnt = cnt;
      this.check();
      throw new JpegUnsupportedError('excessive DC component', this.pos, `DC magnitude category ${s} (at most 16)`);
    }
    let dc = this.dc[comp];
    if (s !== 0) {
      if (cnt < s) {
        this.cnt = cnt;
        this.refill();
        acc = this.acc;
        cnt = this.cnt;
      }
      cnt -= s;
      const x = (acc >>> cnt) & ((1 << s) - 1);
      dc = (dc + (x < (1 << s) >> 1 ? x + (-1 << s) + 1 : x)) | 0;
      this.dc[comp] = dc;
    }
    blk[0] = Math.imul(dc, q[0]);

    // AC (F.2.2.2).
    if (this.eobRun > 0) {
      this.cnt = cnt;
      this.eobRun--;
      return 0;
    }
    let rows = 0;
    const fast = acT.fast;
    const fastAC = acT.fastAC;
    for (let zig = 1; zig <= 63; zig++) {
      if (cnt < MAX_CODE_LENGTH) {
        this.cnt = cnt;
        this.refill();
        acc = this.acc;
        cnt = this.cnt;
      }
      let v: number;
      if (!this.atEnd) {
        const p = (acc >>> (cnt - FAST_BITS)) & FAST_MASK;
        const f = fastAC[p];
        if (f !== 0) {
          // Code and value in one look-up; a run past the end is left to the exact path below.
          const z = zig + ((f >> 8) & 15);
          if (z <= 63) {
            cnt -= f & 31;
            zig = z;
            const u = UNZIG[z];
            blk[u] = Math.imul(f >> 16, q[z]);
            rows |= 1 << (u >> 3);
            continue;
          }
        }
        e = fast[p];
      } else {
        e = 0;
      }
      if (e !== 0) {
        cnt -= e & 31;
        v = e >> 5;
      } else {
        this.cnt = cnt;
        v = this.decodeSlow(acT);
        acc = this.acc;
        cnt = this.cnt;
      }
      const r = v >> 4;
      const t = v & 15;
      if (t !== 0) {
        zig += r;
        if (zig > 63) break;
        if (cnt < t) {
          this.cnt = cnt;
          this.refill();
          acc = this.acc;
          cnt = this.cnt;
        }
        cnt -= t;
        const x = (acc >>> cnt) & ((1 << t) - 1);
        const u = UNZIG[zig];
        blk[u] = Math.imul(x < (1 << t) >> 1 ? x + (-1 << t) + 1 : x, q[zig]);
        rows |= 1 << (u >> 3);
      } else if (r !== 15) {
        this.cnt = cnt;
        this.endOfBand(r);
        this.eobRun--;
        return rows;
      } else {
        zig += 15;
      }
    }
    this.cnt = cnt;
    return rows;
  }

  /**
   * As {@link decodeSequential} but keeps only the DC term: the AC symbols are decoded and their
   * value bits skipped, for 1/8-scale output. Returns the (not dequantized) DC term.
   */
  decodeSequentialDC(dcT: HuffmanTable, acT: HuffmanTable, comp: number): number {
    if (this.cnt < MAX_CODE_LENGTH) this.refill();
    let s: number;
    let e = this.atEnd ? 0 : dcT.fast[(this.acc >>> (this.cnt - FAST_BITS)) & FAST_MASK];
    if (e !== 0) {
      this.cnt -= e & 31;
      s = e >> 5;
    } else {
      s = this.decodeSlow(dcT);
    }
    if (s > 16) {
      this.check();
      throw new JpegUnsupportedError('excessive DC component', this.pos, `DC magnitude category ${s} (at most 16)`);
    }
    let dc = this.dc[comp];
    if (s !== 0) {
      if (this.cnt < s) this.refill();
      this.cnt -= s;
      const x = (this.acc >>> this.cnt) & ((1 << s) - 1);
      dc = (dc + (x < (1 << s) >> 1 ? x + (-1 << s) + 1 : x)) | 0;
      this.dc[comp] = dc;
    }
    if (this.eobRun > 0) {
      this.eobRun--;
      return dc;
    }
    let acc = this.acc;
    let cnt = this.cnt;
    const fast = acT.fast;
    const fastAC = acT.fastAC;
    for (let zig = 1; zig <= 63; zig++) {
      if (cnt < MAX_CODE_LENGTH) {
        this.cnt = cnt;
        this.refill();
        acc = this.acc;
        cnt = this.cnt;
      }
      let v: number;
      if (!this.atEnd) {
        const p = (acc >>> (cnt - FAST_BITS)) & FAST_MASK;
        const f = fastAC[p];
        if (f !== 0) {
          const z = zig + ((f >> 8) & 15);
          if (z <= 63) {
            cnt -= f & 31;
            zig = z;
            continue;
          }
        }
        e = fast[p];
      } else {
        e = 0;
      }
      if (e !== 0) {
        cnt -= e & 31;
        v = e >> 5;
      } else {
        this.cnt = cnt;
        v = this.decodeSlow(acT);
        acc = this.acc;
        cnt = this.cnt;
      }
      const r = v >> 4;
      const t = v & 15;
      if (t !== 0) {
        zig += r;
        if (zig > 63) break;
        if (cnt < t) {
          this.cnt = cnt;
          this.refill();
          acc = this.acc;
          cnt = this.cnt;
        }
        cnt -= t;
      } else if (r !== 15) {
        this.cnt = cnt;
        this.endOfBand(r);
        this.eobRun--;
        return dc;
      } else {
        zig += 15;
      }
    }
    this.cnt = cnt;
    return dc;
  }

  /** Sets the end-of-band run from an EOBr symbol: 2^r plus r more bits (G.1.2.2). */
  private endOfBand(r: number): void {
    let run = 1 << r;
    if (r !== 0) run |= this.bits(r);
    this.eobRun = run;
  }

  /**
   * The first scan of a progressive band (Ah = 0) for one block: raw (not dequantized) coefficients
   * shifted left by `al`, stored in `coef` at `o` (natural order). With zs = 0 this is a DC scan.
   */
  decodeFirst(
    coef: CoefficientStore,
    o: number,
    dcT: HuffmanTable,
    acT: HuffmanTable,
    zs: number,
    ze: number,
    al: number,
    comp: number,
  ): void {
    let zig = zs;
    if (zig === 0) {
      zig = 1;
      const s = this.decodeHuffman(dcT);
      if (s > 16) {
        this.check();
        throw new JpegUnsupportedError('excessive DC component', this.pos, `DC magnitude category ${s} (at most 16)`);
      }
      const dc = (this.dc[comp] + this.receiveExtend(s)) | 0;
      this.dc[comp] = dc;
      put(coef, o, dc << al);
    }
    if (zig > ze) return;
    if (this.eobRun > 0) {
      this.eobRun--;
      return;
    }
    let acc = this.acc;
    let cnt = this.cnt;
    const fast = acT.fast;
    const fastAC = acT.fastAC;
    for (; zig <= ze; zig++) {
      if (cnt < MAX_CODE_LENGTH) {
        this.cnt = cnt;
        this.refill();
        acc = this.acc;
        cnt = this.cnt;
      }
      let e: number;
      if (!this.atEnd) {
        const p = (acc >>> (cnt - FAST_BITS)) & FAST_MASK;
        const f = fastAC[p];
        if (f !== 0) {
          const z = zig + ((f >> 8) & 15);
          if (z <= ze) {
            cnt -= f & 31;
            zig = z;
            put(coef, o + UNZIG[z], (f >> 16) << al);
            continue;
          }
        }
        e = fast[p];
      } else {
        e = 0;
      }
      let v: number;
      if (e !== 0) {
        cnt -= e & 31;
        v = e >> 5;
      } else {
        this.cnt = cnt;
        v = this.decodeSlow(acT);
        acc = this.acc;
        cnt = this.cnt;
      }
      const r = v >> 4;
      const t = v & 15;
      if (t !== 0) {
        zig += r;
        if (zig > ze) break;
        if (cnt < t) {
          this.cnt = cnt;
          this.refill();
          acc = this.acc;
          cnt = this.cnt;
        }
        cnt -= t;
        const x = (acc >>> cnt) & ((1 << t) - 1);
        put(coef, o + UNZIG[zig], (x < (1 << t) >> 1 ? x + (-1 << t) + 1 : x) << al);
      } else if (r !== 15) {
        this.cnt = cnt;
        this.endOfBand(r);
        this.eobRun--;
        return;
      } else {
        zig += 15;
      }
    }
    this.cnt = cnt;
  }

  /**
   * A first DC scan at 1/8 scale: the DC term shifted left by `al` into a 16-bit store at `o`.
   * (Valid streams fit 16 bits; a corrupt one may wrap, which at 1/8 only changes that pixel.)
   */
  decodeFirstDC(coef: Int16Array, o: number, dcT: HuffmanTable, al: number, comp: number): void {
    const s = this.decodeHuffman(dcT);
    if (s > 16) {
      this.check();
      throw new JpegUnsupportedError('excessive DC component', this.pos, `DC magnitude category ${s} (at most 16)`);
    }
    const dc = (this.dc[comp] + this.receiveExtend(s)) | 0;
    this.dc[comp] = dc;
    coef[o] = dc << al;
  }

  /** A DC refinement scan at 1/8 scale: one more bit of the DC term at `o`. */
  refineDC(coef: Int16Array, o: number, delta: number): void {
    if (this.bit() !== 0) coef[o] |= delta;
  }

  /**
   * A successive-approximation refinement scan (Ah ≠ 0) for one block (G.1.2.2, G.1.2.3), as Go's
   * refine: DC gains one bit; AC coefficients already non-zero gain a correction bit, and new
   * ones of magnitude `delta` = 1 << al appear. (Go's refineNonZeroes is inlined twice below: it
   * refines the non-zero coefficients from `zig` on and, given a count nz >= 0, stops at the
   * zero coefficient after skipping nz of them.)
   */
  refine(coef: CoefficientStore, o: number, acT: HuffmanTable, zs: number, ze: number, delta: number): void {
    if (zs === 0) {
      if (this.bit() !== 0) put(coef, o, coef[o] | delta);
      return;
    }
    let zig = zs;
    let acc = this.acc;
    let cnt = this.cnt;
    if (this.eobRun === 0) {
      const fast = acT.fast;
      for (; zig <= ze; zig++) {
        let z = 0;
        if (cnt < MAX_CODE_LENGTH) {
          this.cnt = cnt;
          this.refill();
          acc = this.acc;
          cnt = this.cnt;
        }
        const e = this.atEnd ? 0 : fast[(acc >>> (cnt - FAST_BITS)) & FAST_MASK];
        let v: number;
        if (e !== 0) {
          cnt -= e & 31;
          v = e >> 5;
        } else {
          this.cnt = cnt;
          v = this.decodeSlow(acT);
          acc = this.acc;
          cnt = this.cnt;
        }
        const r = v >> 4;
        const t = v & 15;
        if (t === 0) {
          if (r !== 15) {
            this.cnt = cnt;
            this.endOfBand(r);
            acc = this.acc;
            cnt = this.cnt;
            break;
          }
        } else if (t === 1) {
          if (cnt === 0) {
            this.cnt = cnt;
            this.refill();
            acc = this.acc;
            cnt = this.cnt;
          }
          cnt--;
          z = ((acc >>> cnt) & 1) !== 0 ? delta : -delta;
        } else {
          this.cnt = cnt;
          throw this.fail('unexpected Huffman code');
        }
        let nz = r;
        for (; zig <= ze; zig++) {
          const u = o + UNZIG[zig];
          const c = coef[u];
          if (c === 0) {
            if (nz === 0) break;
            nz--;
            continue;
          }
          if (cnt === 0) {
            this.cnt = cnt;
            this.refill();
            acc = this.acc;
            cnt = this.cnt;
          }
          cnt--;
          if (((acc >>> cnt) & 1) !== 0) put(coef, u, c >= 0 ? c + delta : c - delta);
        }
        if (zig > ze) {
          this.cnt = cnt;
          throw this.fail('too many coefficients');
        }
        if (z !== 0) put(coef, o + UNZIG[zig], z);
      }
    }
    if (this.eobRun > 0) {
      this.eobRun--;
      for (; zig <= ze; zig++) {
        const u = o + UNZIG[zig];
        const c = coef[u];
        if (c === 0) continue;
        if (cnt === 0) {
          this.cnt = cnt;
          this.refill();
          acc = this.acc;
          cnt = this.cnt;
        }
        cnt--;
        if (((acc >>> cnt) & 1) !== 0) put(coef, u, c >= 0 ? c + delta : c - delta);
      }
    }
    this.cnt = cnt;
  }
}
