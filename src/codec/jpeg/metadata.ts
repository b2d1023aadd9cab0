import { FormatError } from '../../errors.js';

/**
 * Metadata read from a JPEG's header segments (everything before the first SOS), without decoding
 * pixels. Buffers are **owned copies**: they keep nothing of the input alive.
 */
export interface JpegMetadata {
  /** EXIF Orientation 1..8 when an EXIF segment has a valid one (0 and other values are ignored). */
  orientation?: number;
  /** The EXIF payload: the APP1 segment after its `Exif\0\0` identifier (a TIFF header first). */
  exif?: Uint8Array;
  /** The ICC profile: the APP2 `ICC_PROFILE` chunks joined in sequence order, when all are present. */
  icc?: Uint8Array;
  /** Whether a JFIF APP0 segment is present. */
  jfif: boolean;
  /** The Adobe APP14 colour transform (0 unknown/RGB/CMYK, 1 YCbCr, 2 YCCK), when present. */
  adobeTransform?: number;
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const ICC_ID = [0x49, 0x43, 0x43, 0x5f, 0x50, 0x52, 0x4f, 0x46, 0x49, 0x4c, 0x45, 0]; // "ICC_PROFILE\0"

function startsWith(d: Uint8Array, at: number, end: number, id: readonly number[]): boolean {
  if (end - at < id.length) return false;
  for (let i = 0; i < id.length; i++) if (d[at + i] !== id[i]) return false;
  return true;
}

/**
 * Reads the header segments of a JPEG up to its first SOS (or EOI) and returns its metadata. It is
 * lenient: a malformed or truncated segment ends the reading and what was found so far is returned.
 * @throws FormatError when the input does not start with the SOI marker.
 */
export function readJpegMetadata(bytes: Uint8Array): JpegMetadata {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new FormatError('imago: jpeg: missing SOI marker at byte 0');
  const meta: JpegMetadata = { jfif: false };
  const icc: Uint8Array[] = [];
  let iccCount = 0;
  let pos = 2;
  const end = bytes.length;
  while (pos + 4 <= end) {
    if (bytes[pos] !== 0xff) {
      pos++; // extraneous byte
      continue;
    }
    const m = bytes[pos + 1];
    if (m === 0xff || m === 0x00 || (m >= 0xd0 && m <= 0xd7)) {
      pos++;
      continue;
    }
    if (m === 0xda || m === 0xd9) break; // SOS, EOI
    const len = (bytes[pos + 2] << 8) | bytes[pos + 3];
    const s = pos + 4;
    const e = pos + 2 + len;
    if (len < 2 || e > end) break;
    if (m === 0xe0 && startsWith(bytes, s, e, [0x4a, 0x46, 0x49, 0x46, 0])) meta.jfif = true;
    if (m === 0xe1 && meta.exif === undefined && startsWith(bytes, s, e, EXIF_ID)) {
      meta.exif = bytes.slice(s + 6, e);
      const o = exifOrientation(meta.exif);
      if (o !== undefined) meta.orientation = o;
    }
    if (m === 0xe2 && startsWith(bytes, s, e, ICC_ID) && e - s >= 14) {
      const seq = bytes[s + 12];
      const count = bytes[s + 13];
      if (seq >= 1 && count >= 1) {
        iccCount = count;
        icc[seq - 1] = bytes.subarray(s + 14, e);
      }
    }
    if (m === 0xee && startsWith(bytes, s, e, [0x41, 0x64, 0x6f, 0x62, 0x65]) && e - s >= 12) meta.adobeTransform = bytes[s + 11];
    pos = e;
  }
  if (iccCount > 0) {
    let total = 0;
    let complete = true;
    for (let i = 0; i < iccCount; i++) {
      if (icc[i] === undefined) complete = false;
      else total += icc[i].length;
    }
    if (complete) {
      const out = new Uint8Array(total);
      for (let i = 0, o = 0; i < iccCount; o += icc[i].length, i++) out.set(icc[i], o);
      meta.icc = out;
    }
  }
  return meta;
}

/**
 * The Orientation tag (0x0112) of IFD0 in an EXIF (TIFF) payload, when it is a SHORT in 1..8.
 * Returns undefined for anything malformed.
 */
export function exifOrientation(tiff: Uint8Array): number | undefined {
  const at = orientationOffset(tiff);
  if (at < 0) return undefined;
  const le = tiff[0] === 0x49;
  const v = le ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
  return v >= 1 && v <= 8 ? v : undefined;
}

/** The offset of the Orientation value in a TIFF payload, or -1. */
function orientationOffset(t: Uint8Array): number {
  if (t.length < 8) return -1;
  const le = t[0] === 0x49 && t[1] === 0x49;
  const be = t[0] === 0x4d && t[1] === 0x4d;
  if (!le && !be) return -1;
  const u16 = (i: number): number => (le ? t[i] | (t[i + 1] << 8) : (t[i] << 8) | t[i + 1]);
  const u32 = (i: number): number => (le ? (t[i] | (t[i + 1] << 8) | (t[i + 2] << 16)) + t[i + 3] * 2 ** 24 : t[i] * 2 ** 24 + ((t[i + 1] << 16) | (t[i + 2] << 8) | t[i + 3]));
  if (u16(2) !== 42) return -1;
  const ifd = u32(4);
  if (ifd + 2 > t.length) return -1;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + 12 * k;
    if (e + 12 > t.length) return -1;
    if (u16(e) === 0x0112) return u16(e + 2) === 3 && u32(e + 4) === 1 ? e + 8 : -1;
  }
  return -1;
}

/**
 * A copy of an EXIF payload with its Orientation tag set to `value` (1..8), for writing a file
 * whose pixels have already been turned upright. Returns a plain copy when the tag is absent.
 */
export function exifWithOrientation(tiff: Uint8Array, value: number): Uint8Array {
  const out = tiff.slice();
  const at = orientationOffset(out);
  if (at >= 0) {
    const le = out[0] === 0x49;
    out[at] = le ? value & 0xff : value >> 8;
    out[at + 1] = le ? value >> 8 : value & 0xff;
  }
  return out;
}
