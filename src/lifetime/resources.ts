import { DisposedError, OptionError, ReleaseError } from '../errors.js';
import { DISPOSE } from './dispose.js';
import { hook, type LeakReport } from './hooks.js';

/**
 * A registry of plugin resources that the garbage collector cannot see or free promptly: WASM
 * memory, native handles, GPU objects (spec/lifetime.md, "Resources").
 *
 * - A resource is held through references ({@link ResourceRef}); {@link ResourceRegistry.register}
 *   returns the first, {@link ResourceRef.acquire} makes more.
 * - The finaliser runs exactly once, synchronously, inside the `release` that drops the count to
 *   zero.
 * - A `FinalizationRegistry` is only a safety net: when a reference is garbage-collected without
 *   being released, the registry reports the leak (with the allocation stack when stacks are
 *   captured), drops that reference, and finalises the resource if it was the last one.
 */

export type { LeakReport } from './hooks.js';

/** Options of a {@link ResourceRegistry}. */
export interface ResourceRegistryOptions {
  /**
   * Called for each leaked reference that the safety net finalised. Default: report to
   * `imago/debug` when installed, else only count it in {@link ResourceRegistry.leaked}.
   */
  onLeak?: (report: LeakReport) => void;
  /**
   * Capture a stack trace at every register/acquire, so leak reports name the allocation site.
   * Costs a stack capture per reference. Default: on when `imago/debug` is installed.
   */
  captureStacks?: boolean;
}

/** Options of one resource. */
export interface ResourceOptions {
  /** A name for leak reports and errors, e.g. `'wasm memory'`. Default `'resource'`. */
  label?: string;
  /** The bytes the resource holds outside the JS heap, for the stats. Default 0. */
  bytes?: number;
}

/**
 * The shared state of one resource. It must not reference any ResourceRef (they would never be
 * collected). @internal
 */
export interface ResourceRecord {
  value: unknown;
  // The finaliser of the registered value's type; the record itself is untyped.
  finalize: ((value: never) => void) | undefined;
  refs: number;
  readonly label: string;
  readonly bytes: number;
  readonly registry: ResourceRegistry;
}

/** What the safety net holds for one reference. */
interface Held {
  readonly record: ResourceRecord;
  readonly stack: string | undefined;
}

/** One counted reference to a resource. Release it once, or dispose it (idempotent). */
export class ResourceRef<T> implements Disposable {
  #record: ResourceRecord | null;

  /** @internal Made by {@link ResourceRegistry.register} and {@link acquire}. */
  constructor(record: ResourceRecord, token: symbol) {
    if (token !== MAKE) throw new TypeError('imago: ResourceRef is made by ResourceRegistry.register');
    this.#record = record;
  }

  /**
   * The resource.
   * @throws DisposedError once this reference was released.
   */
  get value(): T {
    const r = this.#record;
    if (r === null) throw new DisposedError('imago: resource reference was used after release');
    return r.value as T;
  }

  /** Whether this reference was released. */
  get released(): boolean {
    return this.#record === null;
  }

  /** The resource's reference count (0 once finalised). */
  get refs(): number {
    return this.#record?.refs ?? 0;
  }

  /**
   * A new reference to the same resource (count + 1), to hand to another owner.
   * @throws DisposedError when this reference was released.
   */
  acquire(): ResourceRef<T> {
    const r = this.#record;
    if (r === null) throw new DisposedError('imago: acquire on a released resource reference');
    r.refs++;
    return r.registry[TRACK](r);
  }

  /**
   * Drops this reference. At count zero the finaliser runs now, synchronously, exactly once; an
   * error it throws propagates from here (the resource still counts as finalised).
   * @throws ReleaseError when this reference was already released.
   */
  release(): void {
    const r = this.#record;
    if (r === null) throw new ReleaseError('imago: resource reference was released twice');
    this.#record = null;
    r.registry[UNTRACK](this);
    drop(r, false);
  }

