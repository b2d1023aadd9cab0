import { SizeError } from '../errors.js';
import type { Rectangle } from './rectangle.js';

/**
 * An (x, y) coordinate pair. The axes increase right and down. Points are immutable values;
 * coordinates are integers (as Go's `int`); division truncates toward zero as Go's does.
 */
export class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}

  /** The vector p + q. */
  add(q: Point): Point {
    return new Point(this.x + q.x, this.y + q.y);
  }

  /** The vector p - q. */
  sub(q: Point): Point {
    return new Point(this.x - q.x, this.y - q.y);
  }

  /** The vector p * k. */
  mul(k: number): Point {
    return new Point(this.x * k, this.y * k);
  }

  /**
   * The vector p / k, each coordinate truncated toward zero.
   * @throws SizeError when k is 0 (Go panics there).
   */
  div(k: number): Point {
    if (k === 0) throw new SizeError(`imago: cannot divide ${this.toString()} by 0`);
    return new Point(Math.trunc(this.x / k), Math.trunc(this.y / k));
  }

  /** Whether p is in r: min inclusive, max exclusive. */
  in(r: Rectangle): boolean {
    return r.min.x <= this.x && this.x < r.max.x && r.min.y <= this.y && this.y < r.max.y;
  }

  /**
   * The point q in r such that p.x-q.x is a multiple of r's width and p.y-q.y of its height.
   * @throws SizeError when r is empty (Go panics there: it divides by the width and height).
   */
  mod(r: Rectangle): Point {
    const w = r.dx();
    const h = r.dy();
    if (w <= 0 || h <= 0) throw new SizeError(`imago: cannot reduce ${this.toString()} modulo the empty rectangle ${r.toString()}`);
    let x = (this.x - r.min.x) % w;
    if (x < 0) x += w;
    let y = (this.y - r.min.y) % h;
    if (y < 0) y += h;
    return new Point(x + r.min.x, y + r.min.y);
  }

  /** Whether p and q are equal. */
  eq(q: Point): boolean {
    return this.x === q.x && this.y === q.y;
  }

  /** Go's notation, `(x,y)`. */
  toString(): string {
    return `(${this.x},${this.y})`;
  }
}

/** The zero point, (0, 0). */
export const ZP = new Point(0, 0);

/** Shorthand for `new Point(x, y)`. */
export function pt(x: number, y: number): Point {
  return new Point(x, y);
}
