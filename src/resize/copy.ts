import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import type { BufferImage } from '../image/buffer-image.js';
import { rowWriter } from './dest-rows.js';
import { fillUniform, isOpaque, sharesMemory } from './prepare.js';
import type { ScaleOp } from './scaler.js';
import { scratchU16 } from './scratch.js';
import { sourceReader } from './source-rows.js';

/**
 * Go's `draw.Copy(dst, dp, src, sr, op, nil)`, which NearestNeighbor and ApproxBiLinear call when
 * dr and sr have the same size. It is `image/draw.Draw` of sr onto the rectangle at dr.min, with
 * Draw's clipping: only pixels inside both dst and src bounds are touched (unlike scaling, which
 * writes the zero colour where sr leaves the source).
 *
 * The values are Draw's: `'src'` stores the source colour, `'over'` blends with Go's formula, and
 * NRGBA onto NRGBA (and NRGBA64 onto NRGBA64) with `'src'` copies bytes, as Go does, without the
 * loss of a round trip through premultiplied colour. When src shares memory with dst, the result
 * is as if copied from a snapshot.
 */
export function copyRect(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): void {
  let r = dr.intersect(dst.bounds());
  r = r.intersect(src.bounds().add(dr.min.sub(sr.min)));
  if (r.empty()) return;
  const sx = sr.min.x + (r.min.x - dr.min.x);
  const sy = sr.min.y + (r.min.y - dr.min.y);
  const kind = (src as { kind?: string }).kind;
  if (kind === 'uniform') {
    fillUniform(dst, r, src, op);
    return;
  }
  const n = r.dx();
  const dkind = (dst as { kind?: string }).kind;
  if (dkind === kind && (op === 'src' || isOpaqueRGBA(kind, src)) && (kind === 'nrgba' || kind === 'nrgba64' || kind === 'rgba' || kind === 'rgba64')) {
    copyBytes(dst as unknown as BufferImage, r, src as BufferImage, sx, sy);
    return;
  }
  let source = src;
  if (sharesMemory(dst, src)) {
    const s = src as Image & { subImage?: (r: Rectangle) => Image & { clone(): Image } };
    if (typeof s.subImage === 'function') source = s.subImage(r.sub(dr.min).add(sr.min)).clone();
  }
  const read = sourceReader(source, r.sub(dr.min).add(sr.min));
  const write = rowWriter(dst, op);
  const row = scratchU16(4 * n);
  for (let y = 0; y < r.dy(); y++) {
    read.loadRow(sx, sy + y, n, row);
    write(r.min.x, r.min.y + y, row, n);
  }
}

/** RGBA and RGBA64 'over' from an opaque source is a copy too (the blend keeps the source). */
function isOpaqueRGBA(kind: string | undefined, src: Image): boolean {
  return (kind === 'rgba' || kind === 'rgba64') && isOpaque(src);
}

/** Row copies with `copyWithin`/`set`; overlapping views are handled by copying from a snapshot. */
function copyBytes(dst: BufferImage, r: Rectangle, src: BufferImage, sx: number, sy: number): void {
  const rowBytes = r.dx() * dst.bytesPerPixel;
  const h = r.dy();
  let spix = src.pix;
  let s0 = src.pixOffset(sx, sy);
  let sstride = src.stride;
  if (sharesMemory(dst, src)) {
    const snap = new Uint8Array(rowBytes * h);
    for (let y = 0; y < h; y++) snap.set(spix.subarray(s0 + y * sstride, s0 + y * sstride + rowBytes), y * rowBytes);
    spix = snap;
    s0 = 0;
    sstride = rowBytes;
  }
  const d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = 0; y < h; y++) {
    const s = s0 + y * sstride;
    dst.pix.set(spix.subarray(s, s + rowBytes), d0 + y * dst.stride);
  }
}
