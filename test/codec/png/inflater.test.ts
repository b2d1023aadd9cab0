/**
 * RFC 1950/1951 conformance of imago's inflater (src/codec/png/inflater.ts).
 *
 * Valid streams are written symbol by symbol (deflate-writer.ts) and must inflate to what the
 * symbols say, and to what node:zlib (an independent inflater) gives, whatever the sizes of the
 * pieces they are fed in. Corrupt streams must fail with a ZlibDataError carrying the stream offset,
 * which node:zlib must also reject (except where Go and zlib differ, noted). Through readPng, the
 * same failures are FormatErrors naming the byte of the file and of the zlib stream.
 */
import fc from 'fast-check';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { readPng } from '../../../src/codec/png/decoder.js';
import { Inflater, ZlibDataError } from '../../../src/codec/png/inflater.js';
import { inflateIccProfile } from '../../../src/codec/png/metadata.js';
import {
  BitWriter,
  CL_LENGTHS,
  FIXED_DIST,
  FIXED_LIT,
  LENGTHS,
  DISTANCES,
  completeLengths,
  expand,
  zlibWrap,
  type Sym,
} from './deflate-writer.js';
import { cat, chunk, firstDifference, ihdr, rejection } from './helpers.js';

/** Inflates `z` fed in pieces of the given sizes (cycling); throws what the inflater throws. */
function inflate(z: Uint8Array, sizes: readonly number[] = [z.length || 1]): Uint8Array {
  const parts: Uint8Array[] = [];
  const inf = new Inflater((b, s, e) => parts.push(b.slice(s, e)));
  for (let i = 0, k = 0; i < z.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    inf.push(z.subarray(i, i + n));
    i += n;
  }
  inf.finish();
  return cat(...parts);
}

/** The ZlibDataError inflating `z` gives (fails the test if it inflates). */
function inflateError(z: Uint8Array, sizes?: readonly number[]): ZlibDataError {
  try {
    inflate(z, sizes);
  } catch (e) {
    if (e instanceof ZlibDataError) return e;
    throw e;
  }
  throw new Error('expected a ZlibDataError');
}

/** Bytes 0..n-1 of a fixed pseudo-random sequence (an LCG), incompressible enough for stored blocks. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Checks a valid stream: the model's output, node:zlib's output, and every feeding pattern agree. */
function expectInflates(z: Uint8Array, want: Uint8Array): void {
  expect(firstDifference(new Uint8Array(inflateSync(z)), want)).toBe('');
  expect(firstDifference(inflate(z), want)).toBe('');
  for (const sizes of [[1], [7], [3, 1000], [65536]]) expect(firstDifference(inflate(z, sizes), want)).toBe('');
}

/** A zlib stream of one final fixed block of `syms`, with its expected output. */
function fixedStream(syms: readonly Sym[]): { z: Uint8Array; want: Uint8Array } {
  const want = new Uint8Array(expand(syms));
  return { z: zlibWrap(new BitWriter().fixed(true, [...syms, 'eob']).done(), want), want };
}

