import type { Color, Model } from '../color/color.js';
import { NRGBAModel } from '../color/models.js';
import { NRGBA } from '../color/nrgba.js';
import { rect, type Rectangle } from '../geom/rectangle.js';
import { OptionError } from '../errors.js';
import { checkAttached } from '../lifetime/lease.js';
import { BufferImage } from './buffer-image.js';

/** The structural shape of canvas `ImageData`: non-premultiplied RGBA, rows packed. */
export interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
  readonly colorSpace?: string;
}

/**
 * An image of 8-bit non-premultiplied RGBA, 4 bytes per pixel: R, G, B, A. This is the layout of
 * canvas `ImageData` and of most decoded PNGs with alpha.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 4]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class NRGBAImage extends BufferImage {
  readonly kind = 'nrgba' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('NRGBAImage', 4, rect, pix, stride);
  }

  /**
   * Wraps an `ImageData` (or anything of its shape) **without copying**: the image is a view of
   * `d.data`, with bounds (0, 0)-(width, height). Writes to either show in both.
   * @throws SizeError when `data` is shorter than width × height × 4, or a size is bad.
   * @throws OptionError when `data` is not a Uint8ClampedArray or Uint8Array.
   * @throws DetachedError when the buffer of `data` was detached (transferred).
   */
  static fromImageData(d: ImageDataLike): NRGBAImage {
    const data = d.data;
    if (!(data instanceof Uint8ClampedArray) && !((data as unknown) instanceof Uint8Array)) {
      throw new OptionError(`imago: fromImageData needs a Uint8ClampedArray in data, got ${Object.prototype.toString.call(data)}`);
    }
    checkAttached('NRGBAImage.fromImageData', 'data', data, d.width * d.height * 4);
    const pix = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return new NRGBAImage(rect(0, 0, d.width, d.height), pix, d.width * 4);
  }

  /**
   * The image as `ImageData`. When the pixels are tight (stride = width × 4) this is **zero-copy**:
   * the result views `pix`. Otherwise the rows are copied into a new packed buffer. Where the
   * runtime has no `ImageData` constructor (Node, workers without canvas) a plain object of the
   * same shape is returned.
   */
  toImageData(): ImageDataLike {
    const w = this.rect.dx();
    const h = this.rect.dy();
    const packed = this.stride === w * 4 ? this : this.clone();
    const data = new Uint8ClampedArray(packed.pix.buffer, packed.pix.byteOffset, w * h * 4);
    const Ctor = (globalThis as { ImageData?: new (data: Uint8ClampedArray, w: number, h: number) => ImageDataLike }).ImageData;
    if (Ctor !== undefined && w > 0 && h > 0) return new Ctor(data, w, h);
    return { width: w, height: h, data, colorSpace: 'srgb' };
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new NRGBAImage(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return NRGBAModel;
  }

  at(x: number, y: number): Color {
    return this.nrgbaAt(x, y);
  }

  nrgbaAt(x: number, y: number): NRGBA {
    if (!this.inBounds(x, y)) return new NRGBA(0, 0, 0, 0);
    const i = this.pixOffset(x, y);
    const p = this.pix;
    return new NRGBA(p[i], p[i + 1], p[i + 2], p[i + 3]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    if (!this.inBounds(x, y)) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    const i = this.pixOffset(x, y);
    const p = this.pix;
    const a = p[i + 3];
    // (c × 0x101) × a / 0xff, truncated: below 2^24, so `| 0` is exact.
    out[0] = ((p[i] * 0x101 * a) / 0xff) | 0;
    out[1] = ((p[i + 1] * 0x101 * a) / 0xff) | 0;
    out[2] = ((p[i + 2] * 0x101 * a) / 0xff) | 0;
    out[3] = a * 0x101;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.setNRGBA(x, y, NRGBAModel.convert(c) as NRGBA);
  }

  setNRGBA(x: number, y: number, c: NRGBA): void {
    if (!this.inBounds(x, y)) return;
    const i = this.pixOffset(x, y);
    const p = this.pix;
    p[i] = c.r;
    p[i + 1] = c.g;
    p[i + 2] = c.b;
    p[i + 3] = c.a;
  }

  storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void {
    if (!this.inBounds(x, y)) return;
    if (a !== 0 && a !== 0xffff) {
      r = Math.floor((r * 0xffff) / a);
      g = Math.floor((g * 0xffff) / a);
      b = Math.floor((b * 0xffff) / a);
    }
    const i = this.pixOffset(x, y);
    const p = this.pix;
    p[i] = r >>> 8;
    p[i + 1] = g >>> 8;
    p[i + 2] = b >>> 8;
    p[i + 3] = a >>> 8;
  }

  opaque(): boolean {
    return this.allRowsFF(3, 4, 1);
  }
}
