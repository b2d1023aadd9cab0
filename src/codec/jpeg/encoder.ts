import { AbortError, OptionError, UnsupportedError } from '../../errors.js';
import type { Image, RGBA64Readable } from '../../image/image.js';
import { GrayImage } from '../../image/gray-image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { YCbCrImage } from '../../image/ycbcr-image.js';
import { ByteSink } from './byte-sink.js';
import { fdct } from './fdct.js';
import { encodeTable, optimalSpec, STANDARD_SPECS, type HuffmanSpec } from './huffman-encode.js';
import { APP0, APP1, APP2, DHT, DQT, EOI, SOF0, SOI, SOS, UNZIG } from './markers.js';
import { scaledQuantTables } from './quant.js';

/** Options of the JPEG encoder. */
export interface JpegEncodeOptions {
  /** Quality, an integer 1..100 (default 75, Go's DefaultQuality): IJG scaling of the annex K tables. */
  quality?: number;
  /** Chroma subsampling of a colour JPEG: '420' (default, as Go) or '444'. */
  subsample?: '420' | '444';
  /** Write one grey component. Default: true for a GrayImage, false otherwise. */
  grayscale?: boolean;
  /** Huffman tables built for this image (two passes, smaller files) instead of annex K's. */
  optimizeHuffman?: boolean;
  /** EXIF payload (a TIFF header first, as `readJpegMetadata` returns it) to write in APP1. */
  exif?: Uint8Array;
  /** ICC profile to write in APP2 chunks. */
  icc?: Uint8Array;
  /** The largest chunk of the stream, in bytes (default 65536; the first is smaller for small images). */
  chunkSize?: number;
  /** Stops the encoding (checked once per MCU row) with an AbortError. */
  signal?: AbortSignal;
}

/** The largest EXIF payload one APP1 segment holds: 65535 − 2 (length) − 6 ("Exif\0\0"). */
const MAX_EXIF = 65535 - 2 - 6;
/** ICC bytes per APP2 chunk: 65535 − 2 (length) − 12 ("ICC_PROFILE\0") − 2 (sequence, count). */
const ICC_CHUNK = 65535 - 2 - 14;

type Source = 'gray' | 'ycbcr' | 'rgba' | 'generic';

/**
 * Scratch of one MCU, shared by every encoder of this module: the luma as up to four 8×8 blocks
 * one after the other (yBlocks are views of them), the chroma as two 8×8 blocks (4:4:4) or 16×16
 * regions (4:2:0), the 4:2:0 chroma block, the clamped source columns. An encoder fills and empties
 * it within one MCU, never across an `await` or a pull, so encoders that interleave (several
 * streams at once) cannot see each other's data; sharing it means an encode allocates nothing but
 * its output.
 */
const SCRATCH = (() => {
  const yR = new Int32Array(256);
  const cbR = new Int32Array(256);
  const crR = new Int32Array(256);
  return {
    yR,
    yBlocks: [0, 1, 2, 3].map((k) => yR.subarray(64 * k, 64 * k + 64)),
    cbR,
    crR,
    cbBlock: cbR.subarray(0, 64),
    crBlock: crR.subarray(0, 64),
    blk: new Int32Array(64),
    xs: new Int32Array(16),
    zz: new Int32Array(64),
    rgba: new Uint32Array(4),
  };
})();

/** The annex K code tables, built once. */
const STANDARD_CODES: Int32Array[] = STANDARD_SPECS.map(encodeTable);

interface Quantizer {
  qtab: Uint8Array[];
  qdiv: Int32Array[];
  qmul: Float64Array[];
}
const QUANTIZERS = new Map<number, Quantizer>();

/** The quantization tables of a quality, built once per quality (at most 100). */
function quantizerFor(quality: number): Quantizer {
  let q = QUANTIZERS.get(quality);
  if (q === undefined) {
    const qtab = scaledQuantTables(quality);
    const qdiv = qtab.map((t) => Int32Array.from(t, (v) => 8 * v));
    q = { qtab, qdiv, qmul: qdiv.map((t) => Float64Array.from(t, (d) => Math.ceil(2 ** 32 / d))) };
    QUANTIZERS.set(quality, q);
  }
  return q;
}

