import type { Color, Model } from '../color/color.js';
import { GrayModel, luma16 } from '../color/models.js';
import { Gray } from '../color/gray.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';

/**
 * An image of 8-bit grey, 1 byte per pixel, always opaque.
 * Pixel (x, y) is `pix[(y - rect.min.y) * stride + (x - rect.min.x)]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class GrayImage extends BufferImage {
  readonly kind = 'gray' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('GrayImage', 1, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new GrayImage(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return GrayModel;
  }

  at(x: number, y: number): Color {
    return this.grayAt(x, y);
  }

  grayAt(x: number, y: number): Gray {
    if (!this.inBounds(x, y)) return new Gray(0);
    return new Gray(this.pix[this.pixOffset(x, y)]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    // Outside the bounds this is the zero grey, which is opaque black (as in Go).
    const v = this.inBounds(x, y) ? this.pix[this.pixOffset(x, y)] * 0x101 : 0;
    out[0] = out[1] = out[2] = v;
    out[3] = 0xffff;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = (GrayModel.convert(c) as Gray).y;
  }

  setGray(x: number, y: number, c: Gray): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = c.y;
  }

  /** Stores the luma of the premultiplied colour; alpha is ignored, as in Go. */
  storeRGBA64(x: number, y: number, r: number, g: number, b: number, _a: number): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = luma16(r, g, b) >>> 24;
  }

  opaque(): boolean {
    return true;
  }
}
