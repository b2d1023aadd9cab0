// The soak loop through imago's one-call pipeline: thumbnail(bytes, { width, height, fit:
// 'inside', format: 'jpeg', quality }) from imago/thumbnail. Unlike imago.mjs (decode at full
// size -> resize -> encode), it checks the header first and decodes the JPEG in the DCT domain at
// the largest scale that still covers the box (shrink-on-load, spec/jpeg.md), as sharp does.
//   npm run build && node --expose-gc bench/soak/imago-thumbnail.mjs
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOX, QUALITY, soak } from './common.mjs';

const dist = resolve(process.env.SOAK_DIST ?? 'dist');
const { thumbnail } = await import(pathToFileURL(`${dist}/pipeline/index.js`).href);
if (typeof thumbnail !== 'function') {
  console.error('soak: this build has no thumbnail (imago/thumbnail); nothing to measure yet');
  process.exit(2);
}

await soak('imago thumbnail()', (bytes) => thumbnail(bytes, { width: BOX, height: BOX, fit: 'inside', format: 'jpeg', quality: QUALITY }));
