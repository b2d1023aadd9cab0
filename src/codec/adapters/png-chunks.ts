import { FormatError, UnsupportedError } from '../../errors.js';
import { crc32 } from '../crc32.js';
import { readExifOrientation } from '../exif.js';
import type { Orientation } from '../orient.js';

/**
 * A PNG chunk walker for the pngjs adapter. Pure TypeScript, no Node.
 *
 * A PNG (ISO 15948 §5) is an 8-byte signature, then chunks: a 4-byte big-endian data length, a
 * 4-byte type, the data, and a CRC-32 of type and data. IHDR comes first; PLTE and tRNS come
 * before the first IDAT; IEND ends the image.
 *
 * {@link readPngHeader} walks the chunks before the first IDAT (IHDR, PLTE, tRNS, eXIf…),
 * jumping over each by its length: it never reads pixel data, so its cost does not grow with the
 * image. {@link checkPngStructure} walks every chunk before pngjs runs and checks the CRC of each
 * but IDAT (pngjs checks those), so a corrupt file gets a message that names the chunk and its
 * offset.
 */

/** The 8-byte PNG signature: \x89 P N G \r \n \x1a \n. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths allowed for each colour type (ISO 15948 Table 11.1). */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16], // greyscale
  2: [8, 16], // truecolour
  3: [1, 2, 4, 8], // indexed
  4: [8, 16], // greyscale with alpha
  6: [8, 16], // truecolour with alpha
};

/** Samples per pixel of each colour type. */
export const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The header facts the adapter needs. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  /** PLTE entries as r, g, b triples, if there is a PLTE chunk. */
  palette?: Uint8Array;
  /** The tRNS data, if any: one 16-bit grey, three 16-bit RGB samples, or palette alphas. */
  trns?: Uint8Array;
  /** EXIF orientation 1..8 from an eXIf chunk before the first IDAT, if any. */
  orientation?: Orientation;
}

/** What the whole-file walk adds. */
export interface PngStructure extends PngHeader {
  /** The offset just past the IEND chunk; bytes after it are ignored. */
  end: number;
  /** Offsets and lengths of the IDAT chunks' data, in order. */
  idat: Array<[offset: number, length: number]>;
}

const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const typeName = (b: Uint8Array, i: number) => String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);

/**
 * Reads IHDR and the chunks before the first IDAT. `onIHDR` runs as soon as IHDR is read (the
 * limit check), before anything else is looked at.
 *
 * A prefix of a file is enough: when the data ends before the first IDAT, the header so far is
 * returned (without a later tRNS or eXIf, like Go's DecodeConfig, which stops after IHDR), as long
 * as IHDR is complete and, for an indexed image, PLTE has been seen.
 * @throws FormatError for a bad signature, a corrupt chunk (bad CRC), bad IHDR values, or a
 * misplaced PLTE/tRNS, naming the chunk and its offset.
 * @throws UnsupportedError for an unknown critical chunk.
 */
export function readPngHeader(bytes: Uint8Array, onIHDR?: (h: PngHeader) => void): PngHeader {
  return walk(bytes, false, onIHDR) as PngHeader;
}

/**
 * Walks every chunk up to IEND, checking the chunk order rules and the CRC of every chunk but
 * IDAT. The IDAT CRCs are left to the decoder (pngjs computes them anyway, so checking here would
 * do the work twice); {@link findBadIdatCrc} names the culprit when it reports a mismatch.
 * @throws as {@link readPngHeader}, and FormatError for a truncated file or a missing IDAT or IEND.
 */
export function checkPngStructure(bytes: Uint8Array, onIHDR?: (h: PngHeader) => void): PngStructure {
  return walk(bytes, true, onIHDR) as PngStructure;
}

/** The offset of the first IDAT chunk whose CRC is wrong, or -1. */
export function findBadIdatCrc(bytes: Uint8Array, s: PngStructure): number {
  for (const [data, len] of s.idat) {
    if (crc32(bytes, data - 4, data + len) !== u32(bytes, data + len)) return data - 8;
  }
  return -1;
}

