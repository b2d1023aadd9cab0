import { installHook, type CacheStatsSource, type LeakReport, type LifetimeHook, type PoolStatsSource } from '../lifetime/hooks.js';

/**
 * The debug stats: the `LifetimeHook` that `imago/debug` installs, and {@link memStats}, a
 * snapshot in the spirit of Go's `runtime.MemStats`.
 *
 * Everything here holds its subjects weakly (WeakRef, WeakMap, FinalizationRegistry), so turning
 * the stats on never keeps an image, buffer, pool or cache alive. Counts that depend on garbage
 * collection (an image or buffer dropped without disposal) update when the collector runs its
 * finalisation callbacks, i.e. after a GC and a turn of the event loop.
 */

/** A snapshot of imago's memory, from the debug hook. Counters marked cumulative never decrease. */
export interface MemStats {
  /** Image objects made and neither disposed nor collected (owners, views and wrappers). */
  liveImages: number;
  /** Bytes of pixel buffers that images allocated (or took from a pool) and still hold. */
  imageBytes: number;
  /** Cumulative: image objects made. */
  imagesCreated: number;
  /** Cumulative: image objects disposed. */
  imagesDisposed: number;
  /** Cumulative: image objects collected without being disposed (normal for plain images). */
  imagesCollected: number;
  /** Pools alive. */
  pools: number;
  /** Bytes held in the free lists of all live pools. */
  poolBytes: number;
  /** Caches alive. */
  caches: number;
  /** Entries held by all live caches. */
  cacheEntries: number;
  /** Registered resources not yet finalised. */
  liveResources: number;
  /** Declared bytes of the live resources. */
  resourceBytes: number;
  /** Cumulative: resources finalised by the safety net instead of release (leaks). */
  leakedResources: number;
  /** The runtime's view where it offers one (Node, Bun, Deno): JS heap in use, bytes of ArrayBuffers, RSS. */
  heapUsed: number | undefined;
  arrayBuffers: number | undefined;
  rss: number | undefined;
}

/** Settings of the debug hook. */
export interface DebugOptions {
  /** Capture an allocation stack for each resource reference, for leak reports. Default true. */
  captureStacks?: boolean;
  /** Make new pools detach buffers on release, so stale views fail loudly. Default true. */
  detachOnRelease?: boolean;
  /** How many leak reports to keep (oldest dropped first). Default 100. */
  maxLeakReports?: number;
}

interface ImageRecord {
  disposed: boolean;
  /** Bytes this image owns and that still count in imageBytes. */
  bytes: number;
}

class DebugHook implements LifetimeHook {
  captureStacks: boolean;
  detachOnRelease: boolean;
  maxLeakReports: number;
  liveImages = 0;
  imageBytes = 0;
  imagesCreated = 0;
  imagesDisposed = 0;
  imagesCollected = 0;
  liveResources = 0;
  resourceBytes = 0;
  leakedResources = 0;
  readonly leaks: LeakReport[] = [];
  readonly pools = new Set<WeakRef<PoolStatsSource>>();
  readonly caches = new Set<WeakRef<CacheStatsSource>>();
  readonly #records = new WeakMap<object, ImageRecord>();
  readonly #images = new FinalizationRegistry<ImageRecord>((rec) => {
    if (rec.disposed) return;
    this.liveImages--;
    this.imagesCollected++;
  });
  readonly #buffers = new FinalizationRegistry<ImageRecord>((rec) => this.#unown(rec));

  constructor(o: Required<DebugOptions>) {
    this.captureStacks = o.captureStacks;
    this.detachOnRelease = o.detachOnRelease;
    this.maxLeakReports = o.maxLeakReports;
  }

  #unown(rec: ImageRecord): void {
    this.imageBytes -= rec.bytes;
    rec.bytes = 0;
  }

  imageCreated(image: object): void {
    const rec: ImageRecord = { disposed: false, bytes: 0 };
    this.#records.set(image, rec);
    this.#images.register(image, rec, rec);
    this.liveImages++;
    this.imagesCreated++;
  }

  bufferOwned(image: object, buffer: ArrayBufferLike, bytes: number): void {
    const rec = this.#records.get(image);
    if (rec === undefined || rec.disposed) return;
    rec.bytes += bytes;
    this.imageBytes += bytes;
    this.#buffers.register(buffer, rec);
  }

  imageDisposed(image: object): void {
    const rec = this.#records.get(image);
    if (rec === undefined || rec.disposed) return;
    rec.disposed = true;
    this.#images.unregister(rec);
    this.liveImages--;
    this.imagesDisposed++;
    this.#unown(rec);
  }

  poolCreated(pool: PoolStatsSource): void {
    this.pools.add(new WeakRef(pool));
  }

  cacheCreated(cache: CacheStatsSource): void {
    this.caches.add(new WeakRef(cache));
  }

  resourceCreated(bytes: number): void {
    this.liveResources++;
    this.resourceBytes += bytes;
  }

  resourceFinalized(bytes: number, leaked: boolean): void {
    this.liveResources--;
    this.resourceBytes -= bytes;
    if (leaked) this.leakedResources++;
  }

  resourceLeaked(report: LeakReport): void {
    this.leaks.push(report);
    if (this.leaks.length > this.maxLeakReports) this.leaks.splice(0, this.leaks.length - this.maxLeakReports);
  }
}

