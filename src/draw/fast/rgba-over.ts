import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { overTable } from './luts.js';
import { runs } from './runs.js';

/**
 * RGBA over RGBA, Go's drawCopyOver: per channel d = (d × a / 0xffff + s × 0x101) >> 8 with
 * a = (0xffff - sa × 0x101) × 0x101, read from the OVER table. An opaque source pixel replaces d
 * (the formula gives s when a = 0), which the loop takes as a shortcut.
 */
export function rgbaOverRGBA(dst: RGBAImage, r: Rectangle, src: RGBAImage, sp: Point): void {
  const t = overTable();
  const dpix = dst.pix;
  const spix = src.pix;
  const [rows, span] = runs(dst, r, src);
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = 0; y < rows; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + span; i < end; i += 4, j += 4) {
      const sa = spix[j + 3];
      if (sa === 0xff) {
        dpix[i] = spix[j];
        dpix[i + 1] = spix[j + 1];
        dpix[i + 2] = spix[j + 2];
        dpix[i + 3] = 0xff;
        continue;
      }
      const row = sa << 8;
      dpix[i] = (t[row | dpix[i]] + spix[j] * 0x101) >>> 8;
      dpix[i + 1] = (t[row | dpix[i + 1]] + spix[j + 1] * 0x101) >>> 8;
      dpix[i + 2] = (t[row | dpix[i + 2]] + spix[j + 2] * 0x101) >>> 8;
      dpix[i + 3] = (t[row | dpix[i + 3]] + sa * 0x101) >>> 8;
    }
  }
}
