/**
 * A thumbnail server in its own process, for the load test (node-server-photos.test.ts): its RSS
 * is then the server's alone, not the test client's. Run with --expose-gc. Prints
 * "LISTENING <url>" when ready. `GET /__rss` forces GC and answers { rss, heapUsed, arrayBuffers, stats }.
 */
import { createThumbnailHandler } from '../../src/serve/index.js';
import { startNodeServer } from '../../src/serve/node-server.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const tick = () => new Promise((r) => setTimeout(r, 10));
// The default registry: imago's own PNG and JPEG codecs, as `npm start` serves.
const handle = createThumbnailHandler({ maxBytes: 16 << 20 });
const { url, server } = await startNodeServer(async (req) => {
  if (new URL(req.url).pathname === '/__rss') {
    for (let i = 0; i < 4; i++) {
      await tick();
      gc();
    }
    await tick();
    const m = process.memoryUsage();
    return Response.json({ rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, stats: server.stats });
  }
  return handle(req);
});
console.log(`LISTENING ${url}`);
