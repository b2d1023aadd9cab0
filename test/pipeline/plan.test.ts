import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { THUMBNAIL_FITS, type ThumbnailFit } from '../../src/pipeline/options.js';
import { planThumbnail, swapsAxes } from '../../src/pipeline/plan.js';

describe('planThumbnail', () => {
  test('width only: the height follows, rounded half up', () => {
    // 3391 × 320 / 6028 = 180.01 → 180; 6028 / 8 = 753.5 ≥ 320 and 3391 / 8 = 423.9 ≥ 180 → 1/8.
    expect(planThumbnail(6028, 3391, undefined, { width: 320, fit: 'inside' })).toEqual({
      width: 320,
      height: 180,
      resize: { width: 320, height: 180, fit: 'fill' },
      decodeScale: 1 / 8,
    });
  });

  test('height only: the width follows', () => {
    // 2560 × 100 / 1600 = 160.
    expect(planThumbnail(2560, 1600, 1, { height: 100, fit: 'cover' }).width).toBe(160);
  });

  test('orientation 6 swaps the axes: the box is transposed for the stored frame', () => {
    // Stored 4000 × 3000, upright 3000 × 4000; width 300 → height 400. Stored box 400 × 300.
    expect(planThumbnail(4000, 3000, 6, { width: 300, fit: 'inside' })).toEqual({
      width: 300,
      height: 400,
      resize: { width: 400, height: 300, fit: 'fill' },
      decodeScale: 1 / 8,
    });
  });

  test('orientations 2, 3, 4 keep the axes', () => {
    for (const o of [2, 3, 4]) expect(planThumbnail(4000, 3000, o, { width: 300, fit: 'inside' }).height).toBe(225);
  });

  test('inside: one side equals the box, exact size for resize', () => {
    expect(planThumbnail(1000, 500, undefined, { width: 300, height: 300, fit: 'inside' })).toMatchObject({
      width: 300,
      height: 150,
      resize: { width: 300, height: 150, fit: 'fill' },
    });
  });

  test('contain: the output is the box; resize centres the picture', () => {
    expect(planThumbnail(1000, 500, undefined, { width: 300, height: 300, fit: 'contain' })).toMatchObject({
      width: 300,
      height: 300,
      resize: { width: 300, height: 300, fit: 'contain' },
      decodeScale: 1 / 2, // the picture itself is 300 × 150: 1000 / 4 = 250 < 300
    });
  });

  test('cover: the decode keeps enough for the crop', () => {
    // 1000 × 500 into 100 × 100: k = max(0.1, 0.2) = 0.2, picture 200 × 100 before the crop.
    // 1/8 gives 125 < 200; 1/4 gives 250 × 125 ≥ 200 × 100.
    expect(planThumbnail(1000, 500, undefined, { width: 100, height: 100, fit: 'cover' })).toMatchObject({
      width: 100,
      height: 100,
      resize: { width: 100, height: 100, fit: 'cover' },
      decodeScale: 1 / 4,
    });
  });

  test('decode scale boundaries: 800 → 100 allows 1/8, 799 → 100 does not', () => {
    expect(planThumbnail(800, 800, undefined, { width: 100, height: 100, fit: 'fill' }).decodeScale).toBe(1 / 8);
    expect(planThumbnail(799, 799, undefined, { width: 100, height: 100, fit: 'fill' }).decodeScale).toBe(1 / 4);
  });

  test('enlarging never shrinks on load', () => {
    expect(planThumbnail(10, 10, undefined, { width: 100, height: 50, fit: 'fill' }).decodeScale).toBe(1);
  });

  test('a derived side is at least 1', () => {
    expect(planThumbnail(10000, 1, undefined, { width: 10, fit: 'inside' }).height).toBe(1);
  });

  test('swapsAxes is true for 5..8 only', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, undefined].map(swapsAxes)).toEqual([false, false, false, false, false, true, true, true, true, false, false]);
  });
});

describe('planThumbnail laws', () => {
  const side = fc.integer({ min: 1, max: 20000 });
  const box = fc.integer({ min: 1, max: 2000 });
  const fit = fc.constantFrom<ThumbnailFit>(...THUMBNAIL_FITS);
  const opts = fc.record({ width: fc.option(box, { nil: undefined }), height: fc.option(box, { nil: undefined }), fit }).filter((o) => o.width !== undefined || o.height !== undefined);

  test('a transposing orientation is the transposed plan of the upright source', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 5, max: 8 }), opts, (w, h, o, op) => {
        const a = planThumbnail(w, h, o, op);
        const b = planThumbnail(h, w, undefined, op);
        expect([a.width, a.height, a.decodeScale]).toEqual([b.width, b.height, b.decodeScale]);
        expect(a.resize).toEqual({ width: b.resize.height, height: b.resize.width, fit: b.resize.fit });
      }),
    );
  });

  test('the output respects the box: exact for fill/cover/contain, inside it for inside', () => {
    fc.assert(
      fc.property(side, side, box, box, fit, (w, h, W, H, f) => {
        const p = planThumbnail(w, h, undefined, { width: W, height: H, fit: f });
        if (f === 'inside') {
          expect(p.width <= W && p.height <= H).toBe(true);
          expect(p.width === W || p.height === H).toBe(true);
        } else expect([p.width, p.height]).toEqual([W, H]);
      }),
    );
  });

  test('the decode scale never leaves less than the output on either axis (fill)', () => {
    fc.assert(
      fc.property(side, side, box, box, (w, h, W, H) => {
        const p = planThumbnail(w, h, undefined, { width: W, height: H, fit: 'fill' });
        expect(Math.ceil(w * p.decodeScale) >= W || p.decodeScale === 1).toBe(true);
        expect(Math.ceil(h * p.decodeScale) >= H || p.decodeScale === 1).toBe(true);
      }),
    );
  });
});
