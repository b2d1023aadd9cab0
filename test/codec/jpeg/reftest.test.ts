import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { describe, expect, test } from 'vitest';
import { FormatError, ImagoError, YCbCrImage } from '../../../src/index.js';
import { decodeJpeg } from '../../../src/codec/jpeg/index.js';
import { CORPUS, goDecodes } from './helpers.js';

/**
 * The jpeg-decoder reftest pairs: each JPEG with a PNG that ImageMagick (libjpeg) made from it.
 * jpeg-decoder's own criterion is a difference of at most 3 per channel. libjpeg interpolates
 * subsampled chroma ("fancy upsampling", triangle filter, only when the chroma plane is wider than
 * 2 samples); Go's decoder, and so ours, returns the chroma planes as they are. So the test
 * upsamples our planes as libjpeg does, converts with the JFIF equations, and then requires at most
 * 3. Files Go rejects must be rejected (conformance.test.ts checks that the error is Go's).
 */

const DIR = join(CORPUS, 'jpeg/jpeg-decoder/reftest');
const GO = new Map(goDecodes().map((d) => [d.file, d]));

function pairs(): string[] {
  const out: string[] = [];
  for (const sub of ['', 'mozilla/']) {
    for (const f of readdirSync(join(DIR, sub))) {
      if (f.endsWith('.jpg') && existsSync(join(DIR, sub, f.replace(/\.jpg$/, '.png')))) out.push(sub + f);
    }
  }
  return out.sort();
}

const DIV: Record<string, [number, number]> = { '444': [1, 1], '422': [2, 1], '420': [2, 2], '440': [1, 2], '411': [4, 1], '410': [4, 2] };

/** libjpeg's upsampling of one chroma plane to w×h (jdsample.c): h2v1/h2v2 fancy, else repeat. */
function upsample(img: YCbCrImage, plane: Uint8Array): Float64Array {
  const w = img.rect.dx();
  const h = img.rect.dy();
  const [hx, hy] = DIV[img.subsampleRatio];
  const cw = Math.ceil(w / hx);
  const ch = Math.ceil(h / hy);
  const at = (x: number, y: number): number => plane[Math.min(Math.max(y, 0), ch - 1) * img.cStride + Math.min(Math.max(x, 0), cw - 1)];
  const fancy = cw > 2 && hx === 2;
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v: number;
      const cx = x >> 1;
      if (fancy && hy === 1) {
        const far = x & 1 ? at(cx + 1, y) : at(cx - 1, y);
        v = (3 * at(cx, y) + far + (x & 1 ? 2 : 1)) >> 2;
      } else if (fancy && hy === 2) {
        const cy = y >> 1;
        const cyf = y & 1 ? cy + 1 : cy - 1;
        const col = (xx: number): number => 3 * at(xx, cy) + at(xx, cyf);
        v = (3 * col(cx) + (x & 1 ? col(cx + 1) : col(cx - 1)) + (x & 1 ? 7 : 8)) >> 4;
      } else {
        v = at(Math.floor(x / hx), Math.floor(y / hy));
      }
      out[y * w + x] = v;
    }
  }
  return out;
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

describe('jpeg-decoder reftest pairs', () => {
  for (const name of pairs()) {
    test(name, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, name)));
      const go = GO.get(`jpeg/jpeg-decoder/reftest/${name}`);
      if (go === undefined) {
        // Not a JPEG at all (mozilla/jpg-size-6x6.jpg is a PNG; the suite disables it).
        expect(bytes[0] === 0xff && bytes[1] === 0xd8).toBe(false);
        expect(() => decodeJpeg(bytes)).toThrow(FormatError);
        return;
      }
      if (go.error !== undefined) {
        expect(() => decodeJpeg(bytes)).toThrow(ImagoError);
        return;
      }
      const img = decodeJpeg(bytes);
      const ref = pngjs.PNG.sync.read(readFileSync(join(DIR, name.replace(/\.jpg$/, '.png'))));
      const w = img.rect.dx();
      const h = img.rect.dy();
      expect([ref.width, ref.height]).toEqual([w, h]);
      const cb = img instanceof YCbCrImage ? upsample(img, img.cb) : null;
      const cr = img instanceof YCbCrImage ? upsample(img, img.cr) : null;
      const c = new Uint32Array(4);
      let worst = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let rgb: number[];
          if (img instanceof YCbCrImage) {
            const Y = img.y[y * img.yStride + x];
            const B = cb![y * w + x] - 128;
            const R = cr![y * w + x] - 128;
            rgb = [clamp(Y + 1.402 * R), clamp(Y - 0.344136 * B - 0.714136 * R), clamp(Y + 1.772 * B)];
          } else {
            img.loadRGBA64(x, y, c); // grey, RGBA, and CMYK through Go's CMYK → RGB
            rgb = [c[0] >> 8, c[1] >> 8, c[2] >> 8];
          }
          const i = 4 * (y * w + x);
          for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(rgb[k] - ref.data[i + k]));
        }
      }
      expect(worst).toBeLessThanOrEqual(3);
    });
  }
});
