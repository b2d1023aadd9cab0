import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CMYKImage, GrayImage, RGBAImage, YCbCrImage, chromaSize } from '../../../src/index.js';
import type { JpegImage } from '../../../src/codec/jpeg/index.js';

export const CORPUS = join(__dirname, '../../../../shared/corpus');
export const FIXTURES = join(__dirname, '../../fixtures/jpeg');

/** A corpus or fixture file by its fixture name (`encoded/…` and `crafted/…` live in the fixtures). */
export function readFixtureFile(name: string): Uint8Array {
  const p = name.startsWith('encoded/') || name.startsWith('crafted/') ? join(FIXTURES, name) : join(CORPUS, name);
  return new Uint8Array(readFileSync(p));
}

export function corpusHas(name: string): boolean {
  return existsSync(join(CORPUS, name));
}

export interface GoDecode {
  file: string;
  bytes: number;
  config: { width?: number; height?: number; colorModel?: string; error?: string; errorKind?: string };
  type?: 'YCbCr' | 'Gray' | 'CMYK' | 'RGBA';
  width?: number;
  height?: number;
  ratio?: string;
  sha256?: Record<string, string>;
  error?: string;
  errorKind?: string;
}

export function goDecodes(): GoDecode[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'go-decode.json'), 'utf8')) as GoDecode[];
}

/** SHA-256 of `rows` rows of `width` bytes, `stride` apart: the generator's planeHash. */
export function planeHash(pix: Uint8Array, stride: number, width: number, rows: number): string {
  const h = createHash('sha256');
  for (let y = 0; y < rows; y++) h.update(pix.subarray(y * stride, y * stride + width));
  return h.digest('hex');
}

/** The same hashes the generator records for a decoded image. */
export function imageHashes(img: JpegImage): { type: string; ratio?: string; sha256: Record<string, string> } {
  const r = img.rect;
  const w = r.dx();
  const h = r.dy();
  if (img instanceof YCbCrImage) {
    const [cw, ch] = chromaSize(r, img.subsampleRatio);
    return {
      type: 'YCbCr',
      ratio: img.subsampleRatio,
      sha256: {
        y: planeHash(img.y, img.yStride, w, h),
        cb: planeHash(img.cb, img.cStride, cw, ch),
        cr: planeHash(img.cr, img.cStride, cw, ch),
      },
    };
  }
  if (img instanceof GrayImage) return { type: 'Gray', sha256: { pix: planeHash(img.pix, img.stride, w, h) } };
  if (img instanceof CMYKImage) return { type: 'CMYK', sha256: { pix: planeHash(img.pix, img.stride, 4 * w, h) } };
  if (img instanceof RGBAImage) return { type: 'RGBA', sha256: { pix: planeHash(img.pix, img.stride, 4 * w, h) } };
  throw new Error('unexpected image type');
}
