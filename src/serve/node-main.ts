/**
 * `npm start`: the thumbnail handler on a node:http server bound to 127.0.0.1 (Node only).
 * Environment (src/serve/env-options.ts): PORT (default 8080), HOST (default 127.0.0.1),
 * CONCURRENCY, MAX_QUEUE, MAX_QUEUE_WAIT, MAX_BODY_BYTES, RETRY_AFTER (default: the handler's).
 */
import { serverEnv, type ServerEnv } from './env-options.js';
import { startNodeServer } from './node-server.js';
import { createThumbnailHandler } from './index.js';

let config: ServerEnv;
try {
  config = serverEnv(process.env);
} catch (err) {
  console.error(`imago: ${(err as Error).message}`);
  process.exit(2);
}
const { port, host } = config;
const handle = createThumbnailHandler({ ...config.handler, defaults: { width: 320 }, onError: (err) => console.error(err) });
const { url, close } = await startNodeServer(handle, { port, host, onError: (err) => console.error(err) });
console.log(`imago thumbnail server on ${url}
  curl --data-binary @samples/rocket.jpg "${url}/?width=200" -o rocket-200.jpg
  curl --data-binary @samples/landscape-exif6.jpg "${url}/?width=300&format=png" -o landscape.png
Ctrl-C stops it.`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
