import type { Limits } from '../codec/codec.js';
import { AbortError, BusyError, FormatError, ImagoError, LimitError, OptionError, UnsupportedError } from '../errors.js';
import { checkThumbnailOptions, type ThumbnailOptions } from '../pipeline/options.js';
import { prepareThumbnailWith, UnknownFormatError, type PreparedThumbnail, type ThumbnailSteps } from '../pipeline/run.js';
import { toResponse } from '../stream/response.js';
import { parseThumbnailQuery } from './query.js';
import { createAdmission, type AdmissionStats, type Release } from '../lifetime/admission.js';
import { checkDeclaredLength, readBody } from './read-body.js';

/**
 * The fetch-style thumbnail handler: `(req: Request) => Promise<Response>`, the signature Deno,
 * Bun, workerd and Node (through src/serve/node-server.ts) all serve. No Node built-in.
 * See spec/serve.md.
 */

/**
 * The largest request body by default: 16 MiB, above any phone photo (a 20-megapixel JPEG is
 * 5 to 10 MB) and well inside a 128 MB function.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Decode limits by default: 25 million pixels (a 20-megapixel photo fits; a full decode of that
 * is 100 MB as RGBA, but JPEGs shrink on load to 1/8 for small thumbnails).
 */
export const DEFAULT_HANDLER_LIMITS: Readonly<Omit<Limits, 'maxBytes'>> = Object.freeze({
  maxPixels: 25_000_000,
  maxWidth: 65_535,
  maxHeight: 65_535,
});

/**
 * Thumbnails worked on at once by default: 4. A request's work (its body, the decoded source, the
 * resized copy) is the memory that matters: 2 MB photos cost about 8 MB each in flight (200 at
 * once peaked at 505 to 531 MB RSS; 8 at once at 116 MB, spec/serve.md). JavaScript runs one
 * decode at a time anyway, so more slots add no throughput, only memory; 4 keeps request bodies
 * uploading while another decodes and leaves a 128 MB function room for a large photo or two.
 */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Requests allowed to wait for a slot by default: 256. A waiting request holds its connection and
 * at most the transport's read buffer (about 16 KB in Node; its body is not read while it waits),
 * so 256 cost a few MB; beyond that it is better to answer 503 at once than to keep a client
 * waiting many seconds (256 / 4 slots = 64 rounds of work).
 */
export const DEFAULT_MAX_QUEUE = 256;

/**
 * The longest a request waits for a slot by default, in ms: 30 s, past which most clients and
 * proxies have given up (a platform's own request timeout is often about that), so a 503 with
 * `Retry-After` serves them better than a slot they will not use.
 */
export const DEFAULT_MAX_QUEUE_WAIT = 30_000;

/** The `Retry-After` of a 503 by default, in seconds. */
export const DEFAULT_RETRY_AFTER = 1;

export interface ThumbnailHandlerOptions {
  /**
   * At most this many requests read their body, decode and resize at once (a positive integer;
   * default {@link DEFAULT_CONCURRENCY}). The slot is given back once the thumbnail is ready,
   * before it is encoded as the client reads it (spec/serve.md, "Admission control").
   */
  concurrency?: number;
  /**
   * At most this many requests wait for a slot (FIFO; a non-negative integer or `Infinity`;
   * default {@link DEFAULT_MAX_QUEUE}). One more is answered 503 `ERR_BUSY` with `Retry-After`.
   */
  maxQueue?: number;
  /**
   * The longest a request waits in the queue, in ms (a non-negative integer or `Infinity`; default
   * {@link DEFAULT_MAX_QUEUE_WAIT}); then it is answered 503 `ERR_BUSY` with `Retry-After`, its
   * body unread, as if the queue had been full.
   */
  maxQueueWait?: number;
  /** The `Retry-After` of a 503, in whole seconds (≥ 0); default {@link DEFAULT_RETRY_AFTER}. */
  retryAfter?: number;
  /** The largest request body in bytes; never more is buffered. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBytes?: number;
  /** Decode limits; unset fields keep {@link DEFAULT_HANDLER_LIMITS}. `maxBytes` is the option above. */
  limits?: Partial<Omit<Limits, 'maxBytes'>>;
  /** Options used when the query string does not give them, e.g. `{ width: 320, format: 'jpeg' }`. */
  defaults?: Omit<ThumbnailOptions, 'signal' | 'limits'>;
  /** Headers added to every successful response (e.g. `cache-control`). */
  headers?: HeadersInit;
  /** Called with every unexpected error (those answered 500), e.g. for logging. */
  onError?: (err: unknown, req: Request) => void;
}

/** A fetch handler with its admission counts (live), e.g. for a health check. */
export type ThumbnailHandler = ((req: Request) => Promise<Response>) & { readonly load: AdmissionStats };

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { status: number; code: string; message: string };
}

/**
 * Makes a handler that answers a `POST` (or `PUT`) whose body is an image with its thumbnail,
 * options in the query string (`?width=320&format=jpeg&quality=80`). The thumbnail is streamed:
 * it is encoded while the client reads it. The handler never rejects; every failure is a response:
 *
 * | status | when |
 * |---|---|
 * | 400 | a bad query parameter or option, an empty or malformed body, corrupt image data |
 * | 405 | a method other than POST or PUT |
 * | 413 | a body over `maxBytes`, or an image (header) or output over the limits |
 * | 415 | bytes no codec recognises, or a recognised image using an unsupported feature |
 * | 499 | the client went away (the request's signal aborted), also while it waited for a slot |
 * | 500 | anything else (reported to `onError`) |
 * | 503 | `concurrency` requests working and `maxQueue` waiting, or `maxQueueWait` ms waited (with `Retry-After`) |
 *
 * @throws OptionError, at creation, for bad handler options.
 */
