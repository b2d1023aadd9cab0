// The soak loop in imago: decode (imago/codecs) -> resize (imago/resize) -> encode JPEG, one at a time.
//   npm run build && node --expose-gc bench/soak/imago.mjs
// It uses whatever decode, resize and encode the build has, and exits with code 2 (saying what
// is missing) when the build lacks one of them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOX, QUALITY, soak } from './common.mjs';

const dist = resolve(process.env.SOAK_DIST ?? 'dist');
// resize is the imago/resize entry (dist/resize/index.js); builds before it had it in the core.
const resizePath = `${dist}/resize/index.js`;
const scalers = await import(pathToFileURL(existsSync(resizePath) ? resizePath : `${dist}/index.js`).href);
const codecsPath = `${dist}/codecs.js`;
const codecs = existsSync(codecsPath) ? await import(pathToFileURL(codecsPath).href) : {};
const missing = [
  typeof codecs.decode !== 'function' && 'decode (imago/codecs)',
  typeof scalers.resize !== 'function' && 'resize (imago/resize)',
  typeof codecs.encode !== 'function' && 'encode (imago/codecs)',
].filter(Boolean);
if (missing.length > 0) {
  console.error(`soak: this build has no ${missing.join(', ')}; nothing to measure yet`);
  process.exit(2);
}

// Plain .mjs on Node 20 has no `using` syntax: dispose explicitly.
const dispose = (x) => x?.[Symbol.dispose]?.();

await soak('imago', async (bytes) => {
  const img = await codecs.decode(bytes);
  let thumb;
  try {
    thumb = scalers.resize(img, { width: BOX, height: BOX, fit: 'inside' });
  } finally {
    dispose(img);
  }
  try {
    return await codecs.encode(thumb, 'jpeg', { quality: QUALITY });
  } finally {
    dispose(thumb);
  }
});
