import type { BufferImage } from './buffer-image.js';

/*
 * 32-bit views of 4-byte pixel buffers, for fast paths that move one pixel per load and store.
 * A little-endian Int32Array reads the bytes (c0, c1, c2, c3) of a pixel as
 * c0 | c1 << 8 | c2 << 16 | c3 << 24, so channel k of a word w is (w >>> 8k) & 0xff.
 */

/** Whether this platform stores typed-array words little-endian (every current JS engine does). */
export const LITTLE_ENDIAN: boolean = new Uint8Array(new Uint32Array([0x04030201]).buffer)[0] === 1;

/**
 * A view of m's pixel bytes as 32-bit words (a view: it shares, copies nothing), with word k
 * covering bytes 4k .. 4k + 3 of `m.pix`; or null when a fast path must use bytes instead: on a
 * big-endian platform, when `pix` does not start on a 4-byte boundary of its buffer, or when
 * the stride is not a multiple of 4 (then rows would not start on a word). Pixels of a
 * 4-byte-per-pixel image with a non-null view start at `pixOffset / 4`.
 */
export function wordView(m: BufferImage): Int32Array | null {
  const pix = m.pix;
  if (!LITTLE_ENDIAN || (pix.byteOffset & 3) !== 0 || (m.stride & 3) !== 0) return null;
  return new Int32Array(pix.buffer, pix.byteOffset, pix.byteLength >>> 2);
}
