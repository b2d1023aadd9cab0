import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import { checkOp, type ScaleOp } from './scaler.js';
import { scratchU16 } from './scratch.js';
import { rowWriter } from './dest-rows.js';

/**
 * The preamble every scaler shares, in Go's order: clip dr to the destination (the affected
 * rectangle, made relative to dr.min), give up when that or sr is empty, and turn `'over'` into
 * `'src'` when the source says it is opaque.
 */
export interface Prepared {
  /** The affected destination pixels, relative to dr.min. */
  readonly adr: Rectangle;
  readonly op: ScaleOp;
  /** The source to read: src itself, or a snapshot of it when it shares memory with dst. */
  readonly src: Image;
}

export function prepare(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): Prepared | undefined {
  checkOp(op);
  const adr = dst.bounds().intersect(dr);
  if (adr.empty() || sr.empty()) return undefined;
  if (op === 'over' && isOpaque(src)) op = 'src';
  return { adr: adr.sub(dr.min), op, src: unaliased(dst, src, sr) };
}

/** Go's `opaque(m)`: the image has an `opaque()` method and it returns true. */
export function isOpaque(m: Image): boolean {
  const o = (m as { opaque?: () => boolean }).opaque;
  return typeof o === 'function' && o.call(m) === true;
}

/** Whether src is a UniformImage that Go would draw as a fill (sr inside its bounds). */
export function isUniformSource(src: Image, sr: Rectangle): boolean {
  return (src as { kind?: string }).kind === 'uniform' && sr.in(src.bounds());
}

/**
 * Fills r (absolute, already inside dst) with the uniform colour of src, composed with op: Go's
 * `Draw(dst, r, uniform, ...)`.
 */
export function fillUniform(dst: MutableImage, r: Rectangle, src: Image, op: ScaleOp): void {
  if (r.empty()) return;
  const [cr, cg, cb, ca] = src.at(0, 0).rgba();
  const n = r.dx();
  const row = scratchU16(4 * n);
  for (let i = 0; i < 4 * n; i += 4) {
    row[i] = cr;
    row[i + 1] = cg;
    row[i + 2] = cb;
    row[i + 3] = ca;
  }
  const write = rowWriter(dst, op);
  for (let y = r.min.y; y < r.max.y; y++) write(r.min.x, y, row, n);
}

/** The typed arrays that hold an image's pixels, when it exposes them. */
function buffers(m: unknown): Uint8Array[] {
  const o = m as { pix?: unknown; y?: unknown; cb?: unknown; cr?: unknown; a?: unknown };
  const out: Uint8Array[] = [];
  for (const v of [o.pix, o.y, o.cb, o.cr, o.a]) if (v instanceof Uint8Array) out.push(v);
  return out;
}

/** Whether two images have pixel bytes in common. */
export function sharesMemory(a: unknown, b: unknown): boolean {
  for (const p of buffers(a)) {
    for (const q of buffers(b)) {
      if (p.buffer !== q.buffer || p.length === 0 || q.length === 0) continue;
      if (p.byteOffset < q.byteOffset + q.length && q.byteOffset < p.byteOffset + p.length) return true;
    }
  }
  return false;
}

/**
 * src itself, or, when it shares pixel memory with dst, an owned copy of its part inside sr (the
 * result is then as if scaled from a snapshot taken before the first write).
 */
function unaliased(dst: MutableImage, src: Image, sr: Rectangle): Image {
  if (!sharesMemory(dst, src)) return src;
  const s = src as Image & { subImage?: (r: Rectangle) => Image & { clone(): Image } };
  if (typeof s.subImage !== 'function') return src;
  return s.subImage(sr).clone();
}
