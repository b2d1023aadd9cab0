/**
 * Model sweeps: for every colour type, every combination of edge values and 2^14 random colours
 * (including premultiplied colours with a channel above alpha, which Go accepts), hashed with
 * their rgba() and every model's convert, against the hashes Go computed.
 */
import { describe, expect, test } from 'vitest';
import {
  Alpha16Model,
  AlphaModel,
  CMYKModel,
  Gray16Model,
  GrayModel,
  NRGBA64Model,
  NRGBAModel,
  NYCbCrAModel,
  RGBA64Model,
  RGBAModel,
  YCbCrModel,
  plan9,
  webSafe,
  type Color,
  type Model,
} from '../../src/index.js';
import { HashStream, TYPE_NAMES, XorShift32, edgeProduct, encodeColor, expectedHash, randomColor } from '../helpers/golden-model.js';

const MODELS: readonly Model[] = [
  RGBAModel,
  RGBA64Model,
  NRGBAModel,
  NRGBA64Model,
  AlphaModel,
  Alpha16Model,
  GrayModel,
  Gray16Model,
  CMYKModel,
  YCbCrModel,
  NYCbCrAModel,
];

describe('model sweeps against Go', () => {
  test.each(TYPE_NAMES.map((t, i) => [t, i] as const))('%s: fields, rgba() and all 11 conversions', (type, ti) => {
    const s = new HashStream();
    const emit = (c: Color): void => {
      const [, ...f] = encodeColor(c);
      for (const v of f) s.u32(v);
      for (const v of c.rgba()) s.u32(v);
      for (const m of MODELS) {
        const [, ...g] = encodeColor(m.convert(c));
        for (const v of g) s.u32(v);
      }
    };
    edgeProduct(type, emit);
    const rng = new XorShift32((0x3c6ef372 + ti) >>> 0);
    for (let i = 0; i < 1 << 14; i++) emit(randomColor(rng, type));
    const want = expectedHash(`sweep.${type}`);
    expect(s.digest()).toEqual({ bytes: want.bytes, sha256: want.sha256 });
  });

  test('plan9.index and webSafe.index over 2^16 random colours of every type', () => {
    const s = new HashStream();
    const rng = new XorShift32(0xa54ff53a);
    for (let i = 0; i < 1 << 16; i++) {
      const c = randomColor(rng, TYPE_NAMES[i % TYPE_NAMES.length]);
      s.u8(plan9.index(c));
      s.u8(webSafe.index(c));
    }
    const want = expectedHash('palette.Index');
    expect(s.digest()).toEqual({ bytes: want.bytes, sha256: want.sha256 });
  });
});
