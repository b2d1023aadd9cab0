import { OptionError, UnsupportedError } from '../errors.js';
import { runtimeMemory } from './stats.js';

/**
 * A leak checker for users' own tests: the JavaScript form of Go's "runtime.GC(), ReadMemStats,
 * run, runtime.GC(), ReadMemStats, compare" pattern (spec/lifetime.md, "Leak checker").
 *
 *   const report = await checkLeaks(() => thumbnail(bytes), { iterations: 200, maxGrowthBytes: 2 << 20 });
 *   expect(report.ok, report.summary).toBe(true);
 */

/** Options of {@link checkLeaks}. */
export interface CheckLeaksOptions {
  /** Measured runs of fn. Default 100. */
  iterations?: number;
  /** Runs before the baseline, so caches, JIT code and pools reach steady state. Default 10. */
  warmup?: number;
  /** The largest allowed growth of the heap and of ArrayBuffer memory, each. Default 1 MiB. */
  maxGrowthBytes?: number;
  /** Samples taken (after a forced GC each), besides the baseline. Default 5. */
  samples?: number;
  /**
   * How to force a collection. Default: `globalThis.gc` (Node with `--expose-gc`, Deno with
   * `--v8-flags=--expose-gc`) or `Bun.gc(true)`.
   */
  gc?: () => void;
  /** Throw `UnsupportedError` when no collector can be forced (default true); false runs anyway. */
  requireGC?: boolean;
}

/** One measurement, after a forced collection. */
export interface LeakSample {
  /** Measured runs completed when the sample was taken. */
  iteration: number;
  heapUsed: number;
  /** Bytes of ArrayBuffer backing stores, where the runtime reports them (Node, Bun). */
  arrayBuffers: number | undefined;
}

/** The result of {@link checkLeaks}. */
export interface LeakCheckReport {
  /** Whether both growths are within `maxGrowthBytes`. */
  ok: boolean;
  iterations: number;
  /** Heap in use after the last run minus the baseline after warm-up. */
  heapGrowthBytes: number;
  /** ArrayBuffer bytes after the last run minus the baseline; undefined where not reported. */
  arrayBuffersGrowthBytes: number | undefined;
  /** Least-squares slope of heap plus ArrayBuffer bytes over the samples, in bytes per run. */
  bytesPerIteration: number;
  maxGrowthBytes: number;
  /** Whether a collection was forced before each sample. */
  gcForced: boolean;
  /** The baseline and each sample. */
  samples: LeakSample[];
  /** One line for a test failure message. */
  summary: string;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function findGC(): (() => void) | undefined {
  const g = globalThis as { gc?: () => void; Bun?: { gc?: (force: boolean) => void } };
  if (typeof g.gc === 'function') return g.gc;
  const bun = g.Bun?.gc;
  if (typeof bun === 'function') return () => bun(true);
  return undefined;
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new OptionError(`imago: checkLeaks option ${name} must be an integer >= ${min}, got ${String(v)}`);
}

/**
 * Runs `fn` `warmup` times, forces GC and takes a baseline, then runs it `iterations` times,
 * forcing GC and sampling memory `samples` times along the way, and reports the growth. `fn` may
 * be async; each run is awaited before the next. Timers run between samples, so
 * FinalizationRegistry callbacks get their turn.
 * @throws UnsupportedError when no GC can be forced (unless `requireGC: false`) or the runtime
 * reports no heap figures.
 * @throws OptionError naming a bad option.
 */
export async function checkLeaks(fn: (i: number) => unknown, options: CheckLeaksOptions = {}): Promise<LeakCheckReport> {
  const iterations = options.iterations ?? 100;
  const warmup = options.warmup ?? 10;
  const nSamples = options.samples ?? 5;
  const maxGrowthBytes = options.maxGrowthBytes ?? 1024 * 1024;
  checkCount('iterations', iterations, 1);
  checkCount('warmup', warmup, 0);
  checkCount('samples', nSamples, 1);
  checkCount('maxGrowthBytes', maxGrowthBytes, 0);
  if (typeof fn !== 'function') throw new OptionError('imago: checkLeaks needs a function to run');
  const gc = options.gc ?? findGC();
  if (gc === undefined && (options.requireGC ?? true)) {
    throw new UnsupportedError('imago: checkLeaks cannot force a garbage collection: run Node with --expose-gc (or pass options.gc)');
  }
  if (runtimeMemory().heapUsed === undefined) {
    throw new UnsupportedError('imago: checkLeaks needs a runtime that reports heap use (process.memoryUsage or Deno.memoryUsage)');
  }

  const collect = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await tick();
      gc?.();
    }
    await tick();
  };
  const sample = async (iteration: number): Promise<LeakSample> => {
    await collect();
    const m = runtimeMemory();
    return { iteration, heapUsed: m.heapUsed!, arrayBuffers: m.arrayBuffers };
  };

  let run = 0;
  for (let i = 0; i < warmup; i++) await fn(run++);
  const samples = [await sample(0)];
  for (let s = 1; s <= nSamples; s++) {
    const until = Math.round((iterations * s) / nSamples);
    for (let i = samples[samples.length - 1].iteration; i < until; i++) await fn(run++);
    samples.push(await sample(until));
  }

  const first = samples[0];
  const last = samples[samples.length - 1];
  const heapGrowthBytes = last.heapUsed - first.heapUsed;
  const arrayBuffersGrowthBytes =
    first.arrayBuffers === undefined || last.arrayBuffers === undefined ? undefined : last.arrayBuffers - first.arrayBuffers;
  const bytesPerIteration = slope(samples);
  const ok = heapGrowthBytes <= maxGrowthBytes && (arrayBuffersGrowthBytes ?? 0) <= maxGrowthBytes;
  const kib = (n: number | undefined) => (n === undefined ? 'n/a' : `${(n / 1024).toFixed(1)} KiB`);
  const summary =
    `${ok ? 'no leak' : 'LEAK'}: over ${iterations} runs after ${warmup} warm-up, heap grew ${kib(heapGrowthBytes)}, ` +
    `ArrayBuffers grew ${kib(arrayBuffersGrowthBytes)} (limit ${kib(maxGrowthBytes)} each), ` +
    `${bytesPerIteration.toFixed(0)} bytes per run${gc ? '' : ', GC NOT forced'}`;
  return { ok, iterations, heapGrowthBytes, arrayBuffersGrowthBytes, bytesPerIteration, maxGrowthBytes, gcForced: gc !== undefined, samples, summary };
}

/** Least-squares slope of (heapUsed + arrayBuffers) against iteration. */
function slope(samples: LeakSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const ys = samples.map((s) => s.heapUsed + (s.arrayBuffers ?? 0));
  const xs = samples.map((s) => s.iteration);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
