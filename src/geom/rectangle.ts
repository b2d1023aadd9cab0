import { Point } from './point.js';

/**
 * A rectangle of points with min.x <= x < max.x and min.y <= y < max.y. It is well-formed when
 * min.x <= max.x and min.y <= max.y; {@link rect} always returns a well-formed one. Like Go's
 * `image.Rectangle` it is an immutable value; every method returns a new rectangle.
 */
export class Rectangle {
  constructor(
    readonly min: Point,
    readonly max: Point,
  ) {}

  /** The width. */
  dx(): number {
    return this.max.x - this.min.x;
  }

  /** The height. */
  dy(): number {
    return this.max.y - this.min.y;
  }

  /** The width and height as a point. */
  size(): Point {
    return new Point(this.max.x - this.min.x, this.max.y - this.min.y);
  }

  /** The rectangle translated by p. */
  add(p: Point): Rectangle {
    return new Rectangle(new Point(this.min.x + p.x, this.min.y + p.y), new Point(this.max.x + p.x, this.max.y + p.y));
  }

  /** The rectangle translated by -p. */
  sub(p: Point): Rectangle {
    return new Rectangle(new Point(this.min.x - p.x, this.min.y - p.y), new Point(this.max.x - p.x, this.max.y - p.y));
  }

  /**
   * The rectangle inset by n (outset when n is negative). When either dimension is less than 2n,
   * that dimension collapses to its centre, truncated toward zero as in Go.
   */
  inset(n: number): Rectangle {
    let { x: x0, y: y0 } = this.min;
    let { x: x1, y: y1 } = this.max;
    if (this.dx() < 2 * n) {
      x0 = Math.trunc((x0 + x1) / 2);
      x1 = x0;
    } else {
      x0 += n;
      x1 -= n;
    }
    if (this.dy() < 2 * n) {
      y0 = Math.trunc((y0 + y1) / 2);
      y1 = y0;
    } else {
      y0 += n;
      y1 -= n;
    }
    return new Rectangle(new Point(x0, y0), new Point(x1, y1));
  }

  /** The largest rectangle contained by both; {@link ZR} when they do not overlap. */
  intersect(s: Rectangle): Rectangle {
    const x0 = Math.max(this.min.x, s.min.x);
    const y0 = Math.max(this.min.y, s.min.y);
    const x1 = Math.min(this.max.x, s.max.x);
    const y1 = Math.min(this.max.y, s.max.y);
    if (x0 >= x1 || y0 >= y1) return ZR;
    return new Rectangle(new Point(x0, y0), new Point(x1, y1));
  }

  /** The smallest rectangle that contains both. An empty operand is ignored. */
  union(s: Rectangle): Rectangle {
    if (this.empty()) return s;
    if (s.empty()) return this;
    return new Rectangle(
      new Point(Math.min(this.min.x, s.min.x), Math.min(this.min.y, s.min.y)),
      new Point(Math.max(this.max.x, s.max.x), Math.max(this.max.y, s.max.y)),
    );
  }

  /** Whether the rectangle contains no points. */
  empty(): boolean {
    return this.min.x >= this.max.x || this.min.y >= this.max.y;
  }

  /** Whether both contain the same set of points. All empty rectangles are equal. */
  eq(s: Rectangle): boolean {
    return (
      (this.min.x === s.min.x && this.min.y === s.min.y && this.max.x === s.max.x && this.max.y === s.max.y) ||
      (this.empty() && s.empty())
    );
  }

  /** Whether the two have a non-empty intersection. */
  overlaps(s: Rectangle): boolean {
    return (
      !this.empty() &&
      !s.empty() &&
      this.min.x < s.max.x &&
      s.min.x < this.max.x &&
      this.min.y < s.max.y &&
      s.min.y < this.max.y
    );
  }

  /** Whether every point of this rectangle is in s. An empty rectangle is in every rectangle. */
  in(s: Rectangle): boolean {
    if (this.empty()) return true;
    return s.min.x <= this.min.x && this.max.x <= s.max.x && s.min.y <= this.min.y && this.max.y <= s.max.y;
  }

  /** The canonical version: min and max swapped where needed so that min <= max. */
  canon(): Rectangle {
    return rect(this.min.x, this.min.y, this.max.x, this.max.y);
  }

  /** Go's notation, `(x0,y0)-(x1,y1)`. */
  toString(): string {
    return `${this.min.toString()}-${this.max.toString()}`;
  }
}

/** The zero rectangle. */
export const ZR = new Rectangle(new Point(0, 0), new Point(0, 0));

/**
 * Shorthand for a rectangle from (x0, y0) to (x1, y1). The coordinates are swapped where needed
 * so that the result is well-formed, as Go's `image.Rect` does.
 */
export function rect(x0: number, y0: number, x1: number, y1: number): Rectangle {
  if (x0 > x1) [x0, x1] = [x1, x0];
  if (y0 > y1) [y0, y1] = [y1, y0];
  return new Rectangle(new Point(x0, y0), new Point(x1, y1));
}
