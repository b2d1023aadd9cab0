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

  test('views of one buffer with another layout or stride (snapshot or direction)', () => {
    // How the source sees the destination's bytes: as another type of the same pixel size, as a
    // type of another pixel size, or with another stride.
    type Mode = 'rgba-as-nrgba' | 'gray-as-alpha' | 'rgba-as-gray' | 'rgba-other-stride';
    fc.assert(
      fc.property(
        fc.integer(),
        near,
        near,
        fc.constantFrom('over' as const, 'src' as const),
        fc.constantFrom<Mode>('rgba-as-nrgba', 'gray-as-alpha', 'rgba-as-gray', 'rgba-other-stride'),
        (seed, dx, dy, op, mode) => {
          const kind: Layout = mode === 'gray-as-alpha' ? 'gray' : 'rgba';
          const spec = { kind, rect: rect(0, 0, 9, 8), pad: 1, seed, ratio: '444' as const, opaque: false };
          const r = rect(2, 2, 7, 6);
          const sourceView = (m: Buf): Buf => {
            const make = (k: Layout, rr: Rectangle, stride: number) => {
              const ctor = buildSpec({ ...spec, kind: k }).constructor as new (r: Rectangle, p: Uint8Array, s: number) => Buf;
              return new ctor(rr, m.pix, stride);
            };
            if (mode === 'rgba-as-nrgba') return make('nrgba', m.rect, m.stride).subImage(r.add(pt(dx, dy)));
            if (mode === 'gray-as-alpha') return make('alpha', m.rect, m.stride).subImage(r.add(pt(dx, dy)));
            if (mode === 'rgba-as-gray') return make('gray', rect(0, 0, m.stride, 8), m.stride).subImage(rect(4 + dx, 2 + dy, 20 + dx, 6 + dy));
            return make('rgba', rect(0, 0, 8, 7), m.stride + 4).subImage(r.add(pt(dx, dy)));
          };
          const a = buildSpec(spec) as Buf;
          const b = buildSpec(spec) as Buf;
          const srcA = sourceView(a);
          drawMask(a.subImage(r), r, srcA, srcA.bounds().min, null, pt(0, 0), op);
          const srcB = sourceView(b).clone();
          drawMask(b.subImage(r), r, srcB, srcB.bounds().min, null, pt(0, 0), op);
          expect(bytesOf(a)).toEqual(bytesOf(b));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a mask that shares the destination buffer is read as a snapshot too', () => {
    fc.assert(
      fc.property(fc.integer(), near, near, fc.constantFrom('over' as const, 'src' as const), fc.constantFrom<Layout>('alpha', 'rgba', 'gray'), (seed, dx, dy, op, kind) => {
        const spec = { kind, rect: rect(0, 0, 9, 8), pad: 1, seed, ratio: '444' as const, opaque: false };
        const src = buildSpec({ ...spec, kind: 'nrgba', seed: seed ^ 1 });
        const r = rect(2, 2, 7, 6);
        const a = buildSpec(spec) as Buf;
        const b = buildSpec(spec) as Buf;
        drawMask(a, r, src, pt(0, 0), a.subImage(r.add(pt(dx, dy))), r.min.add(pt(dx, dy)), op);
        drawMask(b, r, src, pt(0, 0), b.subImage(r.add(pt(dx, dy))).clone(), r.min.add(pt(dx, dy)), op);
        expect(bytesOf(a)).toEqual(bytesOf(b));
      }),
      { numRuns: 200 },
    );
  });
});
