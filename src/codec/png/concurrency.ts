import { createAdmission } from '../../lifetime/admission.js';

/**
 * How many PNG decodes from bytes may hold their pixel buffers and inflate at once.
 *
 * A decode from bytes yields to the event loop as it reads (a microtask) and every 30 ms (a timer
 * turn), so concurrent decodes interleave and, without a bound, a burst of requests would allocate
 * every output image at once (200 concurrent 1360×850 decodes: 925 MB), where a synchronous decoder
 * holds one at a time. The rest wait, holding only their header, until a decode finishes. Inflating
 * runs on the calling thread (imago's own inflater), so more at once adds memory, not speed.
 * Decodes from a stream are not counted: a slow sender must not hold up others; callers decoding
 * many streams at once bound that themselves.
 * @internal
 */

/** The default: a few decodes interleave (one runs at a time; the others wait for input or a turn). */
const DEFAULT_CONCURRENCY = 4;

/** The decodes from bytes of this module (process-wide), in imago's one bounded queue. */
const slots = createAdmission(DEFAULT_CONCURRENCY, Infinity, 'setPngDecodeConcurrency', 'png: decoding');

/**
 * Sets how many PNG decodes from bytes may run at once (default 4) and returns the previous value.
 * `Infinity` removes the bound.
 * @throws OptionError unless n is a positive integer or Infinity.
 */
export function setPngDecodeConcurrency(n: number): number {
  return slots.setConcurrency(n);
}

/**
 * Waits for a decode slot. Returns the function that gives it back (calls after the first do
 * nothing). A waiter is woken with the slot already counted as active.
 * @throws AbortError when `signal` aborts before or while waiting.
 */
export function acquireDecodeSlot(signal: AbortSignal | undefined): Promise<() => void> {
  return slots.acquire(signal);
}
