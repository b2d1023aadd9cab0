import type { Codec } from '../codec/codec.js';
import { OptionError } from '../errors.js';
import type { Image } from '../image/image.js';
import { encodeStream, type EncodeStreamOptions } from './encode-stream.js';
import { findEncoder } from './find-codec.js';

/** Options of {@link toResponse}: those of {@link encodeStream}, plus the response's own. */
export interface ToResponseOptions extends EncodeStreamOptions {
  /** The status code; default 200. */
  status?: number;
  /**
   * Extra headers. `content-type` defaults to the codec's MIME type; a `content-type` given here
   * wins.
   */
  headers?: HeadersInit;
}

/**
 * A `Response` whose body is {@link encodeStream}(img, format, opts): the encode runs as the
 * body is read, so returning it from a fetch handler streams the image with backpressure, and a
 * client that goes away cancels the body and frees the encode's buffers. No `content-length` is
 * set: the size is not known before encoding.
 * @throws as {@link encodeStream} (synchronously), and OptionError for a bad `status` or `headers`.
 */
export function toResponse(img: Image, format: string | Codec, opts: ToResponseOptions = {}): Response {
  const { status = 200, headers, ...streamOpts } = opts ?? {};
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new OptionError(`imago: toResponse() option status must be an integer from 200 to 599, got ${String(status)}`);
  }
  const codec = findEncoder(format, streamOpts.registry, 'toResponse()');
  let h: Headers;
  try {
    h = new Headers(headers);
  } catch (err) {
    throw new OptionError(`imago: toResponse() option headers is not valid: ${(err as Error).message}`);
  }
  if (!h.has('content-type')) h.set('content-type', codec.mime);
  return new Response(encodeStream(img, codec, streamOpts), { status, headers: h });
}
