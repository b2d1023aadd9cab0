/**
 * imago's JPEG codec against jpeg-js and sharp (libvips + libjpeg-turbo, concurrency 1), in one
 * run, on one photo (default: the 6028x3391 baseline 4:2:2 Kleiber photo of the shared corpus).
 *
 *   npm run bench:jpeg                       # 7 rounds
 *   npm run bench:jpeg -- 11 path/to/file.jpg
 *
 * Each round runs every workload once for every library, interleaved, so that machine load hits
 * all of them alike; the table gives the median wall time and the median CPU time of the process
 * (process.cpuUsage: all threads, so sharp's worker counts too), each with its ratio to jpeg-js.
 * On a loaded machine the scheduler stretches wall times; CPU time is the steadier measure.
 * Memory: growth of process.memoryUsage().arrayBuffers across a 1/8 decode (the result kept
 * alive), minus nothing: the input is read before the baseline is taken.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodeJpeg, encodeJpeg } from '../src/codec/jpeg/index.js';
import { RGBAImage, rect, YCbCrImage, type Image } from '../src/index.js';
import { thumbnail } from '../src/pipeline/index.js';

// Run from the project root (npm run bench:jpeg): the peers live in bench/node_modules.
const require = createRequire(join(process.cwd(), 'bench', 'package.json'));
const jpegjs = require('jpeg-js') as {
  decode(b: Uint8Array, o: object): { width: number; height: number; data: Uint8Array };
  encode(img: { width: number; height: number; data: Uint8Array }, q: number): { data: Uint8Array };
};
type Sharp = {
  (input?: Uint8Array | Buffer, opts?: object): SharpInstance;
  concurrency(n: number): number;
  cache(on: boolean): void;
};
type SharpInstance = {
  raw(): SharpInstance;
  resize(o: object | number): SharpInstance;
  jpeg(o: object): SharpInstance;
  toBuffer(): Promise<Buffer>;
};
const sharp = require('sharp') as Sharp;
sharp.concurrency(1);
sharp.cache(false);

const rounds = Number(process.argv[2] ?? 7);
const file = process.argv[3] ?? join(process.cwd(), '../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg');
const bytes = new Uint8Array(readFileSync(file));
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

/** Go's YCbCr → RGBA, for the "decode to RGBA" row. */
function toRGBA(img: Image): RGBAImage {
  const b = img.bounds();
  const out = new RGBAImage(rect(0, 0, b.dx(), b.dy()));
  if (!(img instanceof YCbCrImage)) throw new Error('expected YCbCr');
  const w = b.dx();
  const h = b.dy();
  const hx = img.subsampleRatio === '444' || img.subsampleRatio === '440' ? 1 : img.subsampleRatio === '411' || img.subsampleRatio === '410' ? 4 : 2;
  const hy = img.subsampleRatio === '420' || img.subsampleRatio === '440' || img.subsampleRatio === '410' ? 2 : 1;
  const p = out.pix;
  for (let y = 0; y < h; y++) {
    const yo = y * img.yStride;
    const co = ((y / hy) | 0) * img.cStride;
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) {
      const yy = img.y[yo + x] * 0x10101;
      const ci = co + ((x / hx) | 0);
      const cb = img.cb[ci] - 128;
      const cr = img.cr[ci] - 128;
      let r = yy + 91881 * cr;
      let g = yy - 22554 * cb - 46802 * cr;
      let bb = yy + 116130 * cb;
      r = (r & 0xff000000) === 0 ? r >> 16 : ~(r >> 31);
      g = (g & 0xff000000) === 0 ? g >> 16 : ~(g >> 31);
      bb = (bb & 0xff000000) === 0 ? bb >> 16 : ~(bb >> 31);
      p[i] = r;
      p[i + 1] = g;
      p[i + 2] = bb;
      p[i + 3] = 255;
    }
  }
  return out;
}

const decoded = decodeJpeg(bytes);
const W = decoded.rect.dx();
const H = decoded.rect.dy();
const rgba = toRGBA(decoded);
const js = jpegjs.decode(bytes, { useTArray: true, maxResolutionInMP: 1000, maxMemoryUsageInMB: 8000 });

