import { AlphaModel, Gray16Model, GrayModel, NRGBAModel, RGBAModel } from '../../color/models.js';
import type { NRGBA } from '../../color/nrgba.js';
import { Palette } from '../../color/palette.js';
import { AbortError, OptionError, UnsupportedError } from '../../errors.js';
import type { Image } from '../../image/image.js';
import { crc32Update } from '../crc32.js';
import { compressionStream, storedCompressor } from './deflate.js';
import { ENCODING_BITS, ENCODING_IHDR, rowFiller, type Encoding, type IndexedImage, type RowFiller } from './encode-rows.js';
import { applyFilter, chooseFilter, filterRows } from './filter.js';
import { SIGNATURE, rowBytes, writeU32 } from './format.js';
import type { ZlibPair } from './inflate.js';

/**
 * The PNG encoder: Go's image/png writer, streaming.
 *
 * The encoding follows Go exactly: a paletted image becomes a palette PNG of 1, 2, 4 or 8 bits
 * (by palette length) with a tRNS chunk when any entry is not opaque; Gray and Gray16 stay grey;
 * images whose model is RGBA, NRGBA or Alpha become 8-bit truecolour (with alpha unless opaque);
 * every other image becomes 16-bit truecolour (with alpha unless opaque). Rows are filtered by
 * Go's heuristic (filter.ts), except for paletted images and with compression "none", where Go
 * writes them unfiltered. See spec/png.md.
 */

/** Options of {@link encodePng} and {@link encodePngStream}. */
export interface PngEncodeOptions {
  /**
   * `'default'` (or omitted): the runtime's `CompressionStream('deflate')`, whose level the
   * runtime fixes (zlib's default, 6, in Node, Deno and Bun; Chromium also uses zlib's default).
   * `'none'` or `0`: stored deflate blocks and no filtering, Go's NoCompression; fast, large, and
   * needs no CompressionStream. `1` to `9`: a zlib level, honoured by a `compressor` that takes
   * it; without one, CompressionStream compresses at its own level (the Compression Streams API
   * has no level parameter). The numbers match the pngjs adapter's option.
   */
  compressionLevel?: 'default' | 'none' | number;
  /**
   * `'adaptive'` (default): per row, the filter with the smallest sum of absolute differences, as
   * Go and libpng choose; like Go, paletted images and compression 'none' are left unfiltered.
   * `'none'`, `'sub'`, `'up'`, `'average'`, `'paeth'`: that filter on every row, whatever the
   * image (the names match the pngjs adapter's option).
   */
  filter?: PngFilterOption;
  /**
   * Accepted for compatibility with the pngjs adapter: when given it must equal the bit depth Go's
   * encoding of this image uses (see spec/png.md); otherwise OptionError. Convert the image to
   * change the depth.
   */
  bitDepth?: number;
  /**
   * A zlib compressor to use instead of CompressionStream, for a chosen level or another
   * implementation; e.g. in Node `(level) => Duplex.toWeb(zlib.createDeflate({ level }))`. Called
   * once per encode with the numeric compressionLevel (undefined for 'default'). It must produce a
   * zlib (RFC 1950) stream. Not called when the level is 'none' or 0.
   */
  compressor?: (level: number | undefined) => ZlibPair;
  /** Cancels the encode; the stream then errors with an AbortError. */
  signal?: AbortSignal;
}

/** The filter option's values. */
export type PngFilterOption = 'adaptive' | 'none' | 'sub' | 'up' | 'average' | 'paeth';

/** Filter types by option name; 'adaptive' chooses per row (-1). */
const FILTERS: Record<PngFilterOption, number> = { adaptive: -1, none: 0, sub: 1, up: 2, average: 3, paeth: 4 };

