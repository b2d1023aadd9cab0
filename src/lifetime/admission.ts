import { AbortError, BusyError, OptionError } from '../errors.js';

/**
 * Admission control: at most `concurrency` holders at once, at most `maxQueue` waiting for a
 * slot (first come, first served), the rest refused; a waiter can be given a longest wait.
 * Runtime-neutral (no Node built-in; `setTimeout` only for a finite longest wait).
 * The one bounded queue of the library: the thumbnail handler's requests (spec/serve.md,
 * "Admission control") and the PNG decoder's decodes from bytes (spec/png.md) both wait in one.
 */

/** Counts of an {@link Admission}, live (read them whenever; they are not snapshots). */
export interface AdmissionStats {
  /** Slots held now (≤ concurrency). */
  readonly active: number;
  /** Requests waiting for a slot now (≤ maxQueue). */
  readonly queued: number;
  /** Requests refused because the queue was full, since creation. */
  readonly rejected: number;
  /** Requests that left the queue because their signal aborted, since creation. */
  readonly abandoned: number;
  /** Requests refused because they waited their longest wait without a slot, since creation. */
  readonly timedOut: number;
}

/** Gives back a slot; calling it again does nothing. */
export type Release = () => void;

export interface Admission {
  /**
   * Takes a slot: at once when one is free, else after waiting in the queue.
   * The returned function gives it back (exactly once; later calls are ignored).
   * @throws BusyError (synchronously rejected promise) when every slot is taken and `maxQueue`
   *   are already waiting.
   * @throws AbortError when `signal` is aborted before a slot is given, or aborts while waiting;
   *   the request then leaves the queue and holds nothing.
   * @throws BusyError when `maxWait` ms (a non-negative number; default Infinity) pass in the
   *   queue without a slot; the request then leaves the queue and holds nothing.
   */
  acquire(signal?: AbortSignal, maxWait?: number): Promise<Release>;
  /**
   * Changes the number of slots and returns the previous one. Raising it wakes waiters at once;
   * lowering it lets holders finish (no slot is taken back).
   * @throws OptionError unless `n` is a positive integer or Infinity.
   */
  setConcurrency(n: number): number;
  readonly stats: AdmissionStats;
}

interface Waiter {
  resolve(release: Release): void;
}

/**
 * An {@link Admission} for `concurrency` slots and a queue of `maxQueue`.
 * `concurrency` is a positive integer; `maxQueue` a non-negative integer or `Infinity`
 * (0: refuse as soon as every slot is taken).
 * @param who the option owner named in errors, e.g. `createThumbnailHandler`.
 * @param what what waits, named in abort errors, e.g. `the request`.
 * @throws OptionError for a bad `concurrency` or `maxQueue`, naming it.
 */
export function createAdmission(concurrency: number, maxQueue: number, who = 'createAdmission', what = 'the request'): Admission {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new OptionError(`imago: ${who} option concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  if (!(maxQueue === Infinity || (Number.isSafeInteger(maxQueue) && maxQueue >= 0))) {
    throw new OptionError(`imago: ${who} option maxQueue must be a non-negative integer or Infinity, got ${String(maxQueue)}`);
  }
  let active = 0;
  let rejected = 0;
  let abandoned = 0;
  let timedOut = 0;
  // A Set keeps insertion order (FIFO) and deletes an abandoned waiter in O(1).
  const queue = new Set<Waiter>();

  /** Hands free slots to the oldest waiters (each woken with its slot already counted). */
  const drain = (): void => {
    for (const waiter of queue) {
      if (active >= concurrency) return;
      queue.delete(waiter);
      active++;
      waiter.resolve(makeRelease());
    }
  };

  const makeRelease = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      drain();
    };
  };

  return {
    acquire(signal?: AbortSignal, maxWait = Infinity): Promise<Release> {
      if (!(maxWait === Infinity || (typeof maxWait === 'number' && maxWait >= 0 && Number.isFinite(maxWait)))) {
        return Promise.reject(new OptionError(`imago: ${who} longest queue wait must be a non-negative number of ms or Infinity, got ${String(maxWait)}`));
      }
      if (signal?.aborted) return Promise.reject(new AbortError(`imago: ${what} was aborted before it was admitted`, { cause: signal.reason }));
      if (active < concurrency) {
        active++;
        return Promise.resolve(makeRelease());
      }
      if (queue.size >= maxQueue) {
        rejected++;
        return Promise.reject(new BusyError(`imago: server busy: ${active} requests working (concurrency = ${concurrency}) and ${queue.size} waiting (maxQueue = ${maxQueue})`));
      }
      return new Promise<Release>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          if (!queue.delete(waiter)) return;
          if (timer !== undefined) clearTimeout(timer);
          abandoned++;
          reject(new AbortError(`imago: ${what} was aborted while waiting for a slot`, { cause: signal!.reason }));
        };
        const waiter: Waiter = {
          resolve(release) {
            signal?.removeEventListener('abort', onAbort);
            if (timer !== undefined) clearTimeout(timer);
            resolve(release);
          },
        };
        queue.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (maxWait !== Infinity) {
          timer = setTimeout(() => {
            if (!queue.delete(waiter)) return;
            signal?.removeEventListener('abort', onAbort);
            timedOut++;
            reject(new BusyError(`imago: server busy: ${what} waited ${maxWait} ms for a slot (maxQueueWait = ${maxWait}) while ${active} worked (concurrency = ${concurrency})`));
          }, maxWait);
        }
      });
    },
    setConcurrency(n: number): number {
      if (!(n === Infinity || (Number.isSafeInteger(n) && n > 0))) {
        throw new OptionError(`imago: ${who} concurrency must be a positive integer or Infinity, got ${String(n)}`);
      }
      const previous = concurrency;
      concurrency = n;
      drain();
      return previous;
    },
    stats: {
      get active() {
        return active;
      },
      get queued() {
        return queue.size;
      },
      get rejected() {
        return rejected;
      },
      get abandoned() {
        return abandoned;
      },
      get timedOut() {
        return timedOut;
      },
    },
  };
}
