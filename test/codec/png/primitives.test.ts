import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adler32 } from '../../../src/codec/png/adler32.js';
import { crc32Update } from '../../../src/codec/crc32.js';
import { storedCompressor } from '../../../src/codec/png/deflate.js';
import { applyFilter, chooseFilter, filterRows, paethPredictor } from '../../../src/codec/png/filter.js';
import { unfilterRow } from '../../../src/codec/png/unfilter.js';
import { firstDifference } from './helpers.js';

/** The PNG spec's reconstruction, byte by byte with the textbook Paeth (section 9.4). */
function referenceUnfilter(filter: number, raw: Uint8Array, prev: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const a = i >= bpp ? out[i - bpp] : 0;
    const b = prev[i];
    const c = i >= bpp ? prev[i - bpp] : 0;
    let pred = 0;
    if (filter === 1) pred = a;
    else if (filter === 2) pred = b;
    else if (filter === 3) pred = Math.floor((a + b) / 2);
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    out[i] = (raw[i] + pred) & 0xff;
  }
  return out;
}

const arbRow = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(12, 24, 48, 96)).chain((n) => fc.tuple(fc.uint8Array({ minLength: n, maxLength: n }), fc.uint8Array({ minLength: n, maxLength: n })));

describe('checksums', () => {
  test('CRC-32 check value and chunked continuation', () => {
    expect(crc32Update(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32Update(0, new TextEncoder().encode('IEND'))).toBe(0xae426082);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (p, k) => {
        const cut = Math.min(k, p.length);
        expect(crc32Update(crc32Update(0, p.subarray(0, cut)), p.subarray(cut))).toBe(crc32Update(0, p));
        // Against the bitwise definition.
        let c = 0xffffffff;
        for (const b of p) {
          c ^= b;
          for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
        expect(crc32Update(0, p)).toBe(~c >>> 0);
      }),
    );
  });

  test('Adler-32 check value and the modular definition', () => {
    expect(adler32(1, new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12000 }), (p) => {
        let a = 1;
        let b = 0;
        for (const x of p) {
          a = (a + x) % 65521;
          b = (b + a) % 65521;
        }
        expect(adler32(1, p)).toBe(((b << 16) | a) >>> 0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('scanline filters', () => {
  test('unfilterRow equals the textbook reconstruction, in place and out of place', () => {
    fc.assert(
      fc.property(arbRow, fc.integer({ min: 0, max: 4 }), fc.constantFrom(1, 2, 3, 4, 6, 8), ([raw, prev], filter, bpp) => {
        const want = referenceUnfilter(filter, raw, prev, bpp);
        // Surrounded by guard bytes that must stay untouched.
        const out = new Uint8Array(raw.length + 6).fill(0xa5);
        expect(unfilterRow(filter, raw, 0, out, 3, prev, 0, raw.length, bpp)).toBe(true);
        expect(out.subarray(3, 3 + raw.length)).toEqual(want);
        expect(Array.from(out.subarray(0, 3))).toEqual([0xa5, 0xa5, 0xa5]);
        expect(Array.from(out.subarray(3 + raw.length))).toEqual([0xa5, 0xa5, 0xa5]);
        const inPlace = raw.slice();
        unfilterRow(filter, inPlace, 0, inPlace, 0, prev, 0, raw.length, bpp);
        expect(inPlace).toEqual(want);
      }),
    );
    expect(unfilterRow(5, new Uint8Array(4), 0, new Uint8Array(4), 0, new Uint8Array(4), 0, 4, 1)).toBe(false);
  });

  test('the chosen filter reconstructs to the row, and wins by the minimum sum of |int8|', () => {
    fc.assert(
      fc.property(arbRow, fc.constantFrom(1, 2, 3, 4, 6, 8), ([row, prev0], bpp) => {
        const n = row.length;
        const rows = filterRows(n);
        rows[0].set(row, 1);
        const prev = new Uint8Array(1 + n);
        prev.set(prev0, 1);
        const f = chooseFilter(rows, prev, bpp);
        expect(rows[f][0]).toBe(f);
        const back = new Uint8Array(n);
        unfilterRow(f, rows[f], 1, back, 0, prev, 1, n, bpp);
        expect(back).toEqual(row);
        // No other filter has a strictly smaller sum.
        const sum = (p: Uint8Array): number => p.reduce((s, d) => s + (d < 128 ? d : 256 - d), 0);
        const filtered = (g: number): Uint8Array => {
          const out = new Uint8Array(n);
          for (let i = 0; i < n; i++) {
            const a = i >= bpp ? row[i - bpp] : 0;
            const b = prev0[i];
            const c = i >= bpp ? prev0[i - bpp] : 0;
            const pred = [0, a, b, (a + b) >> 1, paethPredictor(a, b, c)][g];
            out[i] = (row[i] - pred) & 0xff;
          }
          return out;
        };
        const best = Math.min(...[0, 1, 2, 3, 4].map((g) => sum(filtered(g))));
        expect(sum(filtered(f))).toBe(best);
      }),
    );
  });
});

describe('fixed filters', () => {
  test('applyFilter(f) is undone by unfilterRow(f)', () => {
    fc.assert(
      fc.property(arbRow, fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 2, 3, 4, 6, 8), ([row, prev0], f, bpp) => {
        const n = row.length;
        const rows = filterRows(n);
        rows[0].set(row, 1);
        const prev = new Uint8Array(1 + n);
        prev.set(prev0, 1);
        expect(applyFilter(f, rows, prev, bpp)).toBe(f);
        expect(rows[f][0]).toBe(f);
        const back = new Uint8Array(n);
        unfilterRow(f, rows[f], 1, back, 0, prev, 1, n, bpp);
        expect(back).toEqual(row);
      }),
    );
  });
});

describe('stored compressor', () => {
  test('produces a zlib stream that inflates to the input, for pieces of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 65_530, max: 70_000 })), { maxLength: 4 }), async (sizes) => {
        const pieces = sizes.map((n, k) => {
          const p = new Uint8Array(n);
          for (let i = 0; i < n; i++) p[i] = (i * 31 + k) & 0xff;
          return p;
        });
        const t = storedCompressor();
        const w = t.writable.getWriter();
        const writing = (async () => {
          for (const p of pieces) await w.write(p);
          await w.close();
        })();
        const z = new Uint8Array(await new Response(t.readable).arrayBuffer());
        await writing;
        expect([z[0], z[1]]).toEqual([0x78, 0x01]);
        expect((0x78 * 256 + 0x01) % 31).toBe(0);
        const back = new Uint8Array(await new Response(new Blob([z]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
        const all = new Uint8Array(sizes.reduce((s, n) => s + n, 0));
        let o = 0;
        for (const p of pieces) {
          all.set(p, o);
          o += p.length;
        }
        expect(firstDifference(back, all)).toBe('');
      }),
      { numRuns: 25 },
    );
  });
});
