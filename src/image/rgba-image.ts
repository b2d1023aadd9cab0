import type { Color, Model } from '../color/color.js';
import { RGBAModel } from '../color/models.js';
import { RGBA } from '../color/rgba.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';

/**
 * An image of 8-bit alpha-premultiplied RGBA, 4 bytes per pixel: R, G, B, A.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 4]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class RGBAImage extends BufferImage {
  readonly kind = 'rgba' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('RGBAImage', 4, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new RGBAImage(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return RGBAModel;
  }

  at(x: number, y: number): Color {
    return this.rgbaAt(x, y);
  }

  rgbaAt(x: number, y: number): RGBA {
    if (!this.inBounds(x, y)) return new RGBA(0, 0, 0, 0);
    const i = this.pixOffset(x, y);
    const p = this.pix;
    return new RGBA(p[i], p[i + 1], p[i + 2], p[i + 3]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    if (!this.inBounds(x, y)) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    const i = this.pixOffset(x, y);
    const p = this.pix;
    out[0] = p[i] * 0x101;
    out[1] = p[i + 1] * 0x101;
    out[2] = p[i + 2] * 0x101;
    out[3] = p[i + 3] * 0x101;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.setRGBA(x, y, RGBAModel.convert(c) as RGBA);
  }

  setRGBA(x: number, y: number, c: RGBA): void {
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
