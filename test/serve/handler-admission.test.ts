/**
 * Admission control of the thumbnail handler (spec/serve.md, "Admission control"): at most
 * `concurrency` requests read, decode and resize at once; `maxQueue` wait; more get 503; a waiting
 * request whose client leaves does no work and frees its place; results do not change.
 * Instrumented through the fake format's steps: decode waits on a gate we open.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { createHandlerWith, type ErrorBody } from '../../src/serve/handler.js';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { pattern } from '../helpers/fake-codecs.js';
import { fakeFormatSteps, fakeImage } from '../helpers/fake-steps.js';
import { gatedSteps } from '../helpers/gated-steps.js';

const post = (path: string, body: BodyInit | null, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1${path}`, { method: 'POST', body, duplex: 'half', ...init } as RequestInit);
const ticks = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A body that counts how often it was pulled (0: nobody read it). */
function countedBody(bytes: Uint8Array) {
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        pulls++;
        c.enqueue(bytes);
        c.close();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

describe('admission control', () => {
  test('with concurrency 2, at most 2 decode at once, and 2 do', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 2, maxQueue: 10 });
    const pending = Array.from({ length: 6 }, (_, i) => handle(post(`/?width=${10 + i}`, fakeImage(400, 200))));
    await ticks();
    expect([g.running(), handle.load.active, handle.load.queued]).toEqual([2, 2, 4]);
    // Let them through one at a time: each freed slot goes to the next in line.
    for (let i = 0; i < 6; i++) {
      g.step();
      await ticks();
      expect(g.running()).toBeLessThanOrEqual(2);
    }
    const res = await Promise.all(pending);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(g.peak()).toBe(2);
    expect(g.started()).toBe(6);
    // First come, first served, and each got its own answer.
    expect(res.map((r) => r.headers.get('x-imago-size'))).toEqual(['10x5', '11x6', '12x6', '13x7', '14x7', '15x8']);
    expect([handle.load.active, handle.load.queued]).toEqual([0, 0]);
  });

  test('the slot is given back before the encode: a client that has not read its thumbnail holds none', async () => {
    const { steps, probe } = fakeFormatSteps();
    const handle = createHandlerWith(steps, { concurrency: 1, maxQueue: 0 });
    const a = await handle(post('/?width=100', fakeImage(400, 200)));
    const b = await handle(post('/?width=50', fakeImage(400, 200)));
    expect([a.status, b.status, probe.calls]).toEqual([200, 200, 0]);
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(pattern(50 * 25 * 4));
    expect(new Uint8Array(await a.arrayBuffer())).toEqual(pattern(100 * 50 * 4));
  });

  test('over the queue: 503 ERR_BUSY with Retry-After and the JSON error body; the body is not read', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 1, retryAfter: 3 });
    const first = handle(post('/?width=10', fakeImage(40, 20)));
    const second = handle(post('/?width=10', fakeImage(40, 20)));
    await ticks();
    const third = countedBody(fakeImage(40, 20));
    const res = await handle(post('/?width=10', third.stream));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const e = ((await res.json()) as ErrorBody).error;
    expect(e).toMatchObject({ status: 503, code: 'ERR_BUSY' });
    expect(e.message).toMatch(/concurrency = 1.*maxQueue = 1/);
    expect([third.pulls(), third.cancelled()]).toEqual([0, true]);
    expect(handle.load.rejected).toBe(1);
    g.open();
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual([200, 200]);
    expect(g.started()).toBe(2);
  });

  test('maxQueue 0 refuses as soon as every slot is taken', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 0 });
    const first = handle(post('/?width=10', fakeImage(40, 20)));
    await ticks();
    expect((await handle(post('/?width=10', fakeImage(40, 20)))).status).toBe(503);
    g.open();
    expect((await first).status).toBe(200);
    expect((await handle(post('/?width=10', fakeImage(40, 20)))).status).toBe(200);
  });

  test('a waiting request whose client leaves: 499, out of the queue, its body unread, no decode', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 4 });
    const first = handle(post('/?width=10', fakeImage(40, 20)));
    const ac = new AbortController();
    const body = countedBody(fakeImage(40, 20));
    const leaving = handle(post('/?width=10', body.stream, { signal: ac.signal }));
    const third = handle(post('/?width=12', fakeImage(40, 20)));
    await ticks();
    expect(handle.load.queued).toBe(2);
    ac.abort(new Error('client went away'));
    const res = await leaving;
    expect(res.status).toBe(499);
    expect(((await res.json()) as ErrorBody).error.code).toBe('ERR_ABORTED');
    expect([handle.load.queued, handle.load.abandoned]).toEqual([1, 1]);
    expect([body.pulls(), body.cancelled()]).toEqual([0, true]);
    g.open();
    const [a, c] = await Promise.all([first, third]);
    expect([a.status, c.status, c.headers.get('x-imago-size')]).toEqual([200, 200, '12x6']);
    // Only the two that stayed were decoded; the slot is free again.
    expect(g.started()).toBe(2);
    expect([handle.load.active, handle.load.queued]).toEqual([0, 0]);
  });

  test('a request that waits maxQueueWait ms without a slot: 503 ERR_BUSY with Retry-After, out of the queue, its body unread, no decode', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 4, maxQueueWait: 40, retryAfter: 2 });
    const first = handle(post('/?width=10', fakeImage(40, 20)));
    await ticks();
    const body = countedBody(fakeImage(40, 20));
    const t0 = performance.now();
    const res = await handle(post('/?width=10', body.stream));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35); // timers may fire a little early
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    const e = ((await res.json()) as ErrorBody).error;
    expect(e.code).toBe('ERR_BUSY');
    expect(e.message).toMatch(/waited 40 ms for a slot \(maxQueueWait = 40\)/);
    expect([body.pulls(), body.cancelled()]).toEqual([0, true]);
    expect([handle.load.queued, handle.load.timedOut, handle.load.rejected]).toEqual([0, 1, 0]);
    // A request admitted before its time is up keeps its slot however long the work takes.
    const queued = handle(post('/?width=12', fakeImage(40, 20)));
    await ticks();
    g.open();
    const [a, b] = await Promise.all([first, queued]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(g.started()).toBe(2);
    expect(handle.load.timedOut).toBe(1);
  });

  test('a client that leaves while working gives its slot back', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 4 });
    const ac = new AbortController();
    const leaving = handle(post('/?width=10', fakeImage(40, 20), { signal: ac.signal }));
    const next = handle(post('/?width=10', fakeImage(40, 20)));
    await ticks();
    ac.abort();
    g.step(); // the decode of the leaving request ends; the pipeline sees the abort
    expect((await leaving).status).toBe(499);
    g.open();
    expect((await next).status).toBe(200);
    expect([handle.load.active, handle.load.queued]).toEqual([0, 0]);
  });

  test('a declared body over maxBytes is refused with 413 before queuing, even when busy', async () => {
    const g = gatedSteps();
    const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 0, maxBytes: 1000 });
    const first = handle(post('/?width=10', fakeImage(40, 20)));
    await ticks();
    const big = countedBody(new Uint8Array(5000));
    const res = await handle(post('/?width=10', big.stream, { headers: { 'content-length': '5000' } }));
    expect(res.status).toBe(413);
    expect([big.pulls(), big.cancelled()]).toEqual([0, true]);
    expect(handle.load.rejected).toBe(0);
    g.open();
    expect((await first).status).toBe(200);
  });

  test('bad options throw OptionError naming the option', () => {
    const { steps } = fakeFormatSteps();
    for (const [opts, name] of [
      [{ concurrency: 0 }, 'concurrency'],
      [{ concurrency: 1.5 }, 'concurrency'],
      [{ concurrency: Infinity }, 'concurrency'],
      [{ concurrency: '4' as never }, 'concurrency'],
      [{ maxQueue: -1 }, 'maxQueue'],
      [{ maxQueue: NaN }, 'maxQueue'],
      [{ retryAfter: -1 }, 'retryAfter'],
      [{ retryAfter: 0.5 }, 'retryAfter'],
      [{ maxQueueWait: -1 }, 'maxQueueWait'],
      [{ maxQueueWait: 1.5 }, 'maxQueueWait'],
      [{ maxQueueWait: NaN }, 'maxQueueWait'],
    ] as const) {
      expect(() => createHandlerWith(steps, opts)).toThrow(OptionError);
      expect(() => createHandlerWith(steps, opts)).toThrow(new RegExp(`option ${name} must be`));
    }
    expect(createHandlerWith(steps, { maxQueue: Infinity, concurrency: 1, retryAfter: 0 }).load.active).toBe(0);
  });
});

describe('admission control with real photos', () => {
  test('the same thumbnails with concurrency 1 as with 8, all requests at once', async () => {
    const photo = new Uint8Array(readFileSync(new URL('../../samples/rocket.jpg', import.meta.url)));
    const run = async (concurrency: number) => {
      const handle = createThumbnailHandler({ concurrency });
      const widths = [40, 64, 100, 64, 40, 120];
      const res = await Promise.all(widths.map((w) => handle(post(`/?width=${w}&format=png`, photo))));
      expect(res.map((r) => r.status)).toEqual(widths.map(() => 200));
      return Promise.all(res.map(async (r) => new Uint8Array(await r.arrayBuffer())));
    };
    const one = await run(1);
    const eight = await run(8);
    expect(one.every((b) => b.length > 100)).toBe(true);
    expect(one).toEqual(eight);
  }, 60_000);
});
