import { AbortError, FormatError, ImagoError, LimitError, UnsupportedError } from '../../errors.js';
import type { ByteSource } from './byte-source.js';
import { dataOffset, readChunkHeader, verifyCrc, type ChunkHeader } from './chunks.js';
import { crc32Update } from '../crc32.js';
import { formatError, truncatedError } from './errors.js';
import type { Scanlines } from './scanlines.js';

/**
 * The IDAT stage: the data of consecutive IDAT chunks is one zlib stream. It goes to the runtime's
 * `DecompressionStream('deflate')` and the inflated pieces go to the scanline assembler as they
 * come out, so the decoder never holds the inflated stream.
 *
 * Two tasks run at once: the feeder reads IDAT data from the input (checking each chunk's CRC) and
 * writes it to the decompressor; the drain reads inflated pieces and pushes them into the
 * scanlines. Whichever fails first aborts the other and both streams are released.
 * @internal
 */

/**
 * Compressed input goes to the decompressor in writes of up to 256 KiB: large enough that the
 * per-write cost (a promise, a call into zlib) is negligible, small enough to stay well inside the
 * 1 MB working-memory budget. Smaller IDAT chunks (libpng writes 8 KiB ones) are gathered into one
 * write; larger ones are written as views, without copying.
 */
const FEED_BYTES = 1 << 18;
/** Pieces at least this long are written as they are rather than gathered. */
const DIRECT_BYTES = FEED_BYTES >> 2;

/** Whether the runtime has the Compression Streams API. */
export function hasCompressionStreams(): boolean {
  return typeof DecompressionStream === 'function' && typeof CompressionStream === 'function';
}

/** A zlib transform's two ends, typed for Uint8Array on both sides. */
export interface ZlibPair {
  writable: WritableStream<Uint8Array>;
  readable: ReadableStream<Uint8Array>;
}

function newInflater(): ZlibPair {
  if (typeof DecompressionStream !== 'function') {
    throw new UnsupportedError('imago: png: this runtime has no DecompressionStream, which the PNG decoder needs to inflate image data');
  }
  return new DecompressionStream('deflate') as unknown as ZlibPair;
}

/** Throws the AbortError for an aborted signal. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('imago: png: decoding was aborted', { cause: signal.reason });
}

function noop(): void {}

/**
 * Streams the IDAT sequence starting with `first` (whose header has been read) through the
 * decompressor into `scan`.
 * @returns the header of the first chunk after the IDAT sequence.
 * @throws FormatError for a bad CRC, truncated input, a zlib error, too much or too little pixel
 *   data; LimitError or AbortError from the input; UnsupportedError without DecompressionStream.
 */
export async function inflateIDATs(src: ByteSource, first: ChunkHeader, scan: Scanlines, signal?: AbortSignal): Promise<ChunkHeader> {
  const ds = newInflater();
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const start = dataOffset(first);
  let failure: unknown = undefined;
  let inputEnded = false;
  /** Errors the decompressor reports (corrupt zlib data) become FormatErrors here; anything else thrown is ours. */
  const zlibErrors = new WeakSet<object>();
  const zlib = (e: unknown): never => {
    if (failure !== undefined) throw failure;
    const err = formatError(`zlib: ${e instanceof Error ? e.message : String(e)}, in the IDAT stream`, { chunk: 'IDAT', offset: start }, e);
    zlibErrors.add(err);
    throw err;
  };
  const fail = (e: unknown): void => {
    if (failure !== undefined) return;
    failure = e;
    writer.abort(e).catch(noop);
    reader.cancel(e).catch(noop);
  };

  const feed = async (): Promise<ChunkHeader | null> => {
    let h = first;
    let stage: Uint8Array | null = null;
    let staged = 0;
    const flush = async (): Promise<void> => {
      if (staged === 0) return;
      const piece = stage!.subarray(0, staged);
      stage = null;
      staged = 0;
      await writer.write(piece).catch(zlib);
    };
    for (;;) {
      let crc = h.typeCrc;
      let left = h.length;
      while (left > 0) {
        checkAborted(signal);
        if (failure !== undefined) return null;
        const v = await src.take(Math.min(left, FEED_BYTES));
        if (v === null) {
          throw truncatedError(`${left} bytes before the end of the chunk`, { chunk: 'IDAT', offset: src.offset });
        }
        crc = crc32Update(crc, v);
        left -= v.length;
        if (v.length >= DIRECT_BYTES) {
          await flush();
          await writer.write(v).catch(zlib);
        } else {
          if (staged + v.length > FEED_BYTES) await flush();
          stage ??= new Uint8Array(FEED_BYTES);
          stage.set(v, staged);
          staged += v.length;
        }
      }
      await verifyCrc(src, h, crc);
      const next = await readChunkHeader(src);
      if (next.type !== 'IDAT') {
        await flush();
        inputEnded = true;
        await writer.close().catch(zlib);
        return next;
      }
      h = next;
    }
  };

  const drain = async (): Promise<void> => {
    for (;;) {
      const { done, value } = await reader.read().catch(zlib);
      if (done) return;
      scan.push(value);
    }
  };

  const [next] = await Promise.all([
    feed().catch((e: unknown) => {
      fail(e);
      return null;
    }),
    drain().catch(fail),
  ]);
  reader.releaseLock();
  writer.releaseLock();
  if (failure !== undefined) {
    // The stream ended (the next chunk is not IDAT) with rows missing: Go's "not enough pixel data".
    if (zlibErrors.has(failure as object) && inputEnded && !scan.complete) throw notEnough(scan, start);
    throw failure;
  }
  if (!scan.complete) throw notEnough(scan, start);
  return next!;
}

function notEnough(scan: Scanlines, start: number): FormatError {
  return formatError(`not enough pixel data: the IDAT stream inflates to ${scan.received} bytes, the image needs ${scan.total}`, {
    chunk: 'IDAT',
    offset: start,
  });
}

/**
 * Inflates a whole zlib stream held in memory, refusing to produce more than `maxBytes`.
 * Returns a new array. For small ancillary data (iCCP).
 * @throws FormatError for a corrupt stream, LimitError past maxBytes, UnsupportedError without
 *   DecompressionStream.
 */
export async function inflateBytes(data: Uint8Array, maxBytes: number, what: string): Promise<Uint8Array> {
  const ds = newInflater();
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const feeding = writer.write(data).then(() => writer.close());
  feeding.catch(noop);
  const parts: Uint8Array[] = [];
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > maxBytes) {
        throw new LimitError(`imago: png: ${what} inflates past the limit of ${maxBytes} bytes`);
      }
      parts.push(value);
    }
    await feeding;
  } catch (e) {
    writer.abort(e).catch(noop);
    reader.cancel(e).catch(noop);
    if (e instanceof ImagoError) throw e;
    throw new FormatError(`imago: png: zlib: ${e instanceof Error ? e.message : String(e)}, in ${what}`, { cause: e });
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