/** 2^-32. */
const TWO_M32 = 2 ** -32;

function checkOptions(img: Image, o: JpegEncodeOptions): void {
  if (o.quality !== undefined && (!Number.isInteger(o.quality) || o.quality < 1 || o.quality > 100)) {
    throw new OptionError(`imago: jpeg: option quality must be an integer 1..100, got ${String(o.quality)}`);
  }
  if (o.subsample !== undefined && o.subsample !== '420' && o.subsample !== '444') {
    throw new OptionError(`imago: jpeg: option subsample must be '420' or '444', got ${String(o.subsample)}`);
  }
  if (o.exif !== undefined && (!(o.exif instanceof Uint8Array) || o.exif.length > MAX_EXIF)) {
    throw new OptionError(`imago: jpeg: option exif must be a Uint8Array of at most ${MAX_EXIF} bytes`);
  }
  if (o.icc !== undefined && (!(o.icc instanceof Uint8Array) || o.icc.length > 255 * ICC_CHUNK)) {
    throw new OptionError(`imago: jpeg: option icc must be a Uint8Array of at most ${255 * ICC_CHUNK} bytes`);
  }
  for (const name of ['grayscale', 'optimizeHuffman'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'boolean') throw new OptionError(`imago: jpeg: option ${name} must be a boolean, got ${String(o[name])}`);
  }
  if (o.chunkSize !== undefined && (!Number.isInteger(o.chunkSize) || o.chunkSize < 64)) {
    throw new OptionError(`imago: jpeg: option chunkSize must be an integer >= 64, got ${String(o.chunkSize)}`);
  }
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  if (w <= 0 || h <= 0 || w > 65535 || h > 65535) {
    throw new UnsupportedError(`imago: jpeg: cannot store a ${w}x${h} image (each side must be 1..65535)`);
  }
}

/**
 * A baseline JPEG encoder that produces its output in chunks, on demand. With the annex K Huffman
 * tables it writes, for 4:2:0 and grey, the very bytes Go's image/jpeg writes (plus a JFIF APP0
 * segment), converting the source as Go does: Y'CbCr samples as they are (chroma by nearest
 * sample), RGBA through Go's RGBToYCbCr, anything else through its 16-bit RGBA.
 *
 * It allocates its block buffers once; per block it allocates nothing. @internal
 */
export class JpegEncoder {
  private img: Image | null;
  private source: Source;
  private readonly gray: boolean;
  private readonly sub420: boolean;
  private readonly quality: number;
  private readonly optimize: boolean;
  private readonly opts: JpegEncodeOptions;
  private readonly w: number;
  private readonly h: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly sink: ByteSink;
  /** 8·Q for each zig-zag position, luminance and chrominance. */
  private readonly qdiv: Int32Array[];
  private readonly qtab: Uint8Array[];
  /** Code tables: luminance DC, AC, chrominance DC, AC. */
  private codes: Int32Array[] = [];
  private specs: HuffmanSpec[] = [];
  /** Symbol counts in the first pass of optimizeHuffman, same order; null when emitting. */
  private freq: Int32Array[] | null = null;
  private phase: 'start' | 'scan' | 'done' = 'start';
  private my = 0;
  private readonly prevDC = new Int32Array(3);
  private acc = 0;
  private cnt = 0;
  // Scratch shared by every encoder (see SCRATCH).
  private readonly yR = SCRATCH.yR;
  private readonly yBlocks = SCRATCH.yBlocks;
  private readonly cbR = SCRATCH.cbR;
  private readonly crR = SCRATCH.crR;
  private readonly cbBlock = SCRATCH.cbBlock;
  private readonly crBlock = SCRATCH.crBlock;
  private readonly blk = SCRATCH.blk;
  private readonly xs = SCRATCH.xs;
  private readonly zz = SCRATCH.zz;
  /** ceil(2^32 / (8·Q)) for each zig-zag position (see quantize). */
  private readonly qmul: Float64Array[];
  private readonly rgba = SCRATCH.rgba;

