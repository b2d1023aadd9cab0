import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Alpha,
  Alpha16,
  Alpha16Model,
  AlphaModel,
  Black,
  CMYK,
  CMYKModel,
  Gray,
  Gray16,
  Gray16Model,
  GrayModel,
  NRGBA,
  NRGBA64,
  NRGBA64Model,
  NRGBAModel,
  NYCbCrA,
  NYCbCrAModel,
  Opaque,
  RGBA,
  RGBA64,
  RGBA64Model,
  RGBAModel,
  Transparent,
  White,
  YCbCr,
  YCbCrModel,
  cmykToRGB,
  rgbToCMYK,
  rgbToYCbCr,
  yCbCrToRGB,
  type Color,
  type Model,
} from '../../src/index.js';
import { luma16 } from '../../src/color/models.js';
import { makeColor, SHAPES, TYPE_NAMES, type TypeName } from '../helpers/golden-model.js';

const MODELS: readonly [TypeName, Model, abstract new (...a: never[]) => Color][] = [
  ['RGBA', RGBAModel, RGBA],
  ['RGBA64', RGBA64Model, RGBA64],
  ['NRGBA', NRGBAModel, NRGBA],
  ['NRGBA64', NRGBA64Model, NRGBA64],
  ['Alpha', AlphaModel, Alpha],
  ['Alpha16', Alpha16Model, Alpha16],
  ['Gray', GrayModel, Gray],
  ['Gray16', Gray16Model, Gray16],
  ['CMYK', CMYKModel, CMYK],
  ['YCbCr', YCbCrModel, YCbCr],
  ['NYCbCrA', NYCbCrAModel, NYCbCrA],
];

/** Any colour of any standard type, with arbitrary (also non-premultiplied-valid) fields. */
const anyColor: fc.Arbitrary<Color> = fc.constantFrom(...TYPE_NAMES).chain((t) => {
  const [n, wide] = SHAPES[t];
  return fc.array(fc.nat(wide ? 0xffff : 0xff), { minLength: n, maxLength: n }).map((f) => makeColor(t, f));
});

const u8 = fc.nat(0xff);
const u16 = fc.nat(0xffff);

function delta(a: number, b: number): number {
  return Math.abs(a - b);
}

