import { readExifOrientation } from '../exif.js';
import type { Orientation } from '../orient.js';
import { readU32 } from './format.js';
import { inflateBytes } from './inflate.js';

/**
 * The ancillary chunks the decoder exposes. Go's decoder ignores them all; imago reads these, and
 * as Go it checks the CRC of every chunk but never rejects a file for a malformed ancillary chunk:
 * one that does not parse is left out. Strings are Latin-1, as PNG defines them.
 */

/**
 * A text chunk: tEXt (Latin-1 keyword and text), or an uncompressed iTXt (Latin-1 keyword, UTF-8
 * text, with a language tag and a translated keyword). Compressed zTXt and iTXt are not inflated
 * and not listed.
 */
export interface PngText {
  readonly keyword: string;
  readonly text: string;
  /** iTXt only: the RFC 3066 language tag, possibly empty. */
  readonly language?: string;
  /** iTXt only: the keyword translated into that language (UTF-8), possibly empty. */
  readonly translatedKeyword?: string;
}

/** The pHYs chunk: the intended pixel size or aspect ratio. */
export interface PngPhysical {
  /** Pixels per unit along x. */
  readonly x: number;
  /** Pixels per unit along y. */
  readonly y: number;
  /** `'metre'`, or `'unknown'` when only the aspect ratio x:y is meaningful. */
  readonly unit: 'metre' | 'unknown';
}

/** The iCCP chunk: an embedded ICC profile, still zlib-compressed as stored. */
export interface PngIccProfile {
  /** The profile name (Latin-1, 1 to 79 characters). */
  readonly name: string;
  /** The zlib stream of the profile, an owned copy. Inflate it with `inflateIccProfile`. */
  readonly compressed: Uint8Array;
}

/** What the ancillary chunks said. Fields are absent when the chunk was absent or malformed. */
export interface PngMetadata {
  /** gAMA: the image gamma (the stored integer / 100000), e.g. 0.45455. */
  gamma?: number;
  /** sRGB: the rendering intent, 0 perceptual, 1 relative colorimetric, 2 saturation, 3 absolute. */
  srgbIntent?: number;
  /** iCCP: the embedded ICC profile. */
  iccProfile?: PngIccProfile;
  /** pHYs: the physical pixel dimensions. */
  physical?: PngPhysical;
  /** Every tEXt and uncompressed iTXt chunk, in file order. */
  text: PngText[];
  /** eXIf: the EXIF data (a TIFF structure), an owned copy. */
  exif?: Uint8Array;
  /** The EXIF Orientation (1..8) of the eXIf chunk, when it has a valid one. */
  orientation?: Orientation;
}

/** The ancillary chunk types that {@link readAncillary} understands. */
export const ANCILLARY = new Set(['gAMA', 'sRGB', 'iCCP', 'pHYs', 'tEXt', 'iTXt', 'eXIf']);

function latin1(p: Uint8Array, start: number, end: number): string {
  let s = '';
  // Chunked so that String.fromCharCode never receives too many arguments.
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode(...p.subarray(i, Math.min(end, i + 8192)));
  }
  return s;
}

/** A keyword: 1 to 79 bytes ending at a NUL. Returns the NUL's index, or -1 when malformed. */
function keywordEnd(p: Uint8Array): number {
  const nul = p.indexOf(0);
  return nul >= 1 && nul <= 79 ? nul : -1;
}

/**
 * Records one ancillary chunk in `meta`. `data` may be a view of the input; everything kept is
 * copied. The first gAMA, sRGB, iCCP, pHYs and eXIf win, as the spec allows only one of each.
 */
export function readAncillary(type: string, data: Uint8Array, meta: PngMetadata): void {
  switch (type) {
    case 'gAMA':
      if (data.length === 4 && meta.gamma === undefined) meta.gamma = readU32(data, 0) / 100000;
      break;
    case 'sRGB':
      if (data.length === 1 && data[0] <= 3 && meta.srgbIntent === undefined) meta.srgbIntent = data[0];
      break;
    case 'pHYs':
      if (data.length === 9 && data[8] <= 1 && meta.physical === undefined) {
        meta.physical = { x: readU32(data, 0), y: readU32(data, 4), unit: data[8] === 1 ? 'metre' : 'unknown' };
      }
      break;
    case 'iCCP': {
      const k = keywordEnd(data);
      // After the name's NUL: one compression-method byte (0, zlib), then the stream.
      if (k > 0 && k + 2 <= data.length && data[k + 1] === 0 && meta.iccProfile === undefined) {
        meta.iccProfile = { name: latin1(data, 0, k), compressed: data.slice(k + 2) };
      }
      break;
    }
    case 'eXIf':
      if (meta.exif === undefined) {
        meta.exif = data.slice();
        const o = readExifOrientation(meta.exif);
        if (o !== undefined) meta.orientation = o;
      }
      break;
    case 'tEXt': {
      const k = keywordEnd(data);
      if (k > 0) meta.text.push({ keyword: latin1(data, 0, k), text: latin1(data, k + 1, data.length) });
      break;
    }
    case 'iTXt': {
      // keyword NUL, compression flag, compression method, language NUL, translated keyword NUL, text.
      const k = keywordEnd(data);
      if (k <= 0 || k + 3 > data.length || data[k + 1] !== 0) break;
      const lang = data.indexOf(0, k + 3);
      const tk = lang < 0 ? -1 : data.indexOf(0, lang + 1);
      if (tk < 0) break;
      const utf8 = new TextDecoder('utf-8');
      meta.text.push({
        keyword: latin1(data, 0, k),
        text: utf8.decode(data.subarray(tk + 1)),
        language: latin1(data, k + 3, lang),
        translatedKeyword: utf8.decode(data.subarray(lang + 1, tk)),
      });
      break;
    }
  }
}

/** 16 MiB: far above any real ICC profile (a few KiB to a few hundred KiB). */
const MAX_ICC_BYTES = 16 << 20;

/**
 * The ICC profile of an iCCP chunk, inflated: a new array the caller owns.
 * @param maxBytes the most the profile may inflate to (default 16 MiB).
 * @throws FormatError for a corrupt zlib stream, LimitError past maxBytes.
 */
export async function inflateIccProfile(profile: PngIccProfile, maxBytes = MAX_ICC_BYTES): Promise<Uint8Array> {
  return inflateBytes(profile.compressed, maxBytes, `the iCCP profile "${profile.name}"`);
}
