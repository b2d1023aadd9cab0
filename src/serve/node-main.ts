/**
 * `npm start`: the thumbnail handler on a node:http server bound to 127.0.0.1 (Node only).
 * Environment: PORT (default 8080), HOST (default 127.0.0.1).
 */
import { startNodeServer } from './node-server.js';
import { createThumbnailHandler } from './index.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const handle = createThumbnailHandler({ defaults: { width: 320 }, onError: (err) => console.error(err) });
const { url, close } = await startNodeServer(handle, { port, host, onError: (err) => console.error(err) });
console.log(`imago thumbnail server on ${url}
  curl --data-binary @samples/rocket.jpg "${url}/?width=200" -o rocket-200.jpg
  curl --data-binary @samples/landscape-exif6.jpg "${url}/?width=300&format=png" -o landscape.png
Ctrl-C stops it.`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
