import type { Color, Model } from '../color/color.js';
import { RGBA64 } from '../color/rgba.js';
import { ZR, type Rectangle } from '../geom/rectangle.js';
import { allocBytes, checkPixBuffer, checkStride, minBufferLength, pixelBufferLength } from '../lifetime/alloc.js';
import { DISPOSE } from '../lifetime/dispose.js';
import { hook } from '../lifetime/hooks.js';
import { BOUNDS, DISPOSED_LEASE, Lease, NO_PIXELS, OWNER_LEASE, SAMPLES, checkAttached, unusable } from '../lifetime/lease.js';
import type { Layout, RGBA64Writable } from './image.js';

/**
 * The shared shape of every image stored as one interleaved byte buffer: `pix`, `stride`, `rect`.
 *
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * bytesPerPixel]`.
 * Rows are `stride` bytes apart, and stride may exceed `rect.dx() * bytesPerPixel`: sub-images and
 * caller-given buffers are normal. 16-bit samples are big-endian, as in Go.
 *
 * Ownership (spec/lifetime.md):
 * - `new X(rect)` allocates and owns a zeroed buffer.
 * - `new X(rect, pix, stride)` wraps the caller's buffer without copying; the image shares it and
 *   the caller keeps ownership (disposing the image never frees or zeroes it).
 * - {@link subImage} returns a view that shares `pix` with this image and keeps its whole
 *   `ArrayBuffer` alive.
 * - {@link clone} returns an owned, tight copy that keeps nothing of this image alive.
 *
 * Lifetime: `[Symbol.dispose]()` is idempotent. After it, `pix`, `rect`, `bounds()` and every
 * pixel method throw `DisposedError`; disposing an owner also ends its views, and returns a pooled
 * buffer to its pool. When the `ArrayBuffer` under `pix` is detached (transferred), `pix` and
 * every pixel method throw `DetachedError`. Only the layout facts `kind`, `stride`,
 * `bytesPerPixel` and `colorModel()` stay readable.
 */
export abstract class BufferImage implements RGBA64Writable, Disposable {
  /** The pixel layout, for fast-path dispatch. */
  abstract readonly kind: Layout;
  /** Bytes per pixel. */
  readonly bytesPerPixel: number;
  /** Bytes between the starts of vertically adjacent pixels. */
  readonly stride: number;
  #pix: Uint8Array;
  /** `#pix.length` when the image was made; a different length means a detached buffer. */
  #pixLength: number;
  #rect: Rectangle;
  /** Shared with views; DISPOSED_LEASE once this image is disposed. */
  #lease: Lease;
  /** Whether this image made its lease (the owner) rather than sharing another's (a view). */
  #owner = true;
  /** @internal Mirrors for structural equality only (see SAMPLES in lifetime/lease.ts). */
  [SAMPLES]: Uint8Array;
  /** @internal */
  [BOUNDS]: Rectangle;

  /**
   * @param what the type name, for error messages.
   * @throws SizeError for a bad rectangle or stride, or a `pix` too short for `rect` and `stride`.
   * @throws OptionError when `pix` is not a Uint8Array.
   * @throws LimitError when the pixel count exceeds the allocation limit.
   */
  protected constructor(what: string, bytesPerPixel: number, rect: Rectangle, pix?: Uint8Array, stride?: number) {
    this.bytesPerPixel = bytesPerPixel;
    this.#rect = rect;
    pixelBufferLength(what, rect, bytesPerPixel); // validates the size and the pixel limit
    const rowBytes = rect.dx() * bytesPerPixel;
    this.stride = stride ?? rowBytes;
    const allocated = pix === undefined;
    if (pix === undefined) {
      // A caller-chosen stride without a buffer gets a padded buffer of its own.
      checkStride(what, this.stride, rect, bytesPerPixel);
      const length = stride === undefined ? rowBytes * rect.dy() : minBufferLength(rect.dy(), this.stride, rowBytes);
      pix = allocBytes(what, length);
    }
    if (!allocated) checkAttached(what, 'pix', pix, minBufferLength(rect.dy(), this.stride, rowBytes));
    checkPixBuffer(what, pix, rect, this.stride, bytesPerPixel);
    this.#pix = pix;
    this.#pixLength = pix.length;
    this.#lease = new Lease();
    this[SAMPLES] = pix;
    this[BOUNDS] = rect;
    if (hook !== null) {
      hook.imageCreated(this);
      if (allocated) hook.bufferOwned(this, pix.buffer, pix.byteLength);
    }
  }

