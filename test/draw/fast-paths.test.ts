import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { drawMask, pt, rect, type Image, type Layout, type MutableImage, type Point, type Rectangle } from '../../src/index.js';
import { FAST_PATHS, findFastPath, type FastPath } from '../../src/draw/dispatch.js';
import { selectPath } from '../../src/draw/draw.js';
import { SRC_KINDS, arbSpec, buildSpec, type ImageSpec } from '../helpers/draw-arb.js';
import { hideLayout } from '../helpers/hide-layout.js';

/*
 * Every fast path against the generic path. The generic path is reached by hiding the images'
 * types (hideLayout), in the tier the fast path claims to reproduce (FastPath.model), and the
 * destination bytes, padding included, must be equal.
 */

type Op = 'over' | 'src';

/** The (src kind, mask kind) pairs that the table resolves to `p`. */
function combos(p: FastPath): { src: Layout; mask: Layout | 'none' }[] {
  const out: { src: Layout; mask: Layout | 'none' }[] = [];
  const fake = (kind: string) => ({ kind }) as unknown as Image;
  for (const src of p.src === '*' ? SRC_KINDS : [p.src]) {
    for (const mask of p.mask === '*' ? SRC_KINDS : [p.mask]) {
      if (findFastPath(fake(p.dst), fake(src), mask === 'none' ? null : fake(mask), p.op) === p) out.push({ src, mask });
    }
  }
  return out;
}

function pixOf(m: Image): Uint8Array {
  return (m as unknown as { pix: Uint8Array }).pix;
}

interface Case {
  dst: ImageSpec;
  src: ImageSpec | 'self';
  mask: ImageSpec | null;
  r: Rectangle;
  sp: Point;
  mp: Point;
  op: Op;
}

/** Runs one case both ways, checks byte equality, and returns the fast path the real draw took. */
function check(c: Case): FastPath | undefined {
  const a = buildSpec(c.dst) as MutableImage;
  const b = buildSpec(c.dst) as MutableImage;
  const srcA = c.src === 'self' ? a : buildSpec(c.src);
  const maskA = c.mask === null ? null : buildSpec(c.mask);
  const path = selectPath(a, c.r, srcA, c.sp, maskA, c.mp, c.op);
  const tier = path?.model === 'color' ? 'color' : 'rgba64';
  const hb = hideLayout(b, tier) as MutableImage;
  const srcB = c.src === 'self' ? hb : hideLayout(buildSpec(c.src), tier);
  const maskB = c.mask === null ? null : hideLayout(buildSpec(c.mask), tier);
  drawMask(a, c.r, srcA, c.sp, maskA, c.mp, c.op);
  drawMask(hb, c.r, srcB, c.sp, maskB, c.mp, c.op);
  expect(Array.from(pixOf(a))).toEqual(Array.from(pixOf(b)));
  return path;
}

const spec = (kind: Layout, r: Rectangle, seed: number, pad = 2): ImageSpec => ({ kind, rect: r, pad, seed, ratio: (['444', '422', '420', '440', '411', '410'] as const)[seed % 6], opaque: false });

/** Go-style rectangle families, as in x/image/draw's TestFastPaths and our Go generator. */
const DST_R = rect(1, 2, 10, 9);
const SRC_R = rect(2, 1, 9, 8);
const MASK_R = rect(0, 1, 8, 9);
const FAMILIES: { name: string; r: Rectangle; sp: Point; mp: Point }[] = [
  { name: 'inside', r: rect(3, 4, 7, 7), sp: pt(3, 2), mp: pt(2, 3) },
  { name: 'subset', r: DST_R, sp: SRC_R.min, mp: MASK_R.min },
  { name: 'partly outside', r: rect(-2, -1, 6, 6), sp: pt(0, -1), mp: pt(-1, 0) },
  { name: 'outside', r: rect(30, 30, 35, 35), sp: pt(2, 1), mp: pt(0, 1) },
  { name: 'empty', r: rect(4, 4, 4, 8), sp: pt(3, 3), mp: pt(2, 2) },
  { name: 'shifted', r: DST_R, sp: pt(5, 4), mp: pt(3, 5) },
];