describe('valid streams inflate to what their symbols say, and to what node:zlib gives', () => {
  test('an empty stored block: no output', () => {
    const z = zlibWrap(new BitWriter().stored(true, []).done(), new Uint8Array(0));
    expectInflates(z, new Uint8Array(0));
  });

  test('stored blocks: several, one of 65535 bytes, an empty one', () => {
    const a = noise(65535, 1);
    const b = noise(1000, 2);
    const w = new BitWriter().stored(false, a).stored(false, []).stored(true, b);
    const want = cat(a, b);
    expectInflates(zlibWrap(w.done(), want), want);
  });

  test('stored data after bits of a fixed block starts on the next byte boundary', () => {
    const syms: Sym[] = [65, 66, 'eob'];
    const w = new BitWriter().fixed(false, syms).stored(true, [1, 2, 3]);
    const want = new Uint8Array([65, 66, 1, 2, 3]);
    expectInflates(zlibWrap(w.done(), want), want);
  });

  test('fixed block: every literal, distance 1 runs, the shortest and longest matches', () => {
    const syms: Sym[] = [];
    for (let v = 0; v < 256; v++) syms.push(v);
    syms.push({ len: 3, dist: 1 }, { len: 258, dist: 1 }, { len: 258, dist: 256 }, 7, { len: 4, dist: 2 });
    const { z, want } = fixedStream(syms);
    expect(want.length).toBe(256 + 3 + 258 + 258 + 1 + 4);
    expectInflates(z, want);
  });

  test('every length code 257..285 and every distance code 0..29, at both ends of their ranges', () => {
    const pre = noise(32768, 3);
    const syms: Sym[] = [];
    for (const [base, extra] of LENGTHS) {
      syms.push({ len: base, dist: 1 });
      if (extra > 0) syms.push({ len: base + (1 << extra) - 1, dist: 3 });
    }
    for (const [base, extra] of DISTANCES) {
      syms.push({ len: 5, dist: base });
      if (extra > 0) syms.push({ len: 6, dist: base + (1 << extra) - 1 });
    }
    const w = new BitWriter().stored(false, pre).fixed(true, [...syms, 'eob']);
    const want = new Uint8Array(expand(syms, Array.from(pre)));
    expectInflates(zlibWrap(w.done(), want), want);
  });

  test('distance 32768 reaches the first byte of the window, also after the output buffer slid', () => {
    for (const before of [32768, 200_000, 131_072 - 3]) {
      const pre = noise(before, before);
      const syms: Sym[] = [{ len: 258, dist: 32768 }, { len: 3, dist: 32768 }, { len: 100, dist: 32000 }];
      const w = new BitWriter();
      for (let i = 0; i < pre.length; i += 65535) w.stored(false, pre.subarray(i, i + 65535));
      w.fixed(true, [...syms, 'eob']);
      const want = new Uint8Array(expand(syms, Array.from(pre)));
      expectInflates(zlibWrap(w.done(), want), want);
    }
  });

  test('dynamic block over all 286 literal/length and 30 distance symbols', () => {
    const lit = completeLengths(286);
    const dist = completeLengths(30);
    const syms: Sym[] = [1, 2, 3, 250, 255, { len: 258, dist: 5 }, { len: 10, dist: 1 }, 9, { len: 100, dist: 200 }];
    const want = new Uint8Array(expand(syms));
    const z = zlibWrap(new BitWriter().dynamic(true, lit, dist, [...syms, 'eob']).done(), want);
    expectInflates(z, want);
  });

  test('15-bit codes in both trees (second-level tables)', () => {
    // Lengths 1, 2, ..., 14, 15, 15 make a complete code (Σ 2^-k for k = 1..14, plus 2 · 2^-15).
    const ladder = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15];
    const lit = new Array<number>(286).fill(0);
    // Literals 0..12 get 1..13 bits, length code 262 (8) 14 bits, literal 255 and end-of-block 15.
    for (let s = 0; s <= 12; s++) lit[s] = ladder[s];
    lit[262] = 14;
    lit[255] = 15;
    lit[256] = 15;
    const dist = new Array<number>(30).fill(0);
    // Distance codes 0..15, the longest (15 bits) being codes 14 and 15 (129..256).
    for (let s = 0; s < 16; s++) dist[s] = ladder[s];
    const syms: Sym[] = [];
    for (let v = 0; v <= 12; v++) syms.push(v);
    for (let i = 0; i < 100; i++) syms.push(255, 12, 0);
    syms.push({ len: 8, dist: 1 }, { len: 8, dist: 129 }, { len: 8, dist: 193 }, { len: 8, dist: 256 }, 255);
    const want = new Uint8Array(expand(syms));
    const z = zlibWrap(new BitWriter().dynamic(true, lit, dist, [...syms, 'eob']).done(), want);
    expectInflates(z, want);
  });

  test('a distance tree of one 1-bit code, and a block of literals with no distance code at all', () => {
    const lit = completeLengths(286);
    const one = [1];
    const syms: Sym[] = [5, { len: 20, dist: 1 }, 6];
    const want1 = new Uint8Array(expand(syms));
    expectInflates(zlibWrap(new BitWriter().dynamic(true, lit, one, [...syms, 'eob']).done(), want1), want1);
    const none = [0];
    const lits: Sym[] = [1, 2, 3];
    const want2 = new Uint8Array(expand(lits));
    expectInflates(zlibWrap(new BitWriter().dynamic(true, lit, none, [...lits, 'eob']).done(), want2), want2);
  });

  test('code-length repeats 16, 17 and 18', () => {
    // 272 literal/length lengths: 0, 255, 256 (end of block) and 271 (lengths 27..30) get 9 bits,
    // 1..254 get 8, 257..270 none: 254/256 + 4/512 = 1, complete.
    const lit = new Array<number>(272).fill(0);
    lit.fill(8, 1, 255);
    lit[0] = lit[255] = lit[256] = lit[271] = 9;
    // 22 distance lengths: code 0 and code 21 get 1 bit, the 20 between none.
    const dist = [1, ...new Array<number>(20).fill(0), 1];
    // Sent as: 9, 8, then 16 ("the previous length 3..6 more times") for the other 253 eights,
    // 9, 9, 18 (11..138 zeros) for 14 zeros, 9; then 1, 18 for 11 zeros, 17 (3..10) for 9, 1.
    const seq: Array<[number, number?]> = [[9], [8]];
    let left = 253;
    while (left > 0) {
      const k = Math.min(6, left);
      if (k < 3) {
        for (let i = 0; i < k; i++) seq.push([8]);
      } else {
        seq.push([16, k - 3]);
      }
      left -= k;
    }
    seq.push([9], [9], [18, 14 - 11], [9], [1], [18, 11 - 11], [17, 9 - 3], [1]);
    const syms: Sym[] = [0, 200, { len: 30, dist: 1 }, 100];
    const w = new BitWriter().dynamicHeader(true, lit, dist, seq).symbols(lit, dist, [...syms, 'eob']);
    const want = new Uint8Array(expand(syms));
    expectInflates(zlibWrap(w.done(), want), want);
  });

  test('bytes after the Adler-32 are ignored; the stream is done', () => {
    const { z, want } = fixedStream([1, 2, 3]);
    const parts: number[] = [];
    const inf = new Inflater((b, s, e) => parts.push(...b.subarray(s, e)));
    inf.push(cat(z, new Uint8Array([9, 9, 9])));
    inf.finish();
    expect(inf.done).toBe(true);
    expect(new Uint8Array(parts)).toEqual(want);
    // Once done, the inflater takes and ignores anything.
    inf.push(new Uint8Array(1000).fill(0xff));
    inf.finish();
    expect(inf.totalOut).toBe(want.length);
    // With enough input in hand, it gets there without finish().
    const early = new Inflater(() => {});
    early.push(cat(z, new Uint8Array(400)));
    expect(early.done).toBe(true);
  });

  test('CINFO below 7 (a smaller window) is accepted, as Go accepts it', () => {
    const { z, want } = fixedStream([1, 2, 3, { len: 10, dist: 3 }]);
    const small = z.slice();
    // CMF 0x18 (window 2^9) with FLG 0x19: 0x1819 = 31 · 199.
    small[0] = 0x18;
    small[1] = 0x19;
    expect(firstDifference(inflate(small), want)).toBe('');
  });
});

