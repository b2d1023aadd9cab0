/**
 * Streaming through the Node server on 127.0.0.1 with instrumented stages (the fake text format),
 * so the server's buffers can be watched: a slow client, a client that disconnects. The same
 * scenarios over real photos are in node-server-photos.test.ts.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHandlerWith } from '../../src/serve/handler.js';
import { startNodeServer } from '../../src/serve/node-server.js';
import { pattern, streamingCodec } from '../helpers/fake-codecs.js';
import { fakeFormatSteps, fakeImage } from '../helpers/fake-steps.js';
import { forceGC } from '../helpers/gc.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs `body` and reads the response at about `rate` bytes per second (reading `rate / 10`
 * bytes every 100 ms in paused mode, so TCP flow control throttles the server). `onTick` runs
 * after every read.
 */
function slowPost(url: string, body: Uint8Array, rate: number, onTick?: () => Promise<void>): Promise<{ status: number; bytes: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const req = request(url, { method: 'POST', headers: { 'content-length': body.length } }, (res) => {
      const parts: Buffer[] = [];
      const step = Math.max(1, Math.floor(rate / 10));
      let ended = false;
      res.on('end', () => (ended = true));
      res.on('error', reject);
      const tick = async () => {
        for (;;) {
          const chunk = (res.read(step) ?? (res.readableEnded ? null : res.read())) as Buffer | null;
          if (chunk) parts.push(chunk);
          if (ended || res.readableEnded) break;
          if (onTick) await onTick();
          await sleep(100);
        }
        resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(parts), ms: Date.now() - t0 });
      };
      res.pause();
      res.once('readable', () => void tick().catch(reject));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Node server on 127.0.0.1 (instrumented stages)', () => {
  const oneShot = fakeFormatSteps();
  let server: Awaited<ReturnType<typeof startNodeServer>>;
  beforeAll(async () => {
    server = await startNodeServer(createHandlerWith(oneShot.steps));
  });
  afterAll(() => server.close());

  test('a client reading at 16 KB/s gets the whole thumbnail; meanwhile the server holds one encoded image and no source', async () => {
    // 300 × 40 output = 48,000 bytes: three seconds at 16 KB/s.
    const alive: number[] = [];
    const sourceAlive: boolean[] = [];
    const res = await slowPost(`${server.url}/?width=300`, fakeImage(3000, 400), 16 * 1024, async () => {
      await forceGC();
      alive.push(oneShot.probe.outputs.filter((r) => r.deref() !== undefined).length);
      sourceAlive.push(oneShot.seen.sources.some((r) => r.deref() !== undefined));
    });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(Buffer.from(pattern(48_000)))).toBe(true);
    expect(res.ms).toBeGreaterThan(1500); // it really was slow
    expect(alive.length).toBeGreaterThan(5);
    expect(Math.max(...alive)).toBeLessThanOrEqual(1);
    expect(sourceAlive.every((a) => !a)).toBe(true);
    await forceGC();
    expect(oneShot.probe.outputs.filter((r) => r.deref() !== undefined)).toEqual([]);
  });

  test('error statuses reach a Node client with their JSON body, and the connection closes on early answers', async () => {
    const res = await slowPost(`${server.url}/?width=abc`, fakeImage(10, 10), 1e6);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.bytes.toString()).error.code).toBe('ERR_OPTION');
    const big = await slowPost(`${server.url}/?width=10`, fakeImage(100_000, 100_000), 1e6);
    expect(big.status).toBe(413);
  });
});

describe('Node server: a client that disconnects mid-stream', () => {
  test('cancels the encode and the server releases that request\'s buffers', async () => {
    const streaming = streamingCodec(64 * 1024);
    const { steps } = fakeFormatSteps({ out: streaming.codec });
    const server = await startNodeServer(createHandlerWith(steps));
    try {
      // 4000 × 2000 × 4 = 32 MB of output in 64 KiB chunks: far more than socket buffers hold.
      const received = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/?width=4000&height=2000&fit=fill`, { method: 'POST' }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => {
            n += c.length;
            if (n >= 256 * 1024) {
              req.destroy(); // the client goes away
              resolve(n);
            }
          });
          res.on('error', () => {});
        });
        req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
        req.end(fakeImage(4000, 2000));
      });
      expect(received).toBeGreaterThanOrEqual(256 * 1024);
      for (let i = 0; i < 50 && server.server.stats.disconnected === 0; i++) await sleep(20);
      expect(server.server.stats.disconnected).toBe(1);
      expect(server.server.stats.inFlight).toBe(0);
      await sleep(50);
      expect(streaming.probe.cancelled).toBe(true);
      expect(streaming.probe.lastSignal!.aborted).toBe(true);
      expect(streaming.probe.produced).toBeLessThan(488); // 32 MB / 64 KiB = 489 chunks: stopped early
      await forceGC();
      expect(streaming.probe.chunks.filter((c) => c.deref() !== undefined)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
