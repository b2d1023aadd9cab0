import { AbortError, FormatError, LimitError } from '../../errors.js';
import type { ByteSource } from './byte-source.js';
import { dataOffset, readChunkHeader, verifyCrc, type ChunkHeader } from './chunks.js';
import { crc32Update } from '../crc32.js';
import { formatError, truncatedError } from './errors.js';
import { Inflater, ZlibDataError } from './inflater.js';
import type { Scanlines } from './scanlines.js';

/**
 * The IDAT stage: the data of consecutive IDAT chunks is one zlib stream. Each chunk's data goes,
 * as views of the input, to imago's {@link Inflater}, which hands its output buffer's pieces to the
 * scanline assembler as they fill; so the decoder never holds the inflated stream, never
 * concatenates IDATs and allocates nothing per chunk or per piece.
 * @internal
 */

/**
 * Compressed input is read in pieces of up to 256 KiB (views of the input when it is in memory):
 * the inflater copies them into its own 16 KiB buffer as it goes.
 */
const FEED_BYTES = 1 << 18;

/**
 * Inflating runs on the calling thread, so a long decode yields to the event loop after every
 * piece once this much time has passed since it last did: timers, I/O and an AbortSignal's timeout
 * get their turn (a 20-megapixel photo takes about a second), at the cost of one timer turn
 * (about 1 ms) per 30 ms of work.
 */
const YIELD_MS = 30;

/** Lets the event loop run (a macrotask turn, in every runtime). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A zlib transform's two ends, typed for Uint8Array on both sides (the encoder's compressors). */
export interface ZlibPair {
  writable: WritableStream<Uint8Array>;
  readable: ReadableStream<Uint8Array>;
}

/** Throws the AbortError for an aborted signal. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('imago: png: decoding was aborted', { cause: signal.reason });
}

/** Where an IDAT chunk's data starts: in the zlib stream and in the file. */
interface Span {
  readonly stream: number;
  readonly file: number;
}

/**
 * Streams the IDAT sequence starting with `first` (whose header has been read) through the
 * inflater into `scan`. Bytes after the end of the zlib stream are read (for the CRCs) and ignored.
 * @returns the header of the first chunk after the IDAT sequence.
 * @throws FormatError for a bad CRC, truncated input, corrupt zlib data (naming the byte of the
 *   file and of the zlib stream), too much or too little pixel data; LimitError or AbortError
 *   from the input.
 */
export async function inflateIDATs(src: ByteSource, first: ChunkHeader, scan: Scanlines, signal?: AbortSignal): Promise<ChunkHeader> {
  const inflater = new Inflater((buf, start, end) => scan.push(buf, start, end));
  // The chunks whose data the inflater may still report an error in, oldest first.
  const spans: Span[] = [];
  let streamBytes = 0;
  const zlibError = (e: ZlibDataError): Error => {
    while (spans.length > 1 && spans[1].stream <= e.offset) spans.shift();
    const s = spans[0];
    return formatError(`zlib: ${e.message} (byte ${e.offset} of the zlib stream)`, { chunk: 'IDAT', offset: s.file + e.offset - s.stream }, e);
  };
  // A zlib error is reported after the chunk's CRC is checked: if the chunk is damaged, the
  // CRC error says so better.
  let corrupt: Error | null = null;
  let lastYield = performance.now();
  let h = first;
  for (;;) {
    let crc = h.typeCrc;
    let left = h.length;
    spans.push({ stream: streamBytes, file: dataOffset(h) });
    while (left > 0) {
      checkAborted(signal);
      const v = await src.take(Math.min(left, FEED_BYTES));
      if (v === null) {
        throw truncatedError(`${left} bytes before the end of the chunk`, { chunk: 'IDAT', offset: src.offset });
      }
      crc = crc32Update(crc, v);
      left -= v.length;
      if (!inflater.done && corrupt === null) {
        try {
          inflater.push(v);
        } catch (e) {
          if (!(e instanceof ZlibDataError)) throw e;
          corrupt = zlibError(e);
        }
      }
      streamBytes += v.length;
      if (performance.now() - lastYield >= YIELD_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    // Chunks wholly before the inflater's unread input can no longer be blamed for an error.
    while (spans.length > 1 && spans[1].stream <= streamBytes - 1024) spans.shift();
    await verifyCrc(src, h, crc);
    if (corrupt !== null) throw corrupt;
    const next = await readChunkHeader(src);
    if (next.type !== 'IDAT') {
      if (!inflater.done) {
        try {
          inflater.finish();
        } catch (e) {
          if (!(e instanceof ZlibDataError)) throw e;
          // The data ended (the next chunk is not IDAT) with rows missing: Go's "not enough pixel data".
          if (e.truncated && !scan.complete) throw notEnough(scan, dataOffset(first));
          throw zlibError(e);
        }
      }
      if (!scan.complete) throw notEnough(scan, dataOffset(first));
      return next;
    }
    h = next;
  }
}

function notEnough(scan: Scanlines, start: number): Error {
  return formatError(`not enough pixel data: the IDAT stream inflates to ${scan.received} bytes, the image needs ${scan.total}`, {
    chunk: 'IDAT',
    offset: start,
  });
}

/**
 * Inflates a whole zlib stream held in memory, refusing to produce more than `maxBytes`.
 * Returns a new array the caller owns. For small ancillary data (iCCP).
 * @throws FormatError for a corrupt or truncated stream, LimitError past maxBytes.
 */
export function inflateBytes(data: Uint8Array, maxBytes: number, what: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let n = 0;
  const inflater = new Inflater((buf, start, end) => {
    n += end - start;
    if (n > maxBytes) throw new LimitError(`imago: png: ${what} inflates past the limit of ${maxBytes} bytes`);
    parts.push(buf.slice(start, end));
  });
  try {
    inflater.push(data);
    inflater.finish();
  } catch (e) {
    if (!(e instanceof ZlibDataError)) throw e;
    throw new FormatError(`imago: png: zlib: ${e.message} at byte ${e.offset} of the zlib stream, in ${what}`, { cause: e });
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
