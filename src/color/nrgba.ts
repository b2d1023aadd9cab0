import type { Color, RGBA16 } from './color.js';

/**
 * A non-premultiplied 32-bit colour, the layout of canvas `ImageData`.
 * `rgba()` widens each channel to 16 bits (×0x101), then premultiplies: c16 * a8 / 0xff,
 * truncated, as Go does.
 */
export class NRGBA implements Color {
  constructor(
    readonly r: number,
    readonly g: number,
    readonly b: number,
    readonly a: number,
  ) {}

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

/** A non-premultiplied 64-bit colour. `rgba()` premultiplies: c * a / 0xffff, truncated. */
export class NRGBA64 implements Color {
  constructor(
    readonly r: number,
    readonly g: number,
    readonly b: number,
    readonly a: number,
  ) {}

  rgba(): RGBA16 {
    const a = this.a;
    return [Math.floor((this.r * a) / 0xffff), Math.floor((this.g * a) / 0xffff), Math.floor((this.b * a) / 0xffff), a];
  }
}
