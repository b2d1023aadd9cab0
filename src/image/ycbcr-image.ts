import type { Color, Model } from '../color/color.js';
import { YCbCrModel } from '../color/models.js';
import { RGBA64 } from '../color/rgba.js';
import { YCbCr, yCbCrToRGB16 } from '../color/ycbcr.js';
import { ZR, type Rectangle } from '../geom/rectangle.js';
import { OptionError, SizeError } from '../errors.js';
import { allocBytes, checkRect, minBufferLength } from '../lifetime/alloc.js';
import { DISPOSE } from '../lifetime/dispose.js';
import { hook } from '../lifetime/hooks.js';
import { BOUNDS, DISPOSED_LEASE, Lease, NO_PIXELS, OWNER_LEASE, SAMPLES, checkAttached, unusable } from '../lifetime/lease.js';
import type { RGBA64Readable } from './image.js';

/**
 * Chroma subsampling: J:a:b notation without colons. '420' halves chroma in both directions (the
 * common JPEG layout), '422' horizontally only, '440' vertically only, '411' quarters it
 * horizontally, '410' quarters it horizontally and halves it vertically.
 */
export type SubsampleRatio = '444' | '422' | '420' | '440' | '411' | '410';

const RATIOS: readonly SubsampleRatio[] = ['444', '422', '420', '440', '411', '410'];

/** Horizontal and vertical chroma divisors of each ratio. */
const DIVISORS: Record<SubsampleRatio, readonly [number, number]> = {
  '444': [1, 1],
  '422': [2, 1],
  '420': [2, 2],
  '440': [1, 2],
  '411': [4, 1],
  '410': [4, 2],
};

/** Integer division truncated toward zero, as Go's `/` on ints. */
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

/**
 * The number of chroma samples along one axis for luma coordinates [lo, hi) and subsampling
 * factor h. A luma coordinate v maps to chroma column trunc(v / h) (Go's integer division), so a
 * non-empty range addresses trunc((hi - 1) / h) - trunc(lo / h) + 1 samples.
 *
 * That equals Go's `yCbCrSize`, (hi + h - 1) / h - lo / h, everywhere except when hi lies in
 * (1 - h, 0]: there truncation toward zero makes Go's count one short, and Go's `At` panics on
 * the last column or row (for example `NewYCbCr(Rect(-2, 0, 0, 2), YCbCrSubsampleRatio420)`).
 * imago allocates the missing sample instead. An empty range keeps Go's count, so empty images
 * have Go's plane sizes too.
 */
function chromaSpan(lo: number, hi: number, h: number): number {
  if (h === 1) return hi - lo;
  if (hi <= lo) return div(hi + h - 1, h) - div(lo, h);
  return div(hi - 1, h) - div(lo, h) + 1;
}

/**
 * The chroma plane size [cw, ch] for luma rectangle r: how many chroma samples the columns and
 * rows of r address (see {@link chromaSpan}; Go's `yCbCrSize` but for its off-by-one on
 * rectangles that end in (1 - h, 0]).
 */
export function chromaSize(r: Rectangle, ratio: SubsampleRatio): [cw: number, ch: number] {
  const [hx, hy] = DIVISORS[ratio];
  return [chromaSpan(r.min.x, r.max.x, hx), chromaSpan(r.min.y, r.max.y, hy)];
}

/** The planes of a {@link YCbCrImage}, for wrapping caller-owned buffers (shared, not copied). */
export interface YCbCrPlanes {
  y: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
  yStride: number;
  cStride: number;
}

function checkPlane(what: string, name: string, p: Uint8Array, rows: number, stride: number, width: number): void {
  if (!(p instanceof Uint8Array)) throw new OptionError(`imago: ${what} plane ${name} must be a Uint8Array`);
  if (!Number.isSafeInteger(stride) || stride < 0 || (rows > 1 && stride < width)) {
    throw new SizeError(`imago: ${what} ${name} stride ${stride} is invalid for a plane ${width} samples wide`);
  }
  const need = minBufferLength(rows, stride, width);
  if (p.length < need) {
    throw new SizeError(`imago: ${what} plane ${name} has ${p.length} bytes, but ${rows} rows of ${width} with stride ${stride} need ${need}`);
  }
}

