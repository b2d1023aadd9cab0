import type { LRUCache } from 'lru-cache';
import type { Palette } from '../color/palette.js';
import { OptionError } from '../errors.js';
import { NearestTable } from './nearest-table.js';
import { paletteKey } from './palette-key.js';
import { reportCache } from '../lifetime/hooks.js';

/** Why the strong tier let go of a table: pushed out by the budget, removed, or replaced. */
export type PaletteCacheEvictReason = 'evict' | 'delete' | 'set';

/** Settings of a {@link PaletteCache}. Omitted fields keep their current value (or the default). */
export interface PaletteCacheOptions {
  /**
   * The byte budget of the strong LRU tier: the most recently used tables whose sizes add up to
   * at most this many bytes stay alive even when no palette refers to them. A positive integer;
   * default 16 MiB (about 40 tables of a 256-colour palette used on photographs).
   */
  maxBytes?: number;
  /** `false` turns the cache off: every lookup misses and draws scan palettes linearly. Default `true`. */
  enabled?: boolean;
  /** Called when the LRU tier lets go of a table (it may live on while a palette uses it). */
  onEvict?: ((table: NearestTable, key: string, reason: PaletteCacheEvictReason) => void) | null;
}

/** Counters of a {@link PaletteCache}. */
export interface PaletteCacheStats {
  /** Lookups answered by an existing table. */
  hits: number;
  /** Lookups that had to make a new table. */
  misses: number;
  /** Tables that the LRU tier dropped to stay within its budget. */
  evictions: number;
  /** Keys whose table is still alive (held by the LRU tier, by a live palette, or not yet collected). */
  liveEntries: number;
  /** Keys in the key map, live or awaiting their finaliser. */
  keys: number;
  /** Tables held strongly by the LRU tier. */
  lruEntries: number;
  /** Bytes counted against `maxBytes` by the LRU tier. */
  lruBytes: number;
  /** The budget in force. */
  maxBytes: number;
  /** Whether the cache is on. */
  enabled: boolean;
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * lru-cache, loaded on the first table any cache makes, with a dynamic `import()`: a cold import
 * of imago does not pay for it (resolving and loading the package was about a fifth of the
 * core's cold import; spec/runtimes.md). `undefined` until loaded; `null` if it failed to load,
 * in which case caches work without the strong tier.
 */
let LRU: typeof LRUCache | null | undefined;
let loadingLRU: Promise<void> | undefined;
function loadLRU(): Promise<void> {
  loadingLRU ??= import('lru-cache').then(
    (m) => {
      LRU = m.LRUCache;
    },
    () => {
      LRU = null;
    },
  );
  return loadingLRU;
}

function checkOptions(o: PaletteCacheOptions): void {
  if (typeof o !== 'object' || o === null) throw new OptionError(`imago: palette cache options must be an object, got ${String(o)}`);
  if (o.maxBytes !== undefined && (!Number.isSafeInteger(o.maxBytes) || o.maxBytes <= 0)) {
    throw new OptionError(`imago: palette cache option maxBytes must be a positive integer, got ${String(o.maxBytes)}`);
  }
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean') {
    throw new OptionError(`imago: palette cache option enabled must be a boolean, got ${String(o.enabled)}`);
  }
  if (o.onEvict !== undefined && o.onEvict !== null && typeof o.onEvict !== 'function') {
    throw new OptionError(`imago: palette cache option onEvict must be a function, got ${typeof o.onEvict}`);
  }
}

/**
 * Caches {@link NearestTable}s, the structures that make "nearest palette entry" cheap, without
 * keeping palettes or images alive (spec/palette-cache.md).
 *
 * - Keyed by {@link paletteKey}: palettes with equal colours share one table.
 * - The key map holds tables by `WeakRef`; a `FinalizationRegistry` deletes a key once its table
 *   is collected, so the map shrinks back as tables die.
 * - A table stays alive while (a) a live `Palette` that used it refers to it (a `WeakMap` from
 *   palette to table, which dies with the palette), or (b) it is among the recently used tables
 *   that fit in `maxBytes` (an `lru-cache` tier).
 * - It stores only numbers derived from palettes: never a `Palette`, a colour or an image.
 */
export class PaletteCache {
  #byPalette = new WeakMap<Palette, NearestTable>();
  readonly #keys = new Map<string, WeakRef<NearestTable>>();
  readonly #registry = new FinalizationRegistry<string>((key) => {
    const ref = this.#keys.get(key);
    if (ref !== undefined && ref.deref() === undefined) this.#keys.delete(key);
  });
  /** The strong tier; `null` until lru-cache has loaded (see {@link PaletteCache.ready}). */
  #lru: LRUCache<string, NearestTable> | null = null;
  /** Tables used before the strong tier existed, held strongly, oldest first, until it does. */
  #pending = new Set<NearestTable>();
  #enabled = true;
  #maxBytes = DEFAULT_MAX_BYTES;
  #onEvict: PaletteCacheOptions['onEvict'] = null;
  #remeasuring = false;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  /** @throws OptionError naming a bad option. */
  constructor(options: PaletteCacheOptions = {}) {
    checkOptions(options);
    if (LRU) this.#lru = this.#newLRU(LRU, options.maxBytes ?? DEFAULT_MAX_BYTES);
    this.configure(options);
    reportCache(this); // to imago/debug's cacheEntries; a null test without it
  }

  /** Tables the cache can find by key now (alive, whether held by a palette or by the LRU tier). */
  get size(): number {
    return this.#keys.size;
  }

  /**
   * Changes settings; omitted fields are kept. A smaller budget evicts the least recently used
   * tables at once. Turning the cache off also {@link clear}s it.
   * @throws OptionError naming a bad option.
   */
  configure(options: PaletteCacheOptions): void {
    checkOptions(options);
    if (options.onEvict !== undefined) this.#onEvict = options.onEvict;
    if (options.maxBytes !== undefined && options.maxBytes !== this.#maxBytes) {
      this.#maxBytes = options.maxBytes;
      const old = this.#lru;
      if (old === null || !LRU) return this.#configureRest(options);
      this.#lru = this.#newLRU(LRU, options.maxBytes);
      // Oldest first, so the most recently used stay when the new budget is smaller.
      for (const entry of old.rentries()) {
        const [key, table] = entry as [string, NearestTable];
        this.#lru.set(key, table, { size: table.byteSize });
      }
    }
    this.#configureRest(options);
  }

  #configureRest(options: PaletteCacheOptions): void {
    if (options.enabled !== undefined) {
      this.#enabled = options.enabled;
      if (!options.enabled) this.clear();
    }
  }

  /** Whether lookups use tables (see {@link PaletteCacheOptions.enabled}). */
  get enabled(): boolean {
    return this.#enabled;
  }

  /**
   * The nearest-entry table for `palette`, made on a miss; `null` when the cache is off, in which
   * case the caller scans the palette itself. The table is shared: it is only valid for palettes
   * with the same colours, and the caller must not keep it beyond its use of `palette`.
   */
  table(palette: Palette): NearestTable | null {
    if (!this.#enabled) return null;
    let t = this.#byPalette.get(palette);
    if (t !== undefined) {
      this.#hits++;
      this.#touch(t);
      return t;
    }
    const key = paletteKey(palette);
    t = this.#keys.get(key)?.deref();
    if (t !== undefined) {
      this.#hits++;
    } else {
      this.#misses++;
      t = new NearestTable(key, palette.rgba16());
      this.#keys.set(key, new WeakRef(t));
      this.#registry.register(t, key);
      const table = t;
      t.onGrow = (bytes) => {
        if (this.#lru === null || this.#lru.peek(key) !== table) return;
        // lru-cache keeps the old size when a key is set to the same value, so take the entry
        // out (quietly: this is not an eviction) and put it back with its new size.
        this.#remeasuring = true;
        try {
          this.#lru.delete(key);
        } finally {
          this.#remeasuring = false;
        }
        this.#lru.set(key, table, { size: bytes });
      };
    }
    this.#byPalette.set(palette, t);
    this.#touch(t);
    return t;
  }

  /** The counters (a snapshot). */
  stats(): PaletteCacheStats {
    let live = 0;
    for (const ref of this.#keys.values()) if (ref.deref() !== undefined) live++;
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      liveEntries: live,
      keys: this.#keys.size,
      lruEntries: this.#lru?.size ?? 0,
      lruBytes: this.#lru?.calculatedSize ?? 0,
      maxBytes: this.#maxBytes,
      enabled: this.#enabled,
    };
  }

  /** Sets hits, misses and evictions back to zero. */
  resetStats(): void {
    this.#hits = this.#misses = this.#evictions = 0;
  }

  /**
   * Empties the strong LRU tier only. Tables still used by live palettes stay; the others are
   * collected at the next garbage collection, and their keys then leave the key map.
   */
  evictAll(): void {
    this.#lru?.clear();
    this.#pending.clear();
  }

  /**
   * Resolves once the strong LRU tier exists (it loads lru-cache on first use; until then the
   * tables used are held strongly, in order, and join the tier, within the budget, when it comes).
   * Never rejects: if lru-cache cannot be loaded, the cache works without the strong tier.
   */
  async ready(): Promise<void> {
    if (this.#lru === null) await this.#attach();
  }

  async #attach(): Promise<void> {
    await loadLRU();
    if (this.#lru !== null || !LRU) return;
    this.#lru = this.#newLRU(LRU, this.#maxBytes);
    const pending = this.#pending;
    this.#pending = new Set();
    for (const t of pending) this.#lru.set(t.key, t, { size: t.byteSize });
  }

  /** Forgets every table: the LRU tier, the key map and the palette links. */
  clear(): void {
    this.#lru?.clear();
    this.#pending.clear();
    this.#keys.clear();
    this.#byPalette = new WeakMap();
  }

  #touch(t: NearestTable): void {
    if (this.#lru !== null) {
      if (this.#lru.get(t.key) !== t) this.#lru.set(t.key, t, { size: t.byteSize });
    } else if (LRU !== null) {
      // Most recent last, as the tier will take them.
      if (this.#pending.size === 0) void this.#attach();
      this.#pending.delete(t);
      this.#pending.add(t);
    }
  }

  #newLRU(Cache: typeof LRUCache, maxBytes: number): LRUCache<string, NearestTable> {
    this.#maxBytes = maxBytes;
    return new Cache<string, NearestTable>({
      maxSize: maxBytes,
      dispose: (table, key, reason) => {
        if (this.#remeasuring) return;
        if (reason === 'evict') this.#evictions++;
        if (reason === 'evict' || reason === 'delete' || reason === 'set') this.#onEvict?.(table, key, reason);
      },
    });
  }
}

/** The cache that imago's drawing functions use. Configure it with {@link configurePaletteCache}. */
export const paletteCache: PaletteCache = new PaletteCache();

/**
 * Changes the settings of the shared {@link paletteCache} (budget, on/off, eviction callback).
 * @throws OptionError naming a bad option.
 */
export function configurePaletteCache(options: PaletteCacheOptions): void {
  paletteCache.configure(options);
}

/** The counters of the shared {@link paletteCache}. */
export function paletteCacheStats(): PaletteCacheStats {
  return paletteCache.stats();
}
