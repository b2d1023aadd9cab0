/** Rectangle and Point against Go (fixtures/model/geom.json), then the laws behind them. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Point, Rectangle, SizeError, ZP, ZR, pt, rect } from '../../src/index.js';
import { loadFixture } from '../helpers/golden-model.js';

type R4 = [number, number, number, number];
interface GeomCase {
  a: R4;
  b: R4;
  n: number;
  p: [number, number];
  k: number;
  rect: R4;
  canon: R4;
  intersect: R4;
  union: R4;
  inset: R4;
  empty: boolean;
  eq: boolean;
  overlaps: boolean;
  in: boolean;
  size: [number, number];
  add: R4;
  sub: R4;
  pIn: boolean;
  div: [number, number];
  mul: [number, number];
  mod?: [number, number];
}

const fx = loadFixture<{ rects: GeomCase[] }>('geom').rects;
/** A rectangle as a Go literal: corners as given, possibly not canonical. */
const lit = (r: R4): Rectangle => new Rectangle(pt(r[0], r[1]), pt(r[2], r[3]));
const r4 = (r: Rectangle): R4 => [r.min.x, r.min.y, r.max.x, r.max.y];
const p2 = (p: Point): [number, number] => [p.x, p.y];

describe('geometry against Go', () => {
  test('the fixture has non-canonical, empty and overlapping cases', () => {
    expect(fx.filter((c) => c.a[0] > c.a[2] || c.a[1] > c.a[3]).length).toBeGreaterThan(50);
    expect(fx.filter((c) => c.empty).length).toBeGreaterThan(50);
    expect(fx.filter((c) => c.overlaps).length).toBeGreaterThan(20);
    expect(fx.filter((c) => c.mod !== undefined).length).toBeGreaterThan(20);
  });

  test('every method on 200 random pairs gives Go\'s answer', () => {
    const bad: string[] = [];
    for (const c of fx) {
      const a = lit(c.a);
      const b = lit(c.b);
      const p = pt(c.p[0], c.p[1]);
      const got: Omit<GeomCase, 'a' | 'b' | 'n' | 'p' | 'k'> = {
        rect: r4(rect(c.a[0], c.a[1], c.a[2], c.a[3])),
        canon: r4(a.canon()),
        intersect: r4(a.intersect(b)),
        union: r4(a.union(b)),
        inset: r4(a.inset(c.n)),
        empty: a.empty(),
        eq: a.eq(b),
        overlaps: a.overlaps(b),
        in: a.in(b),
        size: p2(a.size()),
        add: r4(a.add(p)),
        sub: r4(a.sub(p)),
        pIn: p.in(a),
        div: p2(p.div(c.k)),
        mul: p2(p.mul(c.k)),
      };
      if (c.mod !== undefined) got.mod = p2(p.mod(a.canon()));
      const { a: _a, b: _b, n: _n, p: _p, k: _k, ...want } = c;
      // -0 and 0 are the same integer in Go.
      const norm = (v: unknown) => JSON.parse(JSON.stringify(v, (_, x) => (Object.is(x, -0) ? 0 : x)));
      if (JSON.stringify(norm(got)) !== JSON.stringify(norm(Object.fromEntries(Object.keys(got).map((k) => [k, (want as Record<string, unknown>)[k]]))))) {
        bad.push(`${JSON.stringify(c)}\n got ${JSON.stringify(got)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('toString is Go\'s notation', () => {
    expect(rect(3, 5, 1, 2).toString()).toBe('(1,2)-(3,5)');
    expect(pt(-1, 7).toString()).toBe('(-1,7)');
    expect(ZR.toString()).toBe('(0,0)-(0,0)');
    expect(ZP.eq(pt(0, 0))).toBe(true);
  });
});

const coord = fc.integer({ min: -50, max: 50 });
const anyRect = fc.tuple(coord, coord, coord, coord).map(([a, b, c, d]) => new Rectangle(pt(a, b), pt(c, d)));
const canonRect = fc.tuple(coord, coord, coord, coord).map(([a, b, c, d]) => rect(a, b, c, d));
const point = fc.tuple(coord, coord).map(([x, y]) => pt(x, y));
const contains = (r: Rectangle, p: Point) => p.in(r);

describe('geometry laws', () => {
  test('rect() canonicalises: min <= max, same corners, idempotent, equals canon()', () => {
    fc.assert(
      fc.property(coord, coord, coord, coord, (x0, y0, x1, y1) => {
        const r = rect(x0, y0, x1, y1);
        expect(r.min.x <= r.max.x && r.min.y <= r.max.y).toBe(true);
        expect([r.min.x, r.max.x].sort((a, b) => a - b)).toEqual([x0, x1].sort((a, b) => a - b));
        expect(r4(r.canon())).toEqual(r4(r));
        expect(r4(new Rectangle(pt(x0, y0), pt(x1, y1)).canon())).toEqual(r4(r));
      }),
    );
  });

  test('intersect holds exactly the points in both, and is ZR when empty', () => {
    fc.assert(
      fc.property(canonRect, canonRect, point, (a, b, p) => {
        const i = a.intersect(b);
        expect(contains(i, p)).toBe(contains(a, p) && contains(b, p));
        if (i.empty()) expect(r4(i)).toEqual([0, 0, 0, 0]);
        expect(i.eq(b.intersect(a))).toBe(true);
        expect(a.overlaps(b)).toBe(!i.empty());
      }),
      { numRuns: 1000 },
    );
  });

  test('union is the smallest rectangle holding both; an empty operand is ignored', () => {
    fc.assert(
      fc.property(canonRect, canonRect, (a, b) => {
        const u = a.union(b);
        expect(a.in(u) && b.in(u)).toBe(true);
        if (a.empty()) expect(u).toBe(b);
        else if (b.empty()) expect(u).toBe(a);
        else {
          expect(u.min.x).toBe(Math.min(a.min.x, b.min.x));
          expect(u.max.y).toBe(Math.max(a.max.y, b.max.y));
        }
      }),
    );
  });

  test('inset by n moves each side by n, or collapses an axis to its centre truncated toward zero', () => {
    fc.assert(
      fc.property(canonRect, fc.integer({ min: -10, max: 10 }), (r, n) => {
        const s = r.inset(n);
        if (r.dx() >= 2 * n) expect([s.min.x, s.max.x]).toEqual([r.min.x + n, r.max.x - n]);
        else {
          expect(s.min.x).toBe(s.max.x);
          expect(s.min.x).toBe(Math.trunc((r.min.x + r.max.x) / 2));
        }
      }),
    );
    // Truncation toward zero, not flooring: the centre of [-3, -2) is -2 (Go's -5/2).
    expect(r4(rect(-3, 0, -2, 10).inset(1))).toEqual([-2, 1, -2, 9]);
    expect(r4(rect(2, 0, 3, 10).inset(1))).toEqual([2, 1, 2, 9]);
  });

  test('eq: same points, so every empty rectangle equals every other', () => {
    fc.assert(
      fc.property(anyRect, anyRect, (a, b) => {
        expect(a.eq(b)).toBe((a.empty() && b.empty()) || r4(a).join() === r4(b).join());
      }),
    );
    expect(rect(5, 5, 5, 9).eq(new Rectangle(pt(3, 3), pt(1, 1)))).toBe(true);
    expect(rect(5, 5, 5, 9).eq(ZR)).toBe(true);
  });

  test('in: an empty rectangle is in every rectangle; otherwise containment of corners', () => {
    fc.assert(
      fc.property(canonRect, canonRect, point, (a, b, p) => {
        if (a.in(b) && contains(a, p)) expect(contains(b, p)).toBe(true);
        if (a.empty()) expect(a.in(b)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('add and sub translate, and undo each other', () => {
    fc.assert(
      fc.property(anyRect, point, (r, p) => {
        expect(r4(r.add(p).sub(p))).toEqual(r4(r));
        expect(r.add(p).size().eq(r.size())).toBe(true);
      }),
    );
  });

  test('mod maps p into r, differing by whole multiples of the size', () => {
    fc.assert(
      fc.property(canonRect.filter((r) => !r.empty()), fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }), (r, x, y) => {
        const q = pt(x, y).mod(r);
        expect(q.in(r)).toBe(true);
        expect((x - q.x) % r.dx() === 0).toBe(true);
        expect((y - q.y) % r.dy() === 0).toBe(true);
      }),
    );
  });

  test('div truncates toward zero like Go\'s integer division', () => {
    expect(p2(pt(-7, 7).div(2))).toEqual([-3, 3]);
    expect(p2(pt(-7, 7).div(-2))).toEqual([3, -3]);
  });

  test('where Go panics (div by 0, mod by an empty rectangle) imago throws a SizeError naming the values', () => {
    expect(() => pt(1, 2).div(0)).toThrow(SizeError);
    expect(() => pt(1, 2).div(0)).toThrow(/\(1,2\) by 0/);
    expect(() => pt(1, 2).mod(rect(3, 3, 3, 9))).toThrow(SizeError);
    expect(() => pt(1, 2).mod(new Rectangle(pt(4, 4), pt(2, 6)))).toThrow(/\(4,4\)-\(2,6\)/);
  });
});
