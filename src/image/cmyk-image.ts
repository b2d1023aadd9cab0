import type { Color, Model } from '../color/color.js';
import { CMYKModel } from '../color/models.js';
import { CMYK, rgbToCMYK } from '../color/cmyk.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';

/**
 * An image of 8-bit CMYK, 4 bytes per pixel: C, M, Y, K. Always opaque.
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * 4]`.
 * See {@link BufferImage} for sharing and ownership.
 */
export class CMYKImage extends BufferImage {
  readonly kind = 'cmyk' as const;

  /** Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix` without copying (shared; the caller keeps ownership). */
  constructor(rect: Rectangle, pix?: Uint8Array, stride?: number) {
    super('CMYKImage', 4, rect, pix, stride);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new CMYKImage(rect, pix, stride) as this;
  }

  colorModel(): Model {
    return CMYKModel;
  }

  at(x: number, y: number): Color {
    return this.cmykAt(x, y);
  }

  cmykAt(x: number, y: number): CMYK {
    if (!this.inBounds(x, y)) return new CMYK(0, 0, 0, 0);
    const i = this.pixOffset(x, y);
    const p = this.pix;
    return new CMYK(p[i], p[i + 1], p[i + 2], p[i + 3]);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    const [r, g, b, a] = this.cmykAt(x, y).rgba();
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
  }

  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.setCMYK(x, y, CMYKModel.convert(c) as CMYK);
  }

  setCMYK(x: number, y: number, c: CMYK): void {
    if (!this.inBounds(x, y)) return;
    const i = this.pixOffset(x, y);
    const p = this.pix;
    p[i] = c.c;
    p[i + 1] = c.m;
    p[i + 2] = c.y;
    p[i + 3] = c.k;
  }

  storeRGBA64(x: number, y: number, r: number, g: number, b: number, _a: number): void {
    if (!this.inBounds(x, y)) return;
    const [cc, mm, yy, kk] = rgbToCMYK(r >>> 8, g >>> 8, b >>> 8);
    const i = this.pixOffset(x, y);
    const p = this.pix;
    p[i] = cc;
    p[i + 1] = mm;
    p[i + 2] = yy;
    p[i + 3] = kk;
  }

  opaque(): boolean {
    return true;
  }
}
