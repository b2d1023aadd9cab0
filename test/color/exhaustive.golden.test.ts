/**
 * Exhaustive and large-sample sweeps of the colour functions, hashed and compared with the hashes
 * Go computed over the same byte streams (fixtures/model/hashes.json; each record's `layout` says
 * what the stream holds).
 */
import { describe, expect, test } from 'vitest';
import {
  CMYK,
  GrayModel,
  Gray16Model,
  NRGBA,
  NRGBA64,
  NRGBA64Model,
  NRGBAModel,
  NYCbCrA,
  NYCbCrAModel,
  RGBA,
  RGBA64,
  YCbCr,
  cmykToRGB,
  rgbToCMYK,
  rgbToYCbCr,
  yCbCrToRGB,
  type Gray,
  type Gray16,
} from '../../src/index.js';
import { HashStream, XorShift32, encodeColor, expectedHash } from '../helpers/golden-model.js';

function check(name: string, fill: (s: HashStream) => void): void {
  const want = expectedHash(name);
  const s = new HashStream();
  fill(s);
  expect({ name, ...s.digest() }).toEqual({ name, bytes: want.bytes, sha256: want.sha256 });
}

function writeFields8(s: HashStream, c: Parameters<typeof encodeColor>[0]): void {
  const [, ...f] = encodeColor(c);
  for (const v of f) s.u8(v);
}

describe('exhaustive colour functions against Go', () => {
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

  test('NRGBA.rgba(), NRGBAModel and NYCbCrAModel over every (channel, alpha) pair', () => {
    check('NRGBA.8', (s) => {
      for (let c = 0; c < 256; c++)
        for (let a = 0; a < 256; a++) {
          for (const v of new NRGBA(c, 255 - c, c ^ 0x5a, a).rgba()) s.u16(v);
          const p = new RGBA(c, 255 - c, c ^ 0x5a, a);
          writeFields8(s, NRGBAModel.convert(p));
          writeFields8(s, NYCbCrAModel.convert(p));
        }
    });
  });

  test('NRGBA64.rgba(), NRGBA64Model and the gray models over 2^20 random 16-bit colours', () => {
    const rng = new XorShift32(0xbb67ae85);
    check('RGBA64.sample', (s) => {
      for (let i = 0; i < 1 << 20; i++) {
        const r = rng.u16();
        const g = rng.u16();
        const b = rng.u16();
        const a = rng.u16();
        for (const v of new NRGBA64(r, g, b, a).rgba()) s.u16(v);
        const c = new RGBA64(r, g, b, a);
        const n = NRGBA64Model.convert(c) as NRGBA64;
        s.u16(n.r);
        s.u16(n.g);
        s.u16(n.b);
        s.u16(n.a);
        s.u16((Gray16Model.convert(c) as Gray16).y);
        s.u8((GrayModel.convert(c) as Gray).y);
      }
    });
  });

  test('GrayModel over all 2^24 opaque RGB', () => {
    check('Gray.RGB', (s) => {
      for (let r = 0; r < 256; r++)
        for (let g = 0; g < 256; g++)
          for (let b = 0; b < 256; b++) s.u8((GrayModel.convert(new RGBA(r, g, b, 0xff)) as Gray).y);
    });
  });
});