describe('the dispatch table', () => {
  test('every row resolves for at least one (src, mask) pair', () => {
    for (const p of FAST_PATHS) expect(combos(p).length, `${p.name} ${p.dst}/${p.src}/${p.mask}/${p.op}`).toBeGreaterThan(0);
  });

  test("each row's name is its function's name", () => {
    for (const p of FAST_PATHS) expect(p.fn.name).toBe(p.name);
  });

  test('every row is exercised by the rectangle table below (each one is hit)', () => {
    const hits = new Set<FastPath>();
    for (const p of FAST_PATHS) {
      for (const { src, mask } of combos(p)) {
        for (const f of FAMILIES) {
          for (const seed of [1, 2, 3]) {
            const path = check({
              dst: spec(p.dst, DST_R, seed),
              src: spec(src, SRC_R, seed + 10, 1),
              mask: mask === 'none' ? null : spec(mask, MASK_R, seed + 20, 3),
              r: f.r,
              sp: f.sp,
              mp: f.mp,
              op: p.op,
            });
            if (path !== undefined) hits.add(path);
          }
        }
      }
    }
    const missed = FAST_PATHS.filter((p) => !hits.has(p)).map((p) => `${p.name} ${p.dst}/${p.src}/${p.mask}/${p.op}`);
    expect(missed).toEqual([]);
  });
});

describe('fast paths equal the generic path on Go-style rectangles', () => {
  for (const p of FAST_PATHS) {
    test(`${p.name}: ${p.dst}/${p.src}/${p.mask}/${p.op}`, () => {
      for (const { src, mask } of combos(p)) {
        for (const f of FAMILIES) {
          for (const seed of [4, 5]) {
            check({
              dst: spec(p.dst, DST_R, seed),
              src: spec(src, SRC_R, seed + 100, 0),
              mask: mask === 'none' ? null : spec(mask, MASK_R, seed + 200, 1),
              r: f.r,
              sp: f.sp,
              mp: f.mp,
              op: p.op,
            });
          }
        }
        // Self-draws: the destination is its own source, moved in every direction.
        if (src === p.dst) {
          const r = rect(3, 4, 8, 8);
          for (let dy = -2; dy <= 2; dy++) {
            for (let dx = -2; dx <= 2; dx++) {
              check({
                dst: spec(p.dst, DST_R, 7 + dx + 5 * dy),
                src: 'self',
                mask: mask === 'none' ? null : spec(mask, MASK_R, 9, 1),
                r,
                sp: pt(r.min.x + dx, r.min.y + dy),
                mp: pt(2, 3),
                op: p.op,
              });
            }
          }
        }
      }
    });
  }
});

describe('fast paths equal the generic path (property)', () => {
  // Rectangles near the images' bounds (so that most draws clip to something), points near the
  // source's and mask's origins, sometimes far off.
  const near = fc.integer({ min: -3, max: 3 });
  const arbGeometry = (d: ImageSpec, s: ImageSpec, m: ImageSpec | null) =>
    fc.record({
      r: fc
        .tuple(near, near, fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }))
        .map(([x, y, w, h]) => rect(d.rect.min.x + x, d.rect.min.y + y, d.rect.min.x + x + w, d.rect.min.y + y + h)),
      sp: fc.tuple(near, near).map(([x, y]) => pt(s.rect.min.x + x, s.rect.min.y + y)),
      mp: fc.tuple(near, near).map(([x, y]) => (m === null ? pt(x, y) : pt(m.rect.min.x + x, m.rect.min.y + y))),
    });
  for (const p of FAST_PATHS) {
    test(`${p.name}: ${p.dst}/${p.src}/${p.mask}/${p.op}`, () => {
      const cs = combos(p);
      const arbCase = fc
        .constantFrom(...cs)
        .chain(({ src, mask }) =>
          fc.record({ dst: arbSpec(p.dst), src: arbSpec(src), mask: mask === 'none' ? fc.constant(null) : arbSpec(mask) }),
        )
        .chain((imgs) => arbGeometry(imgs.dst, imgs.src, imgs.mask).map((g) => ({ ...imgs, ...g, op: p.op })));
      let hit = 0;
      fc.assert(
        fc.property(arbCase, (c) => {
          if (check(c) === p) hit++;
        }),
        { numRuns: 100 },
      );
      // The property must reach the path it is about, not only the generic one.
      expect(hit).toBeGreaterThan(0);
    });
  }
});
