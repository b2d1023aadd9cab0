/**
 * Exhaustive and large-sample sweeps of the colour functions, hashed and compared with the hashes
 * Go computed over the same byte streams (fixtures/model/hashes.json; each record's `layout` says
 * what the stream holds). Split over three files so the forks run them in parallel.
 */
import { describe, expect, test } from 'vitest';
import { CMYK, cmykToRGB, rgbToCMYK } from '../../src/index.js';
import { HashStream, XorShift32, expectedHash } from '../helpers/golden-model.js';

function check(name: string, fill: (s: HashStream) => void): void {
  const want = expectedHash(name);
  const s = new HashStream();
  fill(s);
  expect({ name, ...s.digest() }).toEqual({ name, bytes: want.bytes, sha256: want.sha256 });
}

describe('CMYK functions against Go, exhaustively', () => {
  test('rgbToCMYK over all 2^24 RGB', () => {
    check('RGBToCMYK', (s) => {
      for (let r = 0; r < 256; r++)
        for (let g = 0; g < 256; g++)
          for (let b = 0; b < 256; b++) {
            const [c, m, y, k] = rgbToCMYK(r, g, b);
            s.u8(c);
            s.u8(m);
            s.u8(y);
            s.u8(k);
          }
    });
  });

  test('cmykToRGB and CMYK.rgba() over all 2^24 (c, m, y) with a sampled k each', () => {
    const rng = new XorShift32(0x6a09e667);
    check('CMYKToRGB', (s) => {
      for (let c = 0; c < 256; c++)
        for (let m = 0; m < 256; m++)
          for (let y = 0; y < 256; y++) {
            const k = rng.u8();
            const [r, g, b] = cmykToRGB(c, m, y, k);
            s.u8(r);
            s.u8(g);
            s.u8(b);
            const rgba = new CMYK(c, m, y, k).rgba();
            for (const v of rgba) s.u16(v);
          }
    });
  });
});