describe('models: laws', () => {
  test.each(MODELS.map(([n, m, k]) => [n, m, k] as const))('%sModel.convert is idempotent and returns its own type', (_, m, k) => {
    fc.assert(
      fc.property(anyColor, (c) => {
        const once = m.convert(c);
        expect(once).toBeInstanceOf(k);
        const twice = m.convert(once);
        expect(twice).toBe(once); // a colour of the model's type is returned unchanged
        expect(twice.rgba()).toEqual(once.rgba());
      }),
      { numRuns: 300 },
    );
  });

  test('every rgba() is premultiplied 16-bit: 0 <= r, g, b <= a <= 0xffff for valid colours', () => {
    // Valid: premultiplied types with channels <= alpha; every other type is valid by construction.
    const valid = anyColor.filter((c) => !((c instanceof RGBA || c instanceof RGBA64) && (c.r > c.a || c.g > c.a || c.b > c.a)));
    fc.assert(
      fc.property(valid, (c) => {
        const [r, g, b, a] = c.rgba();
        for (const v of [r, g, b, a]) expect(Number.isInteger(v) && v >= 0 && v <= 0xffff).toBe(true);
        expect(r <= a && g <= a && b <= a).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('8-bit to 16-bit widening is ×0x101 (c << 8 | c), so 0xff becomes 0xffff', () => {
    fc.assert(
      fc.property(u8, u8, u8, u8, (r, g, b, a) => {
        expect(new RGBA(r, g, b, a).rgba()).toEqual([(r << 8) | r, (g << 8) | g, (b << 8) | b, (a << 8) | a]);
        expect(new Gray(r).rgba()).toEqual([r * 0x101, r * 0x101, r * 0x101, 0xffff]);
        expect(new Alpha(a).rgba()).toEqual([a * 0x101, a * 0x101, a * 0x101, a * 0x101]);
      }),
    );
  });

  test('16-bit to 8-bit narrowing keeps the high byte (>> 8)', () => {
    fc.assert(
      fc.property(u16, u16, u16, u16, (r, g, b, a) => {
        expect(RGBAModel.convert(new RGBA64(r, g, b, a))).toEqual(new RGBA(r >> 8, g >> 8, b >> 8, a >> 8));
        expect(AlphaModel.convert(new Alpha16(a))).toEqual(new Alpha(a >> 8));
      }),
    );
  });

  test('NRGBA premultiplies with truncation: c×0x101×a / 0xff', () => {
    fc.assert(
      fc.property(u8, u8, (c, a) => {
        expect(new NRGBA(c, c, c, a).rgba()[0]).toBe(Math.floor((c * 0x101 * a) / 0xff));
        expect(new NRGBA64(c * 0x101, 0, 0, a * 0x101).rgba()[0]).toBe(Math.floor((c * 0x101 * a * 0x101) / 0xffff));
      }),
    );
  });

  test('un-premultiplying: opaque is exact, transparent becomes all zero, else c×0xffff / a truncated', () => {
    fc.assert(
      fc.property(u8, u8, u8, u8, (r, g, b, a) => {
        expect(NRGBAModel.convert(new RGBA(r, g, b, 0xff))).toEqual(new NRGBA(r, g, b, 0xff));
        expect(NRGBAModel.convert(new RGBA(r, g, b, 0))).toEqual(new NRGBA(0, 0, 0, 0));
        if (a !== 0 && a !== 0xff) {
          const want = (c: number): number => (Math.floor((c * 0x101 * 0xffff) / (a * 0x101)) >> 8) & 0xff;
          expect(NRGBAModel.convert(new RGBA(r, g, b, a))).toEqual(new NRGBA(want(r), want(g), want(b), a));
        }
      }),
    );
  });
});

describe('facts from Go\'s docs and tests (image/color)', () => {
  test('the grey weights 19595 + 38470 + 7471 sum to 65536 (2^16), so white stays white', () => {
    const wr = luma16(1, 0, 0) - luma16(0, 0, 0);
    const wg = luma16(0, 1, 0) - luma16(0, 0, 0);
    const wb = luma16(0, 0, 1) - luma16(0, 0, 0);
    expect([wr, wg, wb]).toEqual([19595, 38470, 7471]);
    expect(wr + wg + wb).toBe(65536);
    expect(GrayModel.convert(new RGBA(0xff, 0xff, 0xff, 0xff))).toEqual(new Gray(0xff));
    expect(Gray16Model.convert(new RGBA64(0xffff, 0xffff, 0xffff, 0xffff))).toEqual(new Gray16(0xffff));
    // The weights are recovered from the primaries, minus rounding.
    expect(Gray16Model.convert(new RGBA64(0xffff, 0, 0, 0xffff))).toEqual(new Gray16(19595));
    expect(Gray16Model.convert(new RGBA64(0, 0, 0xffff, 0xffff))).toEqual(new Gray16(7471));
  });

  test('grey of a grey is that grey, at every level (8 and 16 bits)', () => {
    for (let i = 0; i < 256; i++) expect(GrayModel.convert(new RGBA(i, i, i, 0xff))).toEqual(new Gray(i));
    fc.assert(
      fc.property(u16, (v) => {
        expect(Gray16Model.convert(new RGBA64(v, v, v, 0xffff))).toEqual(new Gray16(v));
      }),
    );
  });

  test('TestYCbCrRoundtrip: RGB -> YCbCr -> RGB within 2/256 (Go\'s subset, then random points)', () => {
    const err = (r: number, g: number, b: number): number => {
      const [y, cb, cr] = rgbToYCbCr(r, g, b);
      const [r1, g1, b1] = yCbCrToRGB(y, cb, cr);
      return Math.max(delta(r, r1), delta(g, g1), delta(b, b1));
    };
    let worst = 0;
    for (let r = 0; r < 256; r += 7) for (let g = 0; g < 256; g += 5) for (let b = 0; b < 256; b += 3) worst = Math.max(worst, err(r, g, b));
    expect(worst).toBe(2); // the bound is reached, not just respected
    fc.assert(fc.property(u8, u8, u8, (r, g, b) => err(r, g, b) <= 2), { numRuns: 5000 });
  });

  test('TestYCbCrToRGBConsistency: YCbCr.rgba() >> 8 equals yCbCrToRGB', () => {
    const bad: number[][] = [];
    for (let y = 0; y < 256; y += 7)
      for (let cb = 0; cb < 256; cb += 5)
        for (let cr = 0; cr < 256; cr += 3) {
          const [r, g, b] = new YCbCr(y, cb, cr).rgba();
          const [r8, g8, b8] = yCbCrToRGB(y, cb, cr);
          if (r >> 8 !== r8 || g >> 8 !== g8 || b >> 8 !== b8) bad.push([y, cb, cr]);
        }
    expect(bad).toEqual([]);
  });

  test('TestYCbCrGray: YCbCr(i, 0x80, 0x80) equals Gray(i)', () => {
    for (let i = 0; i < 256; i++) expect(new YCbCr(i, 0x80, 0x80).rgba()).toEqual(new Gray(i).rgba());
  });

  test('TestNYCbCrAAlpha: NYCbCrA(0xff, 0x80, 0x80, i) equals Alpha(i)', () => {
    for (let i = 0; i < 256; i++) expect(new NYCbCrA(0xff, 0x80, 0x80, i).rgba()).toEqual(new Alpha(i).rgba());
  });

  test('TestNYCbCrAYCbCr: NYCbCrA(i, 0x40, 0xc0, 0xff) equals YCbCr(i, 0x40, 0xc0)', () => {
    for (let i = 0; i < 256; i++) expect(new NYCbCrA(i, 0x40, 0xc0, 0xff).rgba()).toEqual(new YCbCr(i, 0x40, 0xc0).rgba());
  });

  test('TestCMYKRoundtrip: RGB -> CMYK -> RGB within 1/256', () => {
    const err = (r: number, g: number, b: number): number => {
      const [c, m, y, k] = rgbToCMYK(r, g, b);
      const [r1, g1, b1] = cmykToRGB(c, m, y, k);
      return Math.max(delta(r, r1), delta(g, g1), delta(b, b1));
    };
    let worst = 0;
    for (let r = 0; r < 256; r += 7) for (let g = 0; g < 256; g += 5) for (let b = 0; b < 256; b += 3) worst = Math.max(worst, err(r, g, b));
    expect(worst).toBeLessThanOrEqual(1);
    fc.assert(fc.property(u8, u8, u8, (r, g, b) => err(r, g, b) <= 1), { numRuns: 5000 });
  });

  test('TestCMYKToRGBConsistency: CMYK.rgba() >> 8 equals cmykToRGB', () => {
    const bad: number[][] = [];
    for (let c = 0; c < 256; c += 7)
      for (let m = 0; m < 256; m += 5)
        for (let y = 0; y < 256; y += 3)
          for (let k = 0; k < 256; k += 11) {
            const [r, g, b] = new CMYK(c, m, y, k).rgba();
            const [r8, g8, b8] = cmykToRGB(c, m, y, k);
            if (r >> 8 !== r8 || g >> 8 !== g8 || b >> 8 !== b8) bad.push([c, m, y, k]);
          }
    expect(bad).toEqual([]);
  });

  test('TestCMYKGray: CMYK(0, 0, 0, 255 - i) equals Gray(i)', () => {
    for (let i = 0; i < 256; i++) expect(new CMYK(0, 0, 0, 255 - i).rgba()).toEqual(new Gray(i).rgba());
  });

  test('Test16BitsPerColorChannel: the 16-bit models keep 16 bits', () => {
    for (const m of [RGBA64Model, NRGBA64Model, Alpha16Model, Gray16Model]) {
      expect(m.convert(new RGBA64(0x1234, 0x1234, 0x1234, 0x1234)).rgba()[0]).toBe(0x1234);
    }
  });

  test('the standard colours', () => {
    expect(Black.rgba()).toEqual([0, 0, 0, 0xffff]);
    expect(White.rgba()).toEqual([0xffff, 0xffff, 0xffff, 0xffff]);
    expect(Transparent.rgba()).toEqual([0, 0, 0, 0]);
    expect(Opaque.rgba()).toEqual([0xffff, 0xffff, 0xffff, 0xffff]);
  });

  test('clamping: extreme chroma saturates instead of wrapping (values printed by Go 1.19)', () => {
    expect(yCbCrToRGB(0, 0, 0)).toEqual([0, 135, 0]);
    expect(yCbCrToRGB(255, 255, 255)).toEqual([255, 121, 255]);
    expect(new YCbCr(0, 0, 0).rgba()).toEqual([0, 34678, 0, 0xffff]);
    // Cb of pure blue is 2^24 >> 16 = 256 before clamping: it saturates to 255.
    expect(rgbToYCbCr(0, 0, 255)).toEqual([29, 255, 107]);
    expect(rgbToYCbCr(255, 255, 0)).toEqual([226, 1, 149]);
  });
});

describe('colour fields hold what Go\'s uint8 / uint16 fields hold', () => {
  test('8-bit fields keep the low 8 bits of an integer, 16-bit fields the low 16', () => {
    expect(new RGBA(0x1ff, 0x100, -1, 0x3ff)).toEqual(new RGBA(0xff, 0, 0xff, 0xff));
    expect(new RGBA64(0x1ffff, 0x10000, -1, 0x1ffff)).toEqual(new RGBA64(0xffff, 0, 0xffff, 0xffff));
    expect(new NRGBA(256 + 7, 0, 0, 256 + 9)).toEqual(new NRGBA(7, 0, 0, 9));
    expect(new NRGBA64(0x10007, 0, 0, 0x10009)).toEqual(new NRGBA64(7, 0, 0, 9));
    expect(new Alpha(0x101).a).toBe(1);
    expect(new Alpha16(0x10001).a).toBe(1);
    expect(new Gray(0x102).y).toBe(2);
    expect(new Gray16(0x10002).y).toBe(2);
    expect(new CMYK(0x101, 0x102, 0x103, 0x104)).toEqual(new CMYK(1, 2, 3, 4));
    expect(new YCbCr(0x101, 0x102, 0x103)).toEqual(new YCbCr(1, 2, 3));
    expect(new NYCbCrA(0x101, 0x102, 0x103, 0x104)).toEqual(new NYCbCrA(1, 2, 3, 4));
  });

  test('so rgba() stays in [0, 0xffff] whatever the constructor was given', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPE_NAMES),
        fc.array(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), { minLength: 4, maxLength: 4 }),
        (t, f) => {
          for (const v of makeColor(t, f).rgba()) expect(v >= 0 && v <= 0xffff && Number.isInteger(v)).toBe(true);
        },
      ),
    );
  });
});
