import type { Color, RGBA16 } from './color.js';

/**
 * A 32-bit alpha-premultiplied colour: 8 bits each for r, g, b and a, with r, g, b <= a.
 * Widening to 16 bits multiplies by 0x101 (x | x << 8), so 0xff becomes 0xffff.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class RGBA implements Color {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;

  constructor(r: number, g: number, b: number, a: number) {
    this.r = r & 0xff;
    this.g = g & 0xff;
    this.b = b & 0xff;
    this.a = a & 0xff;
  }

  rgba(): RGBA16 {
    return [this.r * 0x101, this.g * 0x101, this.b * 0x101, this.a * 0x101];
  }
}

/**
 * A 64-bit alpha-premultiplied colour: 16 bits each for r, g, b and a, with r, g, b <= a.
 * Like a Go uint16 field, each field keeps the low 16 bits of its argument (`x & 0xffff`).
 */
export class RGBA64 implements Color {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;

  constructor(r: number, g: number, b: number, a: number) {
    this.r = r & 0xffff;
    this.g = g & 0xffff;
    this.b = b & 0xffff;
    this.a = a & 0xffff;
  }

  rgba(): RGBA16 {
    return [this.r, this.g, this.b, this.a];
  }
}
