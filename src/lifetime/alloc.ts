import { LimitError, OptionError, SizeError } from '../errors.js';
import type { Rectangle } from '../geom/rectangle.js';

/**
 * The one place where pixel buffers are sized and allocated. Every image constructor comes here,
 * so the size checks, the pixel limit and (later) the pool and the debug stats see every buffer.
 */

/** The largest typed array this module will allocate or accept, in bytes (2^32 - 1). */
const MAX_BUFFER_BYTES = 0xffff_ffff;

/** Allocation settings. */
export interface AllocationLimits {
  /**
   * The largest number of pixels (width × height) one image may have. Default 2^28 (268 million,
   * for example 16384×16384): a 20-megapixel photo fits thirteen times over.
   */
  maxPixels: number;
}

const DEFAULT_MAX_PIXELS = 2 ** 28;
const limits: AllocationLimits = { maxPixels: DEFAULT_MAX_PIXELS };

/** The limits in force. The returned object is a copy. */
export function getAllocationLimits(): AllocationLimits {
  return { ...limits };
}

/**
 * Changes the process-wide allocation limits; omitted fields keep their value. Returns the
 * previous limits, so a test can restore them.
 * @throws OptionError (a TypeError) naming the option when a limit is not a positive safe integer.
 */
export function setAllocationLimits(next: Partial<AllocationLimits>): AllocationLimits {
  const prev = getAllocationLimits();
  if (next.maxPixels !== undefined) {
    if (!Number.isSafeInteger(next.maxPixels) || next.maxPixels <= 0) {
      throw new OptionError(`imago: maxPixels must be a positive integer, got ${next.maxPixels}`);
    }
    limits.maxPixels = next.maxPixels;
  }
  return prev;
}

function checkDimension(what: string, name: string, v: number): void {
  if (!Number.isSafeInteger(v)) throw new SizeError(`imago: ${what} ${name} ${v} is not an integer`);
  if (v < 0) throw new SizeError(`imago: ${what} ${name} ${v} is negative`);
}

/**
 * Checks width w and height h of an image called `what`, and returns w × h.
 * @throws SizeError for a negative, fractional or non-finite size, or when w × h overflows
 * (is not a safe integer).
 * @throws LimitError when w × h exceeds `maxPixels`.
 */
export function checkPixelCount(what: string, w: number, h: number): number {
  checkDimension(what, 'width', w);
  checkDimension(what, 'height', h);
  const n = w * h;
  if (!Number.isSafeInteger(n)) throw new SizeError(`imago: ${what} of ${w}x${h} pixels overflows`);
  if (n > limits.maxPixels) {
    throw new LimitError(`imago: ${what} of ${w}x${h} = ${n} pixels exceeds the pixel limit of ${limits.maxPixels}`);
  }
  return n;
}

/**
 * Checks a rectangle for an image called `what` and returns its pixel count: every corner a safe
 * integer (a fractional corner would make fractional byte offsets, even with a whole size), then
 * the size as {@link checkPixelCount}.
 * @throws SizeError naming the rectangle and the bad coordinate; LimitError over the limit.
 */
export function checkRect(what: string, r: Rectangle): number {
  const corners: [string, number][] = [
    ['min.x', r.min.x],
    ['min.y', r.min.y],
    ['max.x', r.max.x],
    ['max.y', r.max.y],
  ];
  for (const [name, v] of corners) {
    if (!Number.isSafeInteger(v)) throw new SizeError(`imago: ${what} rectangle ${r.toString()} has ${name} ${v}, not an integer`);
  }
  return checkPixelCount(what, r.dx(), r.dy());
}

/**
 * The byte length of a tight buffer of `bytesPerPixel` bytes per pixel for r, as Go's
 * `pixelBufferLength`.
 * @throws SizeError, LimitError as {@link checkRect}, or when the length overflows.
 */
export function pixelBufferLength(what: string, r: Rectangle, bytesPerPixel: number): number {
  const n = checkRect(what, r) * bytesPerPixel;
  if (n > MAX_BUFFER_BYTES) {
    throw new SizeError(`imago: ${what} of ${r.dx()}x${r.dy()} needs ${n} bytes, over the ${MAX_BUFFER_BYTES}-byte maximum`);
  }
  return n;
}

/**
 * Allocates a zeroed buffer of `length` bytes, owned by the caller (nothing else references it).
 * Every pixel buffer in imago is made here.
 * @throws SizeError when length is negative, fractional or too large.
 */
export function allocBytes(what: string, length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_BUFFER_BYTES) {
    throw new SizeError(`imago: ${what} buffer length ${length} is not a valid size (0 to ${MAX_BUFFER_BYTES})`);
  }
  return new Uint8Array(length);
}

/**
 * The minimum length of a buffer holding rows of `rowBytes` bytes, `rows` of them, `stride` apart:
 * (rows - 1) × stride + rowBytes, or 0 when there are no rows.
 */
export function minBufferLength(rows: number, stride: number, rowBytes: number): number {
  return rows === 0 || rowBytes === 0 ? 0 : (rows - 1) * stride + rowBytes;
}

/**
 * Checks a stride for rows of r: a non-negative safe integer, at least one row of
 * `bytesPerPixel`-byte pixels long when there is more than one row (a single row never steps).
 * @throws SizeError naming the stride and the row length.
 */
export function checkStride(what: string, stride: number, r: Rectangle, bytesPerPixel: number): void {
  if (!Number.isSafeInteger(stride) || stride < 0) {
    throw new SizeError(`imago: ${what} stride ${stride} is not a non-negative integer`);
  }
  const w = r.dx();
  const rowBytes = w * bytesPerPixel;
  if (r.dy() > 1 && stride < rowBytes) {
    throw new SizeError(`imago: ${what} stride ${stride} is shorter than a row of ${w} pixels (${rowBytes} bytes)`);
  }
}

/**
 * Checks a caller-given buffer (read only, never kept) for an image called `what`: a Uint8Array, a valid stride
 * ({@link checkStride}), and enough bytes for every row.
 * @throws OptionError (a TypeError) when pix is not a Uint8Array.
 * @throws SizeError naming the buffer length, the stride and the rectangle.
 */
export function checkPixBuffer(what: string, pix: Uint8Array, r: Rectangle, stride: number, bytesPerPixel: number): void {
  if (!(pix instanceof Uint8Array)) {
    throw new OptionError(`imago: ${what} pix must be a Uint8Array, got ${Object.prototype.toString.call(pix)}`);
  }
  const w = r.dx();
  const h = r.dy();
  checkRect(what, r);
  const rowBytes = w * bytesPerPixel;
  checkStride(what, stride, r, bytesPerPixel);
  const need = minBufferLength(h, stride, rowBytes);
  if (pix.length < need) {
    throw new SizeError(
      `imago: ${what} pix has ${pix.length} bytes, but ${r.toString()} with stride ${stride} needs at least ${need}`,
    );
  }
}
