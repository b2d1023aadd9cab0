import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NRGBAImage, RGBAImage, rect, type Image, type MutableImage, type Rectangle } from '../../src/index.js';
import {
  ApproxBiLinear,
  BiLinear,
  Box,
  CatmullRom,
  Lanczos3,
  NearestNeighbor,
  type ScaleOp,
  type Scaler,
} from '../../src/resize/index.js';
import { FAST_DEST_KINDS } from '../../src/resize/dest-rows.js';
import { FAST_SOURCE_KINDS, isFastReader, sourceReader } from '../../src/resize/source-rows.js';
import { SOURCE_KINDS, arbImage, arbRect, makeImage } from './arb.js';
import { fill, hideDest, hideLayout, premul } from './helpers.js';

/**
 * Every fast path equals the generic path byte for byte. The generic path is forced by hiding the
 * layout of the source (only bounds/colorModel/at/opaque remain) and of the destination (only
 * bounds/colorModel/at/set), as Go's stdlib_test.go TestFastPaths does with its wrappers.
 */

const SCALERS: Array<[string, Scaler]> = [
  ['NearestNeighbor', NearestNeighbor],
  ['ApproxBiLinear', ApproxBiLinear],
  ['BiLinear', BiLinear],
  ['CatmullRom', CatmullRom],
  ['Box', Box],
  ['Lanczos3', Lanczos3],
];
const OPS: ScaleOp[] = ['over', 'src'];

function makeDst(kind: string, r: Rectangle, seed: number): RGBAImage | NRGBAImage {
  const m = kind === 'nrgba' ? new NRGBAImage(r) : new RGBAImage(r);
  fill(seed, m.pix);
  if (kind === 'rgba') premul(m.pix);
  return m;
}

/**
 * Scales with the fast paths and with both layouts hidden; returns the two destinations' bytes.
 *
 * One fast path is meant to differ from the generic path, in Go as here: a same-size
 * NearestNeighbor/ApproxBiLinear scale is Go's Copy, and Copy of NRGBA onto NRGBA with 'src'
 * copies bytes instead of making the lossy round trip through premultiplied colour (image/draw:
 * "They also avoid the information loss"). Its reference is the byte copy, built independently.
 */
function both(dstKind: string, dstRect: Rectangle, seed: number, q: Scaler, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): [Uint8Array, Uint8Array] {
  const a = makeDst(dstKind, dstRect, seed);
  const b = makeDst(dstKind, dstRect, seed);
  q.scale(a, dr, src, sr, op);
  const isCopy = (q === NearestNeighbor || q === ApproxBiLinear) && dr.dx() === sr.dx() && dr.dy() === sr.dy();
  if (isCopy && op === 'src' && dstKind === 'nrgba' && (src as { kind?: string }).kind === 'nrgba') {
    copyBytesReference(b as NRGBAImage, dr, src as NRGBAImage, sr);
  } else {
    q.scale(hideDest(b) as MutableImage, dr, hideLayout(src), sr, op);
  }
  return [a.pix, b.pix];
}

/** Draw's clipping, then a pixel-by-pixel byte copy. */
function copyBytesReference(dst: NRGBAImage, dr: Rectangle, src: NRGBAImage, sr: Rectangle): void {
  for (let y = dr.min.y; y < dr.max.y; y++) {
    for (let x = dr.min.x; x < dr.max.x; x++) {
      const sx = x - dr.min.x + sr.min.x;
      const sy = y - dr.min.y + sr.min.y;
      const inside = (m: NRGBAImage, px: number, py: number) => m.rect.min.x <= px && px < m.rect.max.x && m.rect.min.y <= py && py < m.rect.max.y;
      if (!inside(dst, x, y) || !inside(src, sx, sy)) continue;
      dst.setNRGBA(x, y, src.nrgbaAt(sx, sy));
    }
  }
}

describe('the dispatch table', () => {
  test('lists the fast source layouts, and each gets a fast reader (and its hidden twin does not)', () => {
    expect([...FAST_SOURCE_KINDS].sort()).toEqual(['gray', 'nrgba', 'rgba', 'ycbcr']);
    for (const kind of SOURCE_KINDS) {
      const m = makeImage(kind, rect(0, 0, 4, 4), 1);
      expect(isFastReader(sourceReader(m, m.bounds())), kind).toBe(true);
      expect(isFastReader(sourceReader(hideLayout(m), m.bounds())), kind).toBe(false);
      // A source rectangle outside the bounds takes the generic reader, as in Go.
      expect(isFastReader(sourceReader(m, rect(-1, 0, 4, 4))), kind).toBe(false);
      // Y'CbCr readers expose their planes: Box then takes the fused convert-and-accumulate pass
      // (fixedBoxYCbCr), which the equality tests below therefore cover for every ratio.
      expect(sourceReader(m, m.bounds()).ycbcr !== undefined, kind).toBe(kind.startsWith('ycbcr'));
    }
  });
  test('lists the fast destination layouts', () => {
    expect([...FAST_DEST_KINDS].sort()).toEqual(['nrgba', 'rgba']);
  });
});

