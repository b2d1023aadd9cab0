import { DisposedError, OptionError, ReleaseError, SizeError, UnsupportedError } from '../errors.js';
import { allocBytes } from './alloc.js';
import { DISPOSE } from './dispose.js';
import { hook, type PoolStatsSource } from './hooks.js';
import { OWNER_LEASE, type LeaseHolder } from './lease.js';
import { sizeClass } from './size-class.js';

/**
 * BufferPool: reuse of large temporary buffers, made safe (spec/lifetime.md, "Pool").
 *
 * - Size classes (four per power of two, see size-class.ts); a request gets a view of exactly the
 *   bytes it asked for over a class-sized `ArrayBuffer`.
 * - Caps: at most `maxRetainedBytes` in the free lists, and no buffer larger than
 *   `maxBufferBytes` is ever retained (such requests are plain allocations).
 * - Zeroing: every buffer handed out reads as zero from its first byte to the end of its
 *   `ArrayBuffer`. With `zero: 'acquire'` (default) the pool zeroes a reused buffer when handing it
 *   out, so even a stale writer cannot pass data to the next user; with `'release'` it zeroes on
 *   release, so idle buffers hold no user data.
 * - Double release and release of a foreign buffer throw `ReleaseError`.
 * - `detachOnRelease` moves each released buffer to a new `ArrayBuffer` and detaches the old one,
 *   so a stale view reads nothing and every image over it throws `DetachedError`.
 * - The pool never holds a buffer that is handed out: one that is never released is simply
 *   garbage-collected.
 */

/** Options of a {@link BufferPool}. */
export interface BufferPoolOptions {
  /** The most bytes the free lists may hold; 0 disables retention. Default 32 MiB. */
  maxRetainedBytes?: number;
  /**
   * The largest buffer (after rounding to its size class) that is ever retained. Larger requests
   * are allocated normally and dropped on release. Default 16 MiB, which holds a 2560×1600 RGBA
   * image (16,384,000 bytes).
   */
  maxBufferBytes?: number;
  /** When buffers are zeroed: on `'acquire'` (default) or on `'release'`. */
  zero?: 'acquire' | 'release';
  /**
   * Detach each released buffer so stale views fail loudly (a debug aid; cheap, no copy). Default:
   * on when `imago/debug` is installed with `detachOnRelease`, else off.
   */
  detachOnRelease?: boolean;
}

/** Counters of a {@link BufferPool}, cumulative except the first two. */
export interface BufferPoolStats {
  /** Bytes held in the free lists now. */
  retainedBytes: number;
  /** Buffers held in the free lists now. */
  retainedBuffers: number;
  /** Acquisitions served from a free list. */
  hits: number;
  /** Acquisitions that allocated a new class-sized buffer. */
  misses: number;
  /** Acquisitions over `maxBufferBytes`, allocated and never retained. */
  unpooled: number;
  /** Releases. */
  releases: number;
  /** Released buffers dropped because retaining them would break `maxRetainedBytes` (or unpooled). */
  dropped: number;
}

