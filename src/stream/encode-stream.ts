import type { Codec, EncodeOptions } from '../codec/codec.js';
import { AbortError, ImagoError, OptionError, UnsupportedError } from '../errors.js';
import type { Image } from '../image/image.js';
import { findEncoder, type CodecList } from './find-codec.js';

/**
 * Streaming encode: an image out as a pull-based WHATWG `ReadableStream<Uint8Array>`.
 * See spec/streaming.md.
 */

/**
 * The default chunk size when a one-shot encode is cut into chunks: 64 KiB, Node's default
 * `highWaterMark` for byte streams and a few TCP send windows; small enough that a slow client
 * holds little beyond the encoded image itself.
 */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/** Options of {@link encodeStream}. Any other field is a codec option (`quality`, ...). */
export interface EncodeStreamOptions {
  /** Where a format name is looked up (a registry). Default: the default registry of imago/codecs. */
  registry?: CodecList;
  /**
   * Aborting it errors the stream with imago's {@link AbortError} (the signal's reason as
   * `cause`), stops the codec between its stages, and releases every buffer the encode holds.
   */
  signal?: AbortSignal;
  /**
   * The size in bytes of the chunks cut from a one-shot `encode` result (a positive integer;
   * default {@link DEFAULT_CHUNK_SIZE}). A codec's own `encodeStream` chunks pass through as
   * they come.
   */
  chunkSize?: number;
  /** Codec-specific options, passed to the codec untouched. */
  [option: string]: unknown;
}

/**
 * Encodes `img` as a stream of bytes in `format` (a codec, or a codec name, MIME type or file
 * extension looked up in `opts.registry`, by default the default registry of imago/codecs).
 *
 * - **Pull-based.** Nothing is encoded before the first `read()`, and each `read()` produces at
 *   most one chunk (the stream's high-water mark is 0), so a slow consumer slows the encode
 *   instead of growing a queue.
 * - **One encoded image at most.** With a codec that has `encodeStream`, its chunks are passed
 *   through one per read. Otherwise the codec's `encode` runs once, on the first read, and the
 *   stream hands out consecutive **views** (`subarray`) of that owned result, `chunkSize` bytes
 *   each: a consumer that keeps one chunk keeps the whole encoded buffer (copy with `slice()` to
 *   keep less).
 * - **Releases early.** The stream drops `img` as soon as the codec no longer needs it (after a
 *   one-shot encode, or once the codec's stream is created), and drops the encoded buffer when
 *   the last chunk is handed out.
 * - **Cancel and abort free everything.** `cancel()` (a consumer going away) or `opts.signal`
 *   aborting cancels the codec's stream and aborts the signal the codec was given, and the stream
 *   keeps no reference to the image, the encoded bytes or the codec's stream. Its abort listener
 *   is removed when the stream ends in any way, so a long-lived signal retains nothing.
 *
 * Errors while encoding error the stream with an {@link ImagoError} (a codec's other errors
 * become {@link UnsupportedError} with the original as `cause`).
 *
 * @throws OptionError for a bad image, format or option (synchronously).
 * @throws UnsupportedError when no codec writes `format` (synchronously).
 * @throws AbortError when `opts.signal` is already aborted (synchronously).
 */
