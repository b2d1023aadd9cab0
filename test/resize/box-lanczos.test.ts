import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RGBAImage, rect } from '../../src/index.js';
import { Box, Kernel, Lanczos3 } from '../../src/resize/index.js';
import { boxWeights, sampledFixedWeights } from '../../src/resize/fixed-weights.js';
import { SOURCE_KINDS, makeImage } from './arb.js';

/** Box is the exact area average; Lanczos3's fixed point stays within its documented precision. */

describe('Box is the exact area average', () => {
  /**
   * Independent reference, in exact integers: measure x in units of 1/dw source pixels, so that
   * destination pixel x covers [x·sw, (x+1)·sw) and source pixel c covers [c·dw, (c+1)·dw). A
   * pixel's value is Σ v · overlapX · overlapY over the covered pixels, divided by sw·sh, rounded
   * half up, for each premultiplied 16-bit channel; RGBA stores it >> 8.
   */
  const overlap = (d: number, dn: number, s: number, sn: number): number => Math.max(0, Math.min((d + 1) * sn, (s + 1) * dn) - Math.max(d * sn, s * dn));

  test('for any sizes, up or down, on every fast source layout', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCE_KINDS),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 0, max: 1e6 }),
        (kind, sw, sh, dw, dh, seed) => {
          const sb = rect(3, 2, 3 + sw, 2 + sh);
          const src = makeImage(kind, sb, seed, 1);
          const dst = new RGBAImage(rect(0, 0, dw, dh));
          Box.scale(dst, dst.bounds(), src, sb, 'src');
          const D = BigInt(sw * sh);
          for (let y = 0; y < dh; y++) {
            for (let x = 0; x < dw; x++) {
              const S = [0n, 0n, 0n, 0n];
              for (let r = 0; r < sh; r++) {
                const oy = overlap(y, dh, r, sh);
                if (oy === 0) continue;
                for (let c = 0; c < sw; c++) {
                  const ox = overlap(x, dw, c, sw);
                  if (ox === 0) continue;
                  const v = src.at(sb.min.x + c, sb.min.y + r).rgba();
                  for (let k = 0; k < 4; k++) S[k] += BigInt(v[k] * ox * oy);
                }
              }
              // The overlaps of one destination pixel sum to sw (x) and sh (y): the mean is S / (sw·sh).
              const den = D;
              const want = S.map((s) => Number((2n * s + den) / (2n * den)) >> 8);
              const p = dst.pixOffset(x, y);
              expect([...dst.pix.subarray(p, p + 4)], `(${x}, ${y})`).toEqual(want);
            }
          }
        },
      ),
      { numRuns: Number(process.env.LAW_RUNS ?? 100) },
    );
  });

  test('its weights sum to the denominator, and an integer factor k gives k weights of 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (dw, sw) => {
        const w = boxWeights(dw, sw);
        for (let x = 0; x < dw; x++) {
          let s = 0;
          for (let k = 0; k < w.count[x]; k++) s += w.weights[w.offset[x] + k];
          expect(s).toBe(w.denominator);
        }
      }),
    );
    const w = boxWeights(10, 30);
    expect(w.denominator).toBe(3);
    expect([...w.weights]).toEqual(new Array(30).fill(1));
  });
});

describe('Lanczos3 in fixed point', () => {
  const float = new Kernel(Lanczos3.support, Lanczos3.at, { name: 'Lanczos3-float64' });

  test('weights are 14-bit and sum to exactly 2^14 for every destination pixel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), (dw, sw) => {
        const w = sampledFixedWeights(Lanczos3.support, Lanczos3.at, dw, sw);
        expect(w.denominator).toBe(2 ** 14);
        for (let x = 0; x < dw; x++) {
          let s = 0;
          for (let k = 0; k < w.count[x]; k++) {
            const v = w.weights[w.offset[x] + k];
            expect(Number.isInteger(v)).toBe(true);
            s += v;
          }
          expect(s).toBe(2 ** 14);
        }
      }),
    );
  });

  test('is within ±1 per 8-bit channel of the same kernel in float64', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCE_KINDS),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1e6 }),
        (kind, sw, sh, dw, dh, seed) => {
          const sb = rect(0, 0, sw, sh);
          const src = makeImage(kind, sb, seed);
          const a = new RGBAImage(rect(0, 0, dw, dh));
          const b = new RGBAImage(rect(0, 0, dw, dh));
          Lanczos3.scale(a, a.bounds(), src, sb, 'src');
          float.scale(b, b.bounds(), src, sb, 'src');
          let worst = 0;
          for (let i = 0; i < a.pix.length; i++) worst = Math.max(worst, Math.abs(a.pix[i] - b.pix[i]));
          expect(worst).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: Number(process.env.LAW_RUNS ?? 150) },
    );
  });

  test('a 10x downscale of a photo-sized image stays within ±1 too (60 taps per axis)', () => {
    const sb = rect(0, 0, 603, 339);
    const src = makeImage('rgba', sb, 42);
    const a = new RGBAImage(rect(0, 0, 60, 34));
    const b = new RGBAImage(rect(0, 0, 60, 34));
    Lanczos3.scale(a, a.bounds(), src, sb, 'src');
    float.scale(b, b.bounds(), src, sb, 'src');
    let worst = 0;
    for (let i = 0; i < a.pix.length; i++) worst = Math.max(worst, Math.abs(a.pix[i] - b.pix[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });
});
