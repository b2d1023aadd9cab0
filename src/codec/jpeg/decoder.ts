import { AbortError } from '../../errors.js';
import type { BufferPool } from '../../lifetime/pool.js';
import type { Limits } from '../codec.js';
import { checkImageLimits } from '../limits.js';
import { EntropyDecoder } from './entropy.js';
import { JpegFormatError, JpegUnsupportedError } from './errors.js';
import { HuffmanTable } from './huffman.js';
import {
  APP0,
  APP14,
  APP15,
  COM,
  DHT,
  DQT,
  DRI,
  EOI,
  RST0,
  RST7,
  SOF0,
  SOF1,
  SOF2,
  SOI,
  SOS,
  markerHex,
  unsupportedMarkerName,
} from './markers.js';
import { decodeScan } from './scan.js';
import { reconstructProgressive, type Planes } from './reconstruct.js';

/** One component of the frame (B.2.2). */
export interface FrameComponent {
  /** The component identifier C. */
  id: number;
  /** Horizontal and vertical sampling factors, as Go adjusts them (1×1 for a single component). */
  h: number;
  v: number;
  /** The quantization table selector. */
  tq: number;
}

/** Adobe APP14 colour transforms. */
export const ADOBE_TRANSFORM_UNKNOWN = 0;

/**
 * A JPEG decoder over a whole input in memory, a transcription of the logic of Go's image/jpeg
 * (reader.go, scan.go) onto a Uint8Array: the same markers, the same checks in the same order, the
 * same tolerance of extraneous bytes between segments, so that it accepts, rejects and decodes
 * exactly what Go does. `scaleShift` (0..3) asks for output at 1/2^shift size (see scan.ts).
 *
 * One decoder decodes one input once. @internal
 */
export class JpegDecoder {
  readonly data: Uint8Array;
  pos = 0;
  width = 0;
  height = 0;
  nComp = 0;
  readonly comp: FrameComponent[] = [0, 1, 2, 3].map(() => ({ id: 0, h: 0, v: 0, tq: 0 }));
  baseline = false;
  progressive = false;
  jfif = false;
  adobeTransformValid = false;
  adobeTransform = 0;
  /** The restart interval in MCUs (0: none). */
  ri = 0;
  /** huff[class][destination]: class 0 is DC, 1 is AC. */
  readonly huff: HuffmanTable[][] = [0, 1].map(() => [0, 1, 2, 3].map(() => new HuffmanTable()));
  /** Quantization tables in zig-zag order. */
  readonly quant: Int32Array[] = [0, 1, 2, 3].map(() => new Int32Array(64));
  readonly entropy = new EntropyDecoder();
  /** The component planes, allocated at the first SOS (Go's makeImg). */
  planes: Planes | null = null;
  /** Where the SOF segment started, for limit errors. */
  sofOffset = 0;

  constructor(
    data: Uint8Array,
    readonly scaleShift: number,
    readonly limits: Readonly<Limits> | null,
    readonly signal: AbortSignal | undefined,
    /** Keep progressive coefficients in 32 bits (after a WIDEN restart). */
    readonly wideCoefficients = false,
    /** Where the planes and coefficient stores come from (see Planes); null: fresh allocations. */
    readonly pool: BufferPool | null = null,
  ) {
    this.data = data;
  }

  // ---- Byte reading (Go's readFull / readByte / ignore over the whole input) ----

  /** Takes n bytes and returns where they start. @throws JpegFormatError at the end of the input. */
  readFull(n: number): number {
    const p = this.pos;
    if (p + n > this.data.length) {
      this.pos = this.data.length;
      throw new JpegFormatError('unexpected EOF', this.data.length);
    }
    this.pos = p + n;
    return p;
  }

  readByte(): number {
    if (this.pos >= this.data.length) throw new JpegFormatError('unexpected EOF', this.data.length);
    return this.data[this.pos++];
  }

  ignore(n: number): void {
    this.readFull(n);
  }

  abortCheck(): void {
    const s = this.signal;
    if (s !== undefined && s.aborted) throw new AbortError('imago: jpeg: decoding was aborted', { cause: s.reason });
  }

  // ---- Segments ----

