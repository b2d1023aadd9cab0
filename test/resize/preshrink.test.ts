import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { OptionError, RGBAImage, rect } from '../../src/index.js';
import { BiLinear, Box, BoxKernel, CatmullRom, KernelScaler, Lanczos3, resize, type Scaler } from '../../src/resize/index.js';
import { blockShrink } from '../../src/resize/shrink.js';
import { makeImage } from './arb.js';
import { readOpaquePNG } from './png.js';

/**
 * resize({ preshrink: true }): block means by an integer factor, then the kernel (libvips' shrink). It is
 * an approximation; these tests bound its distance from the exact kernel on a real photo and
 * check that it is really taken (and only when the option asks for it).
 */

const photo = readOpaquePNG(new URL('../../../shared/corpus/photos/skimage-astronaut.png', import.meta.url));

/** Mean and max absolute difference per byte of two equal-size images. */
function diff(a: Uint8Array, b: Uint8Array): { mean: number; max: number } {
  expect(a.length).toBe(b.length);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.length, max };
}

describe('preshrink', () => {
  const cases: Array<[string, Scaler, number, number]> = [
    ['Lanczos3', Lanczos3, 64, 48],
    ['Lanczos3', Lanczos3, 100, 77],
    ['CatmullRom', CatmullRom, 64, 48],
    ['BiLinear', BiLinear, 64, 48],
    ['BiLinear', BiLinear, 100, 77],
    ['Lanczos3', Lanczos3, 50, 50],
  ];
  for (const [name, k, w, h] of cases) {
    test(`${name} 512x512 -> ${w}x${h}: close to the exact kernel, and not identical (it is taken)`, () => {
      const exact = resize(photo, { width: w, height: h, kernel: k });
      const fast = resize(photo, { width: w, height: h, kernel: k, preshrink: true });
      const d = diff(exact.pix, fast.pix);
      // The bound stated in spec/resize.md: mean < 1 level, max <= 16 levels (of 255; the largest
      // differences are in the last row or column when f does not divide the size).
      expect(d.max).toBeGreaterThan(0);
      expect(d.mean).toBeLessThan(1);
      expect(d.max).toBeLessThanOrEqual(16);
    });
  }

  test('is the documented two steps: block means by f = floor(s / 2d), then the kernel placed on the original grid', () => {
    // 512 / (2 · 64) = 4 and 512 / (2 · 48) = 5.33 → f = (4, 5); mid = 128 × 103 (the last row of
    // blocks 2 pixels high), standing for 512 / 4 × 512 / 5 = 128 × 102.4 block widths.
    const mid = blockShrink(photo, photo.rect, 4, 5);
    expect([mid.rect.dx(), mid.rect.dy()]).toEqual([128, 103]);
    const want = new RGBAImage(rect(0, 0, 64, 48));
    new KernelScaler(Lanczos3, 64, 48, 128, 103, 128, 102.4).scale(want, want.rect, mid, mid.rect, 'src');
    expect(resize(photo, { width: 64, height: 48, kernel: Lanczos3, preshrink: true }).pix).toEqual(want.pix);
    // Where f divides the size the span is the mid size: the kernel scales the block means as is.
    const mid2 = blockShrink(photo, photo.rect, 4, 4);
    const want2 = new RGBAImage(rect(0, 0, 64, 64));
    CatmullRom.scale(want2, want2.rect, mid2, mid2.rect, 'src');
    expect(resize(photo, { width: 64, height: 64, kernel: CatmullRom, preshrink: true }).pix).toEqual(want2.pix);
  });

  test('takes the kernel of a KernelScaler, and leaves Box (any instance) and non-kernel scalers alone', () => {
    const viaScaler = resize(photo, { width: 64, height: 48, kernel: Lanczos3.newScaler(64, 48, 512, 512), preshrink: true });
    expect(viaScaler.pix).toEqual(resize(photo, { width: 64, height: 48, kernel: Lanczos3, preshrink: true }).pix);
    const box = new BoxKernel();
    expect(resize(photo, { width: 64, height: 48, kernel: box, preshrink: true }).pix).toEqual(resize(photo, { width: 64, height: 48, kernel: Box }).pix);
    expect(resize(photo, { width: 64, height: 48, kernel: 'nearest', preshrink: true }).pix).toEqual(resize(photo, { width: 64, height: 48, kernel: 'nearest' }).pix);
  });

  test('changes nothing below a 2x reduction, nor for Box', () => {
    const a = resize(photo, { width: 300, height: 260, kernel: Lanczos3, preshrink: true });
    expect(a.pix).toEqual(resize(photo, { width: 300, height: 260, kernel: Lanczos3 }).pix);
    const b = resize(photo, { width: 50, height: 40, preshrink: true });
    expect(b.pix).toEqual(resize(photo, { width: 50, height: 40 }).pix);
  });

  test('laws: a uniform source stays uniform, an opaque one stays opaque (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Scaler>(BiLinear, CatmullRom, Lanczos3),
        fc.integer({ min: 8, max: 90 }),
        fc.integer({ min: 8, max: 90 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (kernel, sw, sh, dw, dh, [r, g, b, a], seed) => {
          const c = [Math.min(r, a), Math.min(g, a), Math.min(b, a), a];
          const u = new RGBAImage(rect(0, 0, sw, sh));
          for (let i = 0; i < u.pix.length; i += 4) u.pix.set(c, i);
          const out = resize(u, { width: dw, height: dh, kernel, preshrink: true });
          for (let i = 0; i < out.pix.length; i += 4) expect([...out.pix.subarray(i, i + 4)]).toEqual(c);
          const o = makeImage('rgba-opaque', rect(0, 0, sw, sh), seed);
          const oo = resize(o, { width: dw, height: dh, kernel, preshrink: true });
          for (let i = 3; i < oo.pix.length; i += 4) expect(oo.pix[i]).toBe(0xff);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('rejects a non-boolean', () => {
    expect(() => resize(photo, { width: 10, preshrink: 1 as unknown as boolean })).toThrow(OptionError);
    expect(() => resize(photo, { width: 10, preshrink: 1 as unknown as boolean })).toThrow(/preshrink/);
  });
});
