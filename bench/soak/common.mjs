// Shared by the soak loops: the input photos, the measurement, and the report line.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
export async function soak(name, thumbnail) {
  const photos = loadPhotos();
  const marks = {};
  let outBytes = 0;
  const t0 = performance.now();
  for (let i = 1; i <= THUMBS; i++) {
    const out = await thumbnail(photos[(i - 1) % photos.length].bytes, i);
    outBytes += out.length;
    if (SAMPLED.has(i)) marks[i] = await settledMemory();
  }
  const seconds = (performance.now() - t0) / 1000;
  const first = marks[CHECKPOINTS[0]];
  const last = marks[CHECKPOINTS[1]];
  const result = {
    name,
    thumbs: THUMBS,
    photos: photos.map((p) => p.name),
    seconds,
    msPerThumb: (seconds * 1000) / THUMBS,
    avgThumbBytes: Math.round(outBytes / THUMBS),
    heapGrowth: last.heapUsed - first.heapUsed,
    arrayBuffersGrowth: last.arrayBuffers - first.arrayBuffers,
    externalGrowth: last.external - first.external,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    marks,
  };
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result, null, 2));
  return result;
}
