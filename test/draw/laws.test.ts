import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { draw, drawMask, pt, rect, type Image, type Layout, type MutableImage, type Point, type Rectangle } from '../../src/index.js';
import { clip } from '../../src/draw/clip.js';
import { SRC_KINDS, arbSpec, buildSpec } from '../helpers/draw-arb.js';

/* Laws of drawing, as fast-check properties over every layout. */

const DST_KINDS: Layout[] = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16', 'cmyk', 'paletted'];
const COPY_KINDS: Layout[] = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16'];

type Buf = MutableImage & { rect: Rectangle; pix: Uint8Array; stride: number; bytesPerPixel: number; pixOffset(x: number, y: number): number; subImage(r: Rectangle): Buf; clone(): Buf };
const bytesOf = (m: Image) => Array.from((m as Buf).pix);

const near = fc.integer({ min: -3, max: 3 });
const arbR = (around: Rectangle) =>
  fc.tuple(near, near, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 })).map(([x, y, w, h]) => rect(around.min.x + x, around.min.y + y, around.min.x + x + w, around.min.y + y + h));
const arbP = (around: Rectangle) => fc.tuple(near, near).map(([x, y]) => pt(around.min.x + x, around.min.y + y));

/** Two specs (dst and src) of random kinds, with an r near dst and an sp near src. */
const arbDraw = (dstKinds: Layout[], srcKinds: readonly Layout[], opaqueSrc: boolean) =>
  fc
    .record({ d: fc.constantFrom(...dstKinds), s: fc.constantFrom(...srcKinds) })
    .chain(({ d, s }) => fc.record({ dst: arbSpec(d), src: arbSpec(s, fc.constant(true)).map((x) => ({ ...x, opaque: opaqueSrc || x.opaque })) }))
    .chain((x) => fc.record({ dst: fc.constant(x.dst), src: fc.constant(x.src), r: arbR(x.dst.rect), sp: arbP(x.src.rect) }));

