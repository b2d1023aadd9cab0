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
 *   of the rounds. Both return 4 bytes per pixel (imago an RGBAImage, pngjs RGBA), and the bench
 *   checks that the pixels are equal. Also imago reading the same file as a ReadableStream (a
 *   Blob's stream, as a fetch body would give).
 * - decode peak memory: each decoder runs alone in a fresh process. The process reads the file,
 *   collects garbage, resets the kernel's peak-RSS counter (write 5 to /proc/self/clear_refs),
 *   decodes once and reports VmHWM minus the RSS before decoding. It also samples
 *   process.memoryUsage().arrayBuffers every millisecond and reports the peak increase. A third
 *   process ("live") does the same for imago but collects garbage before every sample, so its
 *   peak counts only reachable buffers: the decompressor's consumed output pieces (garbage until
 *   the next collection) drop out. pngjs decodes synchronously, so no sample lands inside it and
 *   it has no live figure.
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

async function time(fn: () => unknown): Promise<number> {
  gc();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Child mode: decode once with one decoder and print the memory figures as JSON. */
async function memoryChild(which: string): Promise<void> {
  const buf = inputPng();
  const bytes = view(buf);
  gc();
  gc();
  writeFileSync('/proc/self/clear_refs', '5');
  const status = (): Record<string, number> =>
    Object.fromEntries(
      readFileSync('/proc/self/status', 'utf8')
        .split('\n')
        .filter((l) => /^Vm(RSS|HWM):/.test(l))
        .map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1]) * 1024]),
    );
  const rss0 = status().VmRSS;
  const live = which === 'imago-live';
  const ab0 = process.memoryUsage().arrayBuffers;
  let abPeak = ab0;
  // In live mode every sample first collects garbage, so the peak counts only reachable buffers.
  const timer = setInterval(() => {
    if (live) gc();
    abPeak = Math.max(abPeak, process.memoryUsage().arrayBuffers);
  }, 1);
  let outBytes = 0;
  if (which.startsWith('imago')) {
    const { image } = await readPng(bytes);
    outBytes = image.pix.length;
  } else {
    outBytes = PNG.sync.read(buf).data.length;
  }
  abPeak = Math.max(abPeak, process.memoryUsage().arrayBuffers);
  clearInterval(timer);
  const s = status();
  process.stdout.write(JSON.stringify({ rssPeak: s.VmHWM - rss0, arrayBuffersPeak: abPeak - ab0, outBytes }));
}

function memory(which: string): { rssPeak: number; arrayBuffersPeak: number; outBytes: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory', which], { encoding: 'utf8' });
  return JSON.parse(out) as { rssPeak: number; arrayBuffersPeak: number; outBytes: number };
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
  const tImago: number[] = [];
  const tStream: number[] = [];
  const tPngjs: number[] = [];
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  for (let r = 0; r < rounds; r++) {
    tImago.push(await time(() => readPng(bytes)));
    tStream.push(await time(() => readPng(blob.stream() as unknown as ReadableStream<Uint8Array>)));
    tPngjs.push(await time(() => PNG.sync.read(buf)));
  }

  // Decode memory, each in its own process.
  const mImago = memory('imago');
  const mPngjs = memory('pngjs');
  const mLive = memory('imago-live');

  // Encode time and size.
  const img = new RGBAImage(rect(0, 0, ref.width, ref.height), image.pix);
  const pj = new PNG({ width: ref.width, height: ref.height });
  pj.data = ref.data;
  const eImago: number[] = [];
  const ePngjs: number[] = [];
  const ePngjsDefault: number[] = [];
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

  const rows: [string, string, string, string][] = [
    ['decode time (ms)', fmt(median(tImago)), fmt(median(tPngjs)), fmt(median(tImago) / median(tPngjs), 2) + 'x'],
    ['  imago from a ReadableStream (ms)', fmt(median(tStream)), '', fmt(median(tStream) / median(tPngjs), 2) + 'x'],
    ['decode peak RSS over input (MB)', fmt(mImago.rssPeak / MB), fmt(mPngjs.rssPeak / MB), fmt(mImago.rssPeak / mPngjs.rssPeak, 2) + 'x'],
    [
      'decode peak ArrayBuffers (MB)',
      fmt(mImago.arrayBuffersPeak / MB),
      fmt(mPngjs.arrayBuffersPeak / MB),
      fmt(mImago.arrayBuffersPeak / mPngjs.arrayBuffersPeak, 2) + 'x',
    ],
    ['decode peak live ArrayBuffers (MB)', fmt(mLive.arrayBuffersPeak / MB), 'n/a', ''],
    ['  (output image, MB)', fmt(mImago.outBytes / MB), fmt(mPngjs.outBytes / MB), ''],
    ['encode time, level 6 (ms)', fmt(median(eImago)), fmt(median(ePngjs)), fmt(median(eImago) / median(ePngjs), 2) + 'x'],
    ['encode size, level 6 (MB)', fmt(sImago / MB, 2), fmt(sPngjs / MB, 2), fmt(sImago / sPngjs, 3) + 'x'],
    ['pngjs defaults (level 9, RLE): ms / MB', '', `${fmt(median(ePngjsDefault))} / ${fmt(sPngjsDefault / MB, 2)}`, ''],
  ];
  const w = [40, 10, 14, 8];
  const line = (c: string[]): string => c.map((s, i) => (i === 0 ? s.padEnd(w[i]) : s.padStart(w[i]))).join('  ');
  console.log(line(['', 'imago', 'pngjs', 'ratio']));
  for (const r of rows) console.log(line(r));
  console.log(
    `\nimago decode peak over the output image: RSS ${fmt((mImago.rssPeak - mImago.outBytes) / MB, 2)} MB, ` +
      `ArrayBuffers ${fmt((mImago.arrayBuffersPeak - mImago.outBytes) / MB, 2)} MB, ` +
      `live ArrayBuffers ${fmt((mLive.arrayBuffersPeak - mLive.outBytes) / MB, 2)} MB`,
  );
}

if (process.argv[2] === '--memory') await memoryChild(process.argv[3]);
else await main();
