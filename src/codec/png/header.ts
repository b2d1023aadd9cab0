import { formatError, type Where } from './errors.js';
import { channels, readU32, validDepth } from './format.js';

/** The IHDR chunk: what every PNG declares before anything else (PNG section 11.2.2). */
export interface PngHeader {
  /** Width in pixels, 1 to 2^31 - 1. */
  readonly width: number;
  /** Height in pixels, 1 to 2^31 - 1. */
  readonly height: number;
  /** Bits per sample (per palette index for colour type 3). */
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  /** 0 grey, 2 truecolour, 3 paletted, 4 grey + alpha, 6 truecolour + alpha. */
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  /** Adam7 interlacing (interlace method 1). */
  readonly interlaced: boolean;
}

/** Bits per pixel of a valid header: channels × bit depth. */
export function bitsPerPixel(h: PngHeader): number {
  return channels(h.colorType) * h.bitDepth;
}

/**
 * The byte distance the filters look back, "bpp" in the spec: bytes per complete pixel, rounded
 * up to 1 for depths below 8.
 */
export function filterStride(h: PngHeader): number {
  return Math.max(1, bitsPerPixel(h) >> 3);
}

/** The largest width or height PNG allows, 2^31 - 1. */
const MAX_DIMENSION = 0x7fff_ffff;

/**
 * Parses the 13 data bytes of IHDR.
 *
 * Every value the specification does not define is a FormatError: an unknown colour type, a bit
 * depth the colour type does not allow, a compression or filter method other than 0, an interlace
 * method other than 0 or 1, a zero dimension or one over 2^31 - 1. (Go calls the first four an
 * UnsupportedError; they are not optional features a decoder may lack, so imago calls the file
 * invalid. Both reject the file.)
 */
export function parseIHDR(data: Uint8Array, where: Where): PngHeader {
  if (data.length !== 13) throw formatError(`bad IHDR length ${data.length}, want 13`, where);
  const width = readU32(data, 0);
  const height = readU32(data, 4);
  const depth = data[8];
  const colorType = data[9];
  if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw formatError(`invalid dimensions ${width}x${height}: each must be 1 to 2^31-1`, where);
  }
  if (!validDepth(colorType, depth)) {
    throw formatError(`invalid combination of bit depth ${depth} and colour type ${colorType}`, where);
  }
  if (data[10] !== 0) throw formatError(`unknown compression method ${data[10]}`, where);
  if (data[11] !== 0) throw formatError(`unknown filter method ${data[11]}`, where);
  if (data[12] > 1) throw formatError(`unknown interlace method ${data[12]}`, where);
  return {
    width,
    height,
    bitDepth: depth as PngHeader['bitDepth'],
    colorType: colorType as PngHeader['colorType'],
    interlaced: data[12] === 1,
  };
}
