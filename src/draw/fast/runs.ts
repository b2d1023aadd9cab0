import type { Rectangle } from '../../geom/rectangle.js';
import type { BufferImage } from '../../image/buffer-image.js';

/**
 * How a fast path can walk rectangle r of dst together with the same-sized region of src:
 * `[rows, span]`, the number of runs and the destination bytes per run. When both images' rows
 * are contiguous (each stride equals the region's row length, so the region is one block in
 * each buffer) the whole region is a single run; otherwise there is one run per row, `stride`
 * bytes apart. Loops then step the destination and source offsets together within a run.
 */
export function runs(dst: BufferImage, r: Rectangle, src: BufferImage): [rows: number, span: number] {
  const w = r.dx();
  const h = r.dy();
  const span = w * dst.bytesPerPixel;
  if (dst.stride === span && src.stride === w * src.bytesPerPixel) return [1, span * h];
  return [h, span];
}
