import { cmykToRGB } from '../../color/cmyk.js';
import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { CMYKImage } from '../../image/cmyk-image.js';
import type { GrayImage } from '../../image/gray-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import type { YCbCrImage } from '../../image/ycbcr-image.js';

/*
 * Sources that are always opaque, into RGBA. Over equals Src for them, so draw.ts sends both
 * operators here (without a mask).
 */

/** Gray to RGBA, Go's drawGray: (y, y, y, 0xff). */
export function grayToRGBA(dst: RGBAImage, r: Rectangle, src: GrayImage, sp: Point): void {
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = s0 + w; j < end; i += 4, j++) {
      const v = spix[j];
      dpix[i] = v;
      dpix[i + 1] = v;
      dpix[i + 2] = v;
      dpix[i + 3] = 0xff;
    }
  }
}

/** CMYK to RGBA, Go's drawCMYK: `cmykToRGB` per pixel, alpha 0xff. */
export function cmykToRGBA(dst: RGBAImage, r: Rectangle, src: CMYKImage, sp: Point): void {
  const dpix = dst.pix;
  const spix = src.pix;
  const w4 = r.dx() * 4;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w4; i < end; i += 4, j += 4) {
      // (0xffff - ink × 0x101) × (0xffff - k × 0x101) / 0xffff, truncated, then >> 8.
      const w = 0xffff - spix[j + 3] * 0x101;
      dpix[i] = Math.floor(((0xffff - spix[j] * 0x101) * w) / 0xffff) >>> 8;
      dpix[i + 1] = Math.floor(((0xffff - spix[j + 1] * 0x101) * w) / 0xffff) >>> 8;
      dpix[i + 2] = Math.floor(((0xffff - spix[j + 2] * 0x101) * w) / 0xffff) >>> 8;
      dpix[i + 3] = 0xff;
    }
  }
}

/** Chroma divisors by subsample ratio: [horizontal, vertical]. */
const DIV: Record<string, readonly [number, number]> = {
  '444': [1, 1],
  '422': [2, 1],
  '420': [2, 2],
  '440': [1, 2],
  '411': [4, 1],
  '410': [4, 2],
};

/**
 * Y'CbCr to RGBA, Go's imageutil.DrawYCbCr (which covers 4:4:4, 4:2:2, 4:2:0 and 4:4:0; the
 * 4:1:1 and 4:1:0 ratios give the same bytes through Go's slower path, and this one handles
 * them too). The conversion is `yCbCrToRGB` inlined: JFIF coefficients in 16.16 fixed point,
 * clamped by testing the top byte.
 */
export function ycbcrToRGBA(dst: RGBAImage, r: Rectangle, src: YCbCrImage, sp: Point): void {
  const [hx, hy] = DIV[src.subsampleRatio];
  const dpix = dst.pix;
  const Y = src.y;
  const Cb = src.cb;
  const Cr = src.cr;
  const w = r.dx();
  const cx0 = (src.rect.min.x / hx) | 0;
  const cy0 = (src.rect.min.y / hy) | 0;
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let k = 0, sy = sp.y; k < r.dy(); k++, sy++, d0 += dst.stride) {
    const yi0 = (sy - src.rect.min.y) * src.yStride + (sp.x - src.rect.min.x);
    const ciRow = (((sy / hy) | 0) - cy0) * src.cStride - cx0;
    for (let x = 0, i = d0; x < w; x++, i += 4) {
      const ci = ciRow + (((sp.x + x) / hx) | 0);
      const yy1 = Y[yi0 + x] * 0x10101;
      const cb1 = Cb[ci] - 128;
      const cr1 = Cr[ci] - 128;
      let rr = yy1 + 91881 * cr1;
      rr = (rr & 0xff000000) === 0 ? rr >> 16 : ~(rr >> 31);
      let gg = yy1 - 22554 * cb1 - 46802 * cr1;
      gg = (gg & 0xff000000) === 0 ? gg >> 16 : ~(gg >> 31);
      let bb = yy1 + 116130 * cb1;
      bb = (bb & 0xff000000) === 0 ? bb >> 16 : ~(bb >> 31);
      dpix[i] = rr;
      dpix[i + 1] = gg;
      dpix[i + 2] = bb;
      dpix[i + 3] = 0xff;
    }
  }
}
