import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ImagoError } from '../../../src/errors.js';
import { crc32Update } from '../../../src/codec/crc32.js';
import { readPng, readPngInfo } from '../../../src/codec/png/decoder.js';
import { fixtureBytes, goDecodes, streamOf } from './helpers.js';

/**
 * Damaged files give only ImagoErrors (or a valid image), never another exception and never a
 * hang: truncated, bit-flipped and spliced PngSuite files, and files whose chunk data is damaged
 * with the CRC recomputed, so that the damage reaches the zlib stream, the filters and the chunk
 * parsers instead of stopping at the checksum.
 *
 * The decoder wraps anything unexpected in a FormatError saying "internal error", so the
 * properties also require that message never to appear: that would be a bug.
 *
 * FUZZ_RUNS raises the number of runs (the CI default is a few thousand in total).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const files = goDecodes()
  .filter((c) => c.file.startsWith('pngsuite/') && !c.file.includes('golang-sng'))
  .map((c) => fixtureBytes(c.file));

/** Decodes and checks the outcome: an image, or an ImagoError that is not an internal error. */
async function outcome(input: Uint8Array | ReadableStream<Uint8Array>, limits?: { maxPixels: number }): Promise<'image' | 'error'> {
  try {
    const { image } = await readPng(input, { limits });
    expect(image.rect.dx()).toBeGreaterThan(0);
    return 'image';
  } catch (e) {
    if (!(e instanceof ImagoError)) throw new Error(`not an ImagoError: ${String(e)}`, { cause: e });
    expect((e as Error).message).not.toMatch(/internal error/);
    return 'error';
  }
}

const arbFile = fc.nat(files.length - 1).map((i) => files[i]);

/** The chunks of a PNG as [offset of length field, data length], for chunk-aware mutations. */
function chunkTable(p: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  for (let o = 8; o + 12 <= p.length; ) {
    const n = dv.getUint32(o);
    if (o + 12 + n > p.length) break;
    out.push([o, n]);
    o += 12 + n;
  }
  return out;
}

/** Rewrites the CRC of the chunk at offset o (length n) to match its (damaged) data. */
function fixCrc(p: Uint8Array, o: number, n: number): void {
  const c = crc32Update(0, p, o + 4, o + 8 + n);
  new DataView(p.buffer, p.byteOffset).setUint32(o + 8 + n, c);
}

async function zlibThrough(data: Uint8Array, t: { readable: ReadableStream; writable: WritableStream }): Promise<Uint8Array> {
  const s = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(t as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(s).arrayBuffer());
}

/** A chunk: length, type, data, CRC. */
function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32Update(0, out, 4, 8 + data.length));
  return out;
}

/**
 * Rebuilds a PNG with its inflated image data replaced by `edit(inflated)`, recompressed into one
 * IDAT: the damage reaches the filter bytes, the scanlines and the length checks.
 */
async function withImageData(f: Uint8Array, edit: (raw: Uint8Array) => Uint8Array): Promise<Uint8Array | null> {
  const table = chunkTable(f);
  const idat = table.filter(([o]) => String.fromCharCode(...f.subarray(o + 4, o + 8)) === 'IDAT');
  if (idat.length === 0) return null;
  const z = new Uint8Array(idat.reduce((n, [, len]) => n + len, 0));
  let k = 0;
  for (const [o, n] of idat) {
    z.set(f.subarray(o + 8, o + 8 + n), k);
    k += n;
  }
  const raw = await zlibThrough(z, new DecompressionStream('deflate'));
  const packed = await zlibThrough(edit(raw), new CompressionStream('deflate'));
  const parts: Uint8Array[] = [f.subarray(0, 8)];
  let done = false;
  for (const [o, n] of table) {
    const isIdat = String.fromCharCode(...f.subarray(o + 4, o + 8)) === 'IDAT';
    if (!isIdat) parts.push(f.subarray(o, o + 12 + n));
    else if (!done) {
      parts.push(makeChunk('IDAT', packed));
      done = true;
    }
  }
  const out = new Uint8Array(parts.reduce((n, q) => n + q.length, 0));
  let off = 0;
  for (const q of parts) {
    out.set(q, off);
    off += q.length;
  }
  return out;
}