  /** Releases this reference if it is not released yet. Idempotent. */
  [DISPOSE](): void {
    if (this.#record !== null) this.release();
  }
}

const MAKE = Symbol('imago.resourceRef');
const TRACK = Symbol('imago.track');
const UNTRACK = Symbol('imago.untrack');

/** Decrements the count; finalises at zero. */
function drop(r: ResourceRecord, leaked: boolean): void {
  r.refs--;
  if (r.refs > 0) return;
  const finalize = r.finalize as ((value: unknown) => void) | undefined;
  const value = r.value;
  r.finalize = undefined;
  r.value = undefined;
  r.registry[COUNT](r, leaked);
  finalize?.(value);
}

const COUNT = Symbol('imago.count');

/** A registry of counted resources with a leak-reporting safety net. */
export class ResourceRegistry {
  readonly captureStacks: boolean;
  readonly #onLeak: ((report: LeakReport) => void) | undefined;
  #live = 0;
  #liveBytes = 0;
  #leaked = 0;
  #net: FinalizationRegistry<Held> | undefined;

  /** @throws OptionError naming a bad option. */
  constructor(options: ResourceRegistryOptions = {}) {
    if (options.onLeak !== undefined && typeof options.onLeak !== 'function') {
      throw new OptionError('imago: ResourceRegistry option onLeak must be a function');
    }
    this.#onLeak = options.onLeak;
    this.captureStacks = options.captureStacks ?? hook?.captureStacks ?? false;
    // Runtimes without FinalizationRegistry still count and finalise; they only lack the net.
    if (typeof FinalizationRegistry === 'function') {
      this.#net = new FinalizationRegistry((held) => this.#leak(held));
    }
  }

  /** Resources registered and not yet finalised. */
  get live(): number {
    return this.#live;
  }

  /** The declared bytes of the live resources. */
  get liveBytes(): number {
    return this.#liveBytes;
  }

  /** References the safety net found collected without release, since the registry was made. */
  get leaked(): number {
    return this.#leaked;
  }

  /**
   * Registers `value` with its finaliser and returns the first reference (count 1). The registry
   * holds `value` and `finalize` until the count reaches zero; hold the reference, not the value.
   * @throws OptionError when `finalize` is not a function or `bytes` is not a non-negative integer.
   */
  register<T>(value: T, finalize: (value: T) => void, options: ResourceOptions = {}): ResourceRef<T> {
    if (typeof finalize !== 'function') throw new OptionError('imago: ResourceRegistry.register needs a finalize function');
    const bytes = options.bytes ?? 0;
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      throw new OptionError(`imago: resource option bytes must be a non-negative integer, got ${String(bytes)}`);
    }
    const record: ResourceRecord = { value, finalize: finalize as (value: never) => void, refs: 1, label: options.label ?? 'resource', bytes, registry: this };
    this.#live++;
    this.#liveBytes += bytes;
    hook?.resourceCreated(bytes);
    return this[TRACK](record);
  }

  /** @internal */
  [TRACK]<T>(record: ResourceRecord): ResourceRef<T> {
    const ref = new ResourceRef<T>(record, MAKE);
    const stack = this.captureStacks ? stackHere() : undefined;
    this.#net?.register(ref, { record: record, stack }, ref);
    return ref;
  }

  /** @internal */
  [UNTRACK](ref: object): void {
    this.#net?.unregister(ref);
  }

  /** @internal */
  [COUNT](record: ResourceRecord, leaked: boolean): void {
    this.#live--;
    this.#liveBytes -= record.bytes;
    hook?.resourceFinalized(record.bytes, leaked);
  }

  #leak(held: Held): void {
    const { record, stack } = held;
    this.#leaked++;
    const report: LeakReport = { label: record.label, refs: record.refs, bytes: record.bytes, stack };
    try {
      drop(record, true);
    } finally {
      if (this.#onLeak) this.#onLeak(report);
      else hook?.resourceLeaked(report);
    }
  }
}

/** The current stack without this frame, or undefined where the runtime gives none. */
function stackHere(): string | undefined {
  const stack = new Error('allocated here').stack;
  if (stack === undefined) return undefined;
  // Drop the "Error: allocated here" line and the frames inside this module.
  const lines = stack.split('\n');
  return lines.slice(3).join('\n') || stack;
}
