/**
 * JPEG marker codes (ITU-T T.81 table B.1) and the zig-zag order, shared by the decoder and the
 * encoder.
 */

export const SOF0 = 0xc0; // baseline sequential, Huffman
export const SOF1 = 0xc1; // extended sequential, Huffman
export const SOF2 = 0xc2; // progressive, Huffman
export const DHT = 0xc4;
export const RST0 = 0xd0;
export const RST7 = 0xd7;
export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOS = 0xda;
export const DQT = 0xdb;
export const DRI = 0xdd;
export const APP0 = 0xe0;
export const APP1 = 0xe1;
export const APP2 = 0xe2;
export const APP14 = 0xee;
export const APP15 = 0xef;
export const COM = 0xfe;

/** The number of coefficients in an 8×8 block. */
export const BLOCK_SIZE = 64;

/**
 * UNZIG[k] is the natural (row-major) index of the k-th coefficient in zig-zag order: for example
 * UNZIG[3] = 16, the first column of the third row.
 */
export const UNZIG: Int32Array = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35,
  42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62,
  63,
]);

/**
 * What a marker that imago does not decode stands for, so that an UnsupportedError can name it.
 * Returns undefined for markers that are not in the SOFn/DAC/DHP/EXP/JPG families.
 */
export function unsupportedMarkerName(m: number): string | undefined {
  switch (m) {
    case 0xc3:
      return 'SOF3 (lossless, Huffman)';
    case 0xc5:
      return 'SOF5 (differential sequential, Huffman: hierarchical)';
    case 0xc6:
      return 'SOF6 (differential progressive, Huffman: hierarchical)';
    case 0xc7:
      return 'SOF7 (differential lossless, Huffman: hierarchical)';
    case 0xc8:
      return 'JPG (reserved for JPEG extensions)';
    case 0xc9:
      return 'SOF9 (extended sequential, arithmetic coding)';
    case 0xca:
      return 'SOF10 (progressive, arithmetic coding)';
    case 0xcb:
      return 'SOF11 (lossless, arithmetic coding)';
    case 0xcc:
      return 'DAC (arithmetic coding conditioning)';
    case 0xcd:
      return 'SOF13 (differential sequential, arithmetic coding: hierarchical)';
    case 0xce:
      return 'SOF14 (differential progressive, arithmetic coding: hierarchical)';
    case 0xcf:
      return 'SOF15 (differential lossless, arithmetic coding: hierarchical)';
    case 0xdc:
      return 'DNL (define number of lines)';
    case 0xde:
      return 'DHP (hierarchical progression)';
    case 0xdf:
      return 'EXP (expand reference components: hierarchical)';
  }
  if (m >= 0xf0 && m <= 0xfd) return `JPG${m - 0xf0} (reserved for JPEG extensions)`;
  return undefined;
}

/** `0xffXX` in hex, for messages. */
export function markerHex(m: number): string {
  return `0xff${m.toString(16).padStart(2, '0')}`;
}
