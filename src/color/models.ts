import type { Color, Model } from './color.js';
import { RGBA, RGBA64 } from './rgba.js';
import { NRGBA, NRGBA64 } from './nrgba.js';
import { Alpha, Alpha16 } from './alpha.js';
import { Gray, Gray16 } from './gray.js';
import { CMYK, rgbToCMYK } from './cmyk.js';
import { NYCbCrA, YCbCr, rgbToYCbCr } from './ycbcr.js';

/*
 * The standard models, as Go's `color` package defines them. Each returns its input unchanged when
 * it already has the model's type, so every conversion is idempotent. Narrowing 16 bits to 8 keeps
 * the high byte (x >> 8); un-premultiplying computes c × 0xffff / a, truncated.
 */

function model(name: string, convert: (c: Color) => Color): Model {
  return Object.freeze({ name, convert });
}

export const RGBAModel: Model = model('rgba', (c) => {
  if (c instanceof RGBA) return c;
  const [r, g, b, a] = c.rgba();
  return new RGBA(r >>> 8, g >>> 8, b >>> 8, a >>> 8);
});

export const RGBA64Model: Model = model('rgba64', (c) => {
  if (c instanceof RGBA64) return c;
  const [r, g, b, a] = c.rgba();
  return new RGBA64(r, g, b, a);
});

/** Un-premultiplies 16-bit components: c × 0xffff / a, truncated. Opaque and transparent are exact. */
function unpremultiply(c: Color): [number, number, number, number] {
  const [r, g, b, a] = c.rgba();
  if (a === 0xffff) return [r, g, b, a];
  if (a === 0) return [0, 0, 0, 0];
  return [Math.floor((r * 0xffff) / a), Math.floor((g * 0xffff) / a), Math.floor((b * 0xffff) / a), a];
}

export const NRGBAModel: Model = model('nrgba', (c) => {
  if (c instanceof NRGBA) return c;
  const [r, g, b, a] = unpremultiply(c);
  return new NRGBA((r >>> 8) & 0xff, (g >>> 8) & 0xff, (b >>> 8) & 0xff, a >>> 8);
});

export const NRGBA64Model: Model = model('nrgba64', (c) => {
  if (c instanceof NRGBA64) return c;
  const [r, g, b, a] = unpremultiply(c);
  return new NRGBA64(r & 0xffff, g & 0xffff, b & 0xffff, a);
});

export const AlphaModel: Model = model('alpha', (c) => {
  if (c instanceof Alpha) return c;
  return new Alpha(c.rgba()[3] >>> 8);
});

export const Alpha16Model: Model = model('alpha16', (c) => {
  if (c instanceof Alpha16) return c;
  return new Alpha16(c.rgba()[3]);
});

/**
 * The luma of 16-bit premultiplied RGB as a 16.16 fixed-point number plus a rounding half:
 * (19595 r + 38470 g + 7471 b + 2^15). The weights are the JFIF fractions 0.299, 0.587 and 0.114
 * scaled by 2^16, and 19595 + 38470 + 7471 = 65536, so white maps to white. The sum is below 2^32.
 * @internal
 */
export function luma16(r: number, g: number, b: number): number {
  return 19595 * r + 38470 * g + 7471 * b + (1 << 15);
}

export const GrayModel: Model = model('gray', (c) => {
  if (c instanceof Gray) return c;
  const [r, g, b] = c.rgba();
  // 24 = 16 (the fixed-point scale) + 8 (16-bit to 8-bit).
  return new Gray(luma16(r, g, b) >>> 24);
});

export const Gray16Model: Model = model('gray16', (c) => {
  if (c instanceof Gray16) return c;
  const [r, g, b] = c.rgba();
  return new Gray16(luma16(r, g, b) >>> 16);
});

export const CMYKModel: Model = model('cmyk', (c) => {
  if (c instanceof CMYK) return c;
  const [r, g, b] = c.rgba();
  const [cc, mm, yy, kk] = rgbToCMYK(r >>> 8, g >>> 8, b >>> 8);
  return new CMYK(cc, mm, yy, kk);
});

/** Converts to YCbCr, dropping alpha (premultiplied components are used as they are, as Go does). */
export const YCbCrModel: Model = model('ycbcr', (c) => {
  if (c instanceof YCbCr) return c;
  const [r, g, b] = c.rgba();
  const [y, cb, cr] = rgbToYCbCr(r >>> 8, g >>> 8, b >>> 8);
  return new YCbCr(y, cb, cr);
});

export const NYCbCrAModel: Model = model('nycbcra', (c) => {
  if (c instanceof NYCbCrA) return c;
  if (c instanceof YCbCr) return new NYCbCrA(c.y, c.cb, c.cr, 0xff);
  let [r, g, b, a] = c.rgba();
  if (a !== 0) {
    r = Math.floor((r * 0xffff) / a);
    g = Math.floor((g * 0xffff) / a);
    b = Math.floor((b * 0xffff) / a);
  }
  const [y, cb, cr] = rgbToYCbCr((r >>> 8) & 0xff, (g >>> 8) & 0xff, (b >>> 8) & 0xff);
  return new NYCbCrA(y, cb, cr, a >>> 8);
});

/** Go's standard colours. */
export const Black = new Gray16(0);
export const White = new Gray16(0xffff);
export const Transparent = new Alpha16(0);
export const Opaque = new Alpha16(0xffff);