let installed: DebugHook | null = null;

/**
 * Installs the debug hook (importing `imago/debug` already did, with defaults) or changes its
 * settings. Counters start at zero when the hook is first installed; objects made before that are
 * not counted.
 */
export function installDebug(options: DebugOptions = {}): void {
  const o: Required<DebugOptions> = {
    captureStacks: options.captureStacks ?? installed?.captureStacks ?? true,
    detachOnRelease: options.detachOnRelease ?? installed?.detachOnRelease ?? true,
    maxLeakReports: options.maxLeakReports ?? installed?.maxLeakReports ?? 100,
  };
  if (installed === null) {
    installed = new DebugHook(o);
  } else {
    installed.captureStacks = o.captureStacks;
    installed.detachOnRelease = o.detachOnRelease;
    installed.maxLeakReports = o.maxLeakReports;
  }
  installHook(installed);
}

/** Removes the hook: the core goes back to doing no bookkeeping. The counters are kept. */
export function uninstallDebug(): void {
  installHook(null);
}

/** Whether the debug hook is installed. */
export function debugInstalled(): boolean {
  return installed !== null;
}

function sumLive<T extends object>(refs: Set<WeakRef<T>>, read: (x: T) => number): [count: number, sum: number] {
  let count = 0;
  let sum = 0;
  for (const ref of refs) {
    const x = ref.deref();
    if (x === undefined) {
      refs.delete(ref);
      continue;
    }
    count++;
    sum += read(x);
  }
  return [count, sum];
}

/** The runtime's memory figures where it offers them, else undefined fields. */
export function runtimeMemory(): { heapUsed: number | undefined; arrayBuffers: number | undefined; rss: number | undefined } {
  const g = globalThis as {
    process?: { memoryUsage?: () => { heapUsed: number; arrayBuffers?: number; rss?: number } };
    Deno?: { memoryUsage?: () => { heapUsed: number; external?: number; rss?: number } };
    performance?: { memory?: { usedJSHeapSize: number } };
  };
  const p = g.process?.memoryUsage?.();
  if (p) return { heapUsed: p.heapUsed, arrayBuffers: p.arrayBuffers, rss: p.rss };
  const d = g.Deno?.memoryUsage?.();
  if (d) return { heapUsed: d.heapUsed, arrayBuffers: d.external, rss: d.rss };
  const m = g.performance?.memory;
  if (m) return { heapUsed: m.usedJSHeapSize, arrayBuffers: undefined, rss: undefined };
  return { heapUsed: undefined, arrayBuffers: undefined, rss: undefined };
}

/**
 * A snapshot of imago's memory use. All zero (except the runtime figures) if the hook was never
 * installed.
 */
export function memStats(): MemStats {
  const h = installed;
  const [pools, poolBytes] = h ? sumLive(h.pools, (p) => p.retainedBytes) : [0, 0];
  const [caches, cacheEntries] = h ? sumLive(h.caches, (c) => c.size) : [0, 0];
  return {
    liveImages: h?.liveImages ?? 0,
    imageBytes: h?.imageBytes ?? 0,
    imagesCreated: h?.imagesCreated ?? 0,
    imagesDisposed: h?.imagesDisposed ?? 0,
    imagesCollected: h?.imagesCollected ?? 0,
    pools,
    poolBytes,
    caches,
    cacheEntries,
    liveResources: h?.liveResources ?? 0,
    resourceBytes: h?.resourceBytes ?? 0,
    leakedResources: h?.leakedResources ?? 0,
    ...runtimeMemory(),
  };
}

/** The leak reports collected so far (newest last), each with its allocation stack when captured. */
export function leakReports(): readonly LeakReport[] {
  return installed ? [...installed.leaks] : [];
}
