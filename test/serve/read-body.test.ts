import { describe, expect, test } from 'vitest';
import { AbortError, LimitError, OptionError } from '../../src/errors.js';
import { readBody } from '../../src/serve/read-body.js';

/** A body stream of `chunks` chunks of `size` bytes (byte i = i & 0xff), counting pulls. */
function body(chunks: number, size: number) {
  const stats = { pulls: 0, cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        stats.pulls++;
        if (sent === chunks) return c.close();
        const b = new Uint8Array(size);
        for (let i = 0; i < size; i++) b[i] = (sent * size + i) & 0xff;
        sent++;
        c.enqueue(b);
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

const post = (b: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/', { method: 'POST', body: b, headers, duplex: 'half' } as RequestInit);

describe('readBody', () => {
  test('reads a streamed body of unknown length whole', async () => {
    const { stream } = body(10, 1000);
    const out = await readBody(post(stream), 100_000);
    expect(out.length).toBe(10_000);
    expect(out.every((v, i) => v === (i & 0xff))).toBe(true);
  });

  test('with content-length, reads into one buffer of that size', async () => {
    const { stream } = body(4, 500);
    const out = await readBody(post(stream, { 'content-length': '2000' }), 100_000);
    expect(out.length).toBe(2000);
    expect(out.buffer.byteLength).toBe(2000);
    expect(out[1999]).toBe(1999 & 0xff);
  });

  test('a content-length over the limit is refused before a byte is read', async () => {
    const { stream, stats } = body(100, 1000);
    const err = await readBody(post(stream, { 'content-length': '100000' }), 50_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as Error).message).toMatch(/100000 bytes exceeds maxBytes = 50000/);
    expect(stats.pulls).toBe(0);
    expect(stats.cancelled).toBe(true);
  });

  test('a body without length stops as soon as it passes the limit: never more than the limit is kept', async () => {
    const { stream, stats } = body(1000, 1000); // 1 MB offered
    const err = await readBody(post(stream), 10_500).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect(stats.pulls).toBeLessThanOrEqual(12); // 10 kept, the 11th passes the limit
    expect(stats.cancelled).toBe(true);
  });

  test('a body longer than its content-length is refused at the excess', async () => {
    const { stream, stats } = body(100, 1000);
    await expect(readBody(post(stream, { 'content-length': '3000' }), 1_000_000)).rejects.toThrow(/longer than its content-length of 3000/);
    expect(stats.pulls).toBeLessThanOrEqual(5);
  });

  test('a body shorter than its content-length (truncated upload) is an OptionError', async () => {
    const { stream } = body(2, 1000);
    const err = await readBody(post(stream, { 'content-length': '3000' }), 1_000_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OptionError);
    expect((err as Error).message).toMatch(/ended after 2000 of the 3000 bytes/);
  });

  test('a malformed content-length is an OptionError', async () => {
    await expect(readBody(post('abc', { 'content-length': '-1' }), 100)).rejects.toBeInstanceOf(OptionError);
  });

  test('no body is an OptionError', async () => {
    await expect(readBody(new Request('http://127.0.0.1/', { method: 'POST' }), 100)).rejects.toThrow(/no body/);
  });

  test('an aborting signal cancels the read with AbortError', async () => {
    const stats = { pulls: 0, cancelled: false };
    // A slow upload: one 1000-byte chunk per timer tick, 10,000 chunks offered.
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          await new Promise((r) => setTimeout(r, 1));
          if (++stats.pulls > 10_000) return c.close();
          c.enqueue(new Uint8Array(1000));
        },
        cancel() {
          stats.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const ac = new AbortController();
    const p = readBody(post(stream), 1e9, ac.signal);
    setTimeout(() => ac.abort('gone'), 20);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(stats.cancelled).toBe(true);
    expect(stats.pulls).toBeLessThan(10_000);
  });
});