  /** SOF0/1/2 (B.2.2), as Go's processSOF, with n the segment length after the length field. */
  processSOF(n: number, at: number, marker: number): void {
    if (this.nComp !== 0) throw new JpegFormatError('multiple SOF markers', at);
    switch (n) {
      case 6 + 3 * 1:
        this.nComp = 1;
        break;
      case 6 + 3 * 3:
        this.nComp = 3;
        break;
      case 6 + 3 * 4:
        this.nComp = 4;
        break;
      default:
        throw new JpegUnsupportedError('number of components', at, `a SOF segment of ${n + 2} bytes (1, 3 or 4 components are supported)`);
    }
    const p = this.readFull(n);
    const d = this.data;
    if (d[p] !== 8) throw new JpegUnsupportedError('precision', p, `${d[p]}-bit samples in SOF${marker - 0xc0} ${markerHex(marker)} (only 8-bit is supported)`);
    this.height = (d[p + 1] << 8) + d[p + 2];
    this.width = (d[p + 3] << 8) + d[p + 4];
    if (d[p + 5] !== this.nComp) throw new JpegFormatError('SOF has wrong length', p + 5);
    for (let i = 0; i < this.nComp; i++) {
      const c = this.comp[i];
      const q = p + 6 + 3 * i;
      c.id = d[q];
      for (let j = 0; j < i; j++) {
        if (c.id === this.comp[j].id) throw new JpegFormatError('repeated component identifier', q);
      }
      c.tq = d[q + 2];
      if (c.tq > 3) throw new JpegFormatError('bad Tq value', q + 2);
      const hv = d[q + 1];
      let h = hv >> 4;
      let v = hv & 0x0f;
      if (h < 1 || 4 < h || v < 1 || 4 < v) throw new JpegFormatError('luma/chroma subsampling ratio', q + 1);
      const bad = (): JpegUnsupportedError =>
        new JpegUnsupportedError('luma/chroma subsampling ratio', q + 1, `component ${i} sampling factors ${h}x${v}`);
      if (h === 3 || v === 3) throw bad();
      switch (this.nComp) {
        case 1:
          // A single component is non-interleaved (A.2): its MCU is one block whatever H and V say.
          h = 1;
          v = 1;
          break;
        case 3:
          if (i === 0 && v === 4) throw bad();
          if (i === 1 && (this.comp[0].h % h !== 0 || this.comp[0].v % v !== 0)) throw bad();
          if (i === 2 && (this.comp[1].h !== h || this.comp[1].v !== v)) throw bad();
          break;
        case 4:
          // Go supports only [0x11 0x11 0x11 0x11] and [0x22 0x11 0x11 0x22].
          if (i === 0 && hv !== 0x11 && hv !== 0x22) throw bad();
          if ((i === 1 || i === 2) && hv !== 0x11) throw bad();
          if (i === 3 && (this.comp[0].h !== h || this.comp[0].v !== v)) throw bad();
          break;
      }
      c.h = h;
      c.v = v;
    }
  }

  /** DQT (B.2.4.1), as Go's processDQT. */
  processDQT(n: number): void {
    const d = this.data;
    while (n > 0) {
      n--;
      const at = this.pos;
      const x = this.readByte();
      const tq = x & 0x0f;
      if (tq > 3) throw new JpegFormatError('bad Tq value', at);
      const pq = x >> 4;
      if (pq > 1) throw new JpegFormatError('bad Pq value', at);
      const size = pq === 0 ? 64 : 128;
      if (n < size) break;
      n -= size;
      const p = this.readFull(size);
      const q = this.quant[tq];
      for (let i = 0; i < 64; i++) q[i] = pq === 0 ? d[p + i] : (d[p + 2 * i] << 8) | d[p + 2 * i + 1];
    }
    if (n !== 0) throw new JpegFormatError('DQT has wrong length', this.pos);
  }

  /** DHT (B.2.4.2), as Go's processDHT. */
  processDHT(n: number): void {
    const d = this.data;
    while (n > 0) {
      if (n < 17) throw new JpegFormatError('DHT has wrong length', this.pos);
      const p = this.readFull(17);
      const tc = d[p] >> 4;
      if (tc > 1) throw new JpegFormatError('bad Tc value', p);
      const th = d[p] & 0x0f;
      if (th > 3 || (this.baseline && th > 1)) throw new JpegFormatError('bad Th value', p);
      const h = this.huff[tc][th];
      let total = 0;
      for (let i = 0; i < 16; i++) total += d[p + 1 + i];
      if (total === 0) throw new JpegFormatError('Huffman table has zero length', p);
      if (total > 256) throw new JpegFormatError('Huffman table has excessive length', p);
      n -= total + 17;
      if (n < 0) throw new JpegFormatError('DHT has wrong length', p);
      const v = this.readFull(total);
      h.define(d.subarray(p + 1, p + 17), d.subarray(v, v + total));
    }
  }

