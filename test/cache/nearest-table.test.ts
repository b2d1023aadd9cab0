import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NearestTable, Palette, RGBA, RGBA64, plan9, webSafe } from '../../src/index.js';
import { nearestIndex } from '../../src/color/palette.js';

/*
 * The table's answer must be Go's linear search's answer (nearestIndex), ties included: the
 * lowest index among the entries at the least distance.
 */

const u16 = fc.integer({ min: 0, max: 0xffff });
/** Channel values that favour cell edges (multiples of 4096 and their neighbours) and extremes. */
const edgy = fc.oneof(
  u16,
  fc.integer({ min: 0, max: 16 }).chain((k) => fc.constantFrom(Math.min(0xffff, k * 4096), Math.max(0, k * 4096 - 1), Math.min(0xffff, k * 4096 + 1))),
  fc.constantFrom(0, 0xffff, 0x7fff, 0x8000),
);
const colour = fc.tuple(edgy, edgy, edgy, edgy);

/** Palettes with repeats, near-duplicates (ties) and entries on cell edges; 0 to 300 entries. */
const palette = fc
  .array(colour, { minLength: 0, maxLength: 300 })
  .chain((cs) =>
    fc.array(fc.nat({ max: Math.max(0, cs.length - 1) }), { maxLength: cs.length === 0 ? 0 : 20 }).map((dups) => {
      // Append exact repeats of earlier entries: the first of equal entries must win.
      const out = cs.slice();
      for (const d of dups) out.push(cs[d]);
      return out;
    }),
  );

function packed(cs: number[][]): Uint32Array {
  const p = new Uint32Array(cs.length * 4);
  cs.forEach((c, i) => p.set(c, i * 4));
  return p;
}

describe('NearestTable', () => {
  test('equals the linear search for random palettes and colours (ties included)', () => {
    fc.assert(
      fc.property(palette, fc.array(colour, { minLength: 1, maxLength: 200 }), (cs, queries) => {
        const pal = packed(cs);
        const t = new NearestTable('test', pal);
        for (const [r, g, b, a] of queries) {
          expect(t.nearest(r, g, b, a)).toBe(nearestIndex(pal, r, g, b, a));
          expect(t.nearestOpaque(r, g, b)).toBe(nearestIndex(pal, r, g, b, 0xffff));
        }
        // Palette colours themselves: an exact match returns the first equal entry.
        for (const [r, g, b, a] of cs) expect(t.nearest(r, g, b, a)).toBe(nearestIndex(pal, r, g, b, a));
      }),
      { numRuns: 300 },
    );
  });

  test('equidistant entries: the lower index wins', () => {
    // Two entries at distance 100 on either side of the query, in both orders.
    for (const order of [0, 1]) {
      const lo = [0x1000, 0x2000, 0x3000, 0xffff];
      const hi = [0x1000 + 200, 0x2000, 0x3000, 0xffff];
      const cs = order === 0 ? [lo, hi] : [hi, lo];
      const filler = Array.from({ length: 30 }, (_, i) => [i * 2000, 0xffff - i * 2000, 0, 0xffff]);
      const pal = packed([...filler, ...cs]);
      const t = new NearestTable('tie', pal);
      expect(t.nearest(0x1000 + 100, 0x2000, 0x3000, 0xffff)).toBe(30);
    }
  });

  test('plan9 and webSafe over every 8-bit grey and a lattice of colours', () => {
    for (const p of [plan9, webSafe]) {
      const pal = p.rgba16();
      const t = new NearestTable('p', pal);
      for (let v = 0; v < 256; v += 1) expect(t.nearest(v * 0x101, v * 0x101, v * 0x101, 0xffff)).toBe(nearestIndex(pal, v * 0x101, v * 0x101, v * 0x101, 0xffff));
      for (let r = 0; r < 256; r += 17) {
        for (let g = 0; g < 256; g += 15) {
          for (let b = 0; b < 256; b += 13) {
            expect(t.nearest(r * 0x101, g * 0x101, b * 0x101, 0xffff)).toBe(nearestIndex(pal, r * 0x101, g * 0x101, b * 0x101, 0xffff));
          }
        }
      }
    }
  });

  test('an empty palette gives 0, as in Go', () => {
    expect(new NearestTable('e', new Uint32Array(0)).nearest(1, 2, 3, 4)).toBe(0);
  });

  test('it grows as cells are built, and reports it', () => {
    const t = new NearestTable('g', plan9.rgba16());
    const sizes: number[] = [];
    t.onGrow = (b) => sizes.push(b);
    const before = t.byteSize;
    t.nearest(0, 0, 0, 0xffff);
    expect(t.byteSize).toBeGreaterThan(before);
    expect(sizes.at(-1)).toBe(t.byteSize);
    expect(t.cellsBuilt).toBe(1);
  });

  test('the key and colour types do not matter, only the values', () => {
    const a = new Palette([new RGBA(255, 0, 0, 255)]);
    const b = new Palette([new RGBA64(0xffff, 0, 0, 0xffff)]);
    expect(Array.from(a.rgba16())).toEqual(Array.from(b.rgba16()));
  });
});
