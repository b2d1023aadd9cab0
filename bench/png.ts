/**
 * PNG codec benchmark: imago's own codec against pngjs, in one run, on the 6028x3391 photo.
 *
 * Run from the project root (after `cd bench && npm install` once):
 *
 *   npm run bench:png            # 5 rounds
 *   npm run bench:png -- 9       # 9 rounds
 *
 * The input is ../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg, decoded once with
 * jpeg-js and PNG-encoded once with pngjs (RGB, 8 bits, zlib level 6, all filters), cached in
 * .tmp/bench/kleiber.png. Then:
 *
 * - decode time: imago `readPng(bytes)` against pngjs `PNG.sync.read(bytes)`, alternating, median
 *   of the rounds, in process CPU time (user + system, all threads: `process.cpuUsage()`), which
 *   other jobs on a shared machine disturb less than wall time; wall time is shown too. Both
 *   return 4 bytes per pixel (imago an RGBAImage, pngjs RGBA), and the bench checks that the pixels
 *   are equal. Also imago reading the same file as a ReadableStream (a Blob's stream, as a fetch
 *   body would give).
 * - decode peak memory: each measurement runs in a fresh process, which reads the file, collects
 *   garbage, resets the kernel's peak-RSS counter (write 5 to /proc/self/clear_refs), decodes once
 *   and reports VmHWM minus the RSS before decoding:
 *   - "first decode": the first decode in the process, so it includes V8 compiling the decoder
 *     (a one-time cost per process, mostly the optimizing compiler's working memory);
 *   - "warm": after one decode of the same file (then garbage collected), the steady state of a
 *     process that decodes repeatedly; the largest of three decodes.
 *   ArrayBuffers: imago decodes the file from a stream of 16 KiB views of it (no ArrayBuffers of
 *   its own) and samples process.memoryUsage().arrayBuffers at every read, so the samples cover
 *   the whole decode; it counts every ArrayBuffer not yet collected, garbage included. pngjs
 *   decodes synchronously, so it is sampled once, after the decode.
 * - encode time and size at the same compression level: imago `encodePng(image)` (its default
 *   compressor is CompressionStream, zlib level 6 in Node) against pngjs `PNG.sync.write` with
 *   deflateLevel 6, deflateStrategy 0 (zlib's default, as CompressionStream uses) and every filter
 *   tried per row (filterType -1). pngjs's own defaults (level 9, strategy RLE) are shown too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPng } from '../src/codec/png/decoder.js';
import { encodePng } from '../src/codec/png/encoder.js';
import { RGBAImage } from '../src/image/rgba-image.js';
import { rect } from '../src/geom/rectangle.js';

/** The project root: the bench runs from it (npm run sets the working directory). */
const root = process.cwd();
const peers = createRequire(resolve(root, 'bench/package.json'));

interface PngjsImage {
  width: number;
  height: number;
  data: Uint8Array;
}
interface PngjsSync {
  read(buf: Buffer, opts?: object): PngjsImage;
  write(png: PngjsImage, opts?: object): Uint8Array;
}
const { PNG } = peers('pngjs') as { PNG: { sync: PngjsSync } & (new (o: object) => PngjsImage) };
const jpeg = peers('jpeg-js') as { decode(b: Uint8Array, o: object): PngjsImage };

const PHOTO = resolve(root, '../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg');
const CACHE = resolve(root, '.tmp/bench/kleiber.png');

/** The benchmark PNG, as a Node Buffer (pngjs needs one; imago takes any Uint8Array). */
function inputPng(): Buffer {
  if (existsSync(CACHE)) return readFileSync(CACHE);
  const img = jpeg.decode(new Uint8Array(readFileSync(PHOTO)), { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048 });
  const png = new PNG({ width: img.width, height: img.height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = img.data;
  const out = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 6, filterType: -1 });
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, out);
  return readFileSync(CACHE);
}

/** A Uint8Array view of a Buffer (the same bytes; the types differ under @types/node). */
function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs fn once; returns [CPU ms (user + system), wall ms]. */
async function time(fn: () => unknown): Promise<[number, number]> {
  gc();
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return [(u.user + u.system) / 1000, wall];
}

