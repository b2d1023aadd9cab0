import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RGBAImage, rect } from '../../src/index.js';

// pngjs has no bundled types; load it untyped (the codec adapters own its typing).
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
};

/**
 * Decodes a PNG file to an RGBAImage of its bytes. Only for opaque PNGs (RGB), whose RGBA bytes
 * are already premultiplied; this is what Go's image/png returns for them (*image.RGBA).
 */
export function readOpaquePNG(file: string | URL): RGBAImage {
  const png = PNG.sync.read(readFileSync(file));
  return new RGBAImage(rect(0, 0, png.width, png.height), new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length));
}
