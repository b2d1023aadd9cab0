// Shared by the soak loops: the input photos, the measurement, and the report line.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';

export const THUMBS = Number(process.env.SOAK_THUMBS ?? 1000);
/** The thumbnail box: the 2560x1600 photos become 320x200. */
export const BOX = 320;
export const QUALITY = 80;
/**
 * Thumbnails at which heap and arrayBuffers are measured after forced GC: #100 and the last, plus
 * every SOAK_EVERY-th when that is set (to see the shape of a growth).
 */
const EVERY = Number(process.env.SOAK_EVERY ?? 0);
export const CHECKPOINTS = [100, THUMBS];
const SAMPLED = new Set([...CHECKPOINTS, ...(EVERY > 0 ? Array.from({ length: Math.floor(THUMBS / EVERY) }, (_, k) => (k + 1) * EVERY) : [])]);

/** The 2560x1600 JPEG photos of the shared corpus, read once. */
export function loadPhotos() {
  const dir = resolve(process.env.SOAK_CORPUS ?? '../shared/corpus/photos');
  const names = readdirSync(dir).filter((f) => /2560x1600\.jpe?g$/i.test(f)).sort();
  if (names.length === 0) throw new Error(`soak: no *2560x1600.jpg photos in ${dir}`);
  return names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

export async function gcNow() {
  if (typeof globalThis.gc !== 'function') throw new Error('soak: run node with --expose-gc');
  for (let i = 0; i < 3; i++) {
    await tick();
    globalThis.gc();
  }
  await tick();
}

/**
 * Memory after forced GC, as the minimum of three rounds: a single reading after gc() now and
 * then includes a transient object (a one-off 15 MB heap reading was seen at one thumbnail,
 * gone at the next), which would read as growth. A real leak shows in every round.
 */
async function settledMemory() {
  let best;
  for (let k = 0; k < 3; k++) {
    await gcNow();
    const m = process.memoryUsage();
    if (!best || m.heapUsed < best.heapUsed) best = { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external };
  }
  return best;
}

/**
 * Runs `thumbnail(bytes, i)` THUMBS times over the photos, one at a time. Reports heap and
 * arrayBuffers after forced GC at each checkpoint, peak RSS (getrusage maxrss), and the time.
 */
export async function soak(name, thumbnail, extra = () => ({})) {
  const photos = loadPhotos();
  const marks = {};
  let outBytes = 0;
  // Garbage collections the loop caused: the measurement's own forced GCs (gc()) are left out.
  let gcCount = 0;
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if ((e.detail?.flags ?? e.flags ?? 0) & perfConstants.NODE_PERFORMANCE_GC_FLAGS_FORCED) continue;
      gcCount++;
      gcMs += e.duration;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  // CPU time (user + system) of the thumbnails alone, without the measurement rounds: on a
  // shared machine far steadier than wall time. GC work on helper threads counts too.
  let cpuUs = 0;
  const t0 = performance.now();
  for (let i = 1; i <= THUMBS; i++) {
    const c0 = process.cpuUsage();
    const out = await thumbnail(photos[(i - 1) % photos.length].bytes, i);
    const c = process.cpuUsage(c0);
    cpuUs += c.user + c.system;
    outBytes += out.length;
    if (SAMPLED.has(i)) marks[i] = await settledMemory();
  }
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 20));
  obs.disconnect();
  const first = marks[CHECKPOINTS[0]];
  const last = marks[CHECKPOINTS[1]];
  const result = {
    name,
    thumbs: THUMBS,
    photos: photos.map((p) => p.name),
    seconds,
    msPerThumb: (seconds * 1000) / THUMBS,
    cpuMsPerThumb: cpuUs / 1000 / THUMBS,
    gcCount,
    gcMs,
    avgThumbBytes: Math.round(outBytes / THUMBS),
    heapGrowth: last.heapUsed - first.heapUsed,
    arrayBuffersGrowth: last.arrayBuffers - first.arrayBuffers,
    externalGrowth: last.external - first.external,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    marks,
    ...extra(),
  };
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result, null, 2));
  return result;
}
