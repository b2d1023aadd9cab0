import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NRGBAImage, RGBAImage, rect, type Image, type MutableImage, type Rectangle } from '../../src/index.js';
import { Box, type ScaleOp } from '../../src/resize/index.js';
import { boxRGBA32Applies } from '../../src/resize/box-rgba.js';
import { boxWeights } from '../../src/resize/fixed-weights.js';
import { fill, hideDest, hideLayout, premul } from './helpers.js';

/**
 * Box from RGBA words in one pass (src/resize/box-rgba.ts) equals the separable generic path byte
 * for byte. The reference hides the source's layout (so it is read through `at` and scaled by the
 * separable passes over 16-bit rows) and, for non-RGBA destinations, the destination's too.
 */

/** An RGBA source of sw × sh at (ox, oy) inside a padded buffer; premultiplied unless `raw`. */
function source(sw: number, sh: number, ox: number, oy: number, pad: number, seed: number, kind: 'premul' | 'raw' | 'white'): RGBAImage {
  const big = new RGBAImage(rect(ox - pad, oy - pad, ox + sw + pad, oy + sh + pad));
  if (kind === 'white') big.pix.fill(0xff);
  else fill(seed, big.pix);
  if (kind === 'premul') premul(big.pix);
  return big.subImage(rect(ox, oy, ox + sw, oy + sh)) as RGBAImage;
}

function dest(kind: 'rgba' | 'nrgba', r: Rectangle, seed: number): RGBAImage | NRGBAImage {
  const m = kind === 'nrgba' ? new NRGBAImage(r) : new RGBAImage(r);
  fill(seed, m.pix);
  if (kind === 'rgba') premul(m.pix);
  return m;
}

/** The fast result and the generic one, as bytes. */
function both(src: Image, sr: Rectangle, dstKind: 'rgba' | 'nrgba', dstRect: Rectangle, dr: Rectangle, op: ScaleOp, seed: number): [Buffer, Buffer] {
  const a = dest(dstKind, dstRect, seed);
  const b = dest(dstKind, dstRect, seed);
  Box.scale(a, dr, src, sr, op);
  Box.scale((dstKind === 'rgba' ? b : hideDest(b)) as MutableImage, dr, hideLayout(src), sr, op);
  return [Buffer.from(a.pix), Buffer.from(b.pix)];
}

/** Whether the one-pass path serves this whole-destination scale (so no case passes vacuously). */
function applies(sw: number, sh: number, dw: number, dh: number): boolean {
  return boxRGBA32Applies(boxWeights(dw, sw), boxWeights(dh, sh), 0, dw, 0, dh);
}

describe('Box from RGBA words (one pass) equals the separable generic path', () => {
  test('shrinking 3x to 40x, integer and not, any origin, padding, op and destination (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 3, max: 40, noNaN: true }),
        fc.double({ min: 3, max: 40, noNaN: true }),
        fc.constantFrom('premul' as const, 'raw' as const, 'white' as const),
        fc.constantFrom('rgba' as const, 'nrgba' as const),
        fc.constantFrom<ScaleOp>('src', 'over'),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (dw, dh, fx, fy, kind, dstKind, op, o, pad, seed) => {
          const sw = Math.max(3 * dw, Math.round(dw * fx));
          const sh = Math.max(3 * dh, Math.round(dh * fy));
          expect(applies(sw, sh, dw, dh)).toBe(true);
          const src = source(sw, sh, o, -o, pad, seed, kind);
          const [a, b] = both(src, src.rect, dstKind, rect(0, 0, dw + 2, dh + 2), rect(1, 1, 1 + dw, 1 + dh), op, seed);
          expect(a.equals(b)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.LAW_RUNS ?? 150) },
    );
  });

  test('integer factors 3 to 6: small denominators, so sums land on every rounding boundary (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 4, max: 12 }),
        fc.integer({ min: 4, max: 12 }),
        fc.constantFrom('premul' as const, 'raw' as const),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (kx, ky, dw, dh, kind, seed) => {
          expect(applies(kx * dw, ky * dh, dw, dh)).toBe(true);
          const src = source(kx * dw, ky * dh, 0, 0, 0, seed, kind);
          const [a, b] = both(src, src.rect, 'rgba', rect(0, 0, dw, dh), rect(0, 0, dw, dh), 'src', seed);
          expect(a.equals(b)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.LAW_RUNS ?? 300) },
    );
  });

  test('with the destination clipped and a source rectangle inside a bigger image', () => {
    const src = source(200, 150, 3, 7, 2, 77, 'raw');
    const sr = rect(20, 17, 190, 140);
    let cases = 0;
    for (const dr of [rect(0, 0, 17, 12), rect(-5, -3, 12, 9), rect(4, 5, 21, 17), rect(10, 0, 27, 12)]) {
      for (const op of ['src', 'over'] as const) {
        const [a, b] = both(src, sr, 'rgba', rect(0, 0, 16, 12), dr, op, 5);
        expect(a.equals(b), `${dr} ${op}`).toBe(true);
        cases++;
      }
    }
    expect(cases).toBe(8);
  });

  test('at the lane limits: 257 inner columns, and inner rows taken in chunks', () => {
    // 259 source columns onto 1: 257 inner columns, the most the lanes hold (one row per chunk).
    // 260 would be 258: the one-pass path then declines, and the separable passes serve it.
    expect(applies(259, 30, 1, 1)).toBe(true);
    expect(applies(260, 30, 1, 1)).toBe(false);
    for (const kind of ['white', 'raw', 'premul'] as const) {
      for (const [sw, sh, dw, dh] of [
        [259, 30, 1, 1],
        [518, 61, 2, 2],
        [300, 300, 2, 3],
        [100, 997, 3, 2],
        [64, 700, 4, 3],
      ]) {
        const src = source(sw, sh, 0, 0, 0, sw * sh, kind);
        const [a, b] = both(src, src.rect, 'rgba', rect(0, 0, dw, dh), rect(0, 0, dw, dh), 'src', 1);
        expect(a.equals(b), `${kind} ${sw}x${sh} -> ${dw}x${dh}`).toBe(true);
      }
    }
  });

  test('a white opaque source stays white (lane totals at their maximum, 257 · 0xff)', () => {
    const src = source(259, 259, 0, 0, 0, 0, 'white');
    const dst = new RGBAImage(rect(0, 0, 1, 1));
    Box.scale(dst, dst.rect, src, src.rect, 'src');
    expect([...dst.pix]).toEqual([255, 255, 255, 255]);
  });
});