/** Everything the encoder decided before writing a byte. */
interface Plan {
  readonly enc: Encoding;
  readonly width: number;
  readonly height: number;
  readonly y0: number;
  readonly palette: Palette | null;
  readonly fill: RowFiller;
  /** The filter type of every row, or -1 to choose per row. */
  readonly filter: number;
  readonly compressor: () => ZlibPair;
  readonly signal: AbortSignal | undefined;
}

/** The largest width or height PNG can store, 2^31 - 1. */
const MAX_DIMENSION = 0x7fff_ffff;
/** Filtered rows go to the compressor in batches of about 256 KiB (see inflate.ts FEED_BYTES). */
const BATCH_BYTES = 1 << 18;
/** The most data one IDAT chunk carries: 64 KiB, so that a streaming consumer gets pieces of about that size. */
const IDAT_BYTES = 1 << 16;

function isImage(img: unknown): img is Image {
  const i = img as Image | null;
  return typeof i === 'object' && i !== null && typeof i.bounds === 'function' && typeof i.at === 'function' && typeof i.colorModel === 'function';
}

/** Go's `opaque(m)`: the image's own `opaque()` when it has one, else every pixel's alpha. */
function isOpaque(img: Image): boolean {
  const o = (img as { opaque?: unknown }).opaque;
  if (typeof o === 'function') return (o as () => boolean).call(img) === true;
  const b = img.bounds();
  for (let y = b.min.y; y < b.max.y; y++) {
    for (let x = b.min.x; x < b.max.x; x++) if (img.at(x, y).rgba()[3] !== 0xffff) return false;
  }
  return true;
}

/** The palette when the image is a paletted image (has colorIndexAt and a Palette model), as Go's writer tests. */
function paletteOf(img: Image): Palette | null {
  if (typeof (img as Partial<IndexedImage>).colorIndexAt !== 'function') return null;
  const m = img.colorModel();
  return m instanceof Palette ? m : null;
}

/** Go's choice of encoding. */
function chooseEncoding(img: Image, palette: Palette | null): Encoding {
  if (palette !== null) {
    const n = palette.length;
    return n <= 2 ? 'P1' : n <= 4 ? 'P2' : n <= 16 ? 'P4' : 'P8';
  }
  const m = img.colorModel();
  if (m === GrayModel) return 'G8';
  if (m === Gray16Model) return 'G16';
  if (m === RGBAModel || m === NRGBAModel || m === AlphaModel) return isOpaque(img) ? 'TC8' : 'TCA8';
  return isOpaque(img) ? 'TC16' : 'TCA16';
}

function checkOptions(opts: PngEncodeOptions): void {
  if (typeof opts !== 'object' || opts === null) throw new OptionError(`imago: png: options must be an object, got ${String(opts)}`);
  const { compressionLevel, filter, compressor, signal, bitDepth } = opts;
  if (
    compressionLevel !== undefined &&
    compressionLevel !== 'default' &&
    compressionLevel !== 'none' &&
    !(Number.isInteger(compressionLevel) && (compressionLevel as number) >= 0 && (compressionLevel as number) <= 9)
  ) {
    throw new OptionError(`imago: png: compressionLevel must be 'default', 'none' or an integer 0 to 9, got ${String(compressionLevel)}`);
  }
  if (filter !== undefined && !Object.hasOwn(FILTERS, filter as string)) {
    throw new OptionError(`imago: png: filter must be one of ${Object.keys(FILTERS).join(', ')}; got ${String(filter)}`);
  }
  if (compressor !== undefined && typeof compressor !== 'function') {
    throw new OptionError(`imago: png: compressor must be a function returning { readable, writable }, got ${typeof compressor}`);
  }
  if (bitDepth !== undefined && typeof bitDepth !== 'number') throw new OptionError(`imago: png: bitDepth must be a number, got ${typeof bitDepth}`);
  if (signal !== undefined && !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)) {
    throw new OptionError('imago: png: signal must be an AbortSignal');
  }
}