/**
 * A planar Y'CbCr image (JFIF full range), as JPEG decodes to. Always opaque.
 *
 * Luma (x, y) is `y[(y - rect.min.y) * yStride + (x - rect.min.x)]`. The chroma sample for (x, y)
 * is at {@link cOffset}, which divides coordinates by the subsampling factors (truncating).
 *
 * A new image allocates one buffer and views its three planes from it, as Go's `NewYCbCr` does.
 * {@link subImage} shares planes; {@link clone} owns a new buffer. Go's YCbCr has no `Set`, and
 * neither does this: convert to RGBA to draw on it.
 *
 * Lifetime is as for `BufferImage` (spec/lifetime.md): `[Symbol.dispose]()` is idempotent and ends
 * the image (and, for an owner, its views); afterwards the planes, `rect` and every pixel method
 * throw `DisposedError`. A detached plane buffer makes them throw `DetachedError`.
 */
export class YCbCrImage implements RGBA64Readable, Disposable {
  readonly kind: 'ycbcr' | 'nycbcra' = 'ycbcr';
  readonly yStride: number;
  readonly cStride: number;
  readonly subsampleRatio: SubsampleRatio;
  #y: Uint8Array;
  #cb: Uint8Array;
  #cr: Uint8Array;
  /** The plane lengths when made: y, cb (= cr). A different length means a detached buffer. */
  #yLength: number;
  #cLength: number;
  #rect: Rectangle;
  #lease: Lease = new Lease();
  #owner = true;
  /** @internal Mirrors for structural equality only (see SAMPLES in lifetime/lease.ts). */
  [SAMPLES]: Uint8Array[];
  /** @internal */
  [BOUNDS]: Rectangle;

  /**
   * @param planes the caller's planes, wrapped without copying (shared; the caller keeps
   * ownership); omitted, one owned, zeroed buffer is allocated for all planes.
   * @throws SizeError for a bad rectangle or stride, or planes too short for rect and strides.
   * @throws OptionError for an unknown ratio, or a plane that is not a Uint8Array.
   * @throws LimitError over the pixel limit.
   */
  constructor(rect: Rectangle, ratio: SubsampleRatio, planes?: YCbCrPlanes) {
    const what = new.target?.name ?? 'YCbCrImage';
    if (!RATIOS.includes(ratio)) throw new OptionError(`imago: ${what} subsample ratio ${String(ratio)} is not one of ${RATIOS.join(', ')}`);
    const w = rect.dx();
    const h = rect.dy();
    checkRect(what, rect);
    const [cw, ch] = chromaSize(rect, ratio);
    this.#rect = rect;
    this.subsampleRatio = ratio;
    const allocated = planes === undefined;
    if (planes === undefined) {
      const extra = (new.target as typeof YCbCrImage).alphaPlanes * w * h;
      const buf = allocBytes(what, w * h + 2 * cw * ch + extra);
      const i0 = w * h;
      const i1 = i0 + cw * ch;
      const i2 = i1 + cw * ch;
      planes = { y: buf.subarray(0, i0), cb: buf.subarray(i0, i1), cr: buf.subarray(i1, i2), yStride: w, cStride: cw };
      this.spare = buf.subarray(i2);
    } else {
      checkAttached(what, 'plane y', planes.y, minBufferLength(h, planes.yStride, w));
      checkAttached(what, 'plane cb', planes.cb, minBufferLength(ch, planes.cStride, cw));
      checkAttached(what, 'plane cr', planes.cr, minBufferLength(ch, planes.cStride, cw));
      checkPlane(what, 'y', planes.y, h, planes.yStride, w);
      checkPlane(what, 'cb', planes.cb, ch, planes.cStride, cw);
      checkPlane(what, 'cr', planes.cr, ch, planes.cStride, cw);
    }
    this.#y = planes.y;
    this.#cb = planes.cb;
    this.#cr = planes.cr;
    this.#yLength = planes.y.length;
    this.#cLength = planes.cb.length;
    this.yStride = planes.yStride;
    this.cStride = planes.cStride;
    if (planes.cr.length !== this.#cLength) {
      throw new SizeError(`imago: ${what} planes cb and cr must have the same length, got ${planes.cb.length} and ${planes.cr.length}`);
    }
    this[SAMPLES] = [planes.y, planes.cb, planes.cr];
    this[BOUNDS] = rect;
    if (hook !== null) {
      hook.imageCreated(this);
      if (allocated) hook.bufferOwned(this, planes.y.buffer, planes.y.buffer.byteLength);
    }
  }

