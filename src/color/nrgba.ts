import type { Color, RGBA16 } from './color.js';

/**
 * A non-premultiplied 32-bit colour, the layout of canvas `ImageData`.
 * `rgba()` widens each channel to 16 bits (×0x101), then premultiplies: c16 * a8 / 0xff,
 * truncated, as Go does.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class NRGBA implements Color {
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
    const a = this.a;
    return [
      Math.floor((this.r * 0x101 * a) / 0xff),
      Math.floor((this.g * 0x101 * a) / 0xff),
      Math.floor((this.b * 0x101 * a) / 0xff),
      a * 0x101,
    ];
  }
}

/**
 * A non-premultiplied 64-bit colour. `rgba()` premultiplies: c * a / 0xffff, truncated.
 * Like a Go uint16 field, each field keeps the low 16 bits of its argument (`x & 0xffff`).
 */
export class NRGBA64 implements Color {
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
    const a = this.a;
    return [Math.floor((this.r * a) / 0xffff), Math.floor((this.g * a) / 0xffff), Math.floor((this.b * a) / 0xffff), a];
  }
}
