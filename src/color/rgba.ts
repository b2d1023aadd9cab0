import type { Color, RGBA16 } from './color.js';

/**
 * A 32-bit alpha-premultiplied colour: 8 bits each for r, g, b and a, with r, g, b <= a.
 * Widening to 16 bits multiplies by 0x101 (x | x << 8), so 0xff becomes 0xffff.
 */
export class RGBA implements Color {
  constructor(
    readonly r: number,
    readonly g: number,
    readonly b: number,
    readonly a: number,
  ) {}

  rgba(): RGBA16 {
    return [this.r * 0x101, this.g * 0x101, this.b * 0x101, this.a * 0x101];
  }
}

/** A 64-bit alpha-premultiplied colour: 16 bits each for r, g, b and a, with r, g, b <= a. */
export class RGBA64 implements Color {
  constructor(
    readonly r: number,
    readonly g: number,
    readonly b: number,
    readonly a: number,
  ) {}

  rgba(): RGBA16 {
    return [this.r, this.g, this.b, this.a];
  }
}