function plan(img: Image, opts: PngEncodeOptions): Plan {
  checkOptions(opts);
  if (!isImage(img)) throw new OptionError('imago: png: the image must implement Image (bounds, at, colorModel)');
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  if (!(w > 0 && h > 0 && w <= MAX_DIMENSION && h <= MAX_DIMENSION)) {
    throw new UnsupportedError(`imago: png: cannot encode a ${w}x${h} image: PNG needs a width and height of 1 to 2^31-1`);
  }
  const palette = paletteOf(img);
  if (palette !== null && (palette.length < 1 || palette.length > 256)) {
    throw new UnsupportedError(`imago: png: cannot encode a palette of ${palette.length} colours: PNG holds 1 to 256`);
  }
  const enc = chooseEncoding(img, palette);
  const depth = ENCODING_IHDR[enc][0];
  if (opts.bitDepth !== undefined && opts.bitDepth !== depth) {
    throw new OptionError(
      `imago: png: bitDepth ${String(opts.bitDepth)} is not available: imago's PNG encoder writes this image at ${depth} bits, as Go does; convert the image first, or use the 'pngjs' codec`,
    );
  }
  const level = opts.compressionLevel;
  const none = level === 'none' || level === 0;
  const numeric = typeof level === 'number' ? level : undefined;
  const custom = opts.compressor;
  return {
    enc,
    width: w,
    height: h,
    y0: b.min.y,
    palette,
    fill: rowFiller(img, enc),
    filter: opts.filter !== undefined && opts.filter !== 'adaptive' ? FILTERS[opts.filter] : !none && palette === null ? -1 : 0,
    compressor: none ? storedCompressor : custom !== undefined ? () => custom(numeric) : compressionStream,
    signal: opts.signal,
  };
}

