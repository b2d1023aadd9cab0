/**
 * Draw benchmarks: imago against one `Uint8Array.prototype.set`, sharp and jimp, on one decoded
 * photograph, and the palette cache's effect on Floyd-Steinberg. Prints tables of medians and
 * ratios; asserts nothing. Numbers are noisy on a shared machine: read the ratios, and run it
 * more than once.
 *
 *   (cd bench && npm install)
 *   npx vitest run --config bench/vitest.config.ts bench/draw.bench.ts
 *
 * Environment: BENCH_RUNS (default 5) timed runs per workload after one warm-up;
 * BENCH_JIMP=0 skips jimp (seconds on the full image); BENCH_PATHS=0 skips the per-fast-path
 * table (each fast path against the generic path on 512x512).
 */
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import {
  FloydSteinberg,
  GrayImage,
  NRGBAImage,
  Palette,
  PalettedImage,
  RGBA,
  RGBAImage,
  configureDraw,
  configurePaletteCache,
  draw,
  drawBackend,
  drawMask,
  paletteCache,
  plan9,
  pt,
  rect,
  type Image,
  type Layout,
  type MutableImage,
} from '../src/index.js';
import { FAST_PATHS, findFastPath } from '../src/draw/dispatch.js';
import { SRC_KINDS, buildSpec } from '../test/helpers/draw-arb.js';
import { hideLayout } from '../test/helpers/hide-layout.js';

