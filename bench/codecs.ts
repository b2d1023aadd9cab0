/**
 * Codec adapter benchmark: what imago's registry and adapters add over calling jpeg-js and pngjs
 * directly, and what decodeConfig costs, on the 6028x3391 photo.
 *
 *   npm run bench:codecs            # 5 rounds
 *   npm run bench:codecs -- 9       # 9 rounds
 *
 * Input: ../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg (4.4 MB, baseline 4:2:2
 * JPEG, 20.4 megapixels). For PNG, the same picture decoded once by jpeg-js and written once by
 * pngjs (RGB, 8-bit, zlib level 6, adaptive filters), cached in .tmp/bench-codecs/kleiber.png.
 *
 * Each full decode runs alone in a fresh process (so one contender's garbage never burdens the
 * other), alternating the order each round; the table shows medians over the rounds of both wall
 * time and CPU time (user + system). The machine is shared with other work, so CPU time is the
 * steadier of the two. Measured:
 * - JPEG decode: `decode(bytes)` from imago/codecs (sniff, header, limits, whole-file marker walk,
 *   jpeg-js, wrap as RGBAImage) against jpeg-js `decode(bytes, { useTArray: true })` with the same
 *   output format (RGBA) and its memory cap raised so it can run.
 * - PNG decode: `decode(bytes)` (sniff, header, limits, chunk walk checking the CRC of every chunk
 *   but IDAT, pngjs, which checks the IDAT CRCs, wrap as RGBAImage) against pngjs
 *   `PNG.sync.read(bytes)`.
 * - decodeConfig on the JPEG and the PNG: mean over 2,000 calls in this process, and as a share of
 *   a full decode's median wall time.
 * - The refusal of a 34-byte PNG that claims 65535x65535: mean over 10,000 calls.
 * Both contenders use the project's own jpeg-js 0.4.4 and pngjs 7.0.0 (the versions bench/package.json
 * pins), so the difference is the adapter alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decode, decodeConfig, pngjsCodec } from '../src/codecs.js';
import { createRegistry } from '../src/codec/registry.js';

// The default registry decodes PNG with imago's own codec (bench/png.ts compares that one with
// pngjs); the adapter overhead measured here is the pngjs adapter's.
const viaPngjs = createRegistry([pngjsCodec]);

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

type Case = 'rawJpeg' | 'jpeg' | 'rawPng' | 'png';
const CASES: Record<Case, () => unknown> = {
  rawJpeg: () => jpegjs.decode(jpegBytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 4096 }),
  jpeg: () => decode(jpegBytes),
  rawPng: () => PNG.sync.read(Buffer.from(pngBytes.buffer, pngBytes.byteOffset, pngBytes.byteLength)),
  png: () => viaPngjs.decode(pngBytes),
};

if (process.argv[2] === 'child') {
  // One decode in a fresh process: wall time and CPU time (user + system, all threads).
  const f = CASES[process.argv[3] as Case];
  if (process.argv[3] === 'jpeg' || process.argv[3] === 'png') {
    await decodeConfig(process.argv[3] === 'jpeg' ? jpegBytes : pngBytes); // the adapter's lazy import, outside the timing
    await import(process.argv[3] === 'jpeg' ? '../src/codec/adapters/jpegjs-impl.js' : '../src/codec/adapters/pngjs-node.js');
  }
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));
  process.exit(0);
}

function child(c: Case): { wall: number; cpu: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'child', c], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
}

const runs: Record<Case, Array<{ wall: number; cpu: number }>> = { rawJpeg: [], jpeg: [], rawPng: [], png: [] };
for (let r = 0; r < ROUNDS; r++) {
  const order: Case[] = r % 2 === 0 ? ['rawJpeg', 'jpeg', 'rawPng', 'png'] : ['jpeg', 'rawJpeg', 'png', 'rawPng'];
  for (const c of order) runs[c].push(child(c));
  const last = (c: Case) => `${runs[c].at(-1)!.cpu.toFixed(0)}`;
  console.log(`round ${r + 1}/${ROUNDS} (CPU ms): jpeg ${last('jpeg')} vs jpeg-js ${last('rawJpeg')}, png ${last('png')} vs pngjs ${last('rawPng')}`);
}

for (let i = 0; i < 200; i++) { await decodeConfig(jpegBytes); await decodeConfig(pngBytes); } // warm up
const cfgJpeg = await mean(2000, () => decodeConfig(jpegBytes));
const cfgPng = await mean(2000, () => decodeConfig(pngBytes));
const huge = hugePng();
const refuse = await mean(10_000, () => decode(huge).catch(() => undefined));

const med = (c: Case, k: 'wall' | 'cpu') => median(runs[c].map((x) => x[k]));
const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${((a / b - 1) * 100).toFixed(1)}%`;
console.log(`\nmedians over ${ROUNDS} rounds, each decode in a fresh process (Node ${process.version})`);
console.log('case'.padEnd(34) + 'imago CPU'.padStart(11) + 'peer CPU'.padStart(11) + '  overhead CPU' + '   imago wall'.padStart(13) + 'peer wall'.padStart(11) + '  overhead wall');
for (const [label, ours, peer] of [['JPEG decode 6028x3391 (jpeg-js)', 'jpeg', 'rawJpeg'], ['PNG decode 6028x3391 (pngjs)', 'png', 'rawPng']] as const) {
  console.log(
    label.padEnd(34) + `${med(ours, 'cpu').toFixed(0)} ms`.padStart(11) + `${med(peer, 'cpu').toFixed(0)} ms`.padStart(11) + pct(med(ours, 'cpu'), med(peer, 'cpu')).padStart(14) +
      `${med(ours, 'wall').toFixed(0)} ms`.padStart(13) + `${med(peer, 'wall').toFixed(0)} ms`.padStart(11) + pct(med(ours, 'wall'), med(peer, 'wall')).padStart(15),
  );
}
console.log(`decodeConfig JPEG: ${(cfgJpeg * 1000).toFixed(1)} µs = ${((cfgJpeg / med('jpeg', 'wall')) * 100).toFixed(4)}% of a decode`);
console.log(`decodeConfig PNG:  ${(cfgPng * 1000).toFixed(1)} µs = ${((cfgPng / med('png', 'wall')) * 100).toFixed(4)}% of a decode`);
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
