// Resize benchmark: imago against sharp, pica and jimp, in one run, as ratios.
//
//   npm run build && cd bench && npm install && node --expose-gc resize.mjs [rounds]
//
// Input: ../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg (6028x3391, baseline 4:2:2
// JPEG), decoded once by sharp to raw RGBA bytes (it is opaque, so the bytes are also valid
// premultiplied RGBA: imago wraps them in an RGBAImage without copying). Decoding is not timed.
// Every contender gets the same RGBA buffer and produces RGBA bytes. sharp runs at concurrency(1)
// with its cache off; pica runs with its default features (WebAssembly in Node) and, for
// reference, JS only. Rounds interleave the contenders; the table shows medians over the rounds.
//
// It also reports the extra memory of one imago downscale: the bytes of every scratch buffer the
// scaler allocates (weights, the ring of intermediate rows, row buffers), beyond the destination.
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import pica from 'pica';
import { Jimp, ResizeStrategy } from 'jimp';
import { BiLinear, Box, Lanczos3, RGBAImage, YCbCrImage, rect, resize, rgbToYCbCr } from '../dist/index.js';
import { scratchStats } from '../dist/resize/scratch.js';

const FILE = new URL('../../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg', import.meta.url).pathname;
const ROUNDS = Number(process.argv[2] ?? 7);

sharp.concurrency(1);
sharp.cache(false);
const picaWasm = pica();
const picaJS = pica({ features: ['js'] });

const { data, info } = await sharp(FILE).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
const W = info.width;
const H = info.height;
const big = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), w: W, h: H };
const small = await (async () => {
  const s = await sharp(data, { raw: { width: W, height: H, channels: 4 } }).resize(640, 360, { fit: 'fill' }).raw().toBuffer();
  return { data: new Uint8Array(s.buffer, s.byteOffset, s.length), w: 640, h: 360 };
})();

/** The photo as Y'CbCr 4:2:0, what a JPEG decoder gives (chroma from each block's top-left pixel). */
function toYCbCr(src) {
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
const imagoYCbCr = (kernel, w, h) => () => {
  const dst = new RGBAImage(rect(0, 0, w, h));
  kernel.scale(dst, dst.rect, bigYCbCr, bigYCbCr.rect, 'src');
  return dst.pix;
};

/** resize() with options (e.g. preshrink), same RGBA input. */
function imagoResize(src, w, h, options) {
  const m = new RGBAImage(rect(0, 0, src.w, src.h), src.data);
  return () => resize(m, { width: w, height: h, ...options }).pix;
}

function imago(kernel, src, w, h) {
  const m = new RGBAImage(rect(0, 0, src.w, src.h), src.data);
  return () => {
    const dst = new RGBAImage(rect(0, 0, w, h));
    kernel.scale(dst, dst.rect, m, m.rect, 'src');
    return dst.pix;
  };
}
const sharpOf = (src, w, h, kernel) => () =>
  sharp(src.data, { raw: { width: src.w, height: src.h, channels: 4 } }).resize(w, h, { kernel, fit: 'fill' }).raw().toBuffer();
const picaOf = (p, src, w, h, filter) => () =>
  p.resizeBuffer({ src: src.data, width: src.w, height: src.h, toWidth: w, toHeight: h, filter });
const jimpOf = (src, w, h) => () => {
  const img = Jimp.fromBitmap({ data: Buffer.from(src.data), width: src.w, height: src.h });
  img.resize({ w, h, mode: ResizeStrategy.BILINEAR });
  return img.bitmap.data;
};

const workloads = [
  {
    name: 'downscale 6028x3391 -> 603x339, bilinear',
    ours: ['imago BiLinear', imago(BiLinear, big, 603, 339)],
    peers: [
      ['sharp linear', sharpOf(big, 603, 339, 'linear'), '<= 1.0x'],
      ['pica hamming', picaOf(picaWasm, big, 603, 339, 'hamming'), '<= 0.5x'],
      ['pica hamming (js)', picaOf(picaJS, big, 603, 339, 'hamming'), ''],
      ["imago BiLinear from Y'CbCr 4:2:0", imagoYCbCr(BiLinear, 603, 339), ''],
      ['imago resize preshrink (Box+BiLinear)', imagoResize(big, 603, 339, { kernel: 'bilinear', preshrink: true }), ''],
    ],
  },
  {
    name: 'downscale 6028x3391 -> 603x339, Box',
    ours: ['imago Box', imago(Box, big, 603, 339)],
    peers: [
      ['pica box', picaOf(picaWasm, big, 603, 339, 'box'), '<= 0.5x'],
      ['sharp nearest', sharpOf(big, 603, 339, 'nearest'), '<= 1.5x'],
      ['pica box (js)', picaOf(picaJS, big, 603, 339, 'box'), ''],
      ["imago Box from Y'CbCr 4:2:0", imagoYCbCr(Box, 603, 339), ''],
    ],
  },
  {
    name: 'downscale 6028x3391 -> 603x339, Lanczos3',
    ours: ['imago Lanczos3', imago(Lanczos3, big, 603, 339)],
    peers: [
      ['pica lanczos3', picaOf(picaWasm, big, 603, 339, 'lanczos3'), '<= 0.5x'],
      ['sharp lanczos3', sharpOf(big, 603, 339, 'lanczos3'), '<= 1.2x'],
      ['pica lanczos3 (js)', picaOf(picaJS, big, 603, 339, 'lanczos3'), ''],
      ['imago resize preshrink (Box+Lanczos3)', imagoResize(big, 603, 339, { kernel: 'lanczos3', preshrink: true }), ''],
    ],
  },
  {
    name: 'upscale 640x360 -> 1920x1080, bilinear',
    ours: ['imago BiLinear', imago(BiLinear, small, 1920, 1080)],
    peers: [
      ['pica hamming', picaOf(picaWasm, small, 1920, 1080, 'hamming'), '<= 1.0x'],
      ['jimp BILINEAR', jimpOf(small, 1920, 1080), '<= 0.2x'],
      ['pica hamming (js)', picaOf(picaJS, small, 1920, 1080, 'hamming'), ''],
    ],
  },
];

/**
 * CPU time of the whole process (user + system, every thread: sharp's worker included) while fn
 * runs, in ms. On a shared machine this is steadier than wall time, which is recorded too.
 */
async function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, wall];
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = (key) => median(times.get(key).map((t) => t[0]));
const wall = (key) => median(times.get(key).map((t) => t[1]));