describe('fuzz: damaged PngSuite files give only ImagoErrors', () => {
  test('inflated image data damaged, shortened or lengthened, then recompressed', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbFile,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(255)), { maxLength: 6 }),
        fc.integer({ min: -40, max: 40 }),
        async (f, edits, resize) => {
          const p = await withImageData(f, (raw) => {
            const r = new Uint8Array(Math.max(0, raw.length + resize));
            r.set(raw.subarray(0, r.length));
            for (const [at, v] of edits) if (r.length > 0) r[Math.floor(at * (r.length - 1))] = v;
            return r;
          });
          fc.pre(p !== null);
          const result = await outcome(p!);
          if (resize !== 0) expect(result).toBe('error');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('truncated', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, fc.double({ min: 0, max: 1, noNaN: true }), async (f, at) => {
        const cut = Math.floor(at * f.length);
        fc.pre(cut < f.length);
        // A file cut anywhere before IEND's end lacks IEND: always an error.
        expect(await outcome(f.subarray(0, cut))).toBe('error');
      }),
      { numRuns: RUNS },
    );
  });

  test('bit-flipped', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(7)), { minLength: 1, maxLength: 8 }), async (f, flips) => {
        const p = f.slice();
        for (const [at, bit] of flips) p[Math.floor(at * (p.length - 1))] ^= 1 << bit;
        await outcome(p);
      }),
      { numRuns: RUNS },
    );
  });

  test('spliced', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, arbFile, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), async (a, b, i, j) => {
        const p = new Uint8Array([...a.subarray(0, Math.floor(i * a.length)), ...b.subarray(Math.floor(j * b.length))]);
        await outcome(p);
      }),
      { numRuns: RUNS },
    );
  });

  test('chunk data damaged behind a valid CRC (reaches zlib, filters and parsers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbFile,
        fc.nat(),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        async (f, which, edits) => {
          const p = f.slice();
          const table = chunkTable(p);
          fc.pre(table.length > 0);
          const [o, n] = table[which % table.length];
          fc.pre(n > 0);
          for (const [at, v] of edits) p[o + 8 + Math.floor(at * (n - 1))] = v;
          fixCrc(p, o, n);
          await outcome(p);
          await outcome(streamOf(p, [5, 100, 3]));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('chunks dropped, duplicated or reordered', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (f, picks) => {
        const table = chunkTable(f);
        fc.pre(table.length > 0);
        const parts: Uint8Array[] = [f.subarray(0, 8)];
        for (const k of picks) {
          const [o, n] = table[k % table.length];
          parts.push(f.subarray(o, o + 12 + n));
        }
        const p = new Uint8Array(parts.reduce((s, q) => s + q.length, 0));
        let off = 0;
        for (const q of parts) {
          p.set(q, off);
          off += q.length;
        }
        await outcome(p);
      }),
      { numRuns: RUNS },
    );
  });

  test('readPngInfo on damaged headers', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, fc.nat(), fc.nat(255), async (f, at, v) => {
        const p = f.slice();
        p[at % Math.min(p.length, 200)] = v;
        try {
          await readPngInfo(p);
        } catch (e) {
          expect(e).toBeInstanceOf(ImagoError);
          expect((e as Error).message).not.toMatch(/internal error/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('a small pixel limit refuses every large claim before decoding', async () => {
    await fc.assert(
      fc.asyncProperty(arbFile, fc.nat(7), async (f, bit) => {
        const p = f.slice();
        // Damage the IHDR width or height and fix the CRC, so the file claims another size.
        p[16 + (bit % 8)] ^= 1 << bit;
        fixCrc(p, 8, 13);
        await outcome(p, { maxPixels: 4096 });
      }),
      { numRuns: RUNS },
    );
  });
});
