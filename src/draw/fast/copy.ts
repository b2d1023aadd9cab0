import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { BufferImage } from '../../image/buffer-image.js';

/**
 * The same-layout copy: dst and src have the same pixel layout, so Src is a byte copy (Go's
 * drawCopySrc). One `set` when both images' rows are contiguous (stride = row length), else one
 * per row.
 *
 * Overlap: when both views share an `ArrayBuffer` and a stride, `copyWithin` on one view of that
 * buffer (a memmove) copies each row, and rows are visited top-down when the source lies after
 * the destination in memory and bottom-up otherwise, so no row is read after it was overwritten;
 * no pixel memory is allocated. With different strides in one buffer the source rows are copied
 * to a temporary first. Either way the result equals copying from a snapshot of src.
 */
export function copySameLayout(dst: BufferImage, r: Rectangle, src: BufferImage, sp: Point): void {
  const bpp = dst.bytesPerPixel;
  const rowBytes = r.dx() * bpp;
  const h = r.dy();
  const dpix = dst.pix;
  const spix = src.pix;
  const d0 = dst.pixOffset(r.min.x, r.min.y);
  const s0 = src.pixOffset(sp.x, sp.y);
  const ds = dst.stride;
  const ss = src.stride;
  if (dpix.buffer === spix.buffer) {
    // One view over the whole buffer, so copyWithin can move bytes between the two images.
    const all = new Uint8Array(dpix.buffer as ArrayBuffer);
    const d = dpix.byteOffset + d0;
    const s = spix.byteOffset + s0;
    if (d === s && ds === ss) return;
    if (ds !== ss) {
      // Rows of different strides can interleave in any order: copy from a snapshot of the
      // source rows (draw.ts avoids this case, but the function stands on its own).
      const snap = spix.slice(s0, s0 + (h - 1) * ss + rowBytes);
      for (let k = 0; k < h; k++) dpix.set(snap.subarray(k * ss, k * ss + rowBytes), d0 + k * ds);
      return;
    }
    if (ds === rowBytes && ss === rowBytes) {
      all.copyWithin(d, s, s + rowBytes * h);
      return;
    }
    if (s >= d) {
      for (let k = 0; k < h; k++) all.copyWithin(d + k * ds, s + k * ss, s + k * ss + rowBytes);
    } else {
      for (let k = h - 1; k >= 0; k--) all.copyWithin(d + k * ds, s + k * ss, s + k * ss + rowBytes);
    }
    return;
  }
  if (ds === rowBytes && ss === rowBytes) {
    dpix.set(spix.subarray(s0, s0 + rowBytes * h), d0);
    return;
  }
  for (let k = 0, d = d0, s = s0; k < h; k++, d += ds, s += ss) {
    dpix.set(spix.subarray(s, s + rowBytes), d);
  }
}
