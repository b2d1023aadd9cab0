import type { Palette } from '../color/palette.js';

/** Bumped whenever the layout of {@link NearestTable} changes, so old keys can never match. */
const VERSION = 'nearest/v1:';

/**
 * The normalised cache key of a palette: its premultiplied 16-bit RGBA values, one UTF-16 code
 * unit each, after a version tag. Palettes with equal colours (whatever objects and colour types
 * hold them: `RGBA(255, 0, 0, 255)` and `NRGBA64(0xffff, 0, 0, 0xffff)` are the same colour) get
 * equal keys; any difference in any entry, or in their order or count, gives a different key.
 * A 256-colour palette makes a 1,035-character key.
 */
export function paletteKey(palette: Palette): string {
  const v = palette.rgba16();
  let s = VERSION;
  // fromCharCode takes arguments; 4096 at a time stays far below engines' argument limits.
  for (let i = 0; i < v.length; i += 4096) {
    s += String.fromCharCode.apply(null, Array.from(v.subarray(i, i + 4096)));
  }
  return s;
}
