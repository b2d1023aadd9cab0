/** createAdmission on its own: slots, FIFO hand-over, double release, abort before and while waiting. */
import { describe, expect, test } from 'vitest';
import { AbortError, BusyError, OptionError } from '../../src/errors.js';
import { createAdmission } from '../../src/lifetime/admission.js';

describe('createAdmission', () => {
  test('hands freed slots to waiters in arrival order; a second release does nothing', async () => {
    const a = createAdmission(2, 10);
    const r1 = await a.acquire();
    const r2 = await a.acquire();
    const order: number[] = [];
    const w = [3, 4, 5].map((n) => a.acquire().then((r) => (order.push(n), r)));
    expect([a.stats.active, a.stats.queued]).toEqual([2, 3]);
    r1();
    r1(); // ignored: must not free a second slot
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([3]);
    expect([a.stats.active, a.stats.queued]).toEqual([2, 2]);
    r2();
    const r3 = await w[0];
    const r4 = await w[1];
    expect(order).toEqual([3, 4]);
    r3();
    r4();
    (await w[2])();
    expect(order).toEqual([3, 4, 5]);
    expect([a.stats.active, a.stats.queued]).toEqual([0, 0]);
  });

  test('refuses with BusyError when the queue is full', async () => {
    const a = createAdmission(1, 1);
    const r = await a.acquire();
    const waiting = a.acquire();
    await expect(a.acquire()).rejects.toBeInstanceOf(BusyError);
    expect(a.stats.rejected).toBe(1);
    r();
    (await waiting)();
    expect(a.stats.active).toBe(0);
  });

  test('an aborted signal: refused before waiting, or removed from the queue while waiting', async () => {
    const a = createAdmission(1, 5);
    await expect(a.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    const r = await a.acquire();
    const ac = new AbortController();
    const leaving = a.acquire(ac.signal);
    const staying = a.acquire();
    ac.abort();
    await expect(leaving).rejects.toBeInstanceOf(AbortError);
    expect([a.stats.queued, a.stats.abandoned]).toEqual([1, 1]);
    r();
    (await staying)();
    expect([a.stats.active, a.stats.queued]).toEqual([0, 0]);
  });

  test('bad sizes throw OptionError naming the option', () => {
    expect(() => createAdmission(0, 1, 'f')).toThrow(OptionError);
    expect(() => createAdmission(0, 1, 'f')).toThrow(/f option concurrency must be a positive integer, got 0/);
    expect(() => createAdmission(1, -1, 'f')).toThrow(/f option maxQueue must be a non-negative integer or Infinity, got -1/);
  });

  test('a waiter that waits maxWait ms leaves the queue with BusyError; one admitted in time clears its timer', async () => {
    const a = createAdmission(1, 10, 'test', 'the job');
    const r = await a.acquire();
    const late = a.acquire(undefined, 20);
    const onTime = a.acquire(undefined, 10_000);
    expect(a.stats.queued).toBe(2);
    await expect(late).rejects.toBeInstanceOf(BusyError);
    await expect(late).rejects.toThrow(/the job waited 20 ms for a slot \(maxQueueWait = 20\)/);
    expect([a.stats.queued, a.stats.timedOut, a.stats.rejected]).toEqual([1, 1, 0]);
    r();
    (await onTime)();
    expect([a.stats.active, a.stats.queued, a.stats.timedOut]).toEqual([0, 0, 1]);
    await expect(a.acquire(undefined, -1)).rejects.toBeInstanceOf(OptionError);
    await expect(a.acquire(undefined, NaN)).rejects.toBeInstanceOf(OptionError);
  });

  test('an abort while waiting with a longest wait counts as abandoned, never as timed out', async () => {
    const a = createAdmission(1, 10);
    const r = await a.acquire();
    const ac = new AbortController();
    const w = a.acquire(ac.signal, 30);
    ac.abort();
    await expect(w).rejects.toBeInstanceOf(AbortError);
    await new Promise((res) => setTimeout(res, 50));
    expect([a.stats.abandoned, a.stats.timedOut, a.stats.queued]).toEqual([1, 0, 0]);
    r();
  });
});
