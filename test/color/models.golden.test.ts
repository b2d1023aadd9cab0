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
  type Model,
} from '../../src/index.js';
import { decodeColor, encodeColor, loadFixture, type EncodedColor } from '../helpers/golden-model.js';

/** Our models in the generator's order (Go's color package order). */
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

interface ColorsFixture {
  models: string[];
  colors: [color: EncodedColor, rgba: number[], converted: number[][]][];
}

const fx = loadFixture<ColorsFixture>('colors');

describe('colours and models against Go (fixtures/model/colors.json)', () => {
  test('the fixture lists the models in our order', () => {
    expect(fx.models).toEqual(['RGBA', 'RGBA64', 'NRGBA', 'NRGBA64', 'Alpha', 'Alpha16', 'Gray', 'Gray16', 'CMYK', 'YCbCr', 'NYCbCrA']);
    expect(fx.colors.length).toBeGreaterThan(400);
  });

  test.each(fx.colors.map((rec) => [rec[0].join(' '), rec] as const))('%s: rgba() equals Go RGBA()', (_, [enc, rgba]) => {
    expect(decodeColor(enc).rgba()).toEqual(rgba);
  });

  test('every model converts every colour as Go does, to the model type', () => {
    const bad: string[] = [];
    for (const [enc, , converted] of fx.colors) {
      const c = decodeColor(enc);
      MODELS.forEach((m, i) => {
        const got = encodeColor(m.convert(c));
        if (got[0] !== fx.models[i] || JSON.stringify(got.slice(1)) !== JSON.stringify(converted[i])) {
          bad.push(`${fx.models[i]}Model.convert(${enc.join(' ')}) = ${got.join(' ')}, Go: ${converted[i].join(' ')}`);
        }
      });
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