// Warm up every contender twice (JIT, wasm compilation, sharp's thread pool). No forced GC
// between runs: V8 ages and flushes the compiled code of functions that sit idle across many
// collections, which would bill recompilation to whoever runs next.
for (let i = 0; i < 2; i++) for (const w of workloads) for (const [, fn] of [w.ours, ...w.peers]) await fn();

// BENCH_ONLY=imago runs imago alone (to check that the peers' background threads do not bill
// their CPU time to imago's measurements).
if (process.env.BENCH_ONLY === 'imago') for (const w of workloads) w.peers = w.peers.filter(([name]) => name.startsWith('imago'));

const times = new Map();
for (let r = 0; r < ROUNDS; r++) {
  for (const w of workloads) {
    for (const [name, fn] of [w.ours, ...w.peers]) {
      const key = `${w.name}|${name}`;
      if (!times.has(key)) times.set(key, []);
      times.get(key).push(await time(fn));
    }
  }
}

console.log(`node ${process.version}, ${ROUNDS} rounds, medians of CPU time (wall time in parentheses)`);
console.log('ratio = imago / peer, on CPU time (wall-time ratio in parentheses); target in brackets\n');
for (const w of workloads) {
  const k0 = `${w.name}|${w.ours[0]}`;
  const [oc, ow] = [cpu(k0), wall(k0)];
  console.log(`${w.name}\n  ${w.ours[0].padEnd(32)} ${oc.toFixed(1).padStart(8)} ms (${ow.toFixed(1)})`);
  for (const [name, , target] of w.peers) {
    const k = `${w.name}|${name}`;
    const [c, t] = [cpu(k), wall(k)];
    console.log(`  ${name.padEnd(32)} ${c.toFixed(1).padStart(8)} ms (${t.toFixed(1)})   ratio ${(oc / c).toFixed(2)}x (${(ow / t).toFixed(2)}x)${target ? `  [${target}]` : ''}`);
  }
  console.log('');
}

// Memory of one downscale beyond its destination.
const dstBytes = 603 * 339 * 4;
console.log(`extra memory of one downscale to 603x339 (destination ${dstBytes} bytes, not counted):`);
for (const [name, kernel] of [['BiLinear', BiLinear], ['Box', Box], ['Lanczos3', Lanczos3]]) {
  const run = imago(kernel, big, 603, 339);
  scratchStats.bytes = 0;
  globalThis.gc?.();
  const before = process.memoryUsage().arrayBuffers;
  const out = run();
  const after = process.memoryUsage().arrayBuffers;
  console.log(`  ${name.padEnd(9)} scratch allocated ${String(scratchStats.bytes).padStart(9)} bytes; arrayBuffers grew ${after - before - out.length} bytes beyond the destination`);
}
