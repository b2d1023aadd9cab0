import type { Color, RGBA16 } from './color.js';

/** Converts 8-bit RGB to 8-bit CMYK, bit for bit as Go's `color.RGBToCMYK`. */
export function rgbToCMYK(r: number, g: number, b: number): [c: number, m: number, y: number, k: number] {
  const w = Math.max(r, g, b);
  if (w === 0) return [0, 0, 0, 0xff];
  return [
    Math.floor(((w - r) * 0xff) / w),
    Math.floor(((w - g) * 0xff) / w),
    Math.floor(((w - b) * 0xff) / w),
    0xff - w,
  ];
}

/** Converts 8-bit CMYK to 8-bit RGB, bit for bit as Go's `color.CMYKToRGB`. */
export function cmykToRGB(c: number, m: number, y: number, k: number): [r: number, g: number, b: number] {
  const w = 0xffff - k * 0x101;
  return [
    Math.floor(((0xffff - c * 0x101) * w) / 0xffff) >>> 8,
    Math.floor(((0xffff - m * 0x101) * w) / 0xffff) >>> 8,
    Math.floor(((0xffff - y * 0x101) * w) / 0xffff) >>> 8,
  ];
}

/**
 * An opaque CMYK colour, 8 bits per ink. `rgba()` computes each channel as
 * (0xffff - ink×0x101) × (0xffff - k×0x101) / 0xffff, truncated.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class CMYK implements Color {
  readonly c: number;
  readonly m: number;
  readonly y: number;
  readonly k: number;

  constructor(c: number, m: number, y: number, k: number) {
    this.c = c & 0xff;
    this.m = m & 0xff;
    this.y = y & 0xff;
    this.k = k & 0xff;
  }

  rgba(): RGBA16 {
    const w = 0xffff - this.k * 0x101;
    return [
      Math.floor(((0xffff - this.c * 0x101) * w) / 0xffff),
      Math.floor(((0xffff - this.m * 0x101) * w) / 0xffff),
      Math.floor(((0xffff - this.y * 0x101) * w) / 0xffff),
      0xffff,
    ];
  }
}