describe("every fast path equals the generic path over Go's TestFastPaths rectangles", () => {
  const drs = [rect(0, 0, 10, 10), rect(3, 4, 8, 6), rect(-3, -5, 2, 4), rect(4, -2, 6, 12), rect(12, 14, 23, 45), rect(5, 5, 5, 5), rect(0, 0, 12, 9)];
  const srs = [rect(0, 0, 12, 9), rect(2, 2, 10, 8), rect(10, 5, 20, 20), rect(-40, 0, 40, 8), rect(-8, -8, -4, -4), rect(5, 5, 5, 5), rect(1, 0, 11, 10)];
  for (const kind of SOURCE_KINDS) {
    for (const dstKind of FAST_DEST_KINDS) {
      test(`${kind} -> ${dstKind}`, () => {
        const src = makeImage(kind, rect(0, 0, 12, 9), 11, 2);
        let cases = 0;
        const wrong: string[] = [];
        for (const [name, q] of SCALERS) {
          for (const op of OPS) {
            for (const dr of drs) {
              for (const sr of srs) {
                const [a, b] = both(dstKind, rect(0, 0, 10, 10), 3, q, dr, src, sr, op);
                cases++;
                if (!Buffer.from(a).equals(Buffer.from(b))) wrong.push(`${name} ${op} dr=${dr} sr=${sr}`);
              }
            }
          }
        }
        expect(cases).toBe(SCALERS.length * 2 * drs.length * srs.length);
        expect(wrong.slice(0, 10), `${wrong.length} cases differ`).toEqual([]);
      });
    }
  }
});

describe('fast paths equal the generic path on random images (fast-check)', () => {
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(
          arbImage(),
          fc.constantFrom(...FAST_DEST_KINDS),
          arbRect(-6, 30),
          arbRect(-6, 30),
          fc.constantFrom(...OPS),
          fc.integer({ min: 0, max: 1000 }),
          (s, dstKind, dr, srRel, op, seed) => {
            const sr = srRel.add(s.bounds.min);
            const [a, b] = both(dstKind, rect(0, 0, 16, 14), seed, q, dr, s.image, sr, op);
            expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
          },
        ),
        { numRuns: Number(process.env.LAW_RUNS ?? 150) },
      );
    });
  }
});

describe('unaligned buffers take the byte loops, with the same results', () => {
  /** The same pixels in an RGBAImage whose pix starts at byte offset `shift` with stride 4w + pad. */
  function shifted(src: RGBAImage, shift: number, pad: number): RGBAImage {
    const r = src.rect;
    const stride = r.dx() * 4 + pad;
    const buf = new Uint8Array(shift + stride * r.dy());
    const pix = buf.subarray(shift);
    for (let y = 0; y < r.dy(); y++) pix.set(src.pix.subarray(y * src.stride, y * src.stride + r.dx() * 4), y * stride);
    return new RGBAImage(r, pix, stride);
  }
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(arbImage(['rgba']), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }), arbRect(-4, 30), fc.constantFrom(...OPS), (s, shift, pad, dr, op) => {
          const aligned = (s.image as RGBAImage).clone();
          const odd = shifted(aligned, shift, pad);
          const a = makeDst('rgba', rect(0, 0, 16, 14), 9);
          const b = makeDst('rgba', rect(0, 0, 16, 14), 9);
          q.scale(a, dr, aligned, aligned.rect, op);
          q.scale(b, dr, odd, odd.rect, op);
          expect(Buffer.from(b.pix).equals(Buffer.from(a.pix))).toBe(true);
        }),
        { numRuns: Number(process.env.LAW_RUNS ?? 60) },
      );
    });
  }
});

describe('unaligned destinations take the byte stores, with the same results', () => {
  // An RGBA destination on a 4-byte aligned buffer is written a word per pixel ('src'); one at
  // byte offset 1..3 or with a stride that is not a multiple of 4 is written byte by byte.
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(arbImage(['rgba', 'nrgba', 'gray']), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), arbRect(-4, 30), fc.integer({ min: 0, max: 1000 }), (s, shift, pad, dr, seed) => {
          fc.pre(shift + pad > 0);
          const r = rect(0, 0, 16, 14);
          const a = makeDst('rgba', r, seed);
          const stride = 4 * r.dx() + pad;
          const buf = new Uint8Array(shift + stride * r.dy());
          const b = new RGBAImage(r, buf.subarray(shift), stride);
          for (let y = 0; y < r.dy(); y++) b.pix.set(a.pix.subarray(y * a.stride, y * a.stride + 4 * r.dx()), y * stride);
          q.scale(a, dr, s.image, s.image.bounds(), 'src');
          q.scale(b, dr, s.image, s.image.bounds(), 'src');
          for (let y = 0; y < r.dy(); y++) {
            expect(Buffer.from(b.pix.subarray(y * stride, y * stride + 4 * r.dx())).equals(Buffer.from(a.pix.subarray(y * a.stride, y * a.stride + 4 * r.dx())))).toBe(true);
          }
        }),
        { numRuns: Number(process.env.LAW_RUNS ?? 60) },
      );
    });
  }
});

describe("Box from Y'CbCr with chroma halved horizontally (the paired loop) equals the generic path", () => {
  test('wide boxes at every start parity and source offset (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ycbcr420' as const, 'ycbcr422' as const),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 20, max: 90 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (kind, ox, sw, dw, dh, seed) => {
          const r = rect(ox, 1, ox + sw, 13);
          const src = makeImage(kind, rect(0, 0, ox + sw + 3, 14), seed, 0);
          const [a, b] = both('rgba', rect(0, 0, dw, dh), seed, Box, rect(0, 0, dw, dh), src, r, 'src');
          expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
