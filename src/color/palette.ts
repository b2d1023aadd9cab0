import type { Color, Model } from './color.js';
import { SizeError } from '../errors.js';

/**
 * A palette: an immutable list of colours that is also a colour {@link Model}.
 *
 * The constructor copies the list and freezes it, so a palette never changes after it is made.
 * That is what lets caches key on its colours (see spec/palette-cache.md).
 */
export class Palette implements Model {
  readonly name = 'palette';
  /** The colours, frozen. */
  readonly colors: readonly Color[];
  #rgba: Uint32Array | null = null;

  constructor(colors: Iterable<Color>) {
    this.colors = Object.freeze(Array.from(colors));
  }

  /** The number of colours. */
  get length(): number {
    return this.colors.length;
  }

  /** The colour at index i (negative counts from the end), or undefined. */
  at(i: number): Color | undefined {
    return this.colors.at(i);
  }

  [Symbol.iterator](): Iterator<Color> {
    return this.colors[Symbol.iterator]();
  }

  /**
   * The premultiplied 16-bit RGBA of every entry, four values per colour, computed once.
   * The returned array is a view the palette keeps and shares with every caller (not a copy): do
   * not write to it.
   */
  rgba16(): Uint32Array {
    if (this.#rgba === null) {
      const out = new Uint32Array(this.colors.length * 4);
      this.colors.forEach((c, i) => out.set(c.rgba(), i * 4));
      this.#rgba = out;
    }
    return this.#rgba;
  }

  /**
   * The index of the entry nearest to c by Go's distance: the sum over r, g, b and a of
   * (difference² >> 2), in 16-bit premultiplied space. Ties go to the lowest index; an exact match
   * returns at once. An empty palette gives 0, as in Go.
   */
  index(c: Color): number {
    const [cr, cg, cb, ca] = c.rgba();
    return nearestIndex(this.rgba16(), cr, cg, cb, ca);
  }

  /**
   * The entry nearest to c (see {@link index}).
   * @throws SizeError when the palette is empty (Go returns nil there).
   */
  convert(c: Color): Color {
    if (this.colors.length === 0) throw new SizeError('imago: cannot convert a colour with an empty palette');
    return this.colors[this.index(c)];
  }
}

/**
 * The linear nearest-colour search of Go's `Palette.Index` over packed 16-bit RGBA entries.
 * Reads the caller's `pal` and keeps nothing.
 * (d * d) >>> 2 for d <= 0xffff is below 2^30, so four of them sum below 2^32 as in Go.
 * @internal shared with the palette cache and the quantiser, which must agree with it exactly.
 */
export function nearestIndex(pal: Uint32Array, cr: number, cg: number, cb: number, ca: number): number {
  let ret = 0;
  let best = 0xffffffff;
  for (let i = 0, j = 0; j < pal.length; i++, j += 4) {
    const dr = cr - pal[j];
    const dg = cg - pal[j + 1];
    const db = cb - pal[j + 2];
    const da = ca - pal[j + 3];
    const sum = ((dr * dr) >>> 2) + ((dg * dg) >>> 2) + ((db * db) >>> 2) + ((da * da) >>> 2);
    if (sum < best) {
      if (sum === 0) return i;
      ret = i;
      best = sum;
    }
  }
  return ret;
}