export function createHandlerWith(steps: ThumbnailSteps, opts: ThumbnailHandlerOptions = {}): ThumbnailHandler {
  const {
    maxBytes = DEFAULT_MAX_BODY_BYTES,
    limits: limitOpts,
    defaults = {},
    headers,
    onError,
    concurrency = DEFAULT_CONCURRENCY,
    maxQueue = DEFAULT_MAX_QUEUE,
    retryAfter = DEFAULT_RETRY_AFTER,
    maxQueueWait = DEFAULT_MAX_QUEUE_WAIT,
  } = opts;
  if (!(maxQueueWait === Infinity || (Number.isSafeInteger(maxQueueWait) && maxQueueWait >= 0))) {
    throw new OptionError(`imago: createThumbnailHandler option maxQueueWait must be a non-negative integer (ms) or Infinity, got ${String(maxQueueWait)}`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new OptionError(`imago: createThumbnailHandler option maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  if (limitOpts !== undefined && (limitOpts === null || typeof limitOpts !== 'object')) {
    throw new OptionError('imago: createThumbnailHandler option limits must be an object');
  }
  if ((limitOpts as Partial<Limits> | undefined)?.maxBytes !== undefined) {
    throw new OptionError('imago: createThumbnailHandler takes the byte limit as option maxBytes, not limits.maxBytes');
  }
  const limits: Partial<Limits> = { ...DEFAULT_HANDLER_LIMITS, ...limitOpts, maxBytes };
  // Defaults must be valid on their own terms (a width may still come from the query).
  checkThumbnailOptions({ width: 1, ...defaults });
  const extraHeaders = new Headers(headers);
  const admission = createAdmission(concurrency, maxQueue, 'createThumbnailHandler');
  if (!Number.isSafeInteger(retryAfter) || retryAfter < 0) {
    throw new OptionError(`imago: createThumbnailHandler option retryAfter must be a non-negative integer (seconds), got ${String(retryAfter)}`);
  }
  const retryHeader = { 'retry-after': String(retryAfter) };

  const handleThumbnail = async function handleThumbnail(req: Request): Promise<Response> {
    try {
      if (req.method !== 'POST' && req.method !== 'PUT') {
        await req.body?.cancel().catch(() => {});
        return errorResponse(405, 'ERR_METHOD', `imago: use POST or PUT with the image as the body, not ${req.method}`, { allow: 'POST, PUT' });
      }
      const query = parseThumbnailQuery(new URL(req.url).searchParams);
      const options = checkThumbnailOptions({ ...defaults, ...query, limits, signal: req.signal });
      // A requested output format is checked before the body is read: unknown is a bad parameter.
      if (options.format !== undefined) {
        try {
          steps.encoder(options.format, undefined);
        } catch (err) {
          if (err instanceof UnsupportedError) throw new OptionError(`imago: query parameter format: ${err.message}`, { cause: err });
          throw err;
        }
      }

      // A declared length over maxBytes is refused before queuing; a waiting request's body is
      // not read (the transport holds what has arrived), so waiting buffers nothing.
      await checkDeclaredLength(req, maxBytes);
      let release: Release;
      try {
        release = await admission.acquire(req.signal, maxQueueWait);
      } catch (err) {
        await req.body?.cancel().catch(() => {});
        throw err;
      }
      let prepared: PreparedThumbnail | undefined;
      try {
        let body: Uint8Array | undefined = await readBody(req, maxBytes, req.signal);
        if (body.length === 0) throw new OptionError('imago: the request body is empty; send the image as the body');
        prepared = await prepareThumbnailWith(steps, body, options);
        body = undefined; // the input is not needed while the client reads the output
      } finally {
        // The body and the decoded source are gone; the thumbnail is encoded as the client reads
        // it, which must not hold a slot (a slow client would hold it for minutes).
        release();
      }
      const { image, codec, source } = prepared;
      prepared = undefined;
      const h = new Headers(extraHeaders);
      h.set('x-imago-source', `${source.format} ${source.width}x${source.height}`);
      h.set('x-imago-size', `${image.bounds().dx()}x${image.bounds().dy()}`);
      const codecOpts = options.quality === undefined ? {} : { quality: options.quality };
      return toResponse(image, codec, { ...codecOpts, signal: req.signal, headers: h });
    } catch (err) {
      return respondToError(err, req, onError, retryHeader);
    }
  };
  return Object.assign(handleThumbnail, { load: admission.stats });
}

function respondToError(err: unknown, req: Request, onError: ThumbnailHandlerOptions['onError'], retryHeader: Record<string, string>): Response {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof BusyError) return errorResponse(503, err.code, message, retryHeader);
  if (err instanceof OptionError) return errorResponse(400, err.code, message);
  if (err instanceof LimitError) return errorResponse(413, err.code, message);
  if (err instanceof UnknownFormatError) return errorResponse(415, err.code, message);
  if (err instanceof UnsupportedError) return errorResponse(415, err.code, message);
  if (err instanceof FormatError) return errorResponse(400, err.code, message);
  if (err instanceof AbortError || req.signal?.aborted) return errorResponse(499, 'ERR_ABORTED', 'imago: the client closed the request');
  onError?.(err, req);
  const code = err instanceof ImagoError ? (err as ImagoError).code : 'ERR_INTERNAL';
  return errorResponse(500, code, 'imago: internal error');
}

function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error: { status, code, message } };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
