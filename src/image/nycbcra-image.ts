import type { Color, Model } from '../color/color.js';
import { NYCbCrAModel } from '../color/models.js';
import { NYCbCrA } from '../color/ycbcr.js';
import type { Rectangle } from '../geom/rectangle.js';
import { OptionError, SizeError } from '../errors.js';
import { minBufferLength } from '../lifetime/alloc.js';
import { SAMPLES, checkAttached } from '../lifetime/lease.js';
import { YCbCrImage, copyPlane, type SubsampleRatio, type YCbCrPlanes } from './ycbcr-image.js';

/** The planes of an {@link NYCbCrAImage}: Y'CbCr plus a full-resolution alpha plane. */
export interface NYCbCrAPlanes extends YCbCrPlanes {
  a: Uint8Array;
  aStride: number;
}

/**
 * A planar Y'CbCr image with a non-premultiplied 8-bit alpha plane at full resolution.
 * Alpha (x, y) is `a[(y - rect.min.y) * aStride + (x - rect.min.x)]`.
 * Sharing and ownership are as for {@link YCbCrImage}.
 */
export class NYCbCrAImage extends YCbCrImage {
  override readonly kind = 'nycbcra' as const;
  protected static override readonly alphaPlanes: number = 1;
  readonly aStride: number;
  #a: Uint8Array;
  #aLength: number;

  /**
   * @param planes the caller's planes, wrapped without copying (shared; the caller keeps
   * ownership); omitted, one owned, zeroed buffer holds all four planes.
   */
  constructor(rect: Rectangle, ratio: SubsampleRatio, planes?: NYCbCrAPlanes) {
    super(rect, ratio, planes);
    if (planes === undefined) {
      this.#a = this.spare!;
      this.aStride = rect.dx();
      this.spare = undefined;
    } else {
      const w = rect.dx();
      const h = rect.dy();
      const need = minBufferLength(h, planes.aStride, w);
      checkAttached('NYCbCrAImage', 'plane a', planes.a, need);
      if (!(planes.a instanceof Uint8Array)) throw new OptionError('imago: NYCbCrAImage plane a must be a Uint8Array');
      if (!Number.isSafeInteger(planes.aStride) || (h > 1 && planes.aStride < w) || planes.a.length < need) {
        throw new SizeError(`imago: NYCbCrAImage alpha plane has ${planes.a?.length} bytes with stride ${planes.aStride}, but ${h} rows of ${w} need ${need} bytes and a stride of at least ${w}`);
      }
      this.#a = planes.a;
      this.aStride = planes.aStride;
    }
    this.#aLength = this.#a.length;
    this[SAMPLES].push(this.#a);
  }

  /** The alpha plane. @throws DisposedError after disposal; DetachedError when detached. */
  get a(): Uint8Array {
    const p = this.#a;
    if (this.dead || p.length !== this.#aLength) throw this.unusable('a', this.#aLength, p.length);
    return p;
  }

  protected override dropPlanes(): void {
    this.#a = new Uint8Array(0);
  }

  override colorModel(): Model {
    return NYCbCrAModel;
  }

  /** The index of alpha sample (x, y) in `a`. */
  aOffset(x: number, y: number): number {
    return (y - this.rect.min.y) * this.aStride + (x - this.rect.min.x);
  }

  override at(x: number, y: number): Color {
    return this.nYCbCrAAt(x, y);
  }

  nYCbCrAAt(x: number, y: number): NYCbCrA {
    if (!this.inBounds(x, y)) return new NYCbCrA(0, 0, 0, 0);
    const ci = this.cOffset(x, y);
    return new NYCbCrA(this.y[this.yOffset(x, y)], this.cb[ci], this.cr[ci], this.a[this.aOffset(x, y)]);
  }

  override loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    const [r, g, b, a] = this.nYCbCrAAt(x, y).rgba();
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
  }

  override opaque(): boolean {
    const r = this.rect;
    const w = r.dx();
    for (let y = r.min.y, row = 0; y < r.max.y; y++, row += this.aStride) {
      for (let i = row; i < row + w; i++) if (this.a[i] !== 0xff) return false;
    }
    return true;
  }

  protected override alphaView(r: Rectangle): [Uint8Array | undefined, number] {
    const ai = this.aOffset(r.min.x, r.min.y);
    return [this.a.subarray(ai, ai + minBufferLength(r.dy(), this.aStride, r.dx())), this.aStride];
  }

  protected override copyAlphaInto(out: this): void {
    copyPlane(this.a, this.aStride, out.a, out.aStride, this.rect.dx(), this.rect.dy());
  }

  protected override make(r: Rectangle, planes: YCbCrPlanes | undefined, a: Uint8Array | undefined, aStride: number): this {
    if (planes === undefined) return new NYCbCrAImage(r, this.subsampleRatio) as this;
    return new NYCbCrAImage(r, this.subsampleRatio, { ...planes, a: a!, aStride }) as this;
  }
}
