import type { Color, Model } from '../color/color.js';
import { RGBA64Model } from '../color/models.js';
import { RGBA64 } from '../color/rgba.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';
import { read16, write16 } from './bytes16.js';

/**
 * An image of 16-bit alpha-premultiplied RGBA, 8 bytes per pixel, each sample big-endian.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 8]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class RGBA64Image extends BufferImage {
  readonly kind = 'rgba64' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('RGBA64Image', 8, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new RGBA64Image(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return RGBA64Model;
  }

  at(x: number, y: number): Color {
    return this.rgba64At(x, y);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    if (!this.inBounds(x, y)) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    const i = this.pixOffset(x, y);
    const p = this.pix;
    out[0] = read16(p, i);
    out[1] = read16(p, i + 2);
    out[2] = read16(p, i + 4);
    out[3] = read16(p, i + 6);
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    const c1 = RGBA64Model.convert(c) as RGBA64;
    this.storeRGBA64(x, y, c1.r, c1.g, c1.b, c1.a);
  }

  storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void {
    if (!this.inBounds(x, y)) return;
    const i = this.pixOffset(x, y);
    const p = this.pix;
    write16(p, i, r);
    write16(p, i + 2, g);
    write16(p, i + 4, b);
    write16(p, i + 6, a);
  }

  opaque(): boolean {
    return this.allRowsFF(6, 8, 2);
  }
}
