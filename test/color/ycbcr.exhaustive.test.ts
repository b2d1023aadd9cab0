/**
 * Exhaustive and large-sample sweeps of the colour functions, hashed and compared with the hashes
 * Go computed over the same byte streams (fixtures/model/hashes.json; each record's `layout` says
 * what the stream holds). Split over three files so the forks run them in parallel.
 */
import { describe, expect, test } from 'vitest';
import { NYCbCrA, YCbCr, rgbToYCbCr, yCbCrToRGB } from '../../src/index.js';
import { HashStream, XorShift32, expectedHash } from '../helpers/golden-model.js';

function check(name: string, fill: (s: HashStream) => void): void {
  const want = expectedHash(name);
  const s = new HashStream();
  fill(s);
  expect({ name, ...s.digest() }).toEqual({ name, bytes: want.bytes, sha256: want.sha256 });
}

describe('Y\'CbCr functions against Go, exhaustively', () => {
  test('rgbToYCbCr over all 2^24 RGB', () => {
    check('RGBToYCbCr', (s) => {
      for (let r = 0; r < 256; r++)
        for (let g = 0; g < 256; g++)
          for (let b = 0; b < 256; b++) {
            const [y, cb, cr] = rgbToYCbCr(r, g, b);
            s.u8(y);
            s.u8(cb);
            s.u8(cr);
          }
    });
  });

  test('yCbCrToRGB over all 2^24 Y\'CbCr', () => {
    check('YCbCrToRGB', (s) => {
      for (let y = 0; y < 256; y++)
        for (let cb = 0; cb < 256; cb++)
          for (let cr = 0; cr < 256; cr++) {
            const [r, g, b] = yCbCrToRGB(y, cb, cr);
            s.u8(r);
            s.u8(g);
            s.u8(b);
          }
    });
  });

  test('YCbCr.rgba() over all 2^24 colours', () => {
    check('YCbCr.RGBA', (s) => {
      for (let y = 0; y < 256; y++)
        for (let cb = 0; cb < 256; cb++)
          for (let cr = 0; cr < 256; cr++) {
            const [r, g, b, a] = new YCbCr(y, cb, cr).rgba();
            s.u16(r);
            s.u16(g);
            s.u16(b);
            s.u16(a);
          }
    });
  });

  test('NYCbCrA.rgba() over all 2^24 Y\'CbCr with a sampled alpha each', () => {
    const rng = new XorShift32(0x2545f491);
    check('NYCbCrA.RGBA', (s) => {
      for (let y = 0; y < 256; y++)
        for (let cb = 0; cb < 256; cb++)
          for (let cr = 0; cr < 256; cr++) {
            const [r, g, b, a] = new NYCbCrA(y, cb, cr, rng.u8()).rgba();
            s.u16(r);
            s.u16(g);
            s.u16(b);
            s.u16(a);
          }
    });
  });
});
