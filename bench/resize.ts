/**
 * Resize benchmark: imago against sharp, pica and jimp, in one run, as ratios.
 *
 *   npm run bench:resize                 # 7 rounds (node --expose-gc --no-flush-bytecode)
 *   npm run bench:resize -- 11           # 11 rounds
 *   BENCH_ONLY=imago npm run bench:resize   # imago's rows only
 *   BENCH_GC=1 npm run bench:resize        # a full collection before every timed run
 *   BENCH_WORKLOADS=box,lanczos npm run bench:resize   # workloads whose name contains a word
 *   BENCH_RAW=1 npm run bench:resize       # also every round's CPU time
 *
 * The script is compiled from src (bench/tsconfig.resize.json → .tmp/bench-resize), so it does not
 * depend on how dist/ is bundled. Run it from the project root: the peers live in
 * bench/node_modules (`cd bench && npm install`).
 *
 * Input: ../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg (6028x3391, baseline 4:2:2
 * JPEG), decoded once by sharp to raw RGBA bytes (it is opaque, so the bytes are also valid
 * premultiplied RGBA: imago wraps them in an RGBAImage without copying). Decoding is not timed.
 * Every contender gets the same RGBA buffer and produces RGBA bytes. sharp runs at concurrency(1)
 * with its cache off; pica runs with its default features (WebAssembly in Node) and, for
 * reference, JS only. Rounds interleave the contenders, each round in an order rotated by one; the
 * table shows medians over the rounds of the process's CPU time (user + system, all threads: sharp's worker counts too) and wall time.
 *
 * Each imago row names the path it measures: the exact scalers (`X.scale`, Go's float64
 * arithmetic for BiLinear, exact fixed point for Box, 14-bit fixed point for Lanczos3) or the
 * documented approximate options of `resize()` (spec/resize.md).
 *
 * It also reports the extra memory of one imago downscale: the bytes of every scratch buffer the
 * scaler allocates (weights, the ring of intermediate rows, row buffers), beyond the destination,
 * and the growth of process.memoryUsage().arrayBuffers across the call.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rgbToYCbCr } from '../src/color/ycbcr.js';
import { rect } from '../src/geom/index.js';
import { RGBAImage } from '../src/image/rgba-image.js';
import { YCbCrImage } from '../src/image/ycbcr-image.js';
import { BiLinear, Box, Lanczos3, resize, type ResizeOptions, type Scaler } from '../src/resize/index.js';
import { scratchStats } from '../src/resize/scratch.js';

const require = createRequire(join(process.cwd(), 'bench', 'package.json'));

type SharpInstance = {
  ensureAlpha(): SharpInstance;
  raw(): SharpInstance;
  resize(w: number, h: number, o: object): SharpInstance;
  toBuffer(): Promise<Buffer>;
  toBuffer(o: { resolveWithObject: true }): Promise<{ data: Buffer; info: { width: number; height: number } }>;
};
type Sharp = {
  (input?: Uint8Array | string, opts?: object): SharpInstance;
  concurrency(n: number): number;
  cache(on: boolean): void;
};
type Pica = { resizeBuffer(o: object): Promise<Uint8Array> };
type JimpImage = { resize(o: object): void; bitmap: { data: Uint8Array } };
const sharp = require('sharp') as Sharp;
const pica = require('pica') as (o?: object) => Pica;
const { Jimp, ResizeStrategy } = require('jimp') as {
  Jimp: { fromBitmap(b: { data: Buffer; width: number; height: number }): JimpImage };
  ResizeStrategy: { BILINEAR: string };
};

const FILE = join(process.cwd(), '../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg');
const ROUNDS = Number(process.argv[2] ?? 7);

sharp.concurrency(1);
sharp.cache(false);
const picaWasm = pica();
const picaJS = pica({ features: ['js'] });

interface Raw {
  data: Uint8Array;
  w: number;
  h: number;
}

const { data, info } = await sharp(FILE).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
const big: Raw = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), w: info.width, h: info.height };
const small: Raw = await (async () => {
  const s = await sharp(big.data, { raw: { width: big.w, height: big.h, channels: 4 } }).resize(640, 360, { fit: 'fill' }).raw().toBuffer();
  return { data: new Uint8Array(s.buffer, s.byteOffset, s.length), w: 640, h: 360 };
})();

/** The photo as Y'CbCr 4:2:0, what a JPEG decoder gives (chroma from each block's top-left pixel). */
function toYCbCr(src: Raw): YCbCrImage {
  const m = new YCbCrImage(rect(0, 0, src.w, src.h), '420');
  for (let y = 0; y < src.h; y++) {
    for (let x = 0; x < src.w; x++) {
      const i = (y * src.w + x) * 4;
      const [Y, cb, cr] = rgbToYCbCr(src.data[i], src.data[i + 1], src.data[i + 2]);
      m.y[y * m.yStride + x] = Y;
      if ((x & 1) === 0 && (y & 1) === 0) {
        const c = (y >> 1) * m.cStride + (x >> 1);
        m.cb[c] = cb;
        m.cr[c] = cr;
      }
    }
  }
  return m;
}
const bigYCbCr = toYCbCr(big);

