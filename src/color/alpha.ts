import type { Color, RGBA16 } from './color.js';

/**
 * An 8-bit alpha colour: white at opacity a, premultiplied, so every component equals a×0x101.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class Alpha implements Color {
  readonly a: number;

  constructor(a: number) {
    this.a = a & 0xff;
  }

  rgba(): RGBA16 {
    const a = this.a * 0x101;
    return [a, a, a, a];
  }
}

/**
 * A 16-bit alpha colour: every component equals a.
 * Like a Go uint16 field, each field keeps the low 16 bits of its argument (`x & 0xffff`).
 */
export class Alpha16 implements Color {
  readonly a: number;

  constructor(a: number) {
    this.a = a & 0xffff;
  }

  rgba(): RGBA16 {
    const a = this.a;
    return [a, a, a, a];
  }
}
