/**
 * Exhaustive and large-sample sweeps of the colour functions, hashed and compared with the hashes
 * Go computed over the same byte streams (fixtures/model/hashes.json; each record's `layout` says
 * what the stream holds). Split over three files so the forks run them in parallel.
 */
import { describe, expect, test } from 'vitest';
import {
  GrayModel,
  Gray16Model,
  NRGBA,
  NRGBA64,
  NRGBA64Model,
  NRGBAModel,
  NYCbCrAModel,
  RGBA,
  RGBA64,
  type Color,
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

function writeFields8(s: HashStream, c: Color): void {
  const [, ...f] = encodeColor(c);
  for (const v of f) s.u8(v);
}

describe('un-premultiplying and grey models against Go, exhaustively or on 2^20 samples', () => {
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