function walk(b: Uint8Array, whole: boolean, onIHDR?: (h: PngHeader) => void): PngHeader | PngStructure {
  if (b.length < 8 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) {
    throw new FormatError('imago: png signature is wrong (not \\x89PNG\\r\\n\\x1a\\n), or the file was damaged by a text-mode transfer');
  }
  let h: PngHeader | undefined;
  const idat: Array<[number, number]> = [];
  let i = 8;
  for (;;) {
    if (i + 12 > b.length && !whole && h !== undefined && (h.colorType !== 3 || h.palette !== undefined)) return h;
    if (i + 12 > b.length) {
      throw new FormatError(`imago: png is truncated at offset ${i}: ${h === undefined ? 'no IHDR' : whole ? 'no IEND chunk' : 'no IDAT chunk'}`);
    }
    const len = u32(b, i);
    const type = typeName(b, i + 4);
    if (len > 0x7fffffff) throw new FormatError(`imago: png chunk ${type} at offset ${i} has length ${len}, over 2^31 - 1`);
    const data = i + 8;
    const next = data + len + 4;
    if (next > b.length && !whole && h !== undefined && type !== 'PLTE' && (h.colorType !== 3 || h.palette !== undefined)) return h;
    if (next > b.length) throw new FormatError(`imago: png chunk ${type} at offset ${i} (${len} bytes) runs past the end of the data`);
    if (type !== 'IDAT' && crc32(b, i + 4, data + len) !== u32(b, data + len)) {
      throw new FormatError(`imago: png chunk ${type} at offset ${i} has a bad CRC`);
    }
    if (h === undefined) {
      if (type !== 'IHDR') throw new FormatError(`imago: png must start with IHDR, found ${type} at offset ${i}`);
      h = parseIHDR(b, data, len, i);
      onIHDR?.(h);
    } else if (type === 'IHDR') {
      throw new FormatError(`imago: png has a second IHDR at offset ${i}`);
    } else if (type === 'PLTE') {
      if (idat.length > 0) throw new FormatError(`imago: png PLTE at offset ${i} comes after IDAT`);
      if (h.colorType === 0 || h.colorType === 4) throw new FormatError(`imago: png PLTE at offset ${i} in a greyscale image`);
      if (len === 0 || len % 3 !== 0 || len > 768) throw new FormatError(`imago: png PLTE at offset ${i} has bad length ${len}`);
      if (h.palette !== undefined) throw new FormatError(`imago: png has a second PLTE at offset ${i}`);
      h.palette = b.subarray(data, data + len);
    } else if (type === 'tRNS') {
      if (idat.length > 0) throw new FormatError(`imago: png tRNS at offset ${i} comes after IDAT`);
      checkTRNS(h, len, i);
      h.trns = b.subarray(data, data + len);
    } else if (type === 'eXIf') {
      if (idat.length === 0 && h.orientation === undefined) {
        const o = readExifOrientation(b.subarray(data, data + len));
        if (o !== undefined) h.orientation = o;
      }
    } else if (type === 'IDAT') {
      if (h.colorType === 3 && h.palette === undefined) throw new FormatError(`imago: png indexed image has no PLTE before IDAT at offset ${i}`);
      if (!whole) return h;
      idat.push([data, len]);
    } else if (type === 'IEND') {
      if (idat.length === 0) throw new FormatError(`imago: png reaches IEND at offset ${i} without any IDAT chunk`);
      return { ...h, end: next, idat };
    } else if ((b[i + 4] & 0x20) === 0) {
      // Bit 5 of the first type byte clear = critical (ISO 15948 §5.4): a decoder must not skip it.
      throw new UnsupportedError(`imago: png has an unknown critical chunk ${JSON.stringify(type)} at offset ${i}`);
    }
    i = next;
  }
}

function parseIHDR(b: Uint8Array, p: number, len: number, at: number): PngHeader {
  if (len !== 13) throw new FormatError(`imago: png IHDR at offset ${at} has length ${len}, not 13`);
  const width = u32(b, p);
  const height = u32(b, p + 4);
  const bitDepth = b[p + 8];
  const colorType = b[p + 9];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new FormatError(`imago: png IHDR gives invalid dimensions ${width}x${height}`);
  }
  const depths = DEPTHS[colorType];
  if (depths === undefined) throw new FormatError(`imago: png IHDR has invalid colour type ${colorType}`);
  if (!depths.includes(bitDepth)) throw new FormatError(`imago: png IHDR has bit depth ${bitDepth}, invalid for colour type ${colorType}`);
  if (b[p + 10] !== 0) throw new FormatError(`imago: png IHDR has unknown compression method ${b[p + 10]}`);
  if (b[p + 11] !== 0) throw new FormatError(`imago: png IHDR has unknown filter method ${b[p + 11]}`);
  if (b[p + 12] > 1) throw new FormatError(`imago: png IHDR has unknown interlace method ${b[p + 12]}`);
  return { width, height, bitDepth, colorType, interlaced: b[p + 12] === 1 };
}

function checkTRNS(h: PngHeader, len: number, at: number): void {
  if (h.trns !== undefined) throw new FormatError(`imago: png has a second tRNS at offset ${at}`);
  switch (h.colorType) {
    case 0:
      if (len !== 2) throw new FormatError(`imago: png tRNS at offset ${at} has length ${len}; greyscale needs 2`);
      return;
    case 2:
      if (len !== 6) throw new FormatError(`imago: png tRNS at offset ${at} has length ${len}; truecolour needs 6`);
      return;
    case 3:
      if (h.palette === undefined) throw new FormatError(`imago: png tRNS at offset ${at} comes before PLTE`);
      if (len > h.palette.length / 3) {
        throw new FormatError(`imago: png tRNS at offset ${at} has ${len} entries, more than the ${h.palette.length / 3} of PLTE`);
      }
      return;
    default:
      throw new FormatError(`imago: png tRNS at offset ${at} in an image that already has an alpha channel`);
  }
}

/** The length of the zlib-decompressed image data: filter byte + packed samples per row, per pass. */
export function inflatedLength(h: PngHeader): number {
  const bitsPerPixel = CHANNELS[h.colorType] * h.bitDepth;
  const rows = (w: number, n: number) => (w === 0 || n === 0 ? 0 : n * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!h.interlaced) return rows(h.width, h.height);
  // Adam7 passes (ISO 15948 §8.2): start x, start y, step x, step y.
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    total += rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy));
  }
  return total;
}
