import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { AlphaImage } from '../../image/alpha-image.js';
import type { GrayImage } from '../../image/gray-image.js';
import type { RGBA64Readable } from '../../image/image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import type { UniformImage } from '../../image/uniform-image.js';

/*
 * Over into RGBA through an 8-bit Alpha mask (Go's drawGlyphOver, drawRGBAMaskOver,
 * drawGrayMaskOver and drawRGBA64ImageMaskOver). With ma = m8 × 0x101 and a 16-bit source s:
 *
 *   a = (0xffff - sa × ma / 0xffff) × 0x101
 *   d = ((d × a + s × ma) / 0xffff) >> 8
 *
 * The 0x101 in a widens the 8-bit d inside the product. d × a + s × ma stays below 2^32 for valid
 * premultiplied input; `>>> 0` reduces it mod 2^32 as Go's uint32 maths does otherwise.
 */

const M = 0xffff;

/** A uniform colour through an Alpha mask (text glyphs), Go's drawGlyphOver. */
export function glyphOver(dst: RGBAImage, r: Rectangle, src: UniformImage, _sp: Point, mask: AlphaImage, mp: Point): void {
  const [sr, sg, sb, sa] = src.c.rgba();
  const dpix = dst.pix;
  const mpix = mask.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let m0 = mask.pixOffset(mp.x, mp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, m0 += mask.stride) {
    for (let i = d0, j = m0, end = m0 + w; j < end; i += 4, j++) {
      const m8 = mpix[j];
      if (m8 === 0) continue;
      const ma = m8 * 0x101;
      const a = (M - Math.floor((sa * ma) / M)) * 0x101;
      dpix[i] = Math.floor(((dpix[i] * a + sr * ma) >>> 0) / M) >>> 8;
      dpix[i + 1] = Math.floor(((dpix[i + 1] * a + sg * ma) >>> 0) / M) >>> 8;
      dpix[i + 2] = Math.floor(((dpix[i + 2] * a + sb * ma) >>> 0) / M) >>> 8;
      dpix[i + 3] = Math.floor(((dpix[i + 3] * a + sa * ma) >>> 0) / M) >>> 8;
    }
  }
}

/** RGBA through an Alpha mask, Go's drawRGBAMaskOver. */
export function rgbaMaskOver(dst: RGBAImage, r: Rectangle, src: RGBAImage, sp: Point, mask: AlphaImage, mp: Point): void {
  const dpix = dst.pix;
  const spix = src.pix;
  const mpix = mask.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  let m0 = mask.pixOffset(mp.x, mp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride, m0 += mask.stride) {
    for (let i = d0, s = s0, j = m0, end = m0 + w; j < end; i += 4, s += 4, j++) {
      const ma = mpix[j] * 0x101;
      const sa = spix[s + 3] * 0x101;
      const a = (M - Math.floor((sa * ma) / M)) * 0x101;
      dpix[i] = Math.floor(((dpix[i] * a + spix[s] * 0x101 * ma) >>> 0) / M) >>> 8;
      dpix[i + 1] = Math.floor(((dpix[i + 1] * a + spix[s + 1] * 0x101 * ma) >>> 0) / M) >>> 8;
      dpix[i + 2] = Math.floor(((dpix[i + 2] * a + spix[s + 2] * 0x101 * ma) >>> 0) / M) >>> 8;
      dpix[i + 3] = Math.floor(((dpix[i + 3] * a + sa * ma) >>> 0) / M) >>> 8;
    }
  }
}

/** Gray through an Alpha mask, Go's drawGrayMaskOver: the source is (y, y, y, 0xffff). */
export function grayMaskOver(dst: RGBAImage, r: Rectangle, src: GrayImage, sp: Point, mask: AlphaImage, mp: Point): void {
  const dpix = dst.pix;
  const spix = src.pix;
  const mpix = mask.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  let m0 = mask.pixOffset(mp.x, mp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride, m0 += mask.stride) {
    for (let i = d0, s = s0, j = m0, end = m0 + w; j < end; i += 4, s++, j++) {
      const ma = mpix[j] * 0x101;
      const sy = spix[s] * 0x101 * ma;
      // sa = 0xffff, so sa × ma / 0xffff = ma.
      const a = (M - ma) * 0x101;
      dpix[i] = Math.floor(((dpix[i] * a + sy) >>> 0) / M) >>> 8;
      dpix[i + 1] = Math.floor(((dpix[i + 1] * a + sy) >>> 0) / M) >>> 8;
      dpix[i + 2] = Math.floor(((dpix[i + 2] * a + sy) >>> 0) / M) >>> 8;
      dpix[i + 3] = Math.floor(((dpix[i + 3] * a + M * ma) >>> 0) / M) >>> 8;
    }
  }
}

/** Any source that loads 16-bit RGBA, through an Alpha mask: Go's drawRGBA64ImageMaskOver. */
export function anyMaskOver(dst: RGBAImage, r: Rectangle, src: RGBA64Readable, sp: Point, mask: AlphaImage, mp: Point): void {
  const dpix = dst.pix;
  const mpix = mask.pix;
  const s = new Uint32Array(4);
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let m0 = mask.pixOffset(mp.x, mp.y);
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride, m0 += mask.stride) {
    for (let i = d0, sx = sp.x, j = m0, end = m0 + w; j < end; i += 4, sx++, j++) {
      const ma = mpix[j] * 0x101;
      src.loadRGBA64(sx, sy, s);
      const a = (M - Math.floor((s[3] * ma) / M)) * 0x101;
      dpix[i] = Math.floor(((dpix[i] * a + s[0] * ma) >>> 0) / M) >>> 8;
      dpix[i + 1] = Math.floor(((dpix[i + 1] * a + s[1] * ma) >>> 0) / M) >>> 8;
      dpix[i + 2] = Math.floor(((dpix[i + 2] * a + s[2] * ma) >>> 0) / M) >>> 8;
      dpix[i + 3] = Math.floor(((dpix[i + 3] * a + s[3] * ma) >>> 0) / M) >>> 8;
    }
  }
}
