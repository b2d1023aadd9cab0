/**
 * Adler-32 (RFC 1950), the checksum at the end of a zlib stream: the stored-block writer appends
 * it, the inflater checks it.
 * @internal
 */

/** 65521 is the largest prime below 2^16. */
const BASE = 65521;
/**
 * The sums run this many bytes between reductions. zlib's NMAX, 5552, is the largest n for which
 * 255·n·(n+1)/2 + (n+1)·(BASE-1) stays below 2^32; 3854 is the largest for which it stays below
 * 2^31, so a and b remain small integers for V8 (above 2^31 it falls back to doubles, about 30%
 * slower). 3852 = 4 · 963 is the multiple of 4 below it, for the loop below.
 */
const NMAX = 3852;

/** Continues an Adler-32 over p[start .. end) (all of p by default). Start with 1. */
export function adler32(adler: number, p: Uint8Array, start = 0, end = p.length): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  let i = start;
  while (i < end) {
    const stop = Math.min(end, i + NMAX);
    // Four bytes at a time: b gains 4a + 4·p0 + 3·p1 + 2·p2 + p3, the same sum in fewer dependent
    // steps; after every fourth byte the sums equal those of the byte-at-a-time loop.
    const stop4 = stop - ((stop - i) & 3);
    for (; i < stop4; i += 4) {
      const p0 = p[i];
      const p1 = p[i + 1];
      const p2 = p[i + 2];
      const p3 = p[i + 3];
      b += 4 * a + 4 * p0 + 3 * p1 + 2 * p2 + p3;
      a += p0 + p1 + p2 + p3;
    }
    for (; i < stop; i++) {
      a += p[i];
      b += a;
    }
    a %= BASE;
    b %= BASE;
  }
  return ((b << 16) | a) >>> 0;
}
