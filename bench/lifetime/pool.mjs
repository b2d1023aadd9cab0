// Benchmark: BufferPool against plain allocation on temp-buffer workloads shaped like a
// thumbnail pipeline. Each mode runs in its own process (so peak RSS is its own) and reports the
// median time per iteration, peak RSS, and GC pauses (count and total ms, from perf_hooks).
//
//   npm run build && node --expose-gc bench/lifetime/pool.mjs [iterations]
//
// Workloads (per iteration):
//   photo: a 2560x1600 RGBA decode target (16,384,000 bytes) and a resize intermediate of
//          320 columns x 1600 rows x 4 Float32 (8,192,000 bytes); every byte of both is written
//          once, as a decoder and a horizontal resize pass do, then both are dropped/released.
//   rows:  200 row buffers of 10,240 bytes (2560 RGBA pixels), each written once, as a
//          row-at-a-time filter or encoder does.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

const self = fileURLToPath(import.meta.url);
const isChild = process.argv[2] === '--child';
const iterations = Number((isChild ? process.argv[5] : process.argv[2]) ?? 60);

const RGBA_BYTES = 2560 * 1600 * 4;
const TEMP_FLOATS = 320 * 1600 * 4;
const ROW_BYTES = 2560 * 4;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function child(workload, mode) {
  const { BufferPool } = await import(pathToFileURL(resolve('dist/index.js')).href);
  const pool = mode === 'alloc' ? null : new BufferPool({ detachOnRelease: mode === 'pool+detach' });
  const bytes = (n) => (pool ? pool.acquire(n) : new Uint8Array(n));
  const floats = (n) => (pool ? pool.acquireAs(Float32Array, n) : new Float32Array(n));
  const done = (b) => pool?.release(b);
  let sink = 0;
  const step = {
    photo() {
      const rgba = bytes(RGBA_BYTES);
      for (let i = 0; i < rgba.length; i += 4) { rgba[i] = i; rgba[i + 1] = i >> 8; rgba[i + 2] = i >> 16; rgba[i + 3] = 255; }
      const tmp = floats(TEMP_FLOATS);
      for (let i = 0; i < tmp.length; i++) tmp[i] = rgba[i * 2] * 0.5;
      sink += tmp[tmp.length - 1] + rgba[7];
      done(tmp);
      done(rgba);
    },
    rows() {
      for (let r = 0; r < 200; r++) {
        const row = bytes(ROW_BYTES);
        for (let i = 0; i < row.length; i++) row[i] = i + r;
        sink += row[r];
        done(row);
      }
    },
  }[workload];
  let gcCount = 0;
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { gcCount++; gcMs += e.duration; }
  });
  for (let i = 0; i < 5; i++) step(); // warm-up
  globalThis.gc?.();
  obs.observe({ entryTypes: ['gc'] });
  const times = [];
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < iterations; i++) {
    // CPU time (user + system, so page faults count) rather than wall time: far less noisy on a
    // shared machine. GC work on helper threads is included too.
    const t0 = process.cpuUsage();
    step();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  await new Promise((r) => setTimeout(r, 10));
  obs.disconnect();
  process.send({ ms: median(times), totalMs: times.reduce((a, b) => a + b, 0), peakRssMB: peak / 2 ** 20, gcCount, gcMs, sink: sink > 0 });
}

async function main() {
  console.log(`BufferPool benchmark: ${iterations} iterations per mode, median CPU ms per iteration, each mode in its own process`);
  const rows = [];
  for (const workload of ['photo', 'rows']) {
    const res = {};
    for (const mode of ['alloc', 'pool', 'pool+detach']) {
      res[mode] = await new Promise((ok, fail) => {
        const c = fork(self, ['--child', workload, mode, String(iterations)], { execArgv: ['--expose-gc'] });
        c.on('message', ok);
        c.on('error', fail);
      });
      const r = res[mode];
      rows.push({
        workload,
        mode,
        'ms/iter': r.ms.toFixed(2),
        'vs alloc': (r.ms / res.alloc.ms).toFixed(2),
        'total CPU ms': r.totalMs.toFixed(0),
        'total vs alloc': (r.totalMs / res.alloc.totalMs).toFixed(2),
        'peak RSS MB': r.peakRssMB.toFixed(0),
        'GC count': r.gcCount,
        'GC ms': r.gcMs.toFixed(1),
      });
    }
  }
  console.table(rows);
}

if (isChild) {
  await child(process.argv[3], process.argv[4]);
  process.exit(0);
} else {
  await main();
}
