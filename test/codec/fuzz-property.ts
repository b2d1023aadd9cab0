/**
 * The codec fuzz property, shared by the CI test (test/codec/fuzz.test.ts, a few thousand runs)
 * and the long run (bench/fuzz-codecs.ts, as many as you like).
 *
 * Inputs are real files from the corpus (PNGs of every colour type, depth and interlacing; JPEGs
 * baseline, progressive, grey, CMYK, with restart markers), damaged by fast-check: truncated,
 * bit-flipped, overwritten with random bytes, or spliced (the head of one file on the tail of
 * another). Decoding any of them through the default registry (with autoOrient) must either give an image whose size
 * matches decodeConfig and fits the limits, or reject with an ImagoError. Never another exception,
 * never a hang (each decode is timed), never memory beyond a bound derived from the limits
 * (measured as the growth of `process.memoryUsage().arrayBuffers` across one decode).
 */
import fc from 'fast-check';
import { ImagoError, type Image, type Limits } from '../../src/index.js';
import { decode, decodeConfig } from '../../src/codecs.js';
import { corpus } from '../helpers/corpus.js';

export const SEED_FILES = [
  'pngsuite/basn0g01.png',
  'pngsuite/basn0g16.png',
  'pngsuite/basn2c16.png',
  'pngsuite/basn3p04.png',
  'pngsuite/basn4a08.png',
  'pngsuite/basn6a16.png',
  'pngsuite/basi3p02.png',
  'pngsuite/basi6a08.png',
  'pngsuite/tbrn2c08.png',
  'pngsuite/exif2c08.png',
  'pngsuite/s39i3p04.png',
  'gotestdata/video-001.q50.420.jpeg',
  'gotestdata/video-001.q50.422.progressive.jpeg',
  'gotestdata/video-005.gray.q50.jpeg',
  'gotestdata/video-001.restart2.jpeg',
  'gotestdata/video-001.cmyk.jpeg',
  'jpeg/jpeg-decoder/reftest/mozilla/jpg-progressive.jpg',
  'jpeg/jpeg-decoder/reftest/ycck.jpg',
  'jpeg/jpeg-js/redbox-with-rst.jpg',
] as const;

/** Small limits, so that damaged headers claiming big images meet them. */
export const FUZZ_LIMITS: Limits = { maxPixels: 1 << 18, maxWidth: 2048, maxHeight: 2048, maxBytes: 1 << 22 };

/**
 * The most memory one decode may add: jpeg-js needs about 28 bytes per pixel (see jpegjs-impl.ts)
 * and pngjs 8 (its RGBA16 output) plus the inflated rows; twice 28 per pixel, plus 4 MiB, bounds
 * both. A zlib bomb or an unchecked header would blow through it.
 */
export const MEMORY_BOUND = 2 * 28 * FUZZ_LIMITS.maxPixels + (4 << 20);

/** A decode slower than this counts as a hang (the seeds decode in a few milliseconds). */
export const SLOW_MS = 5_000;

type Mutation =
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'flip'; file: number; bits: Array<[number, number]> }
  | { kind: 'overwrite'; file: number; at: number; bytes: Uint8Array }
  | { kind: 'splice'; file: number; other: number; at: number; from: number };

const arbMutation = (n: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(n - 1), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), file: fc.nat(n - 1), bits: fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('overwrite' as const), file: fc.nat(n - 1), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ kind: fc.constant('splice' as const), file: fc.nat(n - 1), other: fc.nat(n - 1), at: fc.nat(), from: fc.nat() }),
  );

/** Applies a mutation to a copy of the file. Positions are taken modulo the length. */
export function mutate(files: Uint8Array[], m: Mutation): Uint8Array {
  const src = files[m.file];
  switch (m.kind) {
    case 'truncate':
      return src.slice(0, m.at % src.length);
    case 'flip': {
      const out = src.slice();
      for (const [pos, bit] of m.bits) out[pos % out.length] ^= 1 << bit;
      return out;
    }
    case 'overwrite': {
      const out = src.slice();
      const at = m.at % out.length;
      out.set(m.bytes.subarray(0, out.length - at), at);
      return out;
    }
    case 'splice': {
      const b = files[m.other];
      const head = src.subarray(0, m.at % src.length);
      const tail = b.subarray(m.from % b.length);
      const out = new Uint8Array(head.length + tail.length);
      out.set(head);
      out.set(tail, head.length);
      return out;
    }
  }
}

export interface FuzzStats {
  runs: number;
  decoded: number;
  rejected: Record<string, number>;
  slowestMs: number;
  maxGrowth: number;
}

/** One case: the outcome, or an Error describing the violation. */
async function check(bytes: Uint8Array, stats: FuzzStats): Promise<void> {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let img: Image | undefined;
  let err: unknown;
  try {
    img = await decode(bytes, { limits: FUZZ_LIMITS, autoOrient: true });
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  const growth = process.memoryUsage().arrayBuffers - before;
  stats.runs++;
  stats.slowestMs = Math.max(stats.slowestMs, ms);
  stats.maxGrowth = Math.max(stats.maxGrowth, growth);
  if (ms > SLOW_MS) throw new Error(`decode took ${ms.toFixed(0)} ms`);
  if (growth > MEMORY_BOUND) throw new Error(`decode grew array buffers by ${growth} bytes (bound ${MEMORY_BOUND})`);
  if (err !== undefined) {
    if (!(err instanceof ImagoError)) throw new Error(`decode threw a non-imago error: ${String(err)}`, { cause: err });
    const code = (err as ImagoError).code;
    stats.rejected[code] = (stats.rejected[code] ?? 0) + 1;
    return;
  }
  const b = img!.bounds();
  if (b.dx() * b.dy() > FUZZ_LIMITS.maxPixels || b.dx() > FUZZ_LIMITS.maxWidth || b.dy() > FUZZ_LIMITS.maxHeight) {
    throw new Error(`decoded ${b} beyond the limits`);
  }
  const config = await decodeConfig(bytes, { limits: FUZZ_LIMITS });
  const swap = (config.orientation ?? 1) >= 5; // autoOrient turned it
  const [w, h] = swap ? [config.height, config.width] : [config.width, config.height];
  if (w !== b.dx() || h !== b.dy()) throw new Error(`decodeConfig says ${config.width}x${config.height} (orientation ${config.orientation}), decode gave ${b}`);
  stats.decoded++;
}

/** Runs the property `runs` times; throws fast-check's report (with the seed to replay) on failure. */
export async function fuzzCodecs(runs: number, seed?: number): Promise<FuzzStats> {
  const files = SEED_FILES.map((f) => corpus(f));
  const stats: FuzzStats = { runs: 0, decoded: 0, rejected: {}, slowestMs: 0, maxGrowth: 0 };
  await fc.assert(
    fc.asyncProperty(arbMutation(files.length), async (m) => check(mutate(files, m), stats)),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return stats;
}
