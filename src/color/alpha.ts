import type { Color, RGBA16 } from './color.js';

/** An 8-bit alpha colour: white at opacity a, premultiplied, so every component equals a×0x101. */
export class Alpha implements Color {
  constructor(readonly a: number) {}

  rgba(): RGBA16 {
    const a = this.a * 0x101;
    return [a, a, a, a];
  }
}

/** A 16-bit alpha colour: every component equals a. */
export class Alpha16 implements Color {
  constructor(readonly a: number) {}

  rgba(): RGBA16 {
    const a = this.a;
    return [a, a, a, a];
  }
}