type Work = { name: string; lib: string; run: () => unknown };
const work: Work[] = [
  { name: 'full decode', lib: 'jpeg-js', run: () => jpegjs.decode(bytes, { useTArray: true, maxResolutionInMP: 1000, maxMemoryUsageInMB: 8000 }) },
  { name: 'full decode', lib: 'imago', run: () => decodeJpeg(bytes) },
  { name: 'full decode', lib: 'imago + RGBA', run: () => toRGBA(decodeJpeg(bytes)) },
  { name: 'full decode', lib: 'sharp', run: () => sharp(bytes).raw().toBuffer() },
  { name: '1/8 decode', lib: 'imago', run: () => decodeJpeg(bytes, { scale: 1 / 8 }) },
  { name: '1/8 decode', lib: 'sharp', run: () => sharp(bytes).resize({ width: Math.ceil(W / 8), kernel: 'nearest' }).raw().toBuffer() },
  { name: '1/4 decode', lib: 'imago', run: () => decodeJpeg(bytes, { scale: 1 / 4 }) },
  { name: '1/2 decode', lib: 'imago', run: () => decodeJpeg(bytes, { scale: 1 / 2 }) },
  { name: 'encode q85', lib: 'jpeg-js', run: () => jpegjs.encode({ width: js.width, height: js.height, data: js.data }, 85) },
  { name: 'encode q85', lib: 'imago 4:2:0', run: () => encodeJpeg(rgba, { quality: 85 }) },
  { name: 'encode q85', lib: 'imago 4:4:4', run: () => encodeJpeg(rgba, { quality: 85, subsample: '444' }) },
  { name: 'encode q85', lib: 'imago 4:2:0 opt', run: () => encodeJpeg(rgba, { quality: 85, optimizeHuffman: true }) },
  { name: 'encode q85', lib: 'sharp', run: () => sharp(rgba.pix, { raw: { width: W, height: H, channels: 4 } }).jpeg({ quality: 85 }).toBuffer() },
  { name: 'thumbnail 320 q85', lib: 'imago', run: () => thumbnail(bytes, { width: 320, format: 'jpeg', quality: 85 }) },
  { name: 'thumbnail 320 q85', lib: 'sharp', run: () => sharp(bytes).resize(320).jpeg({ quality: 85 }).toBuffer() },
];

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = new Map<Work, number[]>(work.map((w) => [w, []]));
const cpus = new Map<Work, number[]>(work.map((w) => [w, []]));
for (let r = 0; r < rounds; r++) {
  for (const w of work) {
    gc();
    const c = cpuMs();
    const t = performance.now();
    await w.run();
    times.get(w)!.push(performance.now() - t);
    cpus.get(w)!.push(cpuMs() - c);
  }
  process.stdout.write(`round ${r + 1}/${rounds}\r`);
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];
const jsDecode = work[0];
const jsEncode = work.find((w) => w.name === 'encode q85' && w.lib === 'jpeg-js')!;
const sharpThumb = work.find((w) => w.name.startsWith('thumbnail') && w.lib === 'sharp')!;
console.log(`\n${file.split('/').pop()}: ${W}x${H}, ${bytes.length} bytes, ${rounds} rounds, medians\n`);
console.log('| workload | library | wall ms | ratio | CPU ms | ratio |');
console.log('|---|---|---:|---:|---:|---:|');
for (const w of work) {
  const base = w.name.startsWith('encode') ? jsEncode : w.name.startsWith('thumbnail') ? sharpThumb : jsDecode;
  const m = median(times.get(w)!);
  const c = median(cpus.get(w)!);
  const rw = m / median(times.get(base)!);
  const rc = c / median(cpus.get(base)!);
  console.log(`| ${w.name} | ${w.lib} | ${m.toFixed(0)} | ${rw.toFixed(3)} | ${c.toFixed(0)} | ${rc.toFixed(3)} |`);
}
console.log('\n(ratios: decode and encode rows to jpeg-js, thumbnail rows to sharp)');

// Memory of a 1/8 decode: arrayBuffers growth with the result alive.
gc();
gc();
const before = process.memoryUsage().arrayBuffers;
const small = decodeJpeg(bytes, { scale: 1 / 8 });
const grown = process.memoryUsage().arrayBuffers - before;
const out = small instanceof YCbCrImage ? small.y.length + small.cb.length + small.cr.length : small.rect.dx() * small.rect.dy();
console.log(
  `\n1/8 decode memory: arrayBuffers +${(grown / 2 ** 20).toFixed(2)} MiB for a ${small.rect.dx()}x${small.rect.dy()} result of ${(out / 2 ** 20).toFixed(2)} MiB ` +
    `(bound 2 × output + 2 MiB = ${((2 * out) / 2 ** 20 + 2).toFixed(2)} MiB)`,
);