type Run = () => unknown;

function imagoYCbCr(kernel: Scaler, w: number, h: number): Run {
  return () => {
    const dst = new RGBAImage(rect(0, 0, w, h));
    kernel.scale(dst, dst.rect, bigYCbCr, bigYCbCr.rect, 'src');
    return dst.pix;
  };
}

/** resize() with options (e.g. preshrink), same RGBA input. */
function imagoResize(src: Raw, w: number, h: number, options: Omit<ResizeOptions, 'width' | 'height'>): Run {
  const m = new RGBAImage(rect(0, 0, src.w, src.h), src.data);
  return () => resize(m, { width: w, height: h, ...options }).pix;
}

function imago(kernel: Scaler, src: Raw, w: number, h: number): Run {
  const m = new RGBAImage(rect(0, 0, src.w, src.h), src.data);
  return () => {
    const dst = new RGBAImage(rect(0, 0, w, h));
    kernel.scale(dst, dst.rect, m, m.rect, 'src');
    return dst.pix;
  };
}
const sharpOf = (src: Raw, w: number, h: number, kernel: string): Run => () =>
  sharp(src.data, { raw: { width: src.w, height: src.h, channels: 4 } }).resize(w, h, { kernel, fit: 'fill' }).raw().toBuffer();
const picaOf = (p: Pica, src: Raw, w: number, h: number, filter: string): Run => () =>
  p.resizeBuffer({ src: src.data, width: src.w, height: src.h, toWidth: w, toHeight: h, filter });
const jimpOf = (src: Raw, w: number, h: number): Run => () => {
  const img = Jimp.fromBitmap({ data: Buffer.from(src.data), width: src.w, height: src.h });
  img.resize({ w, h, mode: ResizeStrategy.BILINEAR });
  return img.bitmap.data;
};

type Row = [name: string, fn: Run, target?: string];
interface Workload {
  name: string;
  /** imago's paths; each row says which one it measures. */
  ours: Row[];
  /** The peers, with the issue's target for imago / peer where it sets one. */
  peers: Row[];
}

let workloads: Workload[] = [
  {
    name: 'downscale 6028x3391 -> 603x339, bilinear',
    ours: [
      ['imago BiLinear.scale (Go-exact float64)', imago(BiLinear, big, 603, 339)],
      ['imago resize preshrink (blocks 4x5 + BiLinear)', imagoResize(big, 603, 339, { kernel: 'bilinear', preshrink: true })],
      ["imago BiLinear.scale from Y'CbCr 4:2:0", imagoYCbCr(BiLinear, 603, 339)],
    ],
    peers: [
      ['sharp linear', sharpOf(big, 603, 339, 'linear'), '<= 1.0x'],
      ['pica hamming', picaOf(picaWasm, big, 603, 339, 'hamming'), '<= 0.5x'],
      ['pica hamming (js)', picaOf(picaJS, big, 603, 339, 'hamming')],
    ],
  },
  {
    name: 'downscale 6028x3391 -> 603x339, Box',
    ours: [
      ['imago Box.scale (exact area average)', imago(Box, big, 603, 339)],
      ["imago Box.scale from Y'CbCr 4:2:0", imagoYCbCr(Box, 603, 339)],
    ],
    peers: [
      ['pica box', picaOf(picaWasm, big, 603, 339, 'box'), '<= 0.5x'],
      ['sharp nearest', sharpOf(big, 603, 339, 'nearest'), '<= 1.5x'],
      ['pica box (js)', picaOf(picaJS, big, 603, 339, 'box')],
    ],
  },
  {
    name: 'downscale 6028x3391 -> 603x339, Lanczos3',
    ours: [
      ['imago Lanczos3.scale (14-bit fixed point)', imago(Lanczos3, big, 603, 339)],
      ['imago resize preshrink (blocks 4x5 + Lanczos3)', imagoResize(big, 603, 339, { kernel: 'lanczos3', preshrink: true })],
    ],
    peers: [
      ['pica lanczos3', picaOf(picaWasm, big, 603, 339, 'lanczos3'), '<= 0.5x'],
      ['sharp lanczos3', sharpOf(big, 603, 339, 'lanczos3'), '<= 1.2x'],
      ['pica lanczos3 (js)', picaOf(picaJS, big, 603, 339, 'lanczos3')],
    ],
  },
  {
    name: 'upscale 640x360 -> 1920x1080, bilinear',
    ours: [['imago BiLinear.scale (Go-exact float64)', imago(BiLinear, small, 1920, 1080)]],
    peers: [
      ['pica hamming', picaOf(picaWasm, small, 1920, 1080, 'hamming'), '<= 1.0x'],
      ['jimp BILINEAR', jimpOf(small, 1920, 1080), '<= 0.2x'],
      ['pica hamming (js)', picaOf(picaJS, small, 1920, 1080, 'hamming')],
    ],
  },
];