/** One chunk: length, type, data, CRC. A new array. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32Update(0, out, 4, 8 + data.length));
  return out;
}

/** The signature, IHDR, and for paletted images PLTE and (when any entry is translucent) tRNS. */
function head(p: Plan): Uint8Array {
  const ihdr = new Uint8Array(13);
  writeU32(ihdr, 0, p.width);
  writeU32(ihdr, 4, p.height);
  [ihdr[8], ihdr[9]] = ENCODING_IHDR[p.enc];
  // Bytes 10-12: compression method 0, filter method 0, no interlace.
  const parts = [SIGNATURE, chunk('IHDR', ihdr)];
  if (p.palette !== null) {
    const n = p.palette.length;
    const plte = new Uint8Array(3 * n);
    const alpha = new Uint8Array(n);
    let last = -1;
    p.palette.colors.forEach((c, i) => {
      const nc = NRGBAModel.convert(c) as NRGBA;
      plte[3 * i] = nc.r;
      plte[3 * i + 1] = nc.g;
      plte[3 * i + 2] = nc.b;
      alpha[i] = nc.a;
      if (nc.a !== 0xff) last = i;
    });
    parts.push(chunk('PLTE', plte));
    if (last >= 0) parts.push(chunk('tRNS', alpha.subarray(0, last + 1)));
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('imago: png: encoding was aborted', { cause: signal.reason });
}

/**
 * Produces the scanlines, filters them and writes them to the compressor in batches. Awaiting each
 * write gives backpressure: rows are made only as fast as the compressed output is consumed.
 */
async function writeRows(p: Plan, writer: WritableStreamDefaultWriter<Uint8Array>, stopped: () => boolean): Promise<void> {
  const bits = ENCODING_BITS[p.enc];
  const n = rowBytes(p.width, bits);
  const bpp = Math.max(1, bits >> 3);
  const rows = filterRows(n);
  let prev: Uint8Array = new Uint8Array(1 + n);
  const size = Math.max(BATCH_BYTES, 1 + n);
  let batch = new Uint8Array(size);
  let used = 0;
  for (let y = p.y0; y < p.y0 + p.height; y++) {
    checkAborted(p.signal);
    if (stopped()) return;
    p.fill(y, rows[0]);
    const out = rows[p.filter < 0 ? chooseFilter(rows, prev, bpp) : p.filter > 0 ? applyFilter(p.filter, rows, prev, bpp) : 0];
    if (used + out.length > size) {
      await writer.write(batch.subarray(0, used));
      // A fresh batch: the compressor may still hold the one just written.
      batch = new Uint8Array(size);
      used = 0;
    }
    batch.set(out, used);
    used += out.length;
    // This row, unfiltered, is the next row's "previous" one.
    const t = prev;
    prev = rows[0];
    rows[0] = t;
    t[0] = 0;
  }
  if (used > 0) await writer.write(batch.subarray(0, used));
  await writer.close();
}

function noop(): void {}

/**
 * Encodes an image as PNG, as a pull-based stream of owned `Uint8Array` pieces: the signature and
 * header chunks, IDAT chunks of up to 64 KiB, then IEND. Nothing is computed before the first
 * read; rows are converted, filtered and compressed as the reader asks for output, so memory stays
 * at a few rows plus the compressor's buffers whatever the image size. Cancelling the stream stops
 * the work and releases the compressor.
 *
 * The image must not change until the stream ends.
 * @throws UnsupportedError (synchronously) for an empty or too large image or a palette of 0 or
 *   more than 256 colours, which PNG cannot store; (from the stream) a runtime without
 *   CompressionStream.
 * @throws OptionError (synchronously) for bad options.
 */
export function encodePngStream(img: Image, opts: PngEncodeOptions = {}): ReadableStream<Uint8Array> {
  const p = plan(img, opts);
  let zr: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let zw: WritableStreamDefaultWriter<Uint8Array> | null = null;
  let failure: unknown = undefined;
  let stopped = false;
  let idat = new Uint8Array(8 + IDAT_BYTES + 4);
  let fill = 0;

  const stop = (reason: unknown): void => {
    stopped = true;
    zw?.abort(reason).catch(noop);
    zr?.cancel(reason).catch(noop);
  };
  /** Finishes the IDAT chunk being filled and returns it. */
  const takeIDAT = (): Uint8Array => {
    writeU32(idat, 0, fill);
    idat.set([0x49, 0x44, 0x41, 0x54], 4); // "IDAT"
    writeU32(idat, 8 + fill, crc32Update(0, idat, 4, 8 + fill));
    const out = idat.subarray(0, 12 + fill);
    idat = new Uint8Array(8 + IDAT_BYTES + 4);
    fill = 0;
    return out;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (zr === null) {
          checkAborted(p.signal);
          const z = p.compressor();
          zw = z.writable.getWriter();
          zr = z.readable.getReader();
          writeRows(p, zw, () => stopped).catch((e: unknown) => {
            if (failure === undefined) failure = e;
            stop(e);
          });
          controller.enqueue(head(p));
          return;
        }
        try {
          checkAborted(p.signal);
          for (;;) {
            const { done, value } = await zr.read();
            if (done) {
              if (fill > 0) controller.enqueue(takeIDAT());
              controller.enqueue(chunk('IEND', new Uint8Array(0)));
              controller.close();
              return;
            }
            let i = 0;
            let emitted = false;
            while (i < value.length) {
              const k = Math.min(IDAT_BYTES - fill, value.length - i);
              idat.set(value.subarray(i, i + k), 8 + fill);
              fill += k;
              i += k;
              if (fill === IDAT_BYTES) {
                controller.enqueue(takeIDAT());
                emitted = true;
              }
            }
            if (emitted) return;
          }
        } catch (e) {
          const reason = failure ?? e;
          stop(reason);
          throw reason;
        }
      },
      cancel(reason) {
        stop(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Encodes an image as PNG and returns the whole file as one owned `Uint8Array`. See
 * {@link encodePngStream} for the encoding and the errors.
 */
export async function encodePng(img: Image, opts: PngEncodeOptions = {}): Promise<Uint8Array> {
  const reader = encodePngStream(img, opts).getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return concat(parts);
}
