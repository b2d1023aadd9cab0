/**
 * Quantization tables for the encoder: the example tables of T.81 annex K.1 (in zig-zag order),
 * scaled for a quality 1..100 as the Independent JPEG Group's jcparam.c does (and Go's encoder):
 * scale = 5000 / q below 50, 200 − 2q from 50 up, entry = clamp((base · scale + 50) / 100, 1, 255).
 * Quality 50 gives the annex tables themselves, 100 all ones.
 */

/** T.81 table K.1 (luminance) in zig-zag order. */
const LUMA = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51,
  56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92,
  101, 103, 99,
];

/** T.81 table K.2 (chrominance) in zig-zag order. */
const CHROMA = [
  17, 18, 18, 24, 21, 24, 47, 26, 26, 47, 99, 66, 56, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

/** The luminance (index 0) and chrominance (1) tables for `quality` (an integer 1..100), zig-zag order. */
export function scaledQuantTables(quality: number): [Uint8Array, Uint8Array] {
  const scale = quality < 50 ? Math.trunc(5000 / quality) : 200 - quality * 2;
  const make = (base: readonly number[]): Uint8Array =>
    Uint8Array.from(base, (b) => Math.min(255, Math.max(1, Math.trunc((b * scale + 50) / 100))));
  return [make(LUMA), make(CHROMA)];
}
