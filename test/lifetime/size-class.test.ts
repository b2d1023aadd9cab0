import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sizeClass } from '../../src/index.js';

describe('sizeClass', () => {
  test('hand-derived classes: 256, then 2^k, 1.25·2^k, 1.5·2^k, 1.75·2^k', () => {
    // 1000 is in (512, 1024]: step 128, classes 640, 768, 896, 1024 -> 1024.
    const table: [number, number][] = [
      [0, 256], [1, 256], [256, 256], [257, 320], [320, 320], [321, 384], [511, 512], [512, 512],
      [513, 640], [1000, 1024], [1025, 1280], [16_384_000, 16_777_216], [16_777_217, 20_971_520],
    ];
    for (const [n, c] of table) expect(sizeClass(n), `sizeClass(${n})`).toBe(c);
  });

  test('the class holds the request and wastes less than a quarter of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 257, max: 2 ** 32 }), (n) => {
        const c = sizeClass(n);
        expect(c).toBeGreaterThanOrEqual(n);
        expect(c - n).toBeLessThan(n / 4);
      }),
    );
  });

  test('classes are fixed points and monotone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (a, b) => {
        expect(sizeClass(sizeClass(a))).toBe(sizeClass(a));
        if (a <= b) expect(sizeClass(a)).toBeLessThanOrEqual(sizeClass(b));
      }),
    );
  });
});
