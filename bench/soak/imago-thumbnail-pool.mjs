// imago-thumbnail.mjs with a BufferPool: thumbnail(bytes, { ..., pool }) takes the decoded (1/8
// scale) and resized images from the pool and disposes them back before it returns. The bytes it
// returns are never pooled.
//   npm run build && node --expose-gc bench/soak/imago-thumbnail-pool.mjs
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOX, QUALITY, soak } from './common.mjs';

const dist = resolve(process.env.SOAK_DIST ?? 'dist');
const { BufferPool } = await import(pathToFileURL(`${dist}/index.js`).href);
const { thumbnail } = await import(pathToFileURL(`${dist}/pipeline/index.js`).href);
const pool = new BufferPool();

await soak(
  'imago thumbnail() + pool',
  (bytes) => thumbnail(bytes, { width: BOX, height: BOX, fit: 'inside', format: 'jpeg', quality: QUALITY, pool }),
  () => ({ pool: pool.stats() }),
);
