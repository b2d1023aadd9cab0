/** Big-endian 16-bit samples, the byte order of Go's 16-bit image types and of PNG. @internal */

/** The 16-bit value at p[i], p[i+1] (big-endian). Reads the caller's p. */
export function read16(p: Uint8Array, i: number): number {
  return (p[i] << 8) | p[i + 1];
}

/** Stores the low 16 bits of v at p[i], p[i+1] (big-endian). Writes into the caller's p. */
export function write16(p: Uint8Array, i: number, v: number): void {
  p[i] = v >>> 8;
  p[i + 1] = v;
}