const only = process.env.BENCH_WORKLOADS?.split(',');
if (only !== undefined) workloads = workloads.filter((w) => only.some((o) => w.name.toLowerCase().includes(o.toLowerCase())));

const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

/**
 * CPU time (user + system, every thread) and wall time of one run, in ms. With BENCH_GC=1 a full
 * collection runs first, untimed, so that no contender pays for the garbage of the one before it;
 * by default it does not (as real code runs). The two modes move the ratios by up to ~30% either
 * way on this machine (pica's upscale gains with BENCH_GC=1, imago's Box loses), so the figures in
 * spec/resize.md give both. The script runs with --no-flush-bytecode, so collections do not throw
 * away the compiled code of whoever sits idle.
 */
async function time(fn: Run): Promise<[number, number]> {
  if (process.env.BENCH_GC === '1') collect();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, wall];
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = new Map<string, [number, number][]>();
const cpu = (key: string): number => median(times.get(key)!.map((t) => t[0]));
const wall = (key: string): number => median(times.get(key)!.map((t) => t[1]));

// Warm up every contender twice (JIT, wasm compilation, sharp's thread pool).
for (let i = 0; i < 2; i++) for (const w of workloads) for (const [, fn] of [...w.ours, ...w.peers]) await fn();

// BENCH_ONLY=imago runs imago alone (to check that the peers' background threads do not bill
// their CPU time to imago's measurements).
if (process.env.BENCH_ONLY === 'imago') for (const w of workloads) w.peers = [];

// Each round rotates the order of a workload's contenders by one, so that over the rounds every
// contender runs equally often right after each of the others (a JavaScript-heavy run leaves
// garbage whose collection, on V8's helper threads too, is billed to whoever runs next).
const load0 = loadavg()[0];
for (let r = 0; r < ROUNDS; r++) {
  for (const w of workloads) {
    const all = [...w.ours, ...w.peers];
    const order = all.map((_, i) => all[(i + r) % all.length]);
    for (const [name, fn] of order) {
      const key = `${w.name}|${name}`;
      if (!times.has(key)) times.set(key, []);
      times.get(key)!.push(await time(fn));
    }
  }
}

console.log(`node ${process.version}, ${ROUNDS} rounds, load average ${load0.toFixed(2)} -> ${loadavg()[0].toFixed(2)} (1 min)`);
console.log('medians of CPU time, wall time in parentheses; each imago row: ratio imago / peer on CPU time (wall), [target]\n');
// BENCH_RAW=1 adds every round's CPU time after the medians.
const raw = (key: string): string => (process.env.BENCH_RAW === '1' ? `  [${times.get(key)!.map((t) => t[0].toFixed(0)).join(' ')}]` : '');
const ms = (key: string): string => `${cpu(key).toFixed(1).padStart(7)} ms (${wall(key).toFixed(1)})${raw(key)}`;
for (const w of workloads) {
  console.log(w.name);
  for (const [name] of w.peers) console.log(`  ${name.padEnd(48)} ${ms(`${w.name}|${name}`)}`);
  for (const [name] of w.ours) {
    const k0 = `${w.name}|${name}`;
    console.log(`  ${name.padEnd(48)} ${ms(k0)}`);
    for (const [peer, , target] of w.peers) {
      const k = `${w.name}|${peer}`;
      const ratio = `${(cpu(k0) / cpu(k)).toFixed(2)}x (${(wall(k0) / wall(k)).toFixed(2)}x)`;
      console.log(`      vs ${peer.padEnd(20)} ${ratio.padEnd(16)}${target ? ` [${target}]` : ''}`);
    }
  }
  console.log('');
}

// Memory of one downscale beyond its destination: the scratch tally (every buffer a scaler
// allocates, counted as it is allocated; preshrink's temporary image included) and, as a check,
// the growth of arrayBuffers across the call (a collection during the call can make it smaller).
const dstBytes = 603 * 339 * 4;
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => {});
console.log(`extra memory of one downscale to 603x339 (destination ${dstBytes} bytes, not counted):`);
const memRows: [string, Run][] = [
  ['BiLinear.scale', imago(BiLinear, big, 603, 339)],
  ['Box.scale', imago(Box, big, 603, 339)],
  ['Lanczos3.scale', imago(Lanczos3, big, 603, 339)],
  ['resize preshrink BiLinear', imagoResize(big, 603, 339, { kernel: 'bilinear', preshrink: true })],
  ['resize preshrink Lanczos3', imagoResize(big, 603, 339, { kernel: 'lanczos3', preshrink: true })],
];
for (const [name, run] of memRows) {
  scratchStats.bytes = 0;
  gc();
  const before = process.memoryUsage().arrayBuffers;
  const out = run() as Uint8Array;
  const after = process.memoryUsage().arrayBuffers;
  console.log(`  ${name.padEnd(26)} scratch ${String(scratchStats.bytes).padStart(9)} bytes; arrayBuffers grew ${after - before - out.length} bytes beyond the destination`);
}
