import { formatError, type Where } from './errors.js';
import { ADAM7, NO_INTERLACE, passSize, rowBytes } from './format.js';
import { bitsPerPixel, filterStride, type PngHeader } from './header.js';
import type { PixelSink } from './pixels.js';
import { unfilterRow } from './unfilter.js';

/**
 * Turns the inflated IDAT stream, pushed in pieces of any size, into pixels, one scanline at a
 * time. It holds the scanline being assembled and the previous reconstructed scanline, never the
 * whole stream; for layouts where a scanline is an output row it reconstructs straight into the
 * image and holds nothing.
 *
 * It knows the exact length of the stream from the header (the sum over passes of rows × (1 +
 * row bytes)), so a stream that would inflate past it, a decompression bomb, is refused on the
 * first byte too many.
 * @internal
 */

interface PassPlan {
  /** The Adam7 pass number 1 to 7, or 0 for a non-interlaced image. */
  readonly number: number;
  /** The pass geometry: pixels (x0 + i·dx, y0 + j·dy). */
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
  /** Pixels per row and rows in this pass. */
  readonly width: number;
  readonly height: number;
  /** Filtered bytes per row, without the filter-type byte. */
  readonly rowBytes: number;
}

/** The passes of a header that contain pixels (Adam7 passes of a small image can be empty). */
function plan(h: PngHeader): PassPlan[] {
  const bits = bitsPerPixel(h);
  const out: PassPlan[] = [];
  const passes = h.interlaced ? ADAM7 : NO_INTERLACE;
  passes.forEach((p, k) => {
    const width = passSize(h.width, p.x0, p.dx);
    const height = passSize(h.height, p.y0, p.dy);
    const number = h.interlaced ? k + 1 : 0;
    if (width > 0 && height > 0) out.push({ ...p, number, width, height, rowBytes: rowBytes(width, bits) });
  });
  return out;
}

/** The inflated length of the image data: Σ height × (1 + rowBytes). */
export function inflatedLength(h: PngHeader): number {
  let n = 0;
  for (const p of plan(h)) n += p.height * (1 + p.rowBytes);
  return n;
}

export class Scanlines {
  /** Total inflated bytes the image needs. */
  readonly total: number;
  readonly #sink: PixelSink;
  readonly #passes: PassPlan[];
  readonly #bpp: number;
  readonly #where: () => Where;
  #received = 0;
  #pass = 0;
  /** The row within the current pass. */
  #row = 0;
  /** A scanline split across pushes, filter byte first. */
  readonly #staging: Uint8Array;
  #staged = 0;
  /** Reconstructed current and previous scanlines (unused in direct mode). */
  #cur: Uint8Array;
  #prev: Uint8Array;
  /** A row of zeros: the "previous row" of the first row of each pass. */
  readonly #zeros: Uint8Array;

  /** @param where the current location in the file, for error messages. */
  constructor(h: PngHeader, sink: PixelSink, where: () => Where) {
    this.#sink = sink;
    this.#passes = plan(h);
    this.#bpp = filterStride(h);
    this.#where = where;
    let total = 0;
    let widest = 0;
    for (const p of this.#passes) {
      total += p.height * (1 + p.rowBytes);
      widest = Math.max(widest, p.rowBytes);
    }
    this.total = total;
    this.#staging = new Uint8Array(widest + 1);
    this.#zeros = new Uint8Array(widest);
    this.#cur = sink.direct ? this.#zeros : new Uint8Array(widest);
    this.#prev = sink.direct ? this.#zeros : new Uint8Array(widest);
  }

  /** Inflated bytes received so far. */
  get received(): number {
    return this.#received;
  }

  /** Whether every scanline has arrived. */
  get complete(): boolean {
    return this.#pass >= this.#passes.length;
  }

  /**
   * Consumes the next piece of the inflated stream, `data[start .. end)`. It is only read during
   * the call.
   * @throws FormatError when the stream exceeds the image ("too much pixel data") or a row has an
   *   unknown filter type.
   */
  push(data: Uint8Array, start = 0, end = data.length): void {
    const n = end - start;
    if (n > this.total - this.#received) {
      throw formatError(
        `too much pixel data: the image data inflates past the ${this.total} bytes that ${this.#describe()} needs (decompression stopped)`,
        this.#where(),
      );
    }
    this.#received += n;
    let i = start;
    while (i < end) {
      const len = 1 + this.#passes[this.#pass].rowBytes;
      if (this.#staged === 0 && end - i >= len) {
        this.#row1(data, i);
        i += len;
        continue;
      }
      const k = Math.min(len - this.#staged, end - i);
      this.#staging.set(data.subarray(i, i + k), this.#staged);
      this.#staged += k;
      i += k;
      if (this.#staged === len) {
        this.#staged = 0;
        this.#row1(this.#staging, 0);
      }
    }
  }

  #describe(): string {
    return `a ${this.#sink.width}x${this.#sink.height} image`;
  }

  /** Reconstructs the scanline whose filter byte is at src[s] and stores its pixels. */
  #row1(src: Uint8Array, s: number): void {
    const p = this.#passes[this.#pass];
    const filter = src[s];
    const sink = this.#sink;
    const n = p.rowBytes;
    let ok: boolean;
    if (sink.direct) {
      // The output row is the reconstructed scanline, and the row above it is the previous one.
      const y = this.#row;
      const d = y * sink.stride;
      ok = unfilterRow(filter, src, s + 1, sink.pix, d, y === 0 ? this.#zeros : sink.pix, y === 0 ? 0 : d - sink.stride, n, this.#bpp);
      if (ok && sink.layout === 'paletted') sink.noteIndices(sink.pix, d, p.width, 1);
    } else {
      ok = unfilterRow(filter, src, s + 1, this.#cur, 0, this.#prev, 0, n, this.#bpp);
      if (ok) {
        sink.write(this.#cur, p.width, p.y0 + this.#row * p.dy, p.x0, p.dx);
        const t = this.#prev;
        this.#prev = this.#cur;
        this.#cur = t;
      }
    }
    if (!ok) {
      const row = p.number === 0 ? `row ${this.#row}` : `row ${this.#row} of Adam7 pass ${p.number}`;
      throw formatError(`bad filter type ${filter} in ${row}`, this.#where());
    }
    if (++this.#row === p.height) {
      this.#row = 0;
      this.#pass++;
      if (!sink.direct) this.#prev.fill(0);
    }
  }
}
