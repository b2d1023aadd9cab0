import type { Color, Model } from '../color/color.js';
import { Gray16Model, luma16 } from '../color/models.js';
import { Gray16 } from '../color/gray.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';
import { read16, write16 } from './bytes16.js';

/**
 * An image of 16-bit grey, 2 bytes per pixel, big-endian, always opaque.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 2]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class Gray16Image extends BufferImage {
  readonly kind = 'gray16' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('Gray16Image', 2, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new Gray16Image(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return Gray16Model;
  }

  at(x: number, y: number): Color {
    return this.gray16At(x, y);
  }

  gray16At(x: number, y: number): Gray16 {
    if (!this.inBounds(x, y)) return new Gray16(0);
    return new Gray16(read16(this.pix, this.pixOffset(x, y)));
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    // Outside the bounds this is the zero grey, which is opaque black (as in Go).
    const v = this.inBounds(x, y) ? read16(this.pix, this.pixOffset(x, y)) : 0;
    out[0] = out[1] = out[2] = v;
    out[3] = 0xffff;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), (Gray16Model.convert(c) as Gray16).y);
  }

  setGray16(x: number, y: number, c: Gray16): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), c.y);
  }

  /** Stores the luma of the premultiplied colour; alpha is ignored, as in Go. */
  storeRGBA64(x: number, y: number, r: number, g: number, b: number, _a: number): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), luma16(r, g, b) >>> 16);
  }

  opaque(): boolean {
    return true;
  }
}
