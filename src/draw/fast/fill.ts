import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { BufferImage } from '../../image/buffer-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import type { UniformImage } from '../../image/uniform-image.js';
import { overTable } from './luts.js';

/**
 * Src from a uniform colour into any buffer image: every pixel gets the bytes that
 * `storeRGBA64` writes for the colour (Go's drawFillSrc for RGBA, its index fill for Paletted).
 * The first pixel is stored through the image, then its bytes are doubled across the first row
 * with `copyWithin`, and the first row is copied into the others.
 */
export function fillSrc(dst: BufferImage, r: Rectangle, src: UniformImage, _sp: Point): void {
  const [cr, cg, cb, ca] = src.c.rgba();
  dst.storeRGBA64(r.min.x, r.min.y, cr, cg, cb, ca);
  const pix = dst.pix;
  const i0 = dst.pixOffset(r.min.x, r.min.y);
  const rowBytes = r.dx() * dst.bytesPerPixel;
  for (let filled = dst.bytesPerPixel; filled < rowBytes; filled *= 2) {
    pix.copyWithin(i0 + filled, i0, i0 + Math.min(filled, rowBytes - filled));
  }
  for (let y = r.min.y + 1, i = i0 + dst.stride; y < r.max.y; y++, i += dst.stride) {
    pix.copyWithin(i, i0, i0 + rowBytes);
  }
}

/**
 * Over from a translucent uniform colour into RGBA, Go's drawFillOver:
 * d = (d × a / 0xffff + s) >> 8 per channel, with a = (0xffff - sa) × 0x101 (the 0x101 widens the
 * 8-bit d to 16 bits inside the same product).
 */
export function fillOver(dst: RGBAImage, r: Rectangle, src: UniformImage, _sp: Point): void {
  const [sr, sg, sb, sa] = src.c.rgba();
  const pix = dst.pix;
  const w4 = r.dx() * 4;
  if ((sa & 0xff) === sa >>> 8) {
    // sa = k × 0x101 for an 8-bit k, so the OVER table row for k holds d × a / 0xffff.
    const t = overTable();
    const row = (sa >>> 8) << 8;
    for (let y = r.min.y, i0 = dst.pixOffset(r.min.x, r.min.y); y < r.max.y; y++, i0 += dst.stride) {
      for (let i = i0, end = i0 + w4; i < end; i += 4) {
        pix[i] = (t[row | pix[i]] + sr) >>> 8;
        pix[i + 1] = (t[row | pix[i + 1]] + sg) >>> 8;
        pix[i + 2] = (t[row | pix[i + 2]] + sb) >>> 8;
        pix[i + 3] = (t[row | pix[i + 3]] + sa) >>> 8;
      }
    }
    return;
  }
  const a = (0xffff - sa) * 0x101;
  for (let y = r.min.y, i0 = dst.pixOffset(r.min.x, r.min.y); y < r.max.y; y++, i0 += dst.stride) {
    for (let i = i0, end = i0 + w4; i < end; i += 4) {
      pix[i] = (Math.floor((pix[i] * a) / 0xffff) + sr) >>> 8;
      pix[i + 1] = (Math.floor((pix[i + 1] * a) / 0xffff) + sg) >>> 8;
      pix[i + 2] = (Math.floor((pix[i + 2] * a) / 0xffff) + sb) >>> 8;
      pix[i + 3] = (Math.floor((pix[i + 3] * a) / 0xffff) + sa) >>> 8;
    }
  }
}