  constructor(img: Image, opts: JpegEncodeOptions = {}) {
    checkOptions(img, opts);
    this.img = img;
    this.opts = opts;
    const b = img.bounds();
    this.w = b.dx();
    this.h = b.dy();
    this.x0 = b.min.x;
    this.y0 = b.min.y;
    const kind = (img as { kind?: unknown }).kind;
    this.gray = opts.grayscale ?? kind === 'gray';
    this.sub420 = !this.gray && (opts.subsample ?? '420') === '420';
    // As Go: the exact types take their fast path (NYCbCrA, for one, is not a YCbCr here).
    if (kind === 'gray' && img instanceof GrayImage) this.source = this.gray ? 'gray' : 'generic';
    else if (kind === 'ycbcr' && img instanceof YCbCrImage) this.source = 'ycbcr';
    else if (kind === 'rgba' && img instanceof RGBAImage) this.source = 'rgba';
    else this.source = 'generic';
    this.quality = opts.quality ?? 75;
    this.optimize = opts.optimizeHuffman === true;
    const tables = quantizerFor(this.quality);
    this.qtab = tables.qtab;
    this.qdiv = tables.qdiv;
    this.qmul = tables.qmul;
    // The first chunk is sized for the output expected, about 4 bits a pixel plus the headers
    // (more than quality 90 usually needs), so that a thumbnail allocates little.
    const expected = 2048 + (opts.exif?.length ?? 0) + (opts.icc?.length ?? 0) + Math.ceil((this.w * this.h) / 2);
    this.sink = new ByteSink(opts.chunkSize ?? 65536, expected);
  }

  /** The next chunk of output (owned by the caller), or null at the end. */
  next(): Uint8Array | null {
    const sink = this.sink;
    if (this.phase !== 'done') this.abortCheck();
    if (this.phase === 'start') {
      if (this.optimize) {
        this.freq = [0, 1, 2, 3].map(() => new Int32Array(256));
        for (let my = 0; my < this.mcuRows(); my++) {
          this.abortCheck();
          this.encodeRow(my);
        }
        this.specs = this.freq.map((f, i) => (f.some((v) => v !== 0) ? optimalSpec(f) : STANDARD_SPECS[i]));
        this.freq = null;
        this.prevDC.fill(0);
      } else {
        this.specs = STANDARD_SPECS.slice();
      }
      this.codes = this.optimize ? this.specs.map(encodeTable) : STANDARD_CODES;
      this.writeHeaders();
      this.phase = 'scan';
    }
    while (this.phase === 'scan' && sink.ready.length === 0) {
      this.abortCheck();
      this.encodeRow(this.my++);
      if (this.my === this.mcuRows()) {
        this.emit(0x7f, 7); // pad the last byte with 1-bits (F.1.2.3)
        sink.writeByte(0xff);
        sink.writeByte(EOI);
        sink.flush();
        this.phase = 'done';
        this.img = null;
      }
    }
    return sink.ready.shift() ?? null;
  }

  /** Stops early: drops the image reference. */
  cancel(): void {
    this.phase = 'done';
    this.img = null;
  }

  private abortCheck(): void {
    const s = this.opts.signal;
    if (s !== undefined && s.aborted) {
      this.cancel();
      throw new AbortError('imago: jpeg: encoding was aborted', { cause: s.reason });
    }
  }

  private mcuRows(): number {
    const m = this.sub420 ? 16 : 8;
    return Math.ceil(this.h / m);
  }

  // ---- Markers ----

  private marker(m: number, length: number): void {
    const s = this.sink;
    s.writeByte(0xff);
    s.writeByte(m);
    s.writeByte(length >> 8);
    s.writeByte(length & 0xff);
  }

