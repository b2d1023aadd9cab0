import { afterEach, describe, expect, test } from 'vitest';
import { AbortError, OptionError } from '../../../src/errors.js';
import { acquireDecodeSlot, setPngDecodeConcurrency } from '../../../src/codec/png/concurrency.js';
import { readPng } from '../../../src/codec/png/decoder.js';
import { fixtureBytes, firstDifference } from './helpers.js';

/** The bound on concurrent decodes from bytes (spec/png.md, "Limits and decompression bombs"). */
describe('decode concurrency', () => {
  afterEach(() => {
    setPngDecodeConcurrency(4);
  });

  const flush = () => new Promise((r) => setTimeout(r, 0));

  test('slots beyond the limit wait until one is given back, in order', async () => {
    setPngDecodeConcurrency(2);
    const a = await acquireDecodeSlot(undefined);
    const b = await acquireDecodeSlot(undefined);
    const order: string[] = [];
    const c = acquireDecodeSlot(undefined).then((r) => (order.push('c'), r));
    const d = acquireDecodeSlot(undefined).then((r) => (order.push('d'), r));
    await flush();
    expect(order).toEqual([]);
    a();
    a(); // a second release of the same slot does nothing
    await flush();
    expect(order).toEqual(['c']);
    b();
    await flush();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
  });

  test('an abort while waiting rejects with AbortError and leaves the queue', async () => {
    setPngDecodeConcurrency(1);
    const a = await acquireDecodeSlot(undefined);
    const ac = new AbortController();
    const waiting = acquireDecodeSlot(ac.signal);
    const after = acquireDecodeSlot(undefined);
    ac.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    a();
    (await after)(); // the next waiter got the slot
    await expect(acquireDecodeSlot(AbortSignal.abort())).rejects.toBeInstanceOf(AbortError); // even with a free slot
  });

  test('raising the limit wakes waiters; the limit must be a positive integer or Infinity', async () => {
    setPngDecodeConcurrency(1);
    const a = await acquireDecodeSlot(undefined);
    let woke = false;
    const b = acquireDecodeSlot(undefined).then((r) => ((woke = true), r));
    await flush();
    expect(woke).toBe(false);
    expect(setPngDecodeConcurrency(Infinity)).toBe(1);
    await flush();
    expect(woke).toBe(true);
    a();
    (await b)();
    for (const bad of [0, -1, 1.5, NaN]) expect(() => setPngDecodeConcurrency(bad)).toThrow(OptionError);
  });

  test('many concurrent decodes under a limit of 1 all finish, each exactly right', async () => {
    setPngDecodeConcurrency(1);
    const bytes = fixtureBytes('go-testdata/benchRGB-interlace.png');
    const want = (await readPng(bytes)).image.pix;
    const all = await Promise.all(Array.from({ length: 12 }, () => readPng(bytes)));
    for (const { image } of all) expect(firstDifference(image.pix, want)).toBe('');
  });
});
