// Micro-benchmark: the cost of the checked `pix`/`rect` accessors that make disposal and detached
// buffers loud (spec/lifetime.md). Runs the per-pixel API (loadRGBA64, storeRGBA64, at) and a bulk
// loop over `pix` on a 1024x1024 RGBA image, and prints the median ns per pixel.
//
//   npm run build && node bench/lifetime/accessor.mjs [path/to/dist]
//
// To compare with plain fields, build a baseline (e.g. `main`) into another folder and pass its
// dist; the workloads are identical.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const { RGBAImage, NRGBAImage, YCbCrImage, rect } = await import(pathToFileURL(`${dist}/index.js`).href);

const W = 1024;
const H = 1024;
const ROUNDS = 9;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

// CPU time (user + system) rather than wall time: on a shared, loaded machine it only counts
// while this process runs, so it is far less noisy.
function time(fn) {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return ((d.user + d.system) * 1000) / (W * H);
}

const rgba = new RGBAImage(rect(0, 0, W, H));
const nrgba = new NRGBAImage(rect(0, 0, W, H));
const ycc = new YCbCrImage(rect(0, 0, W, H), '420');
for (let i = 0; i < rgba.pix.length; i++) rgba.pix[i] = (i * 31) & 0xff;
for (let i = 0; i < nrgba.pix.length; i++) nrgba.pix[i] = (i * 17) & 0xff;
const out = new Uint32Array(4);
let sink = 0;

const cases = {
  'RGBA loadRGBA64': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { rgba.loadRGBA64(x, y, out); sink += out[3]; }
  },
  'RGBA storeRGBA64': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgba.storeRGBA64(x, y, x << 8, y << 8, 0x8000, 0xffff);
  },
  'NRGBA loadRGBA64': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { nrgba.loadRGBA64(x, y, out); sink += out[0]; }
  },
  'YCbCr loadRGBA64': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { ycc.loadRGBA64(x, y, out); sink += out[1]; }
  },
  'RGBA at().rgba()': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) sink += rgba.at(x, y).rgba()[3];
  },
  'RGBA bulk pix loop': () => {
    const p = rgba.pix;
    const s = rgba.stride;
    for (let y = 0; y < H; y++) for (let i = y * s, e = i + W * 4; i < e; i += 4) sink += p[i + 3];
  },
  'RGBA pix per pixel': () => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) sink += rgba.pix[rgba.pixOffset(x, y) + 3];
  },
};

console.log(`accessor benchmark, ${W}x${H}, median of ${ROUNDS} rounds, CPU ns/pixel, dist=${dist}`);
for (const [name, fn] of Object.entries(cases)) {
  fn(); fn(); // warm up
  const ts = [];
  for (let r = 0; r < ROUNDS; r++) ts.push(time(fn));
  console.log(`${name.padEnd(22)} ${median(ts).toFixed(2)}`);
}
if (sink === 42) console.log('');
