import type { Color, Model } from '../color/color.js';
import { Palette, nearestIndex } from '../color/palette.js';
import { RGBA64 } from '../color/rgba.js';
import type { Rectangle } from '../geom/rectangle.js';
import { BufferImage } from './buffer-image.js';

/**
 * An image of 8-bit indices into a {@link Palette}, 1 byte per pixel.
 * Pixel (x, y) is `palette.colors[pix[(y - rect.min.y) * stride + (x - rect.min.x)]]`.
 * See {@link BufferImage} for sharing and ownership; sub-images and clones share the (immutable)
 * palette.
 */
export class PalettedImage extends BufferImage {
  readonly kind = 'paletted' as const;
  readonly palette: Palette;

  /**
   * `palette` may be a {@link Palette} (shared) or any list of colours (copied into a new Palette).
   * Allocates an owned, zeroed buffer when `pix` is omitted; otherwise wraps the caller's `pix`
   * without copying (shared; the caller keeps ownership).
   */
  constructor(rect: Rectangle, palette: Palette | Iterable<Color>, pix?: Uint8Array, stride?: number) {
    super('PalettedImage', 1, rect, pix, stride);
    this.palette = palette instanceof Palette ? palette : new Palette(palette);
  }

  protected derive(rect: Rectangle, pix: Uint8Array, stride: number): this {
    return new PalettedImage(rect, this.palette, pix, stride) as this;
  }

  /** The palette is the model. */
  colorModel(): Model {
    return this.palette;
  }

  /**
   * The palette entry at (x, y); entry 0 outside the bounds, as in Go. With an empty palette
   * (where Go returns nil) it returns transparent `RGBA64(0, 0, 0, 0)`.
   */
  at(x: number, y: number): Color {
    const colors = this.palette.colors;
    if (colors.length === 0) return new RGBA64(0, 0, 0, 0);
    if (!this.inBounds(x, y)) return colors[0];
    return colors[this.pix[this.pixOffset(x, y)]] ?? new RGBA64(0, 0, 0, 0);
  }

  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void {
    const pal = this.palette.rgba16();
    const i = this.inBounds(x, y) ? this.pix[this.pixOffset(x, y)] * 4 : 0;
    if (i + 4 > pal.length) {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
    out[0] = pal[i];
    out[1] = pal[i + 1];
    out[2] = pal[i + 2];
    out[3] = pal[i + 3];
  }

  /** The palette index at (x, y); 0 outside the bounds. */
  colorIndexAt(x: number, y: number): number {
    if (!this.inBounds(x, y)) return 0;
    return this.pix[this.pixOffset(x, y)];
  }

  setColorIndex(x: number, y: number, index: number): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = index;
  }

  /** Stores the index of the palette entry nearest to c (see {@link Palette.index}). */
  set(x: number, y: number, c: Color): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = this.palette.index(c);
  }

  storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void {
    if (!this.inBounds(x, y)) return;
    this.pix[this.pixOffset(x, y)] = nearestIndex(this.palette.rgba16(), r, g, b, a);
  }

  /**
   * Whether every palette entry that some pixel uses is fully opaque. An index past the end of
   * the palette reads as transparent (see {@link loadRGBA64}), so it makes the image not opaque.
   */
  opaque(): boolean {
    const present = new Uint8Array(256);
    const r = this.rect;
    const w = r.dx();
    for (let y = r.min.y, row = 0; y < r.max.y; y++, row += this.stride) {
      for (let i = row; i < row + w; i++) present[this.pix[i]] = 1;
    }
    const pal = this.palette.rgba16();
    for (let i = 0; i < 256; i++) {
      if (present[i] && (i * 4 >= pal.length || pal[i * 4 + 3] !== 0xffff)) return false;
    }
    return true;
  }
}