/** The typed-array constructors {@link BufferPool.acquireAs} accepts. */
export type TypedArrayConstructor<T extends ArrayBufferView> = {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

const MiB = 1024 * 1024;

function checkBytesOption(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new OptionError(`imago: BufferPool option ${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

/** Moves ab's contents to a new ArrayBuffer and detaches ab (no copy in V8 or JSC). */
function detach(ab: ArrayBuffer): ArrayBuffer {
  const transfer = (ab as { transfer?: () => ArrayBuffer }).transfer;
  if (typeof transfer === 'function') return transfer.call(ab);
  return structuredClone(ab, { transfer: [ab] });
}

/**
 * A pool of reusable byte buffers for temporaries (decoder coefficient stores, resize
 * intermediates) and for images (see {@link adopt} and {@link tie}). imago's JPEG decoder,
 * `resize` and `thumbnail` take one as the opt-in `pool` option (spec/lifetime.md, "Where the
 * pool is used").
 *
 * Ownership: {@link acquire} hands the caller a buffer it owns until it calls {@link release};
 * after that the caller must not touch it (or any view of it). The pool holds no reference to a
 * buffer that is handed out.
 */
export class BufferPool implements PoolStatsSource, Disposable {
  readonly maxRetainedBytes: number;
  readonly maxBufferBytes: number;
  readonly zero: 'acquire' | 'release';
  readonly detachOnRelease: boolean;
  /** Free buffers by class size, used last-in first-out. */
  #free = new Map<number, ArrayBuffer[]>();
  #retainedBytes = 0;
  #retainedBuffers = 0;
  /** Buffers handed out and not yet released. Weak: a leaked buffer is still collected. */
  #out = new WeakSet<ArrayBuffer>();
  /** Buffers released and not handed out again, to tell a double release from a foreign buffer. */
  #released = new WeakSet<ArrayBuffer>();
  #disposed = false;
  #stats = { hits: 0, misses: 0, unpooled: 0, releases: 0, dropped: 0 };

  /** @throws OptionError naming a bad option. */
  constructor(options: BufferPoolOptions = {}) {
    this.maxRetainedBytes = checkBytesOption('maxRetainedBytes', options.maxRetainedBytes, 32 * MiB);
    this.maxBufferBytes = checkBytesOption('maxBufferBytes', options.maxBufferBytes, 16 * MiB);
    const zero = options.zero ?? 'acquire';
    if (zero !== 'acquire' && zero !== 'release') {
      throw new OptionError(`imago: BufferPool option zero must be 'acquire' or 'release', got ${String(zero)}`);
    }
    this.zero = zero;
    this.detachOnRelease = options.detachOnRelease ?? hook?.detachOnRelease ?? false;
    if (this.detachOnRelease && typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer !== 'function' && typeof structuredClone !== 'function') {
      throw new UnsupportedError('imago: BufferPool detachOnRelease needs ArrayBuffer.prototype.transfer or structuredClone');
    }
    hook?.poolCreated(this);
  }

  /** Bytes held in the free lists now; never more than {@link maxRetainedBytes}. */
  get retainedBytes(): number {
    return this.#retainedBytes;
  }

  /** A snapshot of the counters. */
  stats(): BufferPoolStats {
    return { retainedBytes: this.#retainedBytes, retainedBuffers: this.#retainedBuffers, ...this.#stats };
  }

  /**
   * A zeroed buffer of exactly `byteLength` bytes that the caller owns until {@link release}. It
   * is a view over a class-sized `ArrayBuffer`, zero to its end.
   * @throws SizeError for a negative, fractional or too large length.
   * @throws DisposedError after the pool was disposed.
   */
  acquire(byteLength: number): Uint8Array {
    return new Uint8Array(this.#take(byteLength), 0, byteLength);
  }

  /**
   * Like {@link acquire}, for `length` elements of a typed array type, e.g.
   * `pool.acquireAs(Float32Array, n)`. Release it with {@link release}.
   */
  acquireAs<T extends ArrayBufferView>(ctor: TypedArrayConstructor<T>, length: number): T {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new SizeError(`imago: BufferPool length ${length} is not a non-negative integer`);
    }
    return new ctor(this.#take(length * ctor.BYTES_PER_ELEMENT), 0, length);
  }

  #take(byteLength: number): ArrayBuffer {
    if (this.#disposed) throw new DisposedError('imago: BufferPool was used after [Symbol.dispose]()');
    if (!Number.isSafeInteger(byteLength) || byteLength < 0) {
      throw new SizeError(`imago: BufferPool length ${byteLength} is not a non-negative integer`);
    }
    let ab: ArrayBuffer | undefined;
    const cls = sizeClass(byteLength);
    if (cls > this.maxBufferBytes || this.maxRetainedBytes === 0) {
      ab = allocBytes('BufferPool', byteLength).buffer as ArrayBuffer;
      this.#stats.unpooled++;
    } else {
      ab = this.#free.get(cls)?.pop();
      if (ab !== undefined) {
        this.#retainedBytes -= cls;
        this.#retainedBuffers--;
        this.#released.delete(ab);
        if (this.zero === 'acquire') new Uint8Array(ab).fill(0);
        this.#stats.hits++;
      } else {
        ab = allocBytes('BufferPool', cls).buffer as ArrayBuffer;
        this.#stats.misses++;
      }
    }
    this.#out.add(ab);
    return ab;
  }

  /**
   * Gives back a buffer from {@link acquire}/{@link acquireAs} (any view over the same
   * `ArrayBuffer`). The caller must not use it, or any view of it, afterwards. Buffers over
   * `maxBufferBytes`, and any that would push the pool over `maxRetainedBytes`, are dropped.
   * @throws ReleaseError on a second release, or for a buffer this pool did not hand out.
   */
  release(buf: ArrayBufferView): void {
    let ab = buf?.buffer as ArrayBuffer | undefined;
    if (ab === undefined || !this.#out.has(ab)) {
      if (ab !== undefined && (this.#released.has(ab) || ab.byteLength === 0)) {
        throw new ReleaseError('imago: BufferPool buffer was released twice');
      }
      throw new ReleaseError('imago: BufferPool release of a buffer this pool did not hand out');
    }
    this.#out.delete(ab);
    this.#released.add(ab);
    this.#stats.releases++;
    const cls = ab.byteLength;
    const poolable = !this.#disposed && cls <= this.maxBufferBytes && sizeClass(cls) === cls;
    if (!poolable || this.#retainedBytes + cls > this.maxRetainedBytes) {
      this.#stats.dropped++;
      return;
    }
    if (this.detachOnRelease) {
      ab = detach(ab);
      this.#released.add(ab);
    }
    if (this.zero === 'release') new Uint8Array(ab).fill(0);
    let list = this.#free.get(cls);
    if (list === undefined) this.#free.set(cls, (list = []));
    list.push(ab);
    this.#retainedBytes += cls;
    this.#retainedBuffers++;
  }

  /**
   * Acquires `byteLength` bytes, builds an image over them with `make`, and ties the buffer to
   * the image: disposing the image returns the buffer to this pool (and ends its views). An image
   * that is dropped without disposal is collected with its buffer, as usual. `make` must return a
   * new owning image that wraps the buffer it is given, e.g.
   * `pool.adopt(w * h * 4, (b) => new RGBAImage(rect(0, 0, w, h), b))`.
   * @throws TypeError when `make` returns something that is not a new owning image (the buffer
   * is released first). Errors from `make` are rethrown after releasing the buffer.
   */
  adopt<T extends object>(byteLength: number, make: (buf: Uint8Array) => T): T {
    const buf = this.acquire(byteLength);
    let img: T;
    try {
      img = make(buf);
    } catch (e) {
      this.release(buf);
      throw e;
    }
    try {
      return this.tie(buf, img);
    } catch (e) {
      this.release(buf);
      throw e;
    }
  }

  /**
   * Ties a buffer the caller acquired from this pool (with {@link acquire}) to an image that wraps
   * it (all its planes inside that one buffer): from now on the image owns the buffer, and
   * disposing the image returns it to this pool, once. This is {@link adopt} for code that must
   * acquire the buffer before it can build the image (a decoder fills its planes first). The
   * caller gives up the buffer: it must not release it afterwards. Returns `img`.
   * @throws TypeError when `img` is not a new owning image (a view, disposed, or already tied);
   * the buffer then stays the caller's, to release.
   * @throws ReleaseError when `buf` is not a buffer this pool handed out and that is still out.
   */
  tie<T extends object>(buf: ArrayBufferView, img: T): T {
    const ab = buf?.buffer as ArrayBuffer | undefined;
    if (ab === undefined || !this.#out.has(ab)) {
      throw new ReleaseError('imago: BufferPool.tie: the buffer was not handed out by this pool, or was already released');
    }
    const lease = typeof (img as Partial<LeaseHolder>)?.[OWNER_LEASE] === 'function' ? (img as LeaseHolder)[OWNER_LEASE]() : undefined;
    if (lease === undefined || lease.onRelease !== null) {
      throw new TypeError('imago: BufferPool.adopt/tie: the image must be a new owning image (not a view, not disposed, not adopted or tied already)');
    }
    lease.onRelease = () => this.release(buf);
    hook?.bufferOwned(img, ab, ab.byteLength);
    return img;
  }

  /**
   * Drops free buffers, largest first, until at most `maxBytes` are retained. Returns the bytes
   * dropped. Call it when memory is tight or after a burst of work.
   * @throws OptionError for a negative or fractional `maxBytes`.
   */
  trim(maxBytes = 0): number {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new OptionError(`imago: BufferPool.trim maxBytes must be a non-negative integer, got ${String(maxBytes)}`);
    }
    const before = this.#retainedBytes;
    const classes = [...this.#free.keys()].sort((a, b) => b - a);
    for (const cls of classes) {
      const list = this.#free.get(cls)!;
      while (list.length > 0 && this.#retainedBytes > maxBytes) {
        list.pop();
        this.#retainedBytes -= cls;
        this.#retainedBuffers--;
      }
      if (list.length === 0) this.#free.delete(cls);
    }
    return before - this.#retainedBytes;
  }

  /**
   * Whether the free lists hold `ab`. For tests that account for every surviving buffer.
   * @internal
   */
  retains(ab: ArrayBufferLike): boolean {
    const list = this.#free.get(ab.byteLength);
    return list !== undefined && list.includes(ab as ArrayBuffer);
  }

  /**
   * Drops every free buffer and ends the pool: {@link acquire} then throws `DisposedError`.
   * Buffers still handed out may be released; they are dropped. Idempotent.
   */
  [DISPOSE](): void {
    this.#disposed = true;
    this.trim(0);
  }
}
