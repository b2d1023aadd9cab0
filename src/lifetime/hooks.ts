/**
 * The debug hook slot. The core calls `hook?.…` at the few points where ownership changes (an
 * image allocates or is disposed, a pool or cache is created, a resource is created, finalised or
 * leaks). The slot is `null` unless `imago/debug` installs a hook, so without that entry the core
 * pays one null test per event and keeps no bookkeeping at all (spec/lifetime.md, "Debug").
 *
 * @internal Only `imago/debug` (src/debug/) installs a hook. The interface may change between
 * minor versions.
 */

/** What a pool reports to the debug stats. */
export interface PoolStatsSource {
  /** Bytes held in the pool's free lists. */
  readonly retainedBytes: number;
}

/** What a cache reports to the debug stats. */
export interface CacheStatsSource {
  /** Entries currently held. */
  readonly size: number;
}

/** A resource that a {@link ResourceRegistry} finalised through its safety net instead of `release`. */
export interface LeakReport {
  /** The label given at registration, e.g. `'wasm memory'`. */
  readonly label: string;
  /** Reference count when the handle was collected. */
  readonly refs: number;
  /** Bytes the resource declared, or 0. */
  readonly bytes: number;
  /** The allocation site (a stack trace) when stacks were captured, else undefined. */
  readonly stack: string | undefined;
}

/** The events the core reports. Every method must be cheap and must not retain its arguments strongly. */
export interface LifetimeHook {
  /** Whether resource registries should capture an allocation stack per resource. */
  readonly captureStacks: boolean;
  /** Whether pools created from now on should detach buffers on release by default. */
  readonly detachOnRelease: boolean;
  /** An image object was constructed (owner, view or wrapper of a caller's buffer). */
  imageCreated(image: object): void;
  /** `image` owns `bytes` bytes of `buffer` (it allocated them, or took them from a pool). */
  bufferOwned(image: object, buffer: ArrayBufferLike, bytes: number): void;
  /** `image` was disposed (the first time). */
  imageDisposed(image: object): void;
  poolCreated(pool: PoolStatsSource): void;
  cacheCreated(cache: CacheStatsSource): void;
  resourceCreated(bytes: number): void;
  /** A resource was finalised, by release (`leaked` false) or by the safety net (`leaked` true). */
  resourceFinalized(bytes: number, leaked: boolean): void;
  resourceLeaked(report: LeakReport): void;
}

/** The installed hook, or null. Read it as `hook?.event(…)`; it is a live binding. */
export let hook: LifetimeHook | null = null;

/**
 * Installs `next` (or removes the hook with null) and returns the previous one.
 * @internal Called by `imago/debug`.
 */
export function installHook(next: LifetimeHook | null): LifetimeHook | null {
  const prev = hook;
  hook = next;
  return prev;
}

/**
 * Reports a cache to the debug stats (its `size` is read when stats are taken; the cache is held
 * weakly). Caches call this once when constructed. Costs nothing without `imago/debug`.
 */
export function reportCache(cache: CacheStatsSource): void {
  hook?.cacheCreated(cache);
}