  private writeHeaders(): void {
    const s = this.sink;
    s.writeByte(0xff);
    s.writeByte(SOI);
    // JFIF 1.01, no units, 1:1 pixel aspect, no thumbnail.
    this.marker(APP0, 16);
    s.write([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const exif = this.opts.exif;
    if (exif !== undefined) {
      this.marker(APP1, 2 + 6 + exif.length);
      s.write([0x45, 0x78, 0x69, 0x66, 0, 0]);
      s.write(exif);
    }
    const icc = this.opts.icc;
    if (icc !== undefined && icc.length > 0) {
      const count = Math.ceil(icc.length / ICC_CHUNK);
      for (let i = 0; i < count; i++) {
        const part = icc.subarray(i * ICC_CHUNK, Math.min(icc.length, (i + 1) * ICC_CHUNK));
        this.marker(APP2, 2 + 14 + part.length);
        s.write([0x49, 0x43, 0x43, 0x5f, 0x50, 0x52, 0x4f, 0x46, 0x49, 0x4c, 0x45, 0, i + 1, count]);
        s.write(part);
      }
    }
    // DQT: one 8-bit table per component class.
    const nq = this.gray ? 1 : 2;
    this.marker(DQT, 2 + nq * 65);
    for (let i = 0; i < nq; i++) {
      s.writeByte(i);
      s.write(this.qtab[i]);
    }
    // SOF0.
    const nc = this.gray ? 1 : 3;
    this.marker(SOF0, 8 + 3 * nc);
    s.write([8, this.h >> 8, this.h & 0xff, this.w >> 8, this.w & 0xff, nc]);
    if (this.gray) s.write([1, 0x11, 0]);
    else s.write([1, this.sub420 ? 0x22 : 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
    // DHT: luminance DC, AC (and chrominance DC, AC).
    const nh = this.gray ? 2 : 4;
    let len = 2;
    for (let i = 0; i < nh; i++) len += 17 + this.specs[i].values.length;
    this.marker(DHT, len);
    const ids = [0x00, 0x10, 0x01, 0x11];
    for (let i = 0; i < nh; i++) {
      s.writeByte(ids[i]);
      s.write(this.specs[i].counts);
      s.write(this.specs[i].values);
    }
    // SOS: all components, Ss = 0, Se = 63, Ah = Al = 0.
    this.marker(SOS, 6 + 2 * nc);
    s.writeByte(nc);
    if (this.gray) s.write([1, 0x00]);
    else s.write([1, 0x00, 2, 0x11, 3, 0x11]);
    s.write([0, 63, 0]);
  }

  // ---- Entropy coding ----

  /** Appends n (0..16) bits. */
  private emit(bits: number, n: number): void {
    this.acc = (this.acc << n) | bits;
    this.cnt = this.bytes(this.acc, this.cnt + n);
  }

  /**
   * Writes the complete bytes of the `cnt` bits at the low end of `acc` into the sink, stuffing a
   * zero after every 0xFF (F.1.2.3), and returns how many bits are left (0..7). Writes straight
   * into the sink's chunk, rotating it when full.
   */
  private bytes(acc: number, cnt: number): number {
    const sink = this.sink;
    let out = sink.buf;
    let p = sink.n;
    while (cnt >= 8) {
      cnt -= 8;
      const byte = (acc >>> cnt) & 0xff;
      out[p++] = byte;
      if (p === out.length) {
        sink.n = p;
        sink.rotate();
        out = sink.buf;
        p = 0;
      }
      if (byte === 0xff) {
        out[p++] = 0;
        if (p === out.length) {
          sink.n = p;
          sink.rotate();
          out = sink.buf;
          p = 0;
        }
      }
    }
    sink.n = p;
    return cnt;
  }

  /**
   * Transforms the block in `blk` and quantizes it into `zz` (zig-zag order) with Go's rounding:
   * x / (8·Q) rounded half away from zero. Returns the index of the last non-zero AC term (0: none).
   *
   * The division is a multiplication: for n < 2^15 (every |8·DCT| + 8·Q/2 of 8-bit samples) and
   * d = 8·Q ≤ 2040, floor(n · ceil(2^32 / d) / 2^32) = floor(n / d), because the rounding error
   * ceil(2^32 / d) · d − 2^32 < d stays below 2^32 / n. The product is below 2^47, exact in a double.
   */
  private quantize(b: Int32Array, q: number): number {
    fdct(b);
    const qd = this.qdiv[q];
    const qm = this.qmul[q];
    const zz = this.zz;
    const v0 = b[0];
    const h0 = qd[0] >> 1;
    zz[0] = v0 >= 0 ? Math.floor((v0 + h0) * qm[0] * TWO_M32) : -Math.floor((h0 - v0) * qm[0] * TWO_M32);
    let last = 0;
    for (let k = 1; k < 64; k++) {
      const v = b[UNZIG[k]];
      const d = qd[k];
      const a = (v < 0 ? -v : v) + (d >> 1);
      if (a < d) {
        zz[k] = 0;
        continue;
      }
      const m = Math.floor(a * qm[k] * TWO_M32);
      zz[k] = v < 0 ? -m : m;
      last = k;
    }
    return last;
  }

  /**
   * Transforms the samples in `b`, quantizes them as {@link quantize} does and codes them with
   * tables `q`, in one pass (no intermediate block); returns the quantized DC for the next
   * prediction.
   */
  private emitBlock(b: Int32Array, q: number, prevDC: number): number {
    fdct(b);
    const qd = this.qdiv[q];
    const qm = this.qmul[q];
    const dcCodes = this.codes[2 * q];
    const acCodes = this.codes[2 * q + 1];
    let acc = this.acc;
    let cnt = this.cnt;
    // DC difference (F.1.2.1): category symbol, then the category's bits (negative: one less).
    const v0 = b[0];
    const h0 = qd[0] >> 1;
    const dc = v0 >= 0 ? Math.floor((v0 + h0) * qm[0] * TWO_M32) : -Math.floor((h0 - v0) * qm[0] * TWO_M32);
    const diff = dc - prevDC;
    let a = diff < 0 ? -diff : diff;
    let nb = a === 0 ? 0 : 32 - Math.clz32(a);
    let c = dcCodes[nb];
    acc = (acc << (c >>> 16)) | (c & 0xffff);
    cnt += c >>> 16;
    if (cnt >= 8) cnt = this.bytes(acc, cnt);
    if (nb !== 0) {
      acc = (acc << nb) | ((diff < 0 ? diff - 1 : diff) & ((1 << nb) - 1));
      cnt += nb;
      if (cnt >= 8) cnt = this.bytes(acc, cnt);
    }
    // AC terms (F.1.2.2): runs of zeros, ZRL for each 16, EOB after the last non-zero one.
    let run = 0;
    for (let k = 1; k < 64; k++) {
      const v = b[UNZIG[k]];
      const d = qd[k];
      a = (v < 0 ? -v : v) + (d >> 1);
      if (a < d) {
        run++;
        continue;
      }
      const m = Math.floor(a * qm[k] * TWO_M32);
      while (run > 15) {
        c = acCodes[0xf0];
        acc = (acc << (c >>> 16)) | (c & 0xffff);
        cnt += c >>> 16;
        if (cnt >= 8) cnt = this.bytes(acc, cnt);
        run -= 16;
      }
      nb = 32 - Math.clz32(m);
      c = acCodes[(run << 4) | nb];
      acc = (acc << (c >>> 16)) | (c & 0xffff);
      cnt += c >>> 16;
      if (cnt >= 8) cnt = this.bytes(acc, cnt);
      acc = (acc << nb) | ((v < 0 ? -m - 1 : m) & ((1 << nb) - 1));
      cnt += nb;
      if (cnt >= 8) cnt = this.bytes(acc, cnt);
      run = 0;
    }
    if (run > 0) {
      c = acCodes[0x00];
      acc = (acc << (c >>> 16)) | (c & 0xffff);
      cnt += c >>> 16;
      if (cnt >= 8) cnt = this.bytes(acc, cnt);
    }
    this.acc = acc & ((1 << cnt) - 1);
    this.cnt = cnt;
    return dc;
  }

  /** The first pass of optimizeHuffman: counts the symbols `emitBlock` would write for `zz`. */
  private countBlock(q: number, prevDC: number, last: number): number {
    const zz = this.zz;
    const freq = this.freq!;
    const dcFreq = freq[2 * q];
    const acFreq = freq[2 * q + 1];
    const dc = zz[0];
    const diff = dc - prevDC;
    const a = diff < 0 ? -diff : diff;
    dcFreq[a === 0 ? 0 : 32 - Math.clz32(a)]++;
    let run = 0;
    for (let k = 1; k <= last; k++) {
      const v = zz[k];
      if (v === 0) {
        run++;
        continue;
      }
      while (run > 15) {
        acFreq[0xf0]++;
        run -= 16;
      }
      acFreq[(run << 4) | (32 - Math.clz32(v < 0 ? -v : v))]++;
      run = 0;
    }
    if (last < 63) acFreq[0x00]++;
    return dc;
  }

  /** Transforms, quantizes and codes (or counts) the samples in `b`; returns its DC. */
  private block(b: Int32Array, q: number, prevDC: number): number {
    if (this.freq === null) return this.emitBlock(b, q, prevDC);
    return this.countBlock(q, prevDC, this.quantize(b, q));
  }

  // ---- Sources ----

  /**
   * Loads the n×n MCU at (x, y) (relative to the bounds), repeating the last column and row past
   * the edges, as Go does: luma into `yR` block after block (8×8 each, in MCU order: top-left,
   * top-right, bottom-left, bottom-right), chroma into `cbR`/`crR`, as one 8×8 block for n = 8 or
   * a 16×16 region for n = 16.
   */
  private load(x: number, y: number, n: number): void {
    const img = this.img!;
    const xmax = this.w - 1;
    const ymax = this.h - 1;
    const xs = this.xs;
    for (let i = 0; i < n; i++) xs[i] = Math.min(x + i, xmax);
    const yR = this.yR;
    const cbR = this.cbR;
    const crR = this.crR;
    const source = this.source;
    for (let j = 0; j < n; j++) {
      const sy = Math.min(y + j, ymax);
      // Luma index of (0, j): block (j >> 3) * 2 in MCU order, row j & 7; +64 for columns 8..15.
      const yo = ((j >> 3) << 7) | ((j & 7) << 3);
      const co = j * n;
      if (source === 'rgba') {
        const m = img as RGBAImage;
        const pix = m.pix;
        const row = sy * m.stride;
        for (let i = 0; i < n; i++) {
          const p = row + 4 * xs[i];
          const r = pix[p];
          const g = pix[p + 1];
          const b = pix[p + 2];
          yR[yo + ((i >> 3) << 6) + (i & 7)] = (19595 * r + 38470 * g + 7471 * b + (1 << 15)) >> 16;
          const cb = -11056 * r - 21712 * g + 32768 * b + (257 << 15);
          cbR[co + i] = (cb & 0xff000000) === 0 ? cb >> 16 : ~(cb >> 31) & 0xff;
          const cr = 32768 * r - 27440 * g - 5328 * b + (257 << 15);
          crR[co + i] = (cr & 0xff000000) === 0 ? cr >> 16 : ~(cr >> 31) & 0xff;
        }
      } else if (source === 'gray') {
        const g = img as GrayImage;
        const row = sy * g.stride;
        for (let i = 0; i < n; i++) yR[yo + ((i >> 3) << 6) + (i & 7)] = g.pix[row + xs[i]];
      } else if (source === 'ycbcr') {
        const m = img as YCbCrImage;
        const ay = sy + this.y0;
        for (let i = 0; i < n; i++) {
          const ax = xs[i] + this.x0;
          yR[yo + ((i >> 3) << 6) + (i & 7)] = m.y[m.yOffset(ax, ay)];
          const ci = m.cOffset(ax, ay);
          cbR[co + i] = m.cb[ci];
          crR[co + i] = m.cr[ci];
        }
      } else {
        // Go's toYCbCr: the colour's premultiplied 16-bit RGBA, shifted to 8 bits.
        const m = img as Partial<RGBA64Readable> & Image;
        const c = this.rgba;
        const ay = sy + this.y0;
        for (let i = 0; i < n; i++) {
          const ax = xs[i] + this.x0;
          if (m.loadRGBA64 !== undefined) {
            m.loadRGBA64(ax, ay, c);
          } else {
            const [r, g, b] = m.at(ax, ay).rgba();
            c[0] = r;
            c[1] = g;
            c[2] = b;
          }
          rgbToYCbCrInto(c[0] >> 8, c[1] >> 8, c[2] >> 8, yR, cbR, crR, yo + ((i >> 3) << 6) + (i & 7), co + i);
        }
      }
    }
  }

  /** Averages a 16×16 chroma region 2×2 into `blk`, rounding as Go's scale: (sum + 2) >> 2. */
  private half(r: Int32Array): Int32Array {
    const b = this.blk;
    for (let j = 0; j < 8; j++) {
      for (let i = 0; i < 8; i++) {
        const s = 32 * j + 2 * i;
        b[8 * j + i] = (r[s] + r[s + 1] + r[s + 16] + r[s + 17] + 2) >> 2;
      }
    }
    return b;
  }

  private encodeRow(my: number): void {
    const pd = this.prevDC;
    const yb = this.yBlocks;
    if (this.gray) {
      for (let x = 0; x < this.w; x += 8) {
        this.load(x, my * 8, 8);
        pd[0] = this.block(yb[0], 0, pd[0]);
      }
    } else if (this.sub420) {
      for (let x = 0; x < this.w; x += 16) {
        this.load(x, my * 16, 16);
        for (let i = 0; i < 4; i++) pd[0] = this.block(yb[i], 0, pd[0]);
        pd[1] = this.block(this.half(this.cbR), 1, pd[1]);
        pd[2] = this.block(this.half(this.crR), 1, pd[2]);
      }
    } else {
      for (let x = 0; x < this.w; x += 8) {
        this.load(x, my * 8, 8);
        pd[0] = this.block(yb[0], 0, pd[0]);
        pd[1] = this.block(this.cbBlock, 1, pd[1]);
        pd[2] = this.block(this.crBlock, 1, pd[2]);
      }
    }
  }
}

/** Go's RGBToYCbCr, written to yR at k and to cbR, crR at c. */
function rgbToYCbCrInto(r: number, g: number, b: number, yR: Int32Array, cbR: Int32Array, crR: Int32Array, k: number, c: number): void {
  yR[k] = (19595 * r + 38470 * g + 7471 * b + (1 << 15)) >> 16;
  const cb = -11056 * r - 21712 * g + 32768 * b + (257 << 15);
  cbR[c] = (cb & 0xff000000) === 0 ? cb >> 16 : ~(cb >> 31) & 0xff;
  const cr = 32768 * r - 27440 * g - 5328 * b + (257 << 15);
  crR[c] = (cr & 0xff000000) === 0 ? cr >> 16 : ~(cr >> 31) & 0xff;
}

/**
 * Encodes an image as a baseline JPEG, as a pull-based stream of owned chunks. Options are checked
 * at once (OptionError, UnsupportedError); encoding happens as the stream is read, so the image must not
 * change until the stream ends. Cancelling the stream drops the image.
 */
export function encodeJpegStream(img: Image, opts: JpegEncodeOptions = {}): ReadableStream<Uint8Array> {
  const enc = new JpegEncoder(img, opts);
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = enc.next();
        if (chunk === null) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        enc.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Encodes an image as a baseline JPEG and returns the whole file as one **owned** Uint8Array.
 * @throws OptionError for a bad option, UnsupportedError for an empty or too large image.
 */
export function encodeJpeg(img: Image, opts: JpegEncodeOptions = {}): Uint8Array {
  const enc = new JpegEncoder(img, { ...opts, chunkSize: opts.chunkSize ?? 1 << 18 });
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let c = enc.next(); c !== null; c = enc.next()) {
    chunks.push(c);
    total += c.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  for (let i = 0, o = 0; i < chunks.length; o += chunks[i].length, i++) out.set(chunks[i], o);
  return out;
}