/** A stream whose bytes differ from node:zlib's idea of valid: checks zlib rejects it too. */
function expectRejected(z: Uint8Array, message: RegExp): ZlibDataError {
  expect(() => inflateSync(z)).toThrow();
  const e = inflateError(z);
  expect(e.message).toMatch(message);
  expect(e.truncated).toBe(false);
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(e.offset).toBeLessThanOrEqual(z.length);
  // Fed a byte at a time, the same error at the same place.
  const e1 = inflateError(z, [1]);
  expect(e1.message).toBe(e.message);
  expect(e1.offset).toBe(e.offset);
  return e;
}

describe('corrupt streams fail with a ZlibDataError at a stream offset', () => {
  const ok = fixedStream([1, 2, 3]).z;

  test('zlib header: method, window size, check bits, preset dictionary', () => {
    const bad = (b0: number, b1: number): Uint8Array => cat(new Uint8Array([b0, b1]), ok.subarray(2));
    expect(expectRejected(bad(0x77, 0x01), /compression method 7/).offset).toBe(0); // 0x7701 = 31 · 985
    expect(expectRejected(bad(0x88, 0x18), /window size 2\^16/).offset).toBe(0); // 0x8818 = 31 · 1124
    expectRejected(bad(0x78, 0x9d), /check bits/);
    expectRejected(bad(0x78, 0xbb), /preset dictionary/); // 0x78bb = 31 · 997 + 32: FDICT set
  });

  test('block type 3', () => {
    const z = cat(new Uint8Array([0x78, 0x9c]), new BitWriter().bits(1, 1).bits(3, 2).done(), new Uint8Array(8));
    expect(expectRejected(z, /invalid block type 3/).offset).toBe(2);
  });

  test('stored block whose NLEN is not the complement of LEN: the offset is the LEN field', () => {
    const z = zlibWrap(new BitWriter().stored(true, [1, 2, 3], 3, 0x1234).done(), new Uint8Array([1, 2, 3]));
    expect(expectRejected(z, /LEN 3 and NLEN 4660/).offset).toBe(3);
  });

  test('over-subscribed, incomplete and malformed code lengths', () => {
    const data = new Uint8Array(0);
    const dyn = (lit: number[], dist: number[], seq?: Array<[number, number?]>): Uint8Array =>
      zlibWrap(new BitWriter().dynamicHeader(true, lit, dist, seq).done(), data);
    const lit = completeLengths(286);
    const dist = completeLengths(30);
    const over = [...lit];
    over[0] = 1;
    over[1] = 1;
    expectRejected(dyn(over, dist), /literal\/length code lengths: the code is over-subscribed/);
    const incomplete = new Array<number>(257).fill(0);
    incomplete[0] = 2;
    incomplete[256] = 2;
    expectRejected(dyn(incomplete, dist), /literal\/length code lengths: the code is incomplete/);
    const distIncomplete = [2, 2];
    expectRejected(dyn(lit, distIncomplete), /distance code lengths: the code is incomplete/);
    const noEob = [...lit];
    noEob[256] = 0;
    noEob[255] = lit[255] - 1; // keeps the code complete: 255 takes the place of 256's sibling
    expectRejected(dyn(noEob, dist), /no end-of-block code/);
    expectRejected(dyn(lit, dist, [[16, 0]]), /repeat \(16\) with no previous length/);
    expectRejected(dyn(lit, dist, [[18, 127], [18, 127], [18, 127]]), /repeat runs past the 316 code lengths/);
    expectRejected(dyn([...lit, 5], dist), /too many literal\/length codes: 287/);
    expectRejected(dyn(lit, [...dist, 5]), /too many distance codes: 31/);
  });

  test('an over-subscribed code-length code', () => {
    const w = new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(19 - 4, 4);
    for (let i = 0; i < 19; i++) w.bits(1, 3); // nineteen 1-bit codes
    const z = cat(new Uint8Array([0x78, 0x9c]), w.done(), new Uint8Array(300));
    expectRejected(z, /invalid code-length code lengths: the code is over-subscribed/);
  });

  test('symbols the fixed code defines but deflate forbids: lengths 286, 287 and distances 30, 31', () => {
    for (const sym of [286, 287]) {
      const w = new BitWriter().bits(1, 1).bits(1, 2).huff(0xc0 + sym - 280, 8).bits(0, 32);
      expectRejected(cat(new Uint8Array([0x78, 0x9c]), w.done()), /invalid literal\/length code/);
    }
    for (const d of [30, 31]) {
      const w = new BitWriter().bits(1, 1).bits(1, 2).huff(0x30 + 7, 8).huff(1, 7).huff(d, 5).bits(0, 32);
      expectRejected(cat(new Uint8Array([0x78, 0x9c]), w.done()), /invalid distance code/);
    }
  });

  test('distance too far back: before the first byte, and one past the output', () => {
    const z1 = zlibWrap(new BitWriter().fixed(true, [{ len: 3, dist: 1 }, 'eob']).done(), new Uint8Array(3));
    expectRejected(z1, /invalid distance 1: only 0 bytes precede it/);
    const z2 = zlibWrap(new BitWriter().fixed(true, [1, 2, { len: 3, dist: 3 }, 'eob']).done(), new Uint8Array(5));
    expectRejected(z2, /invalid distance 3: only 2 bytes precede it/);
  });

  test('bad Adler-32: the offset is the checksum', () => {
    const { z } = fixedStream([1, 2, 3, { len: 9, dist: 2 }]);
    const bad = z.slice();
    bad[bad.length - 1] ^= 1;
    expect(expectRejected(bad, /invalid Adler-32 checksum/).offset).toBe(z.length - 4);
  });

  test('every truncation of valid streams is reported as truncated', () => {
    const streams = [
      fixedStream([1, 2, 3, { len: 258, dist: 1 }, 4]).z,
      zlibWrap(new BitWriter().stored(false, [1, 2, 3]).stored(true, [4, 5]).done(), new Uint8Array([1, 2, 3, 4, 5])),
      zlibWrap(new BitWriter().dynamic(true, completeLengths(286), completeLengths(30), [7, { len: 40, dist: 1 }, 'eob']).done(), new Uint8Array(expand([7, { len: 40, dist: 1 }]))),
    ];
    for (const z of streams) {
      for (let n = 0; n < z.length; n++) {
        const cut = z.subarray(0, n);
        expect(() => inflateSync(cut)).toThrow();
        for (const sizes of [[n || 1], [1]]) {
          const e = inflateError(cut, sizes);
          expect(e.truncated, `cut at ${n} of ${z.length}`).toBe(true);
          expect(e.message).toBe('unexpected end of the zlib stream');
        }
      }
    }
  });
});

