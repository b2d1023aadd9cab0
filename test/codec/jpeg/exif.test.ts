import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { YCbCrImage } from '../../../src/index.js';
import { decodeJpeg, decodeJpegConfig, exifOrientation, exifWithOrientation, readJpegMetadata } from '../../../src/codec/jpeg/index.js';
import { CORPUS } from './helpers.js';

/**
 * The EXIF orientation set: one photo stored turned each of the 8 ways (plus a file with the
 * undefined value 0). The orientation read must be the one in the file name, and turning each
 * decoded image by it must give the upright picture (checked at 1/8 scale against Orientation 1).
 */

const DIR = join(CORPUS, 'jpeg/exif-orientation');

/** Display (x, y) → stored (sx, sy) for each EXIF orientation, stored size W × H. */
const STORED: Record<number, (x: number, y: number, W: number, H: number) => [number, number]> = {
  1: (x, y) => [x, y],
  2: (x, y, W) => [W - 1 - x, y],
  3: (x, y, W, H) => [W - 1 - x, H - 1 - y],
  4: (x, y, _W, H) => [x, H - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, _W, H) => [y, H - 1 - x],
  7: (x, y, W, H) => [W - 1 - y, H - 1 - x],
  8: (x, y, W) => [W - 1 - y, x],
};

describe('EXIF orientation set', () => {
  for (const kind of ['Landscape', 'Portrait']) {
    const upright = decodeJpeg(new Uint8Array(readFileSync(join(DIR, `${kind}_1.jpg`))), { scale: 1 / 8 }) as YCbCrImage;
    for (let o = 0; o <= 8; o++) {
      test(`${kind}_${o}`, () => {
        const bytes = new Uint8Array(readFileSync(join(DIR, `${kind}_${o}.jpg`)));
        const cfg = decodeJpegConfig(bytes);
        const meta = readJpegMetadata(bytes);
        // 0 is not a defined orientation: it is not reported (readers treat it as 1).
        expect(cfg.orientation).toBe(o === 0 ? undefined : o);
        expect(meta.orientation).toBe(cfg.orientation);
        expect(meta.exif).toBeInstanceOf(Uint8Array);
        const img = decodeJpeg(bytes, { scale: 1 / 8 }) as YCbCrImage;
        const W = img.rect.dx();
        const H = img.rect.dy();
        const map = STORED[cfg.orientation ?? 1];
        let sum = 0;
        for (let y = 0; y < upright.rect.dy(); y++) {
          for (let x = 0; x < upright.rect.dx(); x++) {
            const [sx, sy] = map(x, y, W, H);
            expect(sx >= 0 && sy >= 0 && sx < W && sy < H).toBe(true);
            sum += Math.abs(img.y[sy * img.yStride + sx] - upright.y[y * upright.yStride + x]);
          }
        }
        // Separately compressed, so not identical; a wrong turn gives tens of levels.
        expect(sum / (W * H)).toBeLessThan(2);
      });
    }
  }

  test('exifWithOrientation rewrites the tag in a copy, in either byte order', () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'Landscape_6.jpg')));
    const exif = readJpegMetadata(bytes).exif!;
    const fixed = exifWithOrientation(exif, 1);
    expect(exifOrientation(fixed)).toBe(1);
    expect(exifOrientation(exif)).toBe(6);
    expect(fixed.length).toBe(exif.length);
    const le = Uint8Array.from([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);
    expect(exifOrientation(le)).toBe(8);
    expect(exifOrientation(exifWithOrientation(le, 3))).toBe(3);
    // Malformed payloads have no orientation.
    expect(exifOrientation(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(exifOrientation(le.subarray(0, 12))).toBeUndefined();
  });
});