describe('laws', () => {
  test('Over with an opaque source equals Src', () => {
    fc.assert(
      fc.property(arbDraw(DST_KINDS, SRC_KINDS, true), ({ dst, src, r, sp }) => {
        const a = buildSpec(dst) as MutableImage;
        const b = buildSpec(dst) as MutableImage;
        draw(a, r, buildSpec(src), sp, 'over');
        draw(b, r, buildSpec(src), sp, 'src');
        expect(bytesOf(a)).toEqual(bytesOf(b));
      }),
      { numRuns: 300 },
    );
  });

  test('Src between equal layouts copies the bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COPY_KINDS).chain((k) => arbDraw([k], [k], false)),
        ({ dst, src, r, sp }) => {
          const d = buildSpec(dst) as Buf;
          const s = buildSpec(src) as Buf;
          const c = clip(d, r, s, sp, null, sp);
          draw(d, r, s, sp, 'src');
          for (let y = c.r.min.y; y < c.r.max.y; y++) {
            const i = d.pixOffset(c.r.min.x, y);
            const j = s.pixOffset(c.sp.x, y - c.r.min.y + c.sp.y);
            const n = c.r.dx() * d.bytesPerPixel;
            expect(Array.from(d.pix.subarray(i, i + n))).toEqual(Array.from(s.pix.subarray(j, j + n)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('clipping commutes with drawing: a sub-image view clips the same as a smaller r', () => {
    fc.assert(
      fc.property(
        arbDraw(DST_KINDS, SRC_KINDS, false).chain((x) => fc.record({ x: fc.constant(x), view: arbR(x.dst.rect), op: fc.constantFrom('over' as const, 'src' as const) })),
        ({ x: { dst, src, r, sp }, view, op }) => {
          const a = buildSpec(dst) as Buf;
          const b = buildSpec(dst) as Buf;
          // Draw through a view of a …
          draw(a.subImage(view), r, buildSpec(src), sp, op);
          // … and into b itself, with r cut down to the view and sp moved along.
          const rv = r.intersect(view);
          if (!rv.empty()) draw(b, rv, buildSpec(src), sp.add(rv.min.sub(r.min)), op);
          expect(bytesOf(a)).toEqual(bytesOf(b));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('draw equals drawing the clipped rectangle', () => {
    fc.assert(
      fc.property(
        arbDraw(DST_KINDS, SRC_KINDS, false).chain((x) => fc.record({ x: fc.constant(x), op: fc.constantFrom('over' as const, 'src' as const) })),
        ({ x: { dst, src, r, sp }, op }) => {
          const a = buildSpec(dst) as Buf;
          const b = buildSpec(dst) as Buf;
          const s = buildSpec(src);
          draw(a, r, s, sp, op);
          const c = clip(b, r, s, sp, null, sp);
          if (!c.r.empty()) draw(b, c.r, s, c.sp, op);
          expect(bytesOf(a)).toEqual(bytesOf(b));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('overlap: the result equals drawing from a snapshot of the source', () => {
  const arbOverlap = fc
    .record({ k: fc.constantFrom(...DST_KINDS), mk: fc.constantFrom<Layout | 'none'>('none', 'alpha', 'rgba', 'uniform') })
    .chain(({ k, mk }) =>
      fc.record({
        img: arbSpec(k),
        mask: mk === 'none' ? fc.constant(null) : arbSpec(mk),
        r: fc.tuple(near, near, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 7 })).map(([x, y, w, h]) => rect(x, y, x + w, y + h)),
        off: fc.tuple(near, near),
        op: fc.constantFrom('over' as const, 'src' as const),
      }),
    );

  test('an image drawn onto itself', () => {
    fc.assert(
      fc.property(arbOverlap, ({ img, mask, r, off, op }) => {
        const a = buildSpec(img) as Buf;
        const b = buildSpec(img) as Buf;
        const sp: Point = pt(r.min.x + off[0], r.min.y + off[1]);
        const m = mask === null ? null : buildSpec(mask);
        drawMask(a, r, a, sp, m, pt(0, 0), op);
        drawMask(b, r, b.clone(), sp, m, pt(0, 0), op);
        expect(bytesOf(a)).toEqual(bytesOf(b));
      }),
      { numRuns: 400 },
    );
  });

  test('two views of one buffer', () => {
    fc.assert(
      fc.property(arbOverlap, ({ img, mask, r, off, op }) => {
        const a = buildSpec(img) as Buf;
        const b = buildSpec(img) as Buf;
        const m = mask === null ? null : buildSpec(mask);
        const sr = r.add(pt(off[0], off[1]));
        const av = a.subImage(r);
        const as = a.subImage(sr);
        drawMask(av, av.bounds(), as, as.bounds().min, m, pt(0, 0), op);
        const bv = b.subImage(r);
        const bs = b.subImage(sr).clone();
        drawMask(bv, bv.bounds(), bs, bs.bounds().min, m, pt(0, 0), op);
        expect(bytesOf(a)).toEqual(bytesOf(b));
      }),
      { numRuns: 400 },
    );
  });

  test('views of one buffer with different layouts (RGBA over NRGBA bytes, Gray over Alpha bytes)', () => {
    fc.assert(
      fc.property(fc.integer(), near, near, fc.constantFrom('over' as const, 'src' as const), fc.boolean(), (seed, dx, dy, op, grey) => {
        const spec = { kind: (grey ? 'gray' : 'rgba') as Layout, rect: rect(0, 0, 9, 8), pad: 1, seed, ratio: '444' as const, opaque: false };
        const a = buildSpec(spec) as Buf;
        const b = buildSpec(spec) as Buf;
        const r = rect(2, 2, 7, 6);
        const view = (m: Buf, kind: 'nrgba' | 'alpha') => {
          const s = buildSpec({ ...spec, kind });
          return new (s.constructor as new (r: Rectangle, p: Uint8Array, st: number) => Buf)(m.rect, m.pix, m.stride);
        };
        const srcA = view(a, grey ? 'alpha' : 'nrgba').subImage(r.add(pt(dx, dy)));
        drawMask(a.subImage(r), r, srcA, srcA.bounds().min, null, pt(0, 0), op);
        const srcB = view(b, grey ? 'alpha' : 'nrgba').subImage(r.add(pt(dx, dy))).clone();
        drawMask(b.subImage(r), r, srcB, srcB.bounds().min, null, pt(0, 0), op);
        expect(bytesOf(a)).toEqual(bytesOf(b));
      }),
      { numRuns: 200 },
    );
  });
});
