import type { Orientation } from './orient.js';

/**
 * The one EXIF fact imago reads: the Orientation tag (0x0112) of IFD0.
 *
 * Layout (TIFF 6.0 §2, EXIF 2.32 §4.6): the block starts with a byte-order mark, `II` (little
 * endian) or `MM` (big endian), then 42, then the offset of IFD0 from the start of the block. An
 * IFD is a 2-byte entry count, then 12-byte entries: tag (2), type (2), count (4), value or offset
 * (4). Orientation is one SHORT (type 3), stored in the first two bytes of the value field.
 */

/**
 * The orientation (1..8) in a TIFF-structured EXIF block: the APP1 payload after `Exif\0\0` in a
 * JPEG, or the contents of a PNG `eXIf` chunk. Returns undefined when the block is malformed, has
 * no orientation, or holds a value outside 1..8 (0 is common and means "undefined"). Never throws
 * and reads only inside `tiff`.
 */
export function readExifOrientation(tiff: Uint8Array): Orientation | undefined {
  if (tiff.length < 8) return undefined;
  let little: boolean;
  if (tiff[0] === 0x49 && tiff[1] === 0x49) little = true;
  else if (tiff[0] === 0x4d && tiff[1] === 0x4d) little = false;
  else return undefined;
  const u16 = (i: number) => (little ? tiff[i] | (tiff[i + 1] << 8) : (tiff[i] << 8) | tiff[i + 1]);
  const u32 = (i: number) =>
    little
      ? (tiff[i] | (tiff[i + 1] << 8) | (tiff[i + 2] << 16) | (tiff[i + 3] << 24)) >>> 0
      : ((tiff[i] << 24) | (tiff[i + 1] << 16) | (tiff[i + 2] << 8) | tiff[i + 3]) >>> 0;
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let k = 0, e = ifd + 2; k < count && e + 12 <= tiff.length; k++, e += 12) {
    if (u16(e) !== 0x0112) continue;
    if (u16(e + 2) !== 3 || u32(e + 4) < 1) return undefined; // must be SHORT, at least one value
    const v = u16(e + 8);
    return v >= 1 && v <= 8 ? (v as Orientation) : undefined;
  }
  return undefined;
}