  /**
   * The pixel bytes. May be a view into a larger buffer (see the class notes).
   * @throws DisposedError after disposal; DetachedError when the buffer was detached.
   */
  get pix(): Uint8Array {
    const p = this.#pix;
    if (this.#lease.dead || p.length !== this.#pixLength) throw this.#unusable();
    return p;
  }

  /**
   * The image bounds.
   * @throws DisposedError after disposal.
   */
  get rect(): Rectangle {
    if (this.#lease.dead) throw this.#unusable();
    return this.#rect;
  }

  /** Whether this image, or the owner it is a view of, was disposed. */
  get disposed(): boolean {
    return this.#lease.dead;
  }

  /**
   * Ends this image. Idempotent. Disposing the owner (the image a constructor made) also ends
   * every `subImage` view of it and, when its buffer came from a pool, returns the buffer to the
   * pool. Disposing a view ends only the view. Neither zeroes nor frees a caller's buffer: it
   * drops this image's reference to it.
   */
  [DISPOSE](): void {
    const lease = this.#lease;
    if (lease === DISPOSED_LEASE) return;
    this.#lease = DISPOSED_LEASE;
    this.#pix = NO_PIXELS;
    this[SAMPLES] = NO_PIXELS;
    if (this.#owner && !lease.dead) {
      lease.dead = true;
      const release = lease.onRelease;
      lease.onRelease = null;
      release?.();
    }
    hook?.imageDisposed(this);
  }

  #unusable(): Error {
    return unusable(this.constructor.name, this.#lease, 'pix', this.#pixLength, this.#pix.length);
  }

  /** @internal The lease of a live owner (undefined for views), so a pool can attach a release. */
  [OWNER_LEASE](): Lease | undefined {
    return this.#owner && !this.#lease.dead ? this.#lease : undefined;
  }

  /** Makes an image of the same type and settings over the given buffer. */
  protected abstract derive(rect: Rectangle, pix: Uint8Array, stride: number): this;

  abstract colorModel(): Model;
  abstract at(x: number, y: number): Color;
  abstract set(x: number, y: number, c: Color): void;
  abstract loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void;
  abstract storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void;
  /** Whether every pixel is fully opaque. */
  abstract opaque(): boolean;

  /** The image bounds. @throws DisposedError after disposal. */
  bounds(): Rectangle {
    return this.rect;
  }

  /** The index of the first byte of pixel (x, y) in `pix`. Arithmetic only; valid after disposal. */
  pixOffset(x: number, y: number): number {
    const m = this.#rect.min;
    return (y - m.y) * this.stride + (x - m.x) * this.bytesPerPixel;
  }

  /**
   * Whether (x, y) is inside the bounds.
   * @throws DisposedError after disposal, so that reads outside the bounds (which return the zero
   * colour without touching `pix`) cannot succeed silently on a disposed image.
   */
  protected inBounds(x: number, y: number): boolean {
    const r = this.rect;
    return r.min.x <= x && x < r.max.x && r.min.y <= y && y < r.max.y;
  }

  rgba64At(x: number, y: number): RGBA64 {
    const o = [0, 0, 0, 0];
    this.loadRGBA64(x, y, o);
    return new RGBA64(o[0], o[1], o[2], o[3]);
  }

  setRGBA64(x: number, y: number, c: RGBA64): void {
    this.storeRGBA64(x, y, c.r, c.g, c.b, c.a);
  }

  /**
   * The part of the image inside r, as a **view**: it shares `pix` with this image (writes show in
   * both) and keeps this image's whole `ArrayBuffer` alive. Use {@link clone} on the result to
   * detach it. An r that does not overlap the bounds gives an empty image with no pixels.
   */
  subImage(r: Rectangle): this {
    r = r.intersect(this.rect);
    if (r.empty()) return this.derive(ZR, new Uint8Array(0), 0);
    const i = this.pixOffset(r.min.x, r.min.y);
    const len = minBufferLength(r.dy(), this.stride, r.dx() * this.bytesPerPixel);
    const view = this.derive(r, this.pix.subarray(i, i + len), this.stride);
    view.#lease = this.#lease;
    view.#owner = false;
    return view;
  }

  /**
   * An **owned** copy: same type, same bounds, a tight new buffer (stride = width × bytes per
   * pixel). It keeps nothing of this image, or of the buffer this image views, alive, and it
   * outlives this image's disposal.
   */
  clone(): this {
    const r = this.rect;
    const rowBytes = r.dx() * this.bytesPerPixel;
    const h = r.dy();
    const out = allocBytes(this.constructor.name, rowBytes * h);
    const pix = this.pix;
    if (this.stride === rowBytes) {
      out.set(pix.subarray(0, rowBytes * h));
    } else {
      for (let y = 0, s = 0, d = 0; y < h; y++, s += this.stride, d += rowBytes) {
        out.set(pix.subarray(s, s + rowBytes), d);
      }
    }
    const copy = this.derive(r, out, rowBytes);
    hook?.bufferOwned(copy, out.buffer, out.byteLength);
    return copy;
  }

  /**
   * This image when it already owns exactly its pixels (a tight buffer that spans its whole
   * `ArrayBuffer`), otherwise {@link clone}. Either way the result holds no other image's buffer.
   * When it returns `this`, disposing either name disposes both.
   */
  compact(): this {
    const rowBytes = this.rect.dx() * this.bytesPerPixel;
    const pix = this.pix;
    const tight =
      this.stride === rowBytes &&
      pix.byteOffset === 0 &&
      pix.length === rowBytes * this.rect.dy() &&
      pix.buffer.byteLength === pix.length;
    return tight ? this : this.clone();
  }

  /** Whether every byte at offsets `first`, `first + step`, … of every row equals 0xff. */
  protected allRowsFF(first: number, step: number, count: number): boolean {
    const r = this.rect;
    if (r.empty()) return true;
    const pix = this.pix;
    const rowBytes = r.dx() * this.bytesPerPixel;
    for (let y = r.min.y, row = 0; y < r.max.y; y++, row += this.stride) {
      for (let i = row + first; i < row + rowBytes; i += step) {
        for (let k = 0; k < count; k++) if (pix[i + k] !== 0xff) return false;
      }
    }
    return true;
  }
}
