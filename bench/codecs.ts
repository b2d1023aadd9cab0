/**
 * Codec benchmark on the 6028x3391 photo: imago's own codecs (what the default registry decodes
 * with) and the pngjs and jpeg-js adapters (chosen by name), each against calling the peer library
 * directly; and what decodeConfig costs.
 *
 *   npm run bench:codecs            # 5 rounds
 *   npm run bench:codecs -- 9       # 9 rounds
 *
 * Input: ../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg (4.4 MB, baseline 4:2:2
 * JPEG, 20.4 megapixels). For PNG, the same picture decoded once by jpeg-js and written once by
 * pngjs (RGB, 8-bit, zlib level 6, adaptive filters), cached in .tmp/bench-codecs/kleiber.png.
 *
 * Each full decode runs alone in a fresh process (so one contender's garbage never burdens the
 * other, and every contender starts cold, as in a fresh serverless instance), rotating the order
 * each round; the table shows medians over the rounds of both wall time and CPU time (user +
 * system), and each as a ratio to the peer library called directly. The machine is shared with
 * other work, so CPU time is the steadier of the two. Measured:
 * - JPEG, peer: jpeg-js `decode(bytes, { useTArray: true, formatAsRGBA: true })`, its memory cap
 *   raised so it can run.
 * - JPEG, imago (default registry): `decode(bytes)` from imago/codecs: sniff, header, limits,
 *   imago's own decoder (spec/jpeg.md), giving a 4:2:2 YCbCrImage (Go's type; no RGBA conversion,
 *   which jpeg-js does). bench/jpeg.ts compares the decoder itself with jpeg-js and sharp.
 * - JPEG, the 'jpeg-js' adapter: the same call through a registry of the default registry's
 *   'jpeg-js' codec (sniff, header, limits, whole-file marker walk, jpeg-js, wrap as RGBAImage):
 *   its overhead over jpeg-js is the adapter's.
 * - PNG, peer: pngjs `PNG.sync.read(bytes)`.
 * - PNG, imago (default registry): `decode(bytes)`: imago's own decoder over DecompressionStream
 *   (spec/png.md), giving an RGBAImage (Go's type for 8-bit RGB). bench/png.ts compares the
 *   decoder itself with pngjs.
 * - PNG, the 'pngjs' adapter: through a registry of the default registry's 'pngjs' codec (sniff,
 *   header, limits, chunk walk checking the CRC of every chunk but IDAT, pngjs, which checks the
 *   IDAT CRCs, wrap as RGBAImage).
 * - decodeConfig through the default registry (imago's own codecs) on the JPEG and the PNG: mean
 *   over 2,000 calls in this process, and as a share of the own codec's median decode wall time.
 * - The refusal of a 34-byte PNG that claims 65535x65535: mean over 10,000 calls.
 * The peers are the project's own jpeg-js 0.4.4 and pngjs 7.0.0 (the versions bench/package.json
 * pins), the ones the adapters load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decode, decodeConfig, defaultRegistry } from '../src/codecs.js';
import { createRegistry } from '../src/codec/registry.js';

/** A registry of one codec of the default registry, chosen by name (sniffing would pick imago's own). */
function byName(name: string) {
  const codec = defaultRegistry.get(name);
  if (codec === undefined) throw new Error(`the default registry has no codec named ${name}`);
  return createRegistry([codec]);
}
const viaJpegjs = byName('jpeg-js');
const viaPngjs = byName('pngjs');

const require = createRequire(import.meta.url);
const jpegjs = require('jpeg-js') as typeof import('jpeg-js');
const { PNG } = require('pngjs') as {
  PNG: {
    sync: {
      read(b: Uint8Array): { width: number; height: number; data: Uint8Array };
      write(p: { width: number; height: number; data: Uint8Array }, o: object): Uint8Array;
    };
  };
};

const ROUNDS = Number(process.argv[2] ?? 5);
const JPEG_FILE = '../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg';
const PNG_FILE = '.tmp/bench-codecs/kleiber.png';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const jpegBytes = new Uint8Array(readFileSync(JPEG_FILE));
if (!existsSync(PNG_FILE)) {
  console.log('writing the PNG input once (slow)…');
  const raw = jpegjs.decode(jpegBytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 4096 });
  mkdirSync('.tmp/bench-codecs', { recursive: true });
  writeFileSync(PNG_FILE, PNG.sync.write(raw, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 6, filterType: -1 }));
}
const pngBytes = new Uint8Array(readFileSync(PNG_FILE));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function mean(n: number, f: () => unknown): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t0) / n;
}

type Case = 'rawJpeg' | 'jpeg' | 'jpegjs' | 'rawPng' | 'png' | 'pngjs';
const CASES: Record<Case, () => unknown> = {
  rawJpeg: () => jpegjs.decode(jpegBytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 4096 }),
  jpeg: () => decode(jpegBytes),
  jpegjs: () => viaJpegjs.decode(jpegBytes),
  rawPng: () => PNG.sync.read(Buffer.from(pngBytes.buffer, pngBytes.byteOffset, pngBytes.byteLength)),
  png: () => decode(pngBytes),
  pngjs: () => viaPngjs.decode(pngBytes),
};

