import { AbortError, OptionError } from '../../errors.js';

/**
 * How many PNG decodes from bytes may hold their pixel buffers and inflate at once.
 *
 * A decode from bytes yields to the event loop while zlib works, so without a bound a burst of
 * requests would allocate every output image at once (200 concurrent 1360×850 decodes: 925 MB),
 * where a synchronous decoder holds one at a time. The rest wait, holding only their header, until
 * a decode finishes. Inflating runs on a small pool of threads (four in Node), so more at once would
 * add memory, not speed. Decodes from a stream are not counted: a slow sender must not hold up
 * others; callers decoding many streams at once bound that themselves.
 * @internal
 */

/** The default: the size of Node's (libuv's) default thread pool, which runs zlib. */
const DEFAULT_CONCURRENCY = 4;

let limit = DEFAULT_CONCURRENCY;
let active = 0;
const waiting: Array<() => void> = [];

/**
 * Sets how many PNG decodes from bytes may run at once (default 4) and returns the previous value.
 * `Infinity` removes the bound.
 * @throws OptionError unless n is a positive integer or Infinity.
 */
export function setPngDecodeConcurrency(n: number): number {
  if (!(n === Infinity || (Number.isSafeInteger(n) && n > 0))) {
    throw new OptionError(`imago: png: the decode concurrency must be a positive integer or Infinity, got ${String(n)}`);
  }
  const prev = limit;
  limit = n;
  while (active < limit && waiting.length > 0) {
    active++;
    waiting.shift()!();
  }
  return prev;
}

/**
 * Waits for a decode slot. Returns the function that gives it back (calls after the first do
 * nothing). A waiter is woken with the slot already counted as active.
 * @throws AbortError when `signal` aborts while waiting.
 */
export async function acquireDecodeSlot(signal: AbortSignal | undefined): Promise<() => void> {
  if (signal?.aborted) throw new AbortError('imago: png: decoding was aborted', { cause: signal.reason });
  if (active < limit) {
    active++;
    return slot();
  }
  await new Promise<void>((resolve, reject) => {
    const grant = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      const i = waiting.indexOf(grant);
      if (i >= 0) waiting.splice(i, 1);
      reject(new AbortError('imago: png: decoding was aborted while waiting for a decode slot', { cause: signal!.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    waiting.push(grant);
  });
  return slot();
}

/** Gives a slot back and wakes as many waiters as the limit allows. */
function release(): void {
  active--;
  while (active < limit && waiting.length > 0) {
    active++;
    waiting.shift()!();
  }
}

/** A release function that works once, so that a slot can never be given back twice. */
function slot(): () => void {
  let held = true;
  return () => {
    if (held) {
      held = false;
      release();
    }
  };
}
