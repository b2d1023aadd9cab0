/**
 * A thumbnail server in its own process, for the load test (node-server-photos.test.ts): its RSS
 * is then the server's alone, not the test client's. Run with --expose-gc. Prints
 * "LISTENING <url>" when ready. `GET /__rss` forces GC and answers
 * { rss, maxRss, heapUsed, heapTotal, v8Physical, arrayBuffers, external, mallocHeap, anonymous, stats }:
 * v8Physical is the memory V8's heap spaces hold (resident), mallocHeap the main glibc arena
 * ([heap] in /proc/self/smaps) and anonymous every other anonymous mapping (V8's pages, glibc's
 * other arenas and its mmapped blocks), so that RSS growth can be told apart by owner.
 */
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { startNodeServer } from '../../src/serve/node-server.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const tick = () => new Promise((r) => setTimeout(r, 10));

/** Resident bytes of the main malloc arena ([heap]) and of all anonymous mappings, from smaps. */
function smaps(): { mallocHeap: number; anonymous: number } {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return { mallocHeap: -1, anonymous: -1 }; // not Linux
  }
  let kind: 'heap' | 'anon' | 'other' = 'other';
  const out = { mallocHeap: 0, anonymous: 0 };
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) kind = head[1] === '[heap]' ? 'heap' : head[1] === '' ? 'anon' : 'other';
    else if (line.startsWith('Rss:') && kind !== 'other') {
      const kb = Number(/(\d+)/.exec(line)![1]) * 1024;
      if (kind === 'heap') out.mallocHeap += kb;
      else out.anonymous += kb;
    }
  }
  return out;
}

// The default registry (imago's own PNG and JPEG codecs) and the default admission control
// (concurrency 4, maxQueue 256: 200 at once all get served), as `npm start` serves.
const handle = createThumbnailHandler({ maxBytes: 16 << 20 });
const { url, server } = await startNodeServer(async (req) => {
  if (new URL(req.url).pathname === '/__rss') {
    for (let i = 0; i < 4; i++) {
      await tick();
      gc();
    }
    await tick();
    const m = process.memoryUsage();
    const v8Physical = getHeapSpaceStatistics().reduce((n, s) => n + s.physical_space_size, 0);
    return Response.json({ rss: m.rss, maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: m.heapUsed, heapTotal: m.heapTotal, v8Physical, arrayBuffers: m.arrayBuffers, external: m.external, ...smaps(), stats: server.stats });
  }
  return handle(req);
});
console.log(`LISTENING ${url}`);
