import type { Color, Model, RGBA16 } from '../color/color.js';
import { RGBA64 } from '../color/rgba.js';
import { Black, Opaque, Transparent, White } from '../color/models.js';
import { Point } from '../geom/point.js';
import { Rectangle } from '../geom/rectangle.js';
import { DisposedError } from '../errors.js';
import { DISPOSE } from '../lifetime/dispose.js';
import { SAMPLES } from '../lifetime/lease.js';
import type { Image, RGBA64Readable } from './image.js';

/** The bounds of a uniform image: ±1e9 on each axis, Go's "effectively infinite" rectangle. */
const INFINITE = new Rectangle(new Point(-1e9, -1e9), new Point(1e9, 1e9));

/**
 * An image of one colour everywhere. It is also a {@link Color} and a {@link Model} (whose
 * conversion always returns that colour), as Go's `image.Uniform` is. Holds no pixel buffer.
 *
 * It is disposable like every image, for uniform handling of owners: after `[Symbol.dispose]()`
 * every method and `c` throw `DisposedError`. The shared constants {@link black}, {@link white},
 * {@link transparent} and {@link opaque} are process-wide and ignore disposal.
 */
export class UniformImage implements RGBA64Readable, Color, Model, Disposable {
  readonly kind = 'uniform' as const;
  readonly name = 'uniform';
  #c: Color | null;
  #shared = false;

  /** @internal A mirror for structural equality only (see SAMPLES in lifetime/lease.ts). */
  [SAMPLES]: Color | null;

  constructor(c: Color) {
    this.#c = c;
    this[SAMPLES] = c;
  }

  /** The colour. @throws DisposedError after disposal. */
  get c(): Color {
    const c = this.#c;
    if (c === null) throw new DisposedError('imago: UniformImage was used after [Symbol.dispose]()');
    return c;
  }

  /** Whether this image was disposed (never true for the shared constants). */
  get disposed(): boolean {
    return this.#c === null;
  }

  /** Ends this image; idempotent. A no-op on the shared constants. */
  [DISPOSE](): void {
    if (!this.#shared) this.#c = this[SAMPLES] = null;
  }

  /** @internal Marks a process-wide constant, which disposal must not end. */
  static shared(c: Color): UniformImage {
    const u = new UniformImage(c);
    u.#shared = true;
    return u;
  }

  rgba(): RGBA16 {
    return this.c.rgba();
  }

  colorModel(): Model {
    return this;
  }

  convert(_c: Color): Color {
    return this.c;
  }

  /** The effectively infinite bounds. @throws DisposedError after disposal. */
  bounds(): Rectangle {
    if (this.#c === null) return void this.c as never; // throws DisposedError
    return INFINITE;
  }

  at(_x: number, _y: number): Color {
    return this.c;
  }

  rgba64At(_x: number, _y: number): RGBA64 {
    const [r, g, b, a] = this.c.rgba();
    return new RGBA64(r, g, b, a);
  }

  /** Writes the colour into the caller's `out[0..3]`. */
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

export const black: Image = UniformImage.shared(Black);
export const white: Image = UniformImage.shared(White);
export const transparent: Image = UniformImage.shared(Transparent);
export const opaque: Image = UniformImage.shared(Opaque);