  /** The luma plane. @throws DisposedError after disposal; DetachedError when detached. */
  get y(): Uint8Array {
    const p = this.#y;
    if (this.#lease.dead || p.length !== this.#yLength) throw this.unusable('y', this.#yLength, p.length);
    return p;
  }

  /** The Cb plane. @throws DisposedError after disposal; DetachedError when detached. */
  get cb(): Uint8Array {
    const p = this.#cb;
    if (this.#lease.dead || p.length !== this.#cLength) throw this.unusable('cb', this.#cLength, p.length);
    return p;
  }

  /** The Cr plane. @throws DisposedError after disposal; DetachedError when detached. */
  get cr(): Uint8Array {
    const p = this.#cr;
    if (this.#lease.dead || p.length !== this.#cLength) throw this.unusable('cr', this.#cLength, p.length);
    return p;
  }

  /** The image bounds. @throws DisposedError after disposal. */
  get rect(): Rectangle {
    if (this.#lease.dead) throw this.unusable('rect', 0, 0);
    return this.#rect;
  }

  /** Whether this image, or the owner it is a view of, was disposed. */
  get disposed(): boolean {
    return this.#lease.dead;
  }

  /**
   * Ends this image. Idempotent. Disposing the owner also ends its `subImage` views and returns a
   * pooled buffer to its pool; disposing a view ends only the view. Caller-given planes are never
   * zeroed or freed, only dropped.
   */
  [DISPOSE](): void {
    const lease = this.#lease;
    if (lease === DISPOSED_LEASE) return;
    this.#lease = DISPOSED_LEASE;
    this.#y = this.#cb = this.#cr = NO_PIXELS;
    this[SAMPLES] = [];
    this.dropPlanes();
    if (this.#owner && !lease.dead) {
      lease.dead = true;
      const release = lease.onRelease;
      lease.onRelease = null;
      release?.();
    }
    hook?.imageDisposed(this);
  }

  /** @internal The lease of a live owner (undefined for views), so a pool can attach a release. */
  [OWNER_LEASE](): Lease | undefined {
    return this.#owner && !this.#lease.dead ? this.#lease : undefined;
  }

  /** @internal The error for plane `name` of an unusable image. */
  protected unusable(name: string, expected: number, actual: number): Error {
    return unusable(this.constructor.name, this.#lease, name, expected, actual);
  }

  /** @internal Whether the image is disposed (its own or its owner's lease is dead). */
  protected get dead(): boolean {
    return this.#lease.dead;
  }

  /** @internal Subclass hook: drop extra planes on dispose. */
  protected dropPlanes(): void {}

  /** @internal How many luma-sized planes a subclass adds to a fresh allocation (NYCbCrA: 1). */
  protected static readonly alphaPlanes: number = 0;
  /** @internal The tail of a fresh allocation, handed to a subclass's alpha plane. */
  protected spare: Uint8Array | undefined;

  colorModel(): Model {
    return YCbCrModel;
  }

  bounds(): Rectangle {
    return this.rect;
  }

  /** The index of luma sample (x, y) in `y`. */
  yOffset(x: number, y: number): number {
    const m = this.#rect.min;
    return (y - m.y) * this.yStride + (x - m.x);
  }

  /** The index of the chroma sample for (x, y) in `cb` and `cr`. */
  cOffset(x: number, y: number): number {
    const [hx, hy] = DIVISORS[this.subsampleRatio];
    const m = this.#rect.min;
    return (div(y, hy) - div(m.y, hy)) * this.cStride + (div(x, hx) - div(m.x, hx));
  }

  protected inBounds(x: number, y: number): boolean {
    const r = this.rect;
    return r.min.x <= x && x < r.max.x && r.min.y <= y && y < r.max.y;
  }

  at(x: number, y: number): Color {
    return this.yCbCrAt(x, y);
  }

  yCbCrAt(x: number, y: number): YCbCr {
    if (!this.inBounds(x, y)) return new YCbCr(0, 0, 0);
    const ci = this.cOffset(x, y);
    return new YCbCr(this.y[this.yOffset(x, y)], this.cb[ci], this.cr[ci]);
  }

  rgba64At(x: number, y: number): RGBA64 {
    const o = [0, 0, 0, 0];
    this.loadRGBA64(x, y, o);
    return new RGBA64(o[0], o[1], o[2], o[3]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    if (!this.inBounds(x, y)) {
      yCbCrToRGB16(0, 0, 0, out);
    } else {
      const ci = this.cOffset(x, y);
      yCbCrToRGB16(this.y[this.yOffset(x, y)], this.cb[ci], this.cr[ci], out);
    }
    out[3] = 0xffff;
  }

  opaque(): boolean {
    return true;
  }

  /** The luma and chroma plane extents for rect r: [w, h, cw, ch]. */
  protected extents(r: Rectangle): [number, number, number, number] {
    const [cw, ch] = chromaSize(r, this.subsampleRatio);
    return [r.dx(), r.dy(), cw, ch];
  }

  /**
   * The part of the image inside r, as a **view** sharing all planes (and their buffer). An r that
   * does not overlap gives an empty image with no samples.
   */
  subImage(r: Rectangle): this {
    r = r.intersect(this.rect);
    const ratio = this.subsampleRatio;
    if (r.empty()) {
      const none = new Uint8Array(0);
      return this.make(ZR, { y: none, cb: none, cr: none, yStride: 0, cStride: 0 }, none, 0);
    }
    const [w, h, cw, ch] = this.extents(r);
    const yi = this.yOffset(r.min.x, r.min.y);
    const ci = this.cOffset(r.min.x, r.min.y);
    const ylen = minBufferLength(h, this.yStride, w);
    const clen = minBufferLength(ch, this.cStride, cw);
    const view = this.make(
      r,
      {
        y: this.y.subarray(yi, yi + ylen),
        cb: this.cb.subarray(ci, ci + clen),
        cr: this.cr.subarray(ci, ci + clen),
        yStride: this.yStride,
        cStride: this.cStride,
      },
      ...this.alphaView(r, ratio),
    );
    view.#lease = this.#lease;
    view.#owner = false;
    return view;
  }

  /** An **owned**, tight copy of every plane in one new buffer. */
  clone(): this {
    const r = this.rect;
    const out = this.make(r, undefined, undefined, 0);
    const [w, h, cw, ch] = this.extents(r);
    copyPlane(this.y, this.yStride, out.y, out.yStride, w, h);
    copyPlane(this.cb, this.cStride, out.cb, out.cStride, cw, ch);
    copyPlane(this.cr, this.cStride, out.cr, out.cStride, cw, ch);
    this.copyAlphaInto(out);
    return out;
  }

  /** @internal hooks for NYCbCrAImage. */
  protected alphaView(_r: Rectangle, _ratio: SubsampleRatio): [Uint8Array | undefined, number] {
    return [undefined, 0];
  }

  protected copyAlphaInto(_out: this): void {}

  protected make(r: Rectangle, planes: YCbCrPlanes | undefined, _a: Uint8Array | undefined, _aStride: number): this {
    return new YCbCrImage(r, this.subsampleRatio, planes) as this;
  }
}

/** Copies `rows` rows of `width` bytes between planes with their own strides. @internal */
export function copyPlane(src: Uint8Array, sStride: number, dst: Uint8Array, dStride: number, width: number, rows: number): void {
  for (let y = 0, s = 0, d = 0; y < rows; y++, s += sStride, d += dStride) {
    dst.set(src.subarray(s, s + width), d);
  }
}