/** A stream of 16 KiB views of `bytes` that calls `sample` at every read. */
function sampledStream(bytes: Uint8Array, sample: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        sample();
        if (i >= bytes.length) return c.close();
        c.enqueue(bytes.subarray(i, i + 16384));
        i += 16384;
      },
    },
    { highWaterMark: 0 },
  );
}

interface MemoryFigures {
  rssPeak: number;
  arrayBuffersPeak: number;
  outBytes: number;
}

/**
 * Child mode: decode once with one decoder and print the memory figures as JSON. `which` is
 * imago | imago-warm | imago-stream-warm | pngjs | pngjs-warm.
 */
async function memoryChild(which: string): Promise<void> {
  const buf = inputPng();
  const bytes = view(buf);
  const isImago = which.startsWith('imago');
  const decode = async (input: Uint8Array | ReadableStream<Uint8Array>): Promise<number> =>
    isImago ? (await readPng(input)).image.pix.length : PNG.sync.read(buf).data.length;
  if (which.endsWith('-warm')) await decode(bytes);
  const status = (): Record<string, number> =>
    Object.fromEntries(
      readFileSync('/proc/self/status', 'utf8')
        .split('\n')
        .filter((l) => /^Vm(RSS|HWM):/.test(l))
        .map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1]) * 1024]),
    );
  // A warm process measures three decodes and keeps the largest figures (RSS varies by a few
  // hundred KB as V8 and the allocator reuse memory); a fresh one measures its first decode.
  const out: MemoryFigures = { rssPeak: -Infinity, arrayBuffersPeak: -Infinity, outBytes: 0 };
  for (let round = 0; round < (which.endsWith('-warm') ? 3 : 1); round++) {
    // Collect, and let V8's concurrent sweeping and unmapping finish, so that RSS does not fall
    // during the measured decode for reasons of its own.
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
    }
    writeFileSync('/proc/self/clear_refs', '5');
    const rss0 = status().VmRSS;
    const ab0 = process.memoryUsage().arrayBuffers;
    let abPeak = ab0;
    const sample = (): void => {
      abPeak = Math.max(abPeak, process.memoryUsage().arrayBuffers);
    };
    out.outBytes = await decode(which.startsWith('imago-stream') ? sampledStream(bytes, sample) : bytes);
    sample();
    out.rssPeak = Math.max(out.rssPeak, status().VmHWM - rss0);
    out.arrayBuffersPeak = Math.max(out.arrayBuffersPeak, abPeak - ab0);
  }
  process.stdout.write(JSON.stringify(out));
}

function memory(which: string, flags: string[] = []): MemoryFigures {
  const out = execFileSync(process.execPath, ['--expose-gc', ...flags, fileURLToPath(import.meta.url), '--memory', which], { encoding: 'utf8' });
  return JSON.parse(out) as MemoryFigures;
}

