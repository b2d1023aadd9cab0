/**
 * PNG's fixed facts: the signature, colour types, the valid (colour type, bit depth) pairs, and
 * the Adam7 passes. See the PNG specification (https://www.w3.org/TR/png/) sections 5 to 8.
 * @internal
 */

/** The 8-byte signature: \x89 P N G \r \n \x1a \n. */
export const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Colour types (IHDR byte 9). */
export const CT_GRAY = 0;
export const CT_TRUECOLOR = 2;
export const CT_PALETTED = 3;
export const CT_GRAY_ALPHA = 4;
export const CT_TRUECOLOR_ALPHA = 6;

/** Row filter types (the first byte of every scanline). */
export const FT_NONE = 0;
export const FT_SUB = 1;
export const FT_UP = 2;
export const FT_AVERAGE = 3;
export const FT_PAETH = 4;

/** Samples per pixel of a valid colour type. */
export function channels(colorType: number): number {
  switch (colorType) {
    case CT_GRAY_ALPHA:
      return 2;
    case CT_TRUECOLOR:
      return 3;
    case CT_TRUECOLOR_ALPHA:
      return 4;
    default:
      return 1;
  }
}

/**
 * Whether the spec allows this pair (table 11.1): grey 1/2/4/8/16, paletted 1/2/4/8, and the
 * other three 8/16.
 */
export function validDepth(colorType: number, depth: number): boolean {
  switch (colorType) {
    case CT_GRAY:
      return depth === 1 || depth === 2 || depth === 4 || depth === 8 || depth === 16;
    case CT_PALETTED:
      return depth === 1 || depth === 2 || depth === 4 || depth === 8;
    case CT_TRUECOLOR:
    case CT_GRAY_ALPHA:
    case CT_TRUECOLOR_ALPHA:
      return depth === 8 || depth === 16;
    default:
      return false;
  }
}

/**
 * The byte length of one scanline of `width` pixels at `bitsPerPixel`, without its filter byte:
 * ceil(width × bitsPerPixel / 8).
 */
export function rowBytes(width: number, bitsPerPixel: number): number {
  return Math.ceil((width * bitsPerPixel) / 8);
}

/** One Adam7 pass: pixels (x0 + i·dx, y0 + j·dy). */
export interface Pass {
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
}

/** The seven Adam7 passes (section 8.2), in order. */
export const ADAM7: readonly Pass[] = [
  { x0: 0, y0: 0, dx: 8, dy: 8 },
  { x0: 4, y0: 0, dx: 8, dy: 8 },
  { x0: 0, y0: 4, dx: 4, dy: 8 },
  { x0: 2, y0: 0, dx: 4, dy: 4 },
  { x0: 0, y0: 2, dx: 2, dy: 4 },
  { x0: 1, y0: 0, dx: 2, dy: 2 },
  { x0: 0, y0: 1, dx: 1, dy: 2 },
];

/** The whole image as a single pass, for non-interlaced files. */
export const NO_INTERLACE: readonly Pass[] = [{ x0: 0, y0: 0, dx: 1, dy: 1 }];

/** The number of columns (or rows) a pass covers in an image `size` pixels wide (or tall). */
export function passSize(size: number, offset: number, step: number): number {
  return size > offset ? Math.ceil((size - offset) / step) : 0;
}

/** A chunk type as four ASCII characters; bytes outside printable ASCII are escaped. */
export function chunkName(p: Uint8Array, i: number): string {
  let s = '';
  for (let k = 0; k < 4; k++) {
    const b = p[i + k];
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return s;
}

/** Reads a big-endian uint32. */
export function readU32(p: Uint8Array, i: number): number {
  return ((p[i] << 24) | (p[i + 1] << 16) | (p[i + 2] << 8) | p[i + 3]) >>> 0;
}

/** Writes a big-endian uint32. */
export function writeU32(p: Uint8Array, i: number, v: number): void {
  p[i] = v >>> 24;
  p[i + 1] = v >>> 16;
  p[i + 2] = v >>> 8;
  p[i + 3] = v;
}
