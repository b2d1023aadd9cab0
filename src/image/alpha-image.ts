import type { Color, Model } from '../color/color.js';
import { AlphaModel } from '../color/models.js';
import { Alpha } from '../color/alpha.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';

/**
 * An image of 8-bit alpha, 1 byte per pixel. Used as a mask (glyph coverage).
 * Pixel (x, y) is `pix[(y - rect.min.y) * stride + (x - rect.min.x)]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class AlphaImage extends BufferImage {
  readonly kind = 'alpha' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('AlphaImage', 1, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new AlphaImage(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return AlphaModel;
  }

  at(x: number, y: number): Color {
    return this.alphaAt(x, y);
  }

  alphaAt(x: number, y: number): Alpha {
    if (!this.inBounds(x, y)) return new Alpha(0);
    return new Alpha(this.pix[this.pixOffset(x, y)]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    const a = this.inBounds(x, y) ? this.pix[this.pixOffset(x, y)] * 0x101 : 0;
    out[0] = out[1] = out[2] = out[3] = a;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = (AlphaModel.convert(c) as Alpha).a;
  }

  setAlpha(x: number, y: number, c: Alpha): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = c.a;
  }

  storeRGBA64(x: number, y: number, _r: number, _g: number, _b: number, a: number): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = a >>> 8;
  }

  opaque(): boolean {
    return this.allRowsFF(0, 1, 1);
  }
}