  /** DRI (B.2.4.4). */
  processDRI(n: number): void {
    if (n !== 2) throw new JpegFormatError('DRI has wrong length', this.pos);
    const p = this.readFull(2);
    this.ri = (this.data[p] << 8) + this.data[p + 1];
  }

  processApp0(n: number): void {
    if (n < 5) return this.ignore(n);
    const p = this.readFull(5);
    const d = this.data;
    this.jfif = d[p] === 0x4a && d[p + 1] === 0x46 && d[p + 2] === 0x49 && d[p + 3] === 0x46 && d[p + 4] === 0;
    if (n > 5) this.ignore(n - 5);
  }

  processApp14(n: number): void {
    if (n < 12) return this.ignore(n);
    const p = this.readFull(12);
    const d = this.data;
    if (d[p] === 0x41 && d[p + 1] === 0x64 && d[p + 2] === 0x6f && d[p + 3] === 0x62 && d[p + 4] === 0x65) {
      this.adobeTransformValid = true;
      this.adobeTransform = d[p + 11];
    }
    if (n > 12) this.ignore(n - 12);
  }

  /** Checks the frame size against the limits, before anything is allocated. */
  checkLimits(): void {
    if (this.limits !== null) checkImageLimits('jpeg', this.width, this.height, this.limits);
  }

  /**
   * Runs Go's decode loop: segments until EOI. With `configOnly`, stops as Go's DecodeConfig does
   * (after SOF for JFIF files, at SOS otherwise) and skips the table segments.
   * @returns whether the loop ended early for configOnly.
   */
  run(configOnly: boolean): boolean {
    const d = this.data;
    let p = this.readFull(2);
    if (d[p] !== 0xff || d[p + 1] !== SOI) throw new JpegFormatError('missing SOI marker', 0);
    for (;;) {
      p = this.readFull(2);
      let t0 = d[p];
      let t1 = d[p + 1];
      // Extraneous bytes before a marker are skipped, as libjpeg and Go do.
      while (t0 !== 0xff) {
        t0 = t1;
        t1 = this.readByte();
      }
      let marker = t1;
      if (marker === 0) continue; // "\xff\x00" is extraneous data too.
      while (marker === 0xff) marker = this.readByte(); // fill bytes (B.1.1.2)
      const at = this.pos - 2;
      if (marker === EOI) break;
      if (RST0 <= marker && marker <= RST7) continue; // a stray restart marker after the last scan
      const lp = this.readFull(2);
      const n = (d[lp] << 8) + d[lp + 1] - 2;
      if (n < 0) throw new JpegFormatError('short segment length', lp);
      switch (marker) {
        case SOF0:
        case SOF1:
        case SOF2:
          this.baseline = marker === SOF0;
          this.progressive = marker === SOF2;
          this.sofOffset = at;
          this.processSOF(n, at, marker);
          // The limits are checked as soon as the size is known (Go has none).
          this.checkLimits();
          if (configOnly && this.jfif) return true;
          break;
        case DHT:
          if (configOnly) this.ignore(n);
          else this.processDHT(n);
          break;
        case DQT:
          if (configOnly) this.ignore(n);
          else this.processDQT(n);
          break;
        case SOS:
          if (configOnly) return true;
          decodeScan(this, n, at);
          break;
        case DRI:
          if (configOnly) this.ignore(n);
          else this.processDRI(n);
          break;
        case APP0:
          this.processApp0(n);
          break;
        case APP14:
          this.processApp14(n);
          break;
        default:
          if ((APP0 <= marker && marker <= APP15) || marker === COM) {
            this.ignore(n);
          } else if (marker < 0xc0) {
            throw new JpegFormatError('unknown marker', at, markerHex(marker));
          } else {
            const name = unsupportedMarkerName(marker);
            throw new JpegUnsupportedError('unknown marker', at, `${name ?? 'marker'} ${markerHex(marker)}`);
          }
      }
    }
    if (this.progressive && this.planes !== null) reconstructProgressive(this);
    return false;
  }

  /** Go's isRGB: a 3-component image is RGB when not JFIF and Adobe says so or the ids are R, G, B. */
  isRGB(): boolean {
    if (this.jfif) return false;
    if (this.adobeTransformValid && this.adobeTransform === ADOBE_TRANSFORM_UNKNOWN) return true;
    return this.comp[0].id === 0x52 && this.comp[1].id === 0x47 && this.comp[2].id === 0x42;
  }
}
