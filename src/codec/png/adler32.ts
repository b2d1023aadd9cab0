/**
 * Adler-32 (RFC 1950), the checksum at the end of a zlib stream. Only the stored-block writer
 * needs it: CompressionStream computes its own.
 * @internal
 */

/** 65521 is the largest prime below 2^16. */
const BASE = 65521;
/**
 * 5552 is the largest n for which 255·n·(n+1)/2 + (n+1)·(BASE-1) stays below 2^32, so the sums
 * can run that many bytes between reductions without overflowing a uint32 (RFC 1950, zlib's NMAX).
 * JavaScript numbers are exact to 2^53, but staying in uint32 keeps the loop on integers.
 */
const NMAX = 5552;

/** Continues an Adler-32 over p. Start with 1. */
export function adler32(adler: number, p: Uint8Array): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  let i = 0;
  while (i < p.length) {
    const end = Math.min(p.length, i + NMAX);
    for (; i < end; i++) {
      a += p[i];
      b += a;
    }
    a %= BASE;
    b %= BASE;
  }
  return ((b << 16) | a) >>> 0;
}