describe('through readPng, zlib failures are FormatErrors naming the file byte and the stream byte', () => {
  /** A 4x2 grey PNG whose zlib stream `z` is split into IDAT chunks of `split` bytes. */
  function png(z: Uint8Array, split: number): Uint8Array {
    const idats: Uint8Array[] = [];
    for (let i = 0; i < z.length; i += split) idats.push(chunk('IDAT', z.subarray(i, i + split)));
    return cat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr(4, 2, 8, 0), ...idats, chunk('IEND'));
  }

  test('a bad stored length in the third IDAT chunk', async () => {
    // Rows of 1 + 4 bytes: two rows in a stored block, but with a bad NLEN 10 bytes into the stream.
    const rows = new Uint8Array([0, 1, 2, 3, 4, 0, 5, 6, 7, 8]);
    const w = new BitWriter().stored(false, rows.subarray(0, 5)).stored(true, rows.subarray(5), 5, 0);
    const z = zlibWrap(w.done(), rows);
    // The zlib header is 2 bytes, the first stored block 1 + 4 + 5: the second block's header is
    // stream byte 12 and its LEN byte 13, the fourth byte of the third 5-byte chunk.
    const file = png(z, 5);
    // Signature 8, IHDR 25, two IDATs of 17: the third IDAT's data starts at 8 + 25 + 34 + 8 = 75,
    // so LEN is file byte 78.
    const e = await rejection(readPng(file));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toBe(
      'imago: png: zlib: invalid stored block lengths: LEN 5 and NLEN 0 are not complements (byte 13 of the zlib stream) in chunk IDAT at byte 78',
    );
    // The same from a stream of 3-byte pieces.
    const bytes = file;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i >= bytes.length) return c.close();
        c.enqueue(bytes.slice(i, i + 3));
        i += 3;
      },
    });
    expect((await rejection(readPng(stream))).message).toBe(e.message);
  });

  test('distance too far back and bad Adler-32', async () => {
    const rows = [0, 1, 2, 3, 4, 0, 5, 6, 7, 8];
    const far = zlibWrap(new BitWriter().fixed(true, [0, 1, { len: 8, dist: 3 }, 'eob']).done(), new Uint8Array(rows));
    const e1 = await rejection(readPng(png(far, 1000)));
    expect(e1).toBeInstanceOf(FormatError);
    expect(e1.message).toMatch(/^imago: png: zlib: invalid distance 3: only 2 bytes precede it \(distance too far back\) \(byte \d+ of the zlib stream\) in chunk IDAT at byte \d+$/);
    const good = zlibWrap(new BitWriter().fixed(true, [...rows, 'eob']).done(), new Uint8Array(rows));
    expect((await readPng(png(good, 3))).image.pix).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const bad = good.slice();
    bad[bad.length - 2] ^= 0x40;
    const e2 = await rejection(readPng(png(bad, 3)));
    expect(e2.message).toMatch(/^imago: png: zlib: invalid Adler-32 checksum: .* \(byte \d+ of the zlib stream\) in chunk IDAT at byte \d+$/);
  });

  test('an iCCP profile with a corrupt stream', async () => {
    const z = cat(new Uint8Array([0x78, 0x9c]), new BitWriter().bits(1, 1).bits(3, 2).done());
    const e = await rejection(inflateIccProfile({ name: 'p', compressed: z }));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toBe('imago: png: zlib: invalid block type 3 at byte 2 of the zlib stream, in the iCCP profile "p"');
  });
});

