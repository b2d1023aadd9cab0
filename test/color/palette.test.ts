import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ImagoError, Palette, RGBA, RGBA64, SizeError, plan9, webSafe, type Color } from '../../src/index.js';
import { decodeColor, encodeColor, loadFixture, type EncodedColor } from '../helpers/golden-model.js';

interface PalettesFixture {
  plan9: EncodedColor[];
  webSafe: EncodedColor[];
  index: { palette: EncodedColor[]; queries: EncodedColor[]; index: number[] }[];
}

const fx = loadFixture<PalettesFixture>('palettes');

/**
 * Go's distance written plainly: per channel floor(d² / 4), summed. An independent reference for
 * the bit-twiddled search in src (which must agree for every 16-bit input).
 */
function distance(c: readonly number[], e: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += Math.floor(((c[i] - e[i]) * (c[i] - e[i])) / 4);
  return sum;
}

/** The indices of every entry at the minimum distance from c. */
function nearestAll(entries: readonly Color[], c: Color): number[] {
  const q = c.rgba();
  const d = entries.map((e) => distance(q, e.rgba()));
  const best = Math.min(...d);
  return d.flatMap((v, i) => (v === best ? [i] : []));
}

describe('standard palettes', () => {
  test('plan9 has Go\'s 256 entries, in order, as RGBA', () => {
    expect(plan9.length).toBe(256);
    expect(plan9.colors.map(encodeColor)).toEqual(fx.plan9);
  });

  test('webSafe has Go\'s 216 entries, in order, as RGBA', () => {
    expect(webSafe.length).toBe(216);
    expect(webSafe.colors.map(encodeColor)).toEqual(fx.webSafe);
  });

  test('plan9 holds 16 greys (its documented advantage over webSafe)', () => {
    const greys = plan9.colors.filter((c) => c instanceof RGBA && c.r === c.g && c.g === c.b);
    expect(greys.length).toBe(16);
  });
});

describe('Palette.index against Go', () => {
  test('random palettes with duplicates and equidistant entries: Go\'s indices', () => {
    const bad: string[] = [];
    for (const { palette, queries, index } of fx.index) {
      const p = new Palette(palette.map(decodeColor));
      queries.forEach((q, i) => {
        const got = p.index(decodeColor(q));
        if (got !== index[i]) bad.push(`${JSON.stringify(palette)} index(${q.join(' ')}) = ${got}, Go ${index[i]}`);
      });
    }
    expect(bad).toEqual([]);
  });

  test('the fixture exercises ties, and Go resolves each to the lowest index', () => {
    let ties = 0;
    for (const { palette, queries, index } of fx.index) {
      const entries = palette.map(decodeColor);
      queries.forEach((q, i) => {
        const all = nearestAll(entries, decodeColor(q));
        expect(index[i]).toBe(all[0]);
        if (all.length > 1) ties++;
      });
    }
    expect(ties).toBeGreaterThan(50);
  });

  test('Go\'s TestPalette: every entry finds itself; alpha counts in the distance', () => {
    const p = new Palette([
      new RGBA(0xff, 0xff, 0xff, 0xff),
      new RGBA(0x80, 0x00, 0x00, 0xff),
      new RGBA(0x7f, 0x00, 0x00, 0x7f),
      new RGBA(0x00, 0x00, 0x00, 0x7f),
      new RGBA(0x00, 0x00, 0x00, 0x00),
      new RGBA(0x40, 0x40, 0x40, 0x40),
    ]);
    p.colors.forEach((c, i) => expect(p.index(c)).toBe(i));
    expect(p.convert(new RGBA(0x80, 0x00, 0x00, 0x80))).toEqual(new RGBA(0x7f, 0x00, 0x00, 0x7f));
  });

  test('an exact match returns the first equal entry, even after a closer-looking duplicate', () => {
    const p = new Palette([new RGBA(1, 2, 3, 4), new RGBA(9, 9, 9, 9), new RGBA(9, 9, 9, 9)]);
    expect(p.index(new RGBA(9, 9, 9, 9))).toBe(1);
  });

  test('equidistant entries: the lowest index wins', () => {
    const p = new Palette([new RGBA64(0x3000, 0, 0, 0xffff), new RGBA64(0x1000, 0, 0, 0xffff)]);
    expect(p.index(new RGBA64(0x2000, 0, 0, 0xffff))).toBe(0);
    const q = new Palette([new RGBA64(0x1000, 0, 0, 0xffff), new RGBA64(0x3000, 0, 0, 0xffff)]);
    expect(q.index(new RGBA64(0x2000, 0, 0, 0xffff))).toBe(0);
  });

  test('sqDiff extremes: distances up to 4 × (0xffff² >> 2) do not overflow the search', () => {
    // Go's TestSqDiff: (d*d)>>2 for d up to 0xffff is below 2^30, so four of them fit in uint32.
    const p = new Palette([new RGBA64(0xffff, 0xffff, 0xffff, 0xffff), new RGBA64(0, 0, 0, 1)]);
    expect(p.index(new RGBA64(0, 0, 0, 0))).toBe(1);
    const far = new Palette([new RGBA64(0xffff, 0xffff, 0xffff, 0xffff)]);
    expect(far.index(new RGBA64(0, 0, 0, 0))).toBe(0);
    expect(distance([0, 0, 0, 0], [0xffff, 0xffff, 0xffff, 0xffff])).toBeLessThan(2 ** 32);
  });

  test('law: index is the first entry at the minimum of Go\'s distance', () => {
    const color16 = fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff)).map(([r, g, b, a]) => new RGBA64(r, g, b, a));
    // Coarse values make ties and duplicates common.
    const coarse = fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4)).map(([r, g, b, a]) => new RGBA64(r * 0x3fff, g * 0x3fff, b * 0x3fff, a * 0x3fff));
    const colour = fc.oneof(color16, coarse);
    fc.assert(
      fc.property(fc.array(colour, { minLength: 1, maxLength: 20 }), colour, (entries, c) => {
        const p = new Palette(entries);
        expect(p.index(c)).toBe(nearestAll(entries, c)[0]);
        expect(p.convert(c)).toBe(entries[p.index(c)]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Palette object', () => {
  test('an empty palette: index is 0 (as Go) and convert throws a SizeError', () => {
    const p = new Palette([]);
    expect(p.index(new RGBA(1, 2, 3, 4))).toBe(0);
    expect(() => p.convert(new RGBA(1, 2, 3, 4))).toThrow(SizeError);
    try {
      p.convert(new RGBA(1, 2, 3, 4));
    } catch (e) {
      expect(e).toBeInstanceOf(ImagoError);
      expect((e as SizeError).code).toBe('ERR_SIZE');
    }
  });

  test('the constructor copies the list and freezes it', () => {
    const list: Color[] = [new RGBA(1, 1, 1, 1)];
    const p = new Palette(list);
    list.push(new RGBA(2, 2, 2, 2));
    expect(p.length).toBe(1);
    expect(Object.isFrozen(p.colors)).toBe(true);
  });

  test('rgba16() packs every entry\'s rgba()', () => {
    const p = new Palette([new RGBA(1, 2, 3, 4), new RGBA64(5, 6, 7, 8)]);
    expect(Array.from(p.rgba16())).toEqual([0x101, 0x202, 0x303, 0x404, 5, 6, 7, 8]);
  });
});