const PHOTO = new URL('../../shared/corpus/photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg', import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/* eslint-disable @typescript-eslint/no-explicit-any */
// Peer libraries are loaded by name at run time, so the root type check does not need them.
const load = (name: string): Promise<any> => import(name);

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Median CPU time (user + system, all threads of the process, so sharp's worker thread counts)
 * and median wall time, in ms, of `runs` calls after one warm-up call. CPU time is the figure
 * the ratios use: on a shared machine wall time mostly measures the other processes. `setup`
 * runs untimed before each call.
 */
async function time(fn: () => unknown | Promise<unknown>, runs = RUNS, setup?: () => void): Promise<number> {
  setup?.();
  await fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup?.();
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
  lastWall = median(wall);
  return median(cpu);
}
/** The wall-time median of the last {@link time} call. */
let lastWall = 0;

const ms = (v: number) => `${v.toFixed(1)} ms`;
/** CPU time, with the wall time of the same runs in brackets. */
const cw = (cpu: number, wall: number) => `${cpu.toFixed(1)} ms (${wall.toFixed(0)})`;
const x = (v: number) => `${v.toFixed(3)}x`;

test('draw benchmarks', async () => {
  const sharp = (await load('sharp')).default;
  sharp.concurrency(1);
  sharp.cache(false);

  // Decode once: RGBA, straight alpha from an opaque JPEG, so it is also valid premultiplied.
  const t0 = performance.now();
  const { data, info } = await sharp(readFileSync(PHOTO)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const W = info.width as number;
  const H = info.height as number;
  const decodeMs = performance.now() - t0;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const r = rect(0, 0, W, H);
  console.log(`\ninput: ${PHOTO.pathname.split('/').pop()} ${W}x${H} (${(W * H / 1e6).toFixed(1)} MP), decoded once by sharp in ${ms(decodeMs)}; ${RUNS} runs, median\n`);

  const rows: [string, string, string, string, string][] = [];

  // 1. Same-layout Src copy of the whole image against one Uint8Array.prototype.set.
  {
    const src = new RGBAImage(r, bytes.slice());
    const dst = new RGBAImage(r);
    const ours = await time(() => draw(dst, r, src, pt(0, 0), 'src'));
    const oursW = lastWall;
    const raw = new Uint8Array(src.pix.length);
    const set = await time(() => raw.set(src.pix));
    rows.push(['same-layout Src copy, RGBA→RGBA', cw(ours, oursW), `Uint8Array.set ${cw(set, lastWall)}`, x(ours / set), '≤ 1.2x']);
  }

  // 2. Over of a semi-transparent NRGBA image onto RGBA.
  let overOurs: [number, number] = [0, 0];
  let overJs: [number, number] = [0, 0];
  let overBackend = '';
  let overBase: RGBAImage | null = null;
  const nrgba = new NRGBAImage(r, bytes.slice());
  for (let i = 3, k = 0; i < nrgba.pix.length; i += 4, k++) nrgba.pix[i] = 64 + ((k * 7) % 128); // alpha 64..191
  {
    const base = new RGBAImage(r, bytes.slice());
    const dst = new RGBAImage(r);
    const ours = await time(() => draw(dst, r, nrgba, pt(0, 0), 'over'), RUNS, () => dst.pix.set(base.pix));
    const oursW = lastWall;
    const backend = drawBackend();
    // The same draw pinned to the JavaScript loop (what runtimes without run-time Wasm get).
    configureDraw({ wasm: false });
    const js = await time(() => draw(dst, r, nrgba, pt(0, 0), 'over'), RUNS, () => dst.pix.set(base.pix));
    const jsW = lastWall;
    configureDraw({ wasm: true });
    const raw = { width: W, height: H, channels: 4 };
    const overlay = Buffer.from(nrgba.pix.buffer, nrgba.pix.byteOffset, nrgba.pix.byteLength);
    const under = Buffer.from(base.pix.buffer, base.pix.byteOffset, base.pix.byteLength);
    const sh = await time(() => sharp(under, { raw }).composite([{ input: overlay, raw, blend: 'over' }]).raw().toBuffer(), Math.min(RUNS, 3));
    rows.push([`Over, semi-transparent NRGBA onto RGBA (${backend})`, cw(ours, oursW), `sharp composite ${cw(sh, lastWall)}`, x(ours / sh), '≤ 0.2x']);
    rows.push(['Over, same, JavaScript loop (wasm: false)', cw(js, jsW), `sharp composite ${cw(sh, lastWall)}`, x(js / sh), '']);
    // jimp runs last (below): its composite leaves gigabytes of garbage whose background
    // collection would otherwise be counted in the CPU time of the workloads measured after it.
    overOurs = [ours, oursW];
    overJs = [js, jsW];
    overBackend = backend;
    overBase = base;
  }

  // 3. RGBA to Gray.
  {
    const src = new RGBAImage(r, bytes.slice());
    const dst = new GrayImage(r);
    const ours = await time(() => draw(dst, r, src, pt(0, 0), 'src'));
    const oursW = lastWall;
    const input = Buffer.from(src.pix.buffer, src.pix.byteOffset, src.pix.byteLength);
    const sh = await time(() => sharp(input, { raw: { width: W, height: H, channels: 4 } }).greyscale().raw().toBuffer(), Math.min(RUNS, 3));
    rows.push(['RGBA→Gray', cw(ours, oursW), `sharp greyscale ${cw(sh, lastWall)}`, x(ours / sh), '≤ 0.1x']);
  }

  // 4. Floyd-Steinberg into plan9 on a 1-megapixel crop, palette cache on and off.
  {
    const cr = rect(2000, 1000, 3000, 2000);
    const crop = new RGBAImage(r, bytes).subImage(cr).clone();
    const dst = new PalettedImage(cr, plan9);
    paletteCache.clear();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    FloydSteinberg.draw(dst, cr, crop, cr.min);
    const coldW = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    const cold = (cu.user + cu.system) / 1000;
    const warm = await time(() => FloydSteinberg.draw(dst, cr, crop, cr.min));
    const warmW = lastWall;
    configurePaletteCache({ enabled: false });
    const off = await time(() => FloydSteinberg.draw(dst, cr, crop, cr.min), Math.min(RUNS, 3));
    const offW = lastWall;
    configurePaletteCache({ enabled: true });
    rows.push(['FloydSteinberg → plan9, 1 MP, cache warm', cw(warm, warmW), `cache off ${cw(off, offW)}`, `${(off / warm).toFixed(1)}x faster`, '≥ 20x faster']);
    rows.push(['FloydSteinberg → plan9, 1 MP, cache cold (first use)', cw(cold, coldW), `cache off ${cw(off, offW)}`, `${(off / cold).toFixed(1)}x faster`, '']);
  }

  // 5. Hit rate: 10,000 conversions through 20 palettes, half of them equal copies of the others.
  {
    paletteCache.clear();
    paletteCache.resetStats();
    const cs = Array.from({ length: 10 }, (_, i) => Array.from({ length: 64 }, (_, j) => new RGBA((i * 25 + j * 4) & 0xff, (j * 37) & 0xff, (i * 53 + j) & 0xff, 255)));
    const palettes = [...cs.map((c) => new Palette(c)), ...cs.map((c) => new Palette(c.map((k) => new RGBA(k.r, k.g, k.b, k.a))))];
    const src = new RGBAImage(r, bytes).subImage(rect(3000, 1500, 3016, 1516));
    const t = performance.now();
    for (let k = 0; k < 10_000; k++) {
      const dst = new PalettedImage(src.rect, palettes[(k * 7) % 20]);
      draw(dst, dst.rect, src, src.rect.min, 'src');
    }
    const s = paletteCache.stats();
    rows.push([
      'palette cache: 10,000 16x16 conversions, 20 palettes (10 distinct)',
      `${ms(performance.now() - t)} (wall)`,
      `${s.hits} hits / ${s.misses} misses`,
      `${((100 * s.hits) / (s.hits + s.misses)).toFixed(2)} % hits`,
      '≥ 95 %',
    ]);
  }

  if (process.env.BENCH_JIMP !== '0' && overBase !== null) {
    const [ours, oursW] = overOurs;
    const base = overBase;
    const { Jimp } = await load('jimp');
    const bg = new Jimp({ width: W, height: H });
    const fg = new Jimp({ width: W, height: H });
    const bgData = Buffer.from(base.pix);
    const fgData = Buffer.from(nrgba.pix);
    const jm = await time(
      () => bg.composite(fg, 0, 0),
      1,
      () => {
        bgData.copy(bg.bitmap.data);
        fgData.copy(fg.bitmap.data);
      },
    );
    rows.splice(3, 0, [`Over, semi-transparent NRGBA onto RGBA (${overBackend})`, cw(ours, oursW), `jimp composite ${cw(jm, lastWall)}`, `${(jm / ours).toFixed(1)}x faster`, '≥ 30x faster']);
    rows.splice(4, 0, ['Over, same, JavaScript loop (wasm: false)', cw(overJs[0], overJs[1]), `jimp composite ${cw(jm, lastWall)}`, `${(jm / overJs[0]).toFixed(1)}x faster`, '']);
  }

  console.log(table(['workload', 'imago: CPU ms (wall ms)', 'baseline: CPU ms (wall ms)', 'ratio (CPU)', 'target'], rows));

  // Every fast path against the generic path (hideLayout), 512x512.
  if (process.env.BENCH_PATHS === '0') return;
  const fr: string[][] = [];
  const R = rect(0, 0, 512, 512);
  const fake = (kind: string) => ({ kind }) as unknown as Image;
  for (const p of FAST_PATHS) {
    const maskKind = p.mask === 'none' ? null : p.mask === '*' ? 'uniform' : p.mask;
    const src = (p.src === '*' ? SRC_KINDS : [p.src]).find((k) => findFastPath(fake(p.dst), fake(k), maskKind === null ? null : fake(maskKind), p.op) === p);
    if (src === undefined) continue;
    const spec = (kind: Layout, seed: number) => ({ kind, rect: R, pad: 0, seed, ratio: '420' as const, opaque: false });
    const d = buildSpec(spec(p.dst, 1)) as MutableImage;
    const s = buildSpec(spec(src, 2));
    const m = maskKind === null ? null : buildSpec(spec(maskKind, 3));
    const fast = await time(() => drawMask(d, R, s, pt(0, 0), m, pt(0, 0), p.op), 3);
    const hd = hideLayout(d) as MutableImage;
    const gen = await time(() => drawMask(hd, R, hideLayout(s), pt(0, 0), m === null ? null : hideLayout(m), pt(0, 0), p.op), 1);
    fr.push([`${p.name} ${p.dst}/${src}/${maskKind ?? 'none'}/${p.op}`, ms(fast), ms(gen), `${(gen / fast).toFixed(1)}x`]);
  }
  console.log(`\nfast paths against the generic path (hideLayout), ${R.dx()}x${R.dy()}:\n`);
  console.log(table(['fast path', 'fast', 'generic', 'speed-up'], fr));
});

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(head), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
