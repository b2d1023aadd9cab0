import type { Color, RGBA16 } from './color.js';

/*
 * Y'CbCr as JFIF defines it, in Go's fixed-point form. The coefficients are the JFIF fractions
 * scaled by 2^16:
 *   Y  =  0.299 R + 0.587 G + 0.114 B             -> 19595, 38470, 7471 (they sum to 65536)
 *   Cb = -0.1687 R - 0.3313 G + 0.5 B + 128        -> -11056, -21712, 32768
 *   Cr =  0.5 R - 0.4187 G - 0.0813 B + 128        -> 32768, -27440, -5328
 *   R  = Y + 1.40200 (Cr-128)                      -> 91881
 *   G  = Y - 0.34414 (Cb-128) - 0.71414 (Cr-128)   -> 22554, 46802
 *   B  = Y + 1.77200 (Cb-128)                      -> 116130
 * All intermediate values fit in int32, so `| 0` arithmetic reproduces Go's int32 maths exactly.
 * Clamping: a value whose top byte is non-zero is out of [0, 2^24) and becomes 0 (negative) or
 * all ones (too large): `~(x >> 31)`.
 */

/** Converts 8-bit R'G'B' to 8-bit Y'CbCr, bit for bit as Go's `color.RGBToYCbCr`. */
export function rgbToYCbCr(r: number, g: number, b: number): [y: number, cb: number, cr: number] {
  const yy = (19595 * r + 38470 * g + 7471 * b + (1 << 15)) >> 16;
  let cb = -11056 * r - 21712 * g + 32768 * b + (257 << 15);
  cb = (cb & 0xff000000) === 0 ? cb >> 16 : ~(cb >> 31);
  let cr = 32768 * r - 27440 * g - 5328 * b + (257 << 15);
  cr = (cr & 0xff000000) === 0 ? cr >> 16 : ~(cr >> 31);
  return [yy & 0xff, cb & 0xff, cr & 0xff];
}

/** Converts 8-bit Y'CbCr to 8-bit R'G'B', bit for bit as Go's `color.YCbCrToRGB`. */
export function yCbCrToRGB(y: number, cb: number, cr: number): [r: number, g: number, b: number] {
  const yy1 = y * 0x10101;
  const cb1 = cb - 128;
  const cr1 = cr - 128;
  let r = yy1 + 91881 * cr1;
  r = (r & 0xff000000) === 0 ? r >> 16 : ~(r >> 31);
  let g = yy1 - 22554 * cb1 - 46802 * cr1;
  g = (g & 0xff000000) === 0 ? g >> 16 : ~(g >> 31);
  let b = yy1 + 116130 * cb1;
  b = (b & 0xff000000) === 0 ? b >> 16 : ~(b >> 31);
  return [r & 0xff, g & 0xff, b & 0xff];
}

/**
 * Writes the 16-bit premultiplied RGB of an opaque Y'CbCr colour into the caller's out[0..2]. This keeps more
 * precision than `yCbCrToRGB` followed by widening (Go's `YCbCr.RGBA`: shift by 8, not 16).
 * @internal shared by the colour classes and the image fast paths.
 */
export function yCbCrToRGB16(y: number, cb: number, cr: number, out: Uint32Array | number[]): void {
  const yy1 = y * 0x10101;
  const cb1 = cb - 128;
  const cr1 = cr - 128;
  let r = yy1 + 91881 * cr1;
  r = (r & 0xff000000) === 0 ? r >> 8 : ~(r >> 31) & 0xffff;
  let g = yy1 - 22554 * cb1 - 46802 * cr1;
  g = (g & 0xff000000) === 0 ? g >> 8 : ~(g >> 31) & 0xffff;
  let b = yy1 + 116130 * cb1;
  b = (b & 0xff000000) === 0 ? b >> 8 : ~(b >> 31) & 0xffff;
  out[0] = r;
  out[1] = g;
  out[2] = b;
}

/**
 * An opaque Y'CbCr colour, 8 bits per channel (JFIF full range).
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class YCbCr implements Color {
  readonly y: number;
  readonly cb: number;
  readonly cr: number;

  constructor(y: number, cb: number, cr: number) {
    this.y = y & 0xff;
    this.cb = cb & 0xff;
    this.cr = cr & 0xff;
  }

  rgba(): RGBA16 {
    const out: RGBA16 = [0, 0, 0, 0xffff];
    yCbCrToRGB16(this.y, this.cb, this.cr, out);
    return out;
  }
}

/**
 * A non-premultiplied Y'CbCr colour with an 8-bit alpha.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class NYCbCrA implements Color {
  readonly y: number;
  readonly cb: number;
  readonly cr: number;
  readonly a: number;

  constructor(y: number, cb: number, cr: number, a: number) {
    this.y = y & 0xff;
    this.cb = cb & 0xff;
    this.cr = cr & 0xff;
    this.a = a & 0xff;
  }

  rgba(): RGBA16 {
    const out: RGBA16 = [0, 0, 0, 0];
    yCbCrToRGB16(this.y, this.cb, this.cr, out);
    const a = this.a * 0x101;
    out[0] = Math.floor((out[0] * a) / 0xffff);
    out[1] = Math.floor((out[1] * a) / 0xffff);
    out[2] = Math.floor((out[2] * a) / 0xffff);
    out[3] = a;
    return out;
  }
}