/** A compressible byte string: segments of noise, runs and repeats of earlier segments. */
const compressible = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 2000 }),
      fc.record({ byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 40_000 }) }),
      fc.record({ back: fc.integer({ min: 1, max: 40_000 }), n: fc.integer({ min: 1, max: 3000 }) }),
    ),
    { maxLength: 40 },
  )
  .map((segments) => {
    const out: number[] = [];
    for (const s of segments) {
      if (s instanceof Uint8Array) out.push(...s);
      else if ('byte' in s) for (let i = 0; i < s.n; i++) out.push(s.byte);
      else for (let i = 0, from = Math.max(0, out.length - s.back); i < s.n && from < out.length; i++) out.push(out[from++]);
    }
    return new Uint8Array(out);
  });

async function compressionStream(data: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}

const pieces = fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 });

describe('property: inflate undoes real compressors', () => {
  test('CompressionStream("deflate") at random sizes and contents, fed in random pieces', async () => {
    await fc.assert(
      fc.asyncProperty(compressible, pieces, async (data, sizes) => {
        const z = await compressionStream(data);
        expect(firstDifference(inflate(z, sizes), data)).toBe('');
      }),
      { numRuns: 60 },
    );
  });

  test('node:zlib at every level, strategy and window size', () => {
    const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];
    fc.assert(
      fc.property(
        compressible,
        pieces,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(...strategies),
        fc.integer({ min: 9, max: 15 }),
        fc.integer({ min: 1, max: 9 }),
        (data, sizes, level, strategy, windowBits, memLevel) => {
          const z = new Uint8Array(deflateSync(data, { level, strategy, windowBits, memLevel }));
          expect(firstDifference(inflate(z, sizes), data)).toBe('');
        },
      ),
      { numRuns: 80 },
    );
  });

  test('a large stream crosses many output-buffer slides', () => {
    const data = cat(noise(300_000, 9), new Uint8Array(300_000).fill(7), noise(100_000, 9));
    const z = new Uint8Array(deflateSync(data, { level: 9 }));
    expect(firstDifference(inflate(z, [4096, 13]), data)).toBe('');
  });
});

describe('the fixed tables', () => {
  test('are RFC 1951 3.2.6: every fixed literal/length and distance code decodes', () => {
    expect(FIXED_LIT.filter((l) => l === 8).length).toBe(152);
    expect(FIXED_DIST.length).toBe(32);
    expect(CL_LENGTHS.reduce((s, l) => s + 2 ** -l, 0)).toBe(1);
    const syms: Sym[] = [];
    for (let v = 255; v >= 0; v--) syms.push(v);
    for (let len = 3; len <= 258; len += 17) syms.push({ len, dist: 1 + ((len * 7) % 255) });
    const { z, want } = fixedStream(syms);
    expectInflates(z, want);
  });
});
