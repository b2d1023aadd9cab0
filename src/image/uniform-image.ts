import type { Color, Model, RGBA16 } from '../color/color.js';
import { RGBA64 } from '../color/rgba.js';
import { Black, Opaque, Transparent, White } from '../color/models.js';
import { Point } from '../geom/point.js';
import { Rectangle } from '../geom/rectangle.js';
import type { Image, RGBA64Readable } from './image.js';

/** The bounds of a uniform image: ±1e9 on each axis, Go's "effectively infinite" rectangle. */
const INFINITE = new Rectangle(new Point(-1e9, -1e9), new Point(1e9, 1e9));

/**
 * An image of one colour everywhere. It is also a {@link Color} and a {@link Model} (whose
 * conversion always returns that colour), as Go's `image.Uniform` is. Holds no pixel buffer.
 */
export class UniformImage implements RGBA64Readable, Color, Model {
  readonly kind = 'uniform' as const;
  readonly name = 'uniform';

  constructor(readonly c: Color) {}

  rgba(): RGBA16 {
    return this.c.rgba();
  }

  colorModel(): Model {
    return this;
  }

  convert(_c: Color): Color {
    return this.c;
  }

  bounds(): Rectangle {
    return INFINITE;
  }

  at(_x: number, _y: number): Color {
    return this.c;
  }

  rgba64At(_x: number, _y: number): RGBA64 {
    const [r, g, b, a] = this.c.rgba();
    return new RGBA64(r, g, b, a);
  }

  loadRGBA64(_x: number, _y: number, out: Uint32Array | number[]): void {
    const [r, g, b, a] = this.c.rgba();
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
  }

  opaque(): boolean {
    return this.c.rgba()[3] === 0xffff;
  }
}

/** Shorthand for `new UniformImage(c)`. */
export function uniform(c: Color): UniformImage {
  return new UniformImage(c);
}

export const black: Image = new UniformImage(Black);
export const white: Image = new UniformImage(White);
export const transparent: Image = new UniformImage(Transparent);
export const opaque: Image = new UniformImage(Opaque);
