// imago.mjs with a BufferPool (spec/lifetime.md, "Where the pool is used"): the full-size decode
// takes its planes (and, for progressive files, its coefficient stores) from the pool, the resize
// its destination; disposing each image gives its buffer back, so the next thumbnail reuses it.
// The encoded bytes are never pooled.
//   npm run build && node --expose-gc bench/soak/imago-pool.mjs
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOX, QUALITY, soak } from './common.mjs';

const dist = resolve(process.env.SOAK_DIST ?? 'dist');
const core = await import(pathToFileURL(`${dist}/index.js`).href);
const codecs = await import(pathToFileURL(`${dist}/codecs.js`).href);
const pool = new core.BufferPool();
const dispose = (x) => x?.[Symbol.dispose]?.();

await soak(
  'imago + pool',
  async (bytes) => {
    const img = await codecs.decode(bytes, { pool });
    let thumb;
    try {
      thumb = core.resize(img, { width: BOX, height: BOX, fit: 'inside', pool });
    } finally {
      dispose(img);
    }
    try {
      return await codecs.encode(thumb, 'jpeg', { quality: QUALITY });
    } finally {
      dispose(thumb);
    }
  },
  () => ({ pool: pool.stats() }),
);
