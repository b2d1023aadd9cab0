// The same soak loop in sharp with concurrency(1): decode -> resize inside 320x320 -> JPEG q80.
//   (cd bench && npm install) && node --expose-gc bench/soak/sharp.mjs
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { BOX, QUALITY, soak } from './common.mjs';

const require = createRequire(resolve('bench/package.json'));
const sharp = require('sharp');
sharp.concurrency(1);

await soak('sharp', async (bytes) => {
  const out = await sharp(bytes).resize(BOX, BOX, { fit: 'inside' }).jpeg({ quality: QUALITY }).toBuffer();
  return out;
});
