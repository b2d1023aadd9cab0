import { AbortError, FormatError, ImagoError, LimitError, UnsupportedError } from '../errors.js';

/**
 * Turning whatever a codec throws into an {@link ImagoError}. The registry passes every codec
 * failure through {@link asImagoError}, so a caller sees only imago's typed errors; the original
 * error is kept as `cause`.
 */

/** What the codec was doing when it failed. */
export type CodecStage = 'sniff' | 'decodeConfig' | 'decode' | 'encode';

/** Messages of the RangeErrors engines throw when an allocation fails or is too large. */
const ALLOCATION_FAILURE = /allocation failed|invalid (typed )?array length|array buffer|out of memory|cannot create a buffer larger/i;

/**
 * `err` unchanged when it is already an ImagoError; otherwise a new typed error that names the
 * format and the stage and keeps `err` as `cause`:
 * - an `AbortError` (DOMException or imago's) becomes {@link AbortError};
 * - a failed allocation (a RangeError about array lengths or memory) becomes {@link LimitError};
 * - a failure while encoding becomes {@link UnsupportedError} (the image is valid, the encoder
 *   could not write it);
 * - anything else while reading becomes {@link FormatError}: the bytes were not what the decoder
 *   could read.
 */
export function asImagoError(err: unknown, format: string, stage: CodecStage): Error {
  if (err instanceof ImagoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error || (typeof err === 'object' && err !== null) ? (err as { name?: unknown }).name : undefined;
  if (name === 'AbortError') return new AbortError(`imago: ${format} ${stage} was aborted`, { cause: err });
  if (err instanceof RangeError && ALLOCATION_FAILURE.test(message)) {
    return new LimitError(`imago: ${format} ${stage} could not allocate memory: ${message}`, { cause: err });
  }
  if (stage === 'encode') return new UnsupportedError(`imago: ${format} encoder failed: ${message}`, { cause: err });
  return new FormatError(`imago: ${format} ${stage} failed: ${message}`, { cause: err });
}

/** Throws imago's {@link AbortError} when `signal` is aborted, with the signal's reason as cause. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AbortError(`imago: ${what} was aborted`, { cause: signal.reason });
}
