import type { Color, Model } from '../color/color.js';
import type { RGBA64 } from '../color/rgba.js';
import type { Rectangle } from '../geom/rectangle.js';

/**
 * The image interfaces, after Go's `image.Image`, `image.RGBA64Image` and `draw.Image`.
 * Coordinates are integers; `at` outside `bounds()` returns the zero colour of the model.
 */

/** A finite rectangular grid of colours (or, for a uniform image, an effectively infinite one). */
export interface Image {
  /** The image's colour model. */
  colorModel(): Model;
  /** The domain for which `at` can return non-zero colour. Need not contain (0, 0). */
  bounds(): Rectangle;
  /** The colour of pixel (x, y). Allocates a colour object. */
  at(x: number, y: number): Color;
}

/** An image that can report a pixel as premultiplied 16-bit RGBA directly. */
export interface RGBA64Readable extends Image {
  /** Equivalent to `RGBA64Model.convert(at(x, y))`, but without the intermediate colour. */
  rgba64At(x: number, y: number): RGBA64;
  /**
   * Writes the premultiplied 16-bit RGBA of (x, y) into the caller's out[0..3] without allocating. Outside
   * the bounds it writes the model's zero colour (transparent for most, opaque black for grey,
   * white for CMYK, Go's zero YCbCr `[0, 0x8776, 0, 0xffff]` for YCbCr, palette entry 0 for
   * paletted, as in Go). The allocation-free form of `rgba64At`.
   */
  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void;
}

/** An image with a writable `set`, Go's `draw.Image`. */
export interface MutableImage extends Image {
  /** Converts c to the image's model and stores it at (x, y). Outside the bounds it does nothing. */
  set(x: number, y: number, c: Color): void;
}

/** A mutable image that can store premultiplied 16-bit RGBA directly, Go's `draw.RGBA64Image`. */
export interface RGBA64Writable extends MutableImage, RGBA64Readable {
  setRGBA64(x: number, y: number, c: RGBA64): void;
  /** The allocation-free form of `setRGBA64`; components are premultiplied, in [0, 0xffff]. */
  storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void;
}

/** The pixel layout of a buffer image: how its bytes encode a pixel. Fast paths dispatch on it. */
export type Layout =
  | 'rgba'
  | 'rgba64'
  | 'nrgba'
  | 'nrgba64'
  | 'alpha'
  | 'alpha16'
  | 'gray'
  | 'gray16'
  | 'cmyk'
  | 'paletted'
  | 'ycbcr'
  | 'nycbcra'
  | 'uniform';
