/**
 * Admission control through the Node server on 127.0.0.1: over the queue a client gets 503 with
 * Retry-After (and the connection is closed, its upload unread); a waiting client that
 * disconnects leaves the queue without any work done for it.
 */
import { request } from 'node:http';
import { expect, test } from 'vitest';
import { createHandlerWith } from '../../src/serve/handler.js';
import { startNodeServer } from '../../src/serve/node-server.js';
import { fakeImage } from '../helpers/fake-steps.js';
import { gatedSteps } from '../helpers/gated-steps.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(url: string, body: Uint8Array): { done: Promise<{ status: number; headers: Record<string, unknown>; text: string }>; destroy(): void } {
  let req!: ReturnType<typeof request>;
  const done = new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    req = request(url, { method: 'POST', headers: { 'content-length': body.length } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  return { done, destroy: () => req.destroy() };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (cond()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('503 over the queue; a waiting client that disconnects does no work', async () => {
  const g = gatedSteps();
  const handle = createHandlerWith(g.steps, { concurrency: 1, maxQueue: 1, retryAfter: 2 });
  const server = await startNodeServer(handle);
  try {
    const working = post(`${server.url}/?width=10`, fakeImage(40, 20));
    await until(() => g.started() === 1, 'the first decode');
    const waiting = post(`${server.url}/?width=10`, fakeImage(40, 20));
    waiting.done.catch(() => {});
    await until(() => handle.load.queued === 1, 'the second request to queue');
    const refused = await post(`${server.url}/?width=10`, fakeImage(40, 20)).done;
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(JSON.parse(refused.text).error.code).toBe('ERR_BUSY');

    waiting.destroy();
    await until(() => handle.load.queued === 0, 'the disconnected request to leave the queue');
    expect(handle.load.abandoned).toBe(1);
    g.open();
    expect((await working.done).status).toBe(200);
    await until(() => server.server.stats.inFlight === 0, 'the server to finish');
    expect(g.started()).toBe(1);
    expect([handle.load.active, handle.load.queued, handle.load.rejected]).toEqual([0, 0, 1]);
  } finally {
    await server.close();
  }
}, 30_000);