const MB = 1 << 20;
const fmt = (n: number, d = 1): string => n.toFixed(d);

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const buf = inputPng();
  const bytes = view(buf);
  const ref = PNG.sync.read(buf);
  const { image } = await readPng(bytes);
  if (image.kind !== 'rgba' || image.pix.length !== ref.data.length || !image.pix.every((v, i) => v === ref.data[i])) {
    throw new Error('imago and pngjs decode the benchmark file differently');
  }
  console.log(`input: ${PHOTO.split('/').pop()} as PNG, ${ref.width}x${ref.height} RGB 8-bit, ${fmt(bytes.length / MB)} MB (pngjs level 6)`);
  console.log(`rounds: ${rounds}, median reported; node ${process.version}\n`);

  // Decode time.
  const tImago: [number, number][] = [];
  const tStream: [number, number][] = [];
  const tPngjs: [number, number][] = [];
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  for (let r = 0; r < rounds; r++) {
    tImago.push(await time(() => readPng(bytes)));
    tStream.push(await time(() => readPng(blob.stream() as unknown as ReadableStream<Uint8Array>)));
    tPngjs.push(await time(() => PNG.sync.read(buf)));
  }

  // Decode memory, each in its own process.
  const mImago = memory('imago');
  const mImagoWarm = memory('imago-warm');
  const mStream = memory('imago-stream-warm');
  const mPngjs = memory('pngjs');
  const mPngjsWarm = memory('pngjs-warm');

  // Encode time and size.
  const img = new RGBAImage(rect(0, 0, ref.width, ref.height), image.pix);
  const pj = new PNG({ width: ref.width, height: ref.height });
  pj.data = ref.data;
  const eImago: [number, number][] = [];
  const ePngjs: [number, number][] = [];
  const ePngjsDefault: [number, number][] = [];
  let sImago = 0;
  let sPngjs = 0;
  let sPngjsDefault = 0;
  for (let r = 0; r < rounds; r++) {
    eImago.push(await time(async () => (sImago = (await encodePng(img)).length)));
    ePngjs.push(
      await time(
        () => (sPngjs = PNG.sync.write(pj, { colorType: 2, inputHasAlpha: true, deflateLevel: 6, deflateStrategy: 0, filterType: -1 }).length),
      ),
    );
    if (r < 2) ePngjsDefault.push(await time(() => (sPngjsDefault = PNG.sync.write(pj, { colorType: 2, inputHasAlpha: true }).length)));
  }

  const cpu = (xs: [number, number][]): number => median(xs.map((x) => x[0]));
  const wall = (xs: [number, number][]): number => median(xs.map((x) => x[1]));
  const ratio = (a: number, b: number, d = 2): string => fmt(a / b, d) + 'x';
  const over = (m: MemoryFigures, v: number): string => `${fmt(v / MB)} (+${fmt((v - m.outBytes) / MB, 2)})`;
  const rows: [string, string, string, string][] = [
    ['decode CPU time (ms)', fmt(cpu(tImago)), fmt(cpu(tPngjs)), ratio(cpu(tImago), cpu(tPngjs))],
    ['  wall time (ms)', fmt(wall(tImago)), fmt(wall(tPngjs)), ratio(wall(tImago), wall(tPngjs))],
    ['  imago from a ReadableStream, CPU (ms)', fmt(cpu(tStream)), '', ratio(cpu(tStream), cpu(tPngjs))],
    ['decode peak RSS (MB, + over output)', '', '', ''],
    ['  first decode in a process', over(mImago, mImago.rssPeak), over(mPngjs, mPngjs.rssPeak), ratio(mImago.rssPeak, mPngjs.rssPeak)],
    ['  warm (after one decode)', over(mImagoWarm, mImagoWarm.rssPeak), over(mPngjsWarm, mPngjsWarm.rssPeak), ratio(mImagoWarm.rssPeak, mPngjsWarm.rssPeak)],
    ['decode peak ArrayBuffers (MB, + over output)', over(mStream, mStream.arrayBuffersPeak), over(mPngjs, mPngjs.arrayBuffersPeak), ''],
    ['  (output image, MB)', fmt(mImago.outBytes / MB), fmt(mPngjs.outBytes / MB), ''],
    ['encode CPU time, level 6 (ms)', fmt(cpu(eImago)), fmt(cpu(ePngjs)), ratio(cpu(eImago), cpu(ePngjs))],
    ['  wall time (ms)', fmt(wall(eImago)), fmt(wall(ePngjs)), ratio(wall(eImago), wall(ePngjs))],
    ['encode size, level 6 (MB)', fmt(sImago / MB, 2), fmt(sPngjs / MB, 2), ratio(sImago, sPngjs, 3)],
    ['pngjs defaults (level 9, RLE): CPU ms / MB', '', `${fmt(cpu(ePngjsDefault))} / ${fmt(sPngjsDefault / MB, 2)}`, ''],
  ];
  const w = [44, 16, 16, 8];
  const line = (c: string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ');
  console.log(line(['', 'imago', 'pngjs', 'ratio']));
  for (const r of rows) console.log(line(r));
  console.log(
    `\nimago decode peak over the output image: RSS ${fmt((mImagoWarm.rssPeak - mImagoWarm.outBytes) / MB, 2)} MB warm ` +
      `(${fmt((mImago.rssPeak - mImago.outBytes) / MB, 2)} MB for the first decode in a fresh process), ` +
      `ArrayBuffers ${fmt((mStream.arrayBuffersPeak - mStream.outBytes) / MB, 2)} MB`,
  );
}

if (process.argv[2] === '--memory') await memoryChild(process.argv[3]);
else await main();
