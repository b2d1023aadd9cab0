import type { Color, Model } from '../color/color.js';
import { NRGBA64Model } from '../color/models.js';
import { NRGBA64 } from '../color/nrgba.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';
import { read16, write16 } from './bytes16.js';

/**
 * An image of 16-bit non-premultiplied RGBA, 8 bytes per pixel, each sample big-endian.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 8]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class NRGBA64Image extends BufferImage {
  readonly kind = 'nrgba64' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('NRGBA64Image', 8, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new NRGBA64Image(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return NRGBA64Model;
  }

  at(x: number, y: number): Color {
    return this.nrgba64At(x, y);
  }

  nrgba64At(x: number, y: number): NRGBA64 {
    if (!this.inBounds(x, y)) return new NRGBA64(0, 0, 0, 0);
    const i = this.pixOffset(x, y);
    const p = this.pix;
    return new NRGBA64(read16(p, i), read16(p, i + 2), read16(p, i + 4), read16(p, i + 6));
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    if (!this.inBounds(x, y)) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    const i = this.pixOffset(x, y);
    const p = this.pix;
    const a = read16(p, i + 6);
    out[0] = Math.floor((read16(p, i) * a) / 0xffff);
    out[1] = Math.floor((read16(p, i + 2) * a) / 0xffff);
    out[2] = Math.floor((read16(p, i + 4) * a) / 0xffff);
    out[3] = a;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.setNRGBA64(x, y, NRGBA64Model.convert(c) as NRGBA64);
  }

  setNRGBA64(x: number, y: number, c: NRGBA64): void {
    if (!this.inBounds(x, y)) return;
    const i = this.pixOffset(x, y);
    const p = this.pix;
    write16(p, i, c.r);
    write16(p, i + 2, c.g);
    write16(p, i + 4, c.b);
    write16(p, i + 6, c.a);
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
    write16(p, i, r);
    write16(p, i + 2, g);
    write16(p, i + 4, b);
    write16(p, i + 6, a);
  }

  opaque(): boolean {
    return this.allRowsFF(6, 8, 2);
  }
}
