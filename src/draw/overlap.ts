import type { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image } from '../image/image.js';

/*
 * Detecting draws whose source (or mask) shares pixel memory with the destination, for distinct
 * image objects as well as for one object drawn onto itself (spec/draw.md, "Overlap").
 */

/** The pixel-buffer shape that buffer images have (BufferImage, without importing it). */
interface Buffered {
  readonly pix: Uint8Array;
  readonly stride: number;
  readonly bytesPerPixel: number;
  readonly rect: Rectangle;
  pixOffset(x: number, y: number): number;
}

/** The planes of a Y'CbCr image. */
interface Planar {
  readonly y: Uint8Array;
  readonly cb: Uint8Array;
  readonly cr: Uint8Array;
  readonly a?: Uint8Array;
}

/** Whether m stores its pixels in one `pix` buffer with a stride. */
export function isBuffered(m: Image | null): m is Image & Buffered {
  return m !== null && (m as Partial<Buffered>).pix instanceof Uint8Array && typeof (m as Partial<Buffered>).pixOffset === 'function';
}

/** A byte range [start, end) inside one ArrayBuffer. */
interface Span {
  buffer: ArrayBufferLike;
  start: number;
  end: number;
}

/** The bytes that a draw touches in m, for the rectangle r (in m's coordinates, inside its bounds). */
function spans(m: Image, r: Rectangle): Span[] {
  if (isBuffered(m)) {
    const base = m.pix.byteOffset;
    return [
      {
        buffer: m.pix.buffer,
        start: base + m.pixOffset(r.min.x, r.min.y),
        end: base + m.pixOffset(r.max.x - 1, r.max.y - 1) + m.bytesPerPixel,
      },
    ];
  }
  const p = m as Partial<Planar>;
  if (p.y instanceof Uint8Array && p.cb instanceof Uint8Array && p.cr instanceof Uint8Array) {
    const planes = [p.y, p.cb, p.cr];
    if (p.a instanceof Uint8Array) planes.push(p.a);
    // Whole planes: a conservative answer is enough for this rare case.
    return planes.map((v) => ({ buffer: v.buffer, start: v.byteOffset, end: v.byteOffset + v.byteLength }));
  }
  return [];
}

/**
 * Whether drawing rectangle dr of dst reads bytes of m's rectangle mr that the draw also writes.
 * False for images whose memory cannot be seen (user types, wrappers); the generic path then
 * relies on identity, as Go does.
 */
export function sharesMemory(dst: Image, dr: Rectangle, m: Image, mr: Rectangle): boolean {
  const a = spans(dst, dr);
  if (a.length === 0) return false;
  const b = spans(m, mr);
  for (const x of a) for (const y of b) if (x.buffer === y.buffer && x.start < y.end && y.start < x.end) return true;
  return false;
}

/**
 * Whether dst and src step through memory in lockstep: both buffer images with equal bytes per
 * pixel and equal strides in the same buffer. Then walking pixels forward is safe when the source
 * lies at or after the destination, and backward otherwise.
 */
export function sameGeometry(dst: Image, src: Image): boolean {
  return (
    isBuffered(dst) &&
    isBuffered(src) &&
    dst.pix.buffer === src.pix.buffer &&
    dst.bytesPerPixel === src.bytesPerPixel &&
    dst.stride === src.stride
  );
}

/** The byte distance from dst's pixel r.min to src's pixel sp, in their shared buffer. */
export function byteDelta(dst: Image & Buffered, r: Rectangle, src: Image & Buffered, sp: Point): number {
  return src.pix.byteOffset + src.pixOffset(sp.x, sp.y) - (dst.pix.byteOffset + dst.pixOffset(r.min.x, r.min.y));
}

/** A snapshot of m's rectangle r: an owned copy with the same type and coordinates. */
export function snapshot(m: Image, r: Rectangle): Image {
  const c = m as Image & { subImage?: (r: Rectangle) => { clone(): Image } };
  if (typeof c.subImage !== 'function') return m;
  return c.subImage(r).clone();
}

