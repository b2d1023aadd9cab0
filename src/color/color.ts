/**
 * The colour interface. Every colour converts itself to alpha-premultiplied 16-bit RGBA, exactly as
 * Go's `color.Color.RGBA()` does. See spec/model.md for the maths.
 */

/**
 * Alpha-premultiplied red, green, blue and alpha, each in [0, 0xffff], with r, g, b <= a.
 * Products of two such values stay below 2^32, so the maths is exact in a JavaScript number.
 */
export type RGBA16 = [r: number, g: number, b: number, a: number];

/** Anything that can convert itself to alpha-premultiplied 16-bit RGBA. */
export interface Color {
  /** Alpha-premultiplied 16-bit components, each in [0, 0xffff]. Allocates a new tuple. */
  rgba(): RGBA16;
}

/** Converts any colour to one of its own model. The conversion may be lossy. */
export interface Model {
  /** A short stable name, e.g. `'rgba'`, for messages and cache keys. */
  readonly name: string;
  /** Returns c unchanged when it already belongs to this model; otherwise converts it. */
  convert(c: Color): Color;
}
