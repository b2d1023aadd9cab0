import type { Color, Model } from '../../src/color/color.js';
import { RGBA64 } from '../../src/color/rgba.js';
import type { Rectangle } from '../../src/geom/rectangle.js';
import type { Image, MutableImage } from '../../src/image/image.js';

/**
 * Wrappers that hide an image's concrete type (no `kind`, no `pix`), so `draw` cannot find a
 * fast path and runs the generic path, as Go's test wrappers `slowerRGBA`/`slowestRGBA` do.
 *
 * - tier `'rgba64'` (Go's "slower"): also exposes the 16-bit accessors, so the generic path runs
 *   its FALLBACK1.17 tier.
 * - tier `'color'` (Go's "slowest"): only `at`, `set`, `bounds`, `colorModel`: FALLBACK1.0.
 *
 * The wrapper reads and writes the wrapped image; it copies nothing.
 */
export type HideTier = 'rgba64' | 'color';

interface Full extends MutableImage {
  loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void;
  storeRGBA64?(x: number, y: number, r: number, g: number, b: number, a: number): void;
}

export function hideLayout<T extends Image>(img: T, tier: HideTier = 'rgba64'): Image & Partial<MutableImage> {
  const m = img as unknown as Full;
  const base = {
    colorModel: (): Model => m.colorModel(),
    bounds: (): Rectangle => m.bounds(),
    at: (x: number, y: number): Color => m.at(x, y),
  } as Image & Record<string, unknown>;
  if (typeof m.set === 'function') base.set = (x: number, y: number, c: Color) => m.set(x, y, c);
  if (tier === 'rgba64') {
    base.rgba64At = (x: number, y: number) => {
      const o = [0, 0, 0, 0];
      m.loadRGBA64(x, y, o);
      return new RGBA64(o[0], o[1], o[2], o[3]);
    };
    base.loadRGBA64 = (x: number, y: number, out: Uint32Array | number[]) => m.loadRGBA64(x, y, out);
    if (typeof m.storeRGBA64 === 'function') {
      base.storeRGBA64 = (x: number, y: number, r: number, g: number, b: number, a: number) => m.storeRGBA64!(x, y, r, g, b, a);
      base.setRGBA64 = (x: number, y: number, c: RGBA64) => m.storeRGBA64!(x, y, c.r, c.g, c.b, c.a);
    }
  }
  return base;
}