/** What each decode gives: a check that the contenders did the work (and the right codec ran). */
function describeResult(r: unknown): string {
  const img = r as { constructor: { name: string }; bounds?: () => { dx(): number; dy(): number }; width?: number; height?: number };
  const [w, h] = img.bounds ? [img.bounds().dx(), img.bounds().dy()] : [img.width, img.height];
  return `${img.constructor.name.replace(/^_/, '')} ${w}x${h}`;
}

if (process.argv[2] === 'child') {
  // One decode in a fresh process: wall time and CPU time (user + system, all threads).
  const c = process.argv[3] as Case;
  const f = CASES[c];
  if (c === 'jpegjs' || c === 'pngjs') {
    // The adapter's lazy import, outside the timing.
    await (c === 'jpegjs' ? viaJpegjs : viaPngjs).decodeConfig(c === 'jpegjs' ? jpegBytes : pngBytes);
    await import(c === 'jpegjs' ? '../src/codec/adapters/jpegjs-impl.js' : '../src/codec/adapters/pngjs-node.js');
  }
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await f();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000, result: describeResult(out) }));
  process.exit(0);
}

interface Run {
  wall: number;
  cpu: number;
  result: string;
}
function child(c: Case): Run {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'child', c], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

const ALL: Case[] = ['rawJpeg', 'jpeg', 'jpegjs', 'rawPng', 'png', 'pngjs'];
const runs = Object.fromEntries(ALL.map((c) => [c, [] as Run[]])) as Record<Case, Run[]>;
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order within each format, so that no contender always runs first.
  const rot = <T>(xs: T[]) => xs.map((_, i) => xs[(i + r) % xs.length]);
  for (const c of [...rot<Case>(['rawJpeg', 'jpeg', 'jpegjs']), ...rot<Case>(['rawPng', 'png', 'pngjs'])]) runs[c].push(child(c));
  const last = (c: Case) => `${runs[c].at(-1)!.cpu.toFixed(0)}`;
  console.log(
    `round ${r + 1}/${ROUNDS} (CPU ms): jpeg-js ${last('rawJpeg')}, imago jpeg ${last('jpeg')}, 'jpeg-js' adapter ${last('jpegjs')}; ` +
      `pngjs ${last('rawPng')}, imago png ${last('png')}, 'pngjs' adapter ${last('pngjs')}`,
  );
}

for (let i = 0; i < 200; i++) { await decodeConfig(jpegBytes); await decodeConfig(pngBytes); } // warm up
const cfgJpeg = await mean(2000, () => decodeConfig(jpegBytes));
const cfgPng = await mean(2000, () => decodeConfig(pngBytes));
const huge = hugePng();
const refuse = await mean(10_000, () => decode(huge).catch(() => undefined));

const med = (c: Case, k: 'wall' | 'cpu') => median(runs[c].map((x) => x[k]));
const ratio = (c: Case, peer: Case, k: 'wall' | 'cpu') => `${(med(c, k) / med(peer, k)).toFixed(2)}x`;
console.log(`\nmedians over ${ROUNDS} rounds, each decode in a fresh process (Node ${process.version}); ratio = time / the peer's time`);
console.log('decode of the 6028x3391 photo'.padEnd(44) + 'gives'.padEnd(22) + 'CPU'.padStart(9) + 'ratio'.padStart(8) + 'wall'.padStart(10) + 'ratio'.padStart(8));
const ROWS: [label: string, c: Case, peer: Case][] = [
  ['JPEG: jpeg-js directly (the peer)', 'rawJpeg', 'rawJpeg'],
  ['JPEG: imago (default registry, own codec)', 'jpeg', 'rawJpeg'],
  ["JPEG: imago's 'jpeg-js' adapter", 'jpegjs', 'rawJpeg'],
  ['PNG: pngjs directly (the peer)', 'rawPng', 'rawPng'],
  ['PNG: imago (default registry, own codec)', 'png', 'rawPng'],
  ["PNG: imago's 'pngjs' adapter", 'pngjs', 'rawPng'],
];
for (const [label, c, peer] of ROWS) {
  const gives = [...new Set(runs[c].map((x) => x.result))].join(', ');
  console.log(
    label.padEnd(44) + gives.padEnd(22) + `${med(c, 'cpu').toFixed(0)} ms`.padStart(9) + ratio(c, peer, 'cpu').padStart(8) +
      `${med(c, 'wall').toFixed(0)} ms`.padStart(10) + ratio(c, peer, 'wall').padStart(8),
  );
}
console.log(`decodeConfig JPEG (own codec): ${(cfgJpeg * 1000).toFixed(1)} µs = ${((cfgJpeg / med('jpeg', 'wall')) * 100).toFixed(4)}% of its decode`);
console.log(`decodeConfig PNG (own codec):  ${(cfgPng * 1000).toFixed(1)} µs = ${((cfgPng / med('png', 'wall')) * 100).toFixed(4)}% of its decode`);
console.log(`refusing a 34-byte PNG that claims 65535x65535: ${(refuse * 1000).toFixed(1)} µs (LimitError)`);

/** Signature + IHDR (65535x65535, RGBA 8) with a valid CRC, + 1 byte: 34 bytes. */
function hugePng(): Uint8Array {
  const b = new Uint8Array(34);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 8, 6, 0, 0, 0]);
  let c = 0xffffffff;
  for (let i = 12; i < 29; i++) {
    c ^= b[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  c = (c ^ 0xffffffff) >>> 0;
  b.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff], 29);
  return b;
}
