import type { Color, Model } from '../color/color.js';
import { Alpha16Model } from '../color/models.js';
import { Alpha16 } from '../color/alpha.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';
import { read16, write16 } from './bytes16.js';

/**
 * An image of 16-bit alpha, 2 bytes per pixel, big-endian.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 2]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class Alpha16Image extends BufferImage {
  readonly kind = 'alpha16' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('Alpha16Image', 2, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new Alpha16Image(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return Alpha16Model;
  }

  at(x: number, y: number): Color {
    return this.alpha16At(x, y);
  }

  alpha16At(x: number, y: number): Alpha16 {
    if (!this.inBounds(x, y)) return new Alpha16(0);
    return new Alpha16(read16(this.pix, this.pixOffset(x, y)));
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    const a = this.inBounds(x, y) ? read16(this.pix, this.pixOffset(x, y)) : 0;
    out[0] = out[1] = out[2] = out[3] = a;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), (Alpha16Model.convert(c) as Alpha16).a);
  }

  setAlpha16(x: number, y: number, c: Alpha16): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), c.a);
  }

  storeRGBA64(x: number, y: number, _r: number, _g: number, _b: number, a: number): void {
    if (!this.inBounds(x, y)) return;
    write16(this.pix, this.pixOffset(x, y), a);
  }

  opaque(): boolean {
    return this.allRowsFF(0, 2, 2);
  }
}
