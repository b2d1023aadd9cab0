import { describe, expect, test } from 'vitest';
import { OptionError, RGBAImage, rect } from '../../src/index.js';
import { BiLinear, Box, CatmullRom, Lanczos3, resize, type Scaler } from '../../src/resize/index.js';
import { readOpaquePNG } from './png.js';

/**
 * resize({ preshrink: true }): Box by an integer factor, then the kernel (libvips' shrink). It is
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
  ];
  for (const [name, k, w, h] of cases) {
    test(`${name} 512x512 -> ${w}x${h}: close to the exact kernel, and not identical (it is taken)`, () => {
      const exact = resize(photo, { width: w, height: h, kernel: k });
      const fast = resize(photo, { width: w, height: h, kernel: k, preshrink: true });
      const d = diff(exact.pix, fast.pix);
      // The bound stated in spec/resize.md: mean < 1 level, max <= 12 levels (of 255).
      expect(d.max).toBeGreaterThan(0);
      expect(d.mean).toBeLessThan(1);
      expect(d.max).toBeLessThanOrEqual(12);
    });
  }

  test('is the documented two steps: Box by floor(s / 2d) to ceil(s / f), then the kernel', () => {
    // 512 / (2 · 64) = 4 and 512 / (2 · 48) = 5.33 → f = (4, 5); mid = 128 × 103.
    const mid = new RGBAImage(rect(0, 0, 128, 103));
    Box.scale(mid, mid.rect, photo, photo.rect, 'src');
    const want = new RGBAImage(rect(0, 0, 64, 48));
    Lanczos3.scale(want, want.rect, mid, mid.rect, 'src');
    expect(resize(photo, { width: 64, height: 48, kernel: Lanczos3, preshrink: true }).pix).toEqual(want.pix);
  });

  test('changes nothing below a 2x reduction, nor for Box', () => {
    const a = resize(photo, { width: 300, height: 260, kernel: Lanczos3, preshrink: true });
    expect(a.pix).toEqual(resize(photo, { width: 300, height: 260, kernel: Lanczos3 }).pix);
    const b = resize(photo, { width: 50, height: 40, preshrink: true });
    expect(b.pix).toEqual(resize(photo, { width: 50, height: 40 }).pix);
  });

  test('rejects a non-boolean', () => {
    expect(() => resize(photo, { width: 10, preshrink: 1 as unknown as boolean })).toThrow(OptionError);
    expect(() => resize(photo, { width: 10, preshrink: 1 as unknown as boolean })).toThrow(/preshrink/);
  });
});
