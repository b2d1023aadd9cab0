/**
 * Laws of the buffer layout: `set` writes exactly the documented bytes at the documented offset
 * (origin, stride and byteOffset never the easy values), `at` reads them back, and nothing else in
 * the ArrayBuffer changes.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Alpha,
  Alpha16,
  Alpha16Model,
  AlphaModel,
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
  PalettedImage,
  RGBA,
  RGBA64,
  RGBA64Model,
  RGBAModel,
  type Color,
} from '../../src/index.js';
import { arbColor, arbImageCase, arbNonEmptyRect, BYTES_PER_PIXEL, TEST_PALETTE, type BufferKind } from '../helpers/arb-image.js';

const be16 = (v: number): number[] => [v >> 8, v & 0xff];

/**
 * The bytes the layout documents for colour c in an image of this kind (spec/model.md): the
 * model's conversion of c, 8-bit samples as they are, 16-bit samples big-endian. Written from the
 * spec, not from src.
 */
function expectedBytes(kind: BufferKind, c: Color): number[] {
  switch (kind) {
    case 'rgba': {
      const v = RGBAModel.convert(c) as RGBA;
      return [v.r, v.g, v.b, v.a];
    }
    case 'rgba64': {
      const v = RGBA64Model.convert(c) as RGBA64;
      return [...be16(v.r), ...be16(v.g), ...be16(v.b), ...be16(v.a)];
    }
    case 'nrgba': {
      const v = NRGBAModel.convert(c) as NRGBA;
      return [v.r, v.g, v.b, v.a];
    }
    case 'nrgba64': {
      const v = NRGBA64Model.convert(c) as NRGBA64;
      return [...be16(v.r), ...be16(v.g), ...be16(v.b), ...be16(v.a)];
    }
    case 'alpha':
      return [(AlphaModel.convert(c) as Alpha).a];
    case 'alpha16':
      return be16((Alpha16Model.convert(c) as Alpha16).a);
    case 'gray':
      return [(GrayModel.convert(c) as Gray).y];
    case 'gray16':
      return be16((Gray16Model.convert(c) as Gray16).y);
    case 'cmyk': {
      const v = CMYKModel.convert(c) as CMYK;
      return [v.c, v.m, v.y, v.k];
    }
    case 'paletted':
      return [TEST_PALETTE.index(c)];
  }
}

describe('at / set agree with the documented pix layout', () => {
  test('set(x, y, c) writes the converted colour at (y - min.y) * stride + (x - min.x) * bpp, and nothing else', () => {
    fc.assert(
      fc.property(
        arbImageCase(undefined, arbNonEmptyRect).chain((ic) =>
          fc.tuple(fc.constant(ic), fc.integer({ min: ic.img.rect.min.x, max: ic.img.rect.max.x - 1 }), fc.integer({ min: ic.img.rect.min.y, max: ic.img.rect.max.y - 1 }), arbColor),
        ),
        ([{ kind, img, whole, start }, x, y, c]) => {
          const before = whole.slice();
          img.set(x, y, c);
          const bpp = BYTES_PER_PIXEL[kind];
          const off = start + (y - img.rect.min.y) * img.stride + (x - img.rect.min.x) * bpp;
          const want = expectedBytes(kind, c);
          expect(want.length).toBe(bpp);
          expect(Array.from(whole.subarray(off, off + bpp))).toEqual(want);
          // Every other byte of the ArrayBuffer, padding included, is untouched.
          const changed: number[] = [];
          for (let i = 0; i < whole.length; i++) if ((i < off || i >= off + bpp) && whole[i] !== before[i]) changed.push(i);
          expect(changed).toEqual([]);
          expect(img.pixOffset(x, y)).toBe(off - start);
          // at reads back what the model stored.
          const m = img.colorModel();
          const stored = img instanceof PalettedImage ? TEST_PALETTE.colors[TEST_PALETTE.index(c)] : m.convert(c);
          expect(img.at(x, y)).toEqual(stored);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('set outside the bounds changes no byte', () => {
    fc.assert(
      fc.property(arbImageCase(), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), arbColor, ({ img, whole }, x, y, c) => {
        fc.pre(!(x >= img.rect.min.x && x < img.rect.max.x && y >= img.rect.min.y && y < img.rect.max.y));
        const before = whole.slice();
        img.set(x, y, c);
        img.setRGBA64(x, y, new RGBA64(1, 2, 3, 4));
        img.storeRGBA64(x, y, 5, 6, 7, 8);
        expect(whole).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  test('at reads the documented bytes: decoding pix by hand gives at(x, y).rgba()', () => {
    const decode = (kind: BufferKind, p: Uint8Array, i: number): Color => {
      const u16 = (k: number): number => (p[i + k] << 8) | p[i + k + 1];
      switch (kind) {
        case 'rgba':
          return new RGBA(p[i], p[i + 1], p[i + 2], p[i + 3]);
        case 'rgba64':
          return new RGBA64(u16(0), u16(2), u16(4), u16(6));
        case 'nrgba':
          return new NRGBA(p[i], p[i + 1], p[i + 2], p[i + 3]);
        case 'nrgba64':
          return new NRGBA64(u16(0), u16(2), u16(4), u16(6));
        case 'alpha':
          return new Alpha(p[i]);
        case 'alpha16':
          return new Alpha16(u16(0));
        case 'gray':
          return new Gray(p[i]);
        case 'gray16':
          return new Gray16(u16(0));
        case 'cmyk':
          return new CMYK(p[i], p[i + 1], p[i + 2], p[i + 3]);
        case 'paletted':
          return TEST_PALETTE.colors[p[i]];
      }
    };
    fc.assert(
      fc.property(arbImageCase(undefined, arbNonEmptyRect), ({ kind, img, whole, start }) => {
        const r = img.rect;
        for (let y = r.min.y; y < r.max.y; y++) {
          for (let x = r.min.x; x < r.max.x; x++) {
            const off = start + (y - r.min.y) * img.stride + (x - r.min.x) * BYTES_PER_PIXEL[kind];
            expect(img.at(x, y)).toEqual(decode(kind, whole, off));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
