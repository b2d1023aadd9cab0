import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { GrayImage, RGBAImage, rect, type Image } from '../../../src/index.js';
import { decodeJpeg } from '../../../src/codec/jpeg/index.js';
import { CORPUS, readFixtureFile } from './helpers.js';

/**
 * The images Go's encoder was given in scripts/golden/jpeg: JPEG photos as decoded (our decoder
 * is bit-exact with Go's, see conformance.test.ts), PNGs as Go's image/png returns them (an opaque
 * RGB PNG is an RGBA image, a grey one a Gray image).
 */
export function goSource(file: string): Image {
  if (file.endsWith('.jpg') || file.endsWith('.jpeg')) return decodeJpeg(readFixtureFile(file));
  const png = pngjs.PNG.sync.read(readFileSync(join(CORPUS, file)));
  const r = rect(0, 0, png.width, png.height);
  const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
  if (file.includes('gray') || file.endsWith('camera.png')) {
    const g = new GrayImage(r);
    for (let i = 0; i < png.width * png.height; i++) g.pix[i] = data[4 * i];
    return g;
  }
  return new RGBAImage(r, data.slice());
}