export function encodeStream(img: Image, format: string | Codec, opts: EncodeStreamOptions = {}): ReadableStream<Uint8Array> {
  checkImage(img, 'encodeStream()');
  if (opts === null || typeof opts !== 'object') throw new OptionError('imago: encodeStream() options must be an object');
  const { registry, signal, chunkSize = DEFAULT_CHUNK_SIZE, ...codecOpts } = opts;
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) {
    throw new OptionError(`imago: encodeStream() option chunkSize must be a positive integer, got ${String(chunkSize)}`);
  }
  if (signal !== undefined && !isSignal(signal)) throw new OptionError('imago: encodeStream() option signal must be an AbortSignal');
  const codec = findEncoder(format, registry, 'encodeStream()');
  if (signal?.aborted) throw new AbortError(`imago: ${codec.name} encodeStream was aborted`, { cause: signal.reason });

  // Everything the encode holds lives in these variables, and release() clears them all.
  let source: Image | undefined = img;
  let bytes: Uint8Array | undefined;
  let offset = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const internal = new AbortController();
  const onAbort = () => {
    const err = new AbortError(`imago: ${codec.name} encodeStream was aborted`, { cause: signal!.reason });
    internal.abort(err);
    reader?.cancel(err).catch(() => {});
    try {
      controller?.error(err);
    } catch {
      // Already closed or errored: nothing to report.
    }
    release();
  };
  const release = () => {
    source = undefined;
    bytes = undefined;
    reader = undefined;
    controller = undefined;
    signal?.removeEventListener('abort', onAbort);
  };
  signal?.addEventListener('abort', onAbort);
  const encodeOpts: EncodeOptions = { ...codecOpts, signal: internal.signal };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      async pull(c) {
        try {
          if (typeof codec.encodeStream === 'function') await pullFromCodecStream(c);
          else await pullFromEncode(c);
        } catch (err) {
          release();
          if (internal.signal.aborted) return; // cancelled or aborted meanwhile: already settled
          throw wrap(err, codec.name);
        }
      },
      cancel(reason) {
        internal.abort(reason);
        const r = reader;
        release();
        return r?.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );

  async function pullFromCodecStream(c: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    if (reader === undefined) {
      const inner = codec.encodeStream!(source!, encodeOpts);
      if (!(inner instanceof ReadableStream)) {
        throw new UnsupportedError(`imago: codec ${codec.name} encodeStream returned ${describe(inner)}, not a ReadableStream`);
      }
      reader = inner.getReader();
      source = undefined; // the codec's stream holds what it needs
    }
    for (;;) {
      const r = reader!;
      const { done, value } = await r.read();
      if (internal.signal.aborted) return;
      if (done) {
        release();
        c.close();
        return;
      }
      if (!(value instanceof Uint8Array)) {
        throw new UnsupportedError(`imago: codec ${codec.name} encodeStream produced ${describe(value)}, not a Uint8Array`);
      }
      if (value.length > 0) {
        c.enqueue(value);
        return;
      }
    }
  }

  async function pullFromEncode(c: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    if (bytes === undefined) {
      if (typeof codec.encode !== 'function') throw new UnsupportedError(`imago: codec ${codec.name} cannot encode`);
      const out = await codec.encode(source!, encodeOpts);
      if (internal.signal.aborted) return;
      if (!(out instanceof Uint8Array)) {
        throw new UnsupportedError(`imago: codec ${codec.name} encode returned ${describe(out)}, not a Uint8Array`);
      }
      bytes = out;
      source = undefined; // encoded: the image is no longer needed
    }
    const all = bytes;
    const end = Math.min(offset + chunkSize, all.length);
    if (end > offset) c.enqueue(all.subarray(offset, end));
    offset = end;
    if (offset >= all.length) {
      release(); // the last chunk is out: the consumer owns what remains
      c.close();
    }
  }
}

function wrap(err: unknown, codec: string): Error {
  if (err instanceof ImagoError) return err as Error;
  if (err instanceof Error && err.name === 'AbortError') {
    return new AbortError(`imago: ${codec} encodeStream was aborted`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new UnsupportedError(`imago: ${codec} encoder failed: ${message}`, { cause: err });
}

/** @throws OptionError unless img looks like an Image. */
export function checkImage(img: unknown, what: string): asserts img is Image {
  const i = img as Image | null;
  if (i === null || typeof i !== 'object' || typeof i.bounds !== 'function' || typeof i.at !== 'function') {
    throw new OptionError(`imago: ${what} needs an Image (an object with bounds(), at() and colorModel()), got ${describe(img)}`);
  }
}

function isSignal(s: unknown): s is AbortSignal {
  return typeof s === 'object' && s !== null && 'aborted' in s && typeof (s as AbortSignal).addEventListener === 'function';
}

function describe(v: unknown): string {
  return v === null ? 'null' : typeof v === 'object' ? Object.prototype.toString.call(v) : typeof v;
}
