/**
 * CRC-32 as PNG (ISO 15948 Annex D) and zlib compute it: the reflected polynomial 0xEDB88320,
 * initial value 0xFFFFFFFF, final complement.
 *
 * Slicing-by-8: eight 256-entry tables let the loop consume eight bytes per step. Table k maps a
 * byte to the CRC of that byte followed by k zero bytes, so the CRC of eight bytes is the XOR of
 * eight lookups. 8 KiB of tables, built on first use; about four times faster than one byte per
 * step, which matters for the IDAT data of large images.
 */

/**
 * The tables hold the CRCs' bits as int32: V8 keeps int32 values in small integers even in code
 * that is not optimized yet, where uint32 values above 2^31 would each be allocated as a number.
 */
let tables: Int32Array | undefined;

function makeTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/**
 * Continues a CRC-32 over `bytes[start, end)`: pass 0 to start, or a previous result to go on.
 * The result is the finished CRC of everything so far, an unsigned 32-bit number.
 */
export function crc32Update(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = (tables ??= makeTables());
  let c = crc ^ -1;
  let i = start;
  // The odd bytes first, then eight at a time: both loops' tests run on every call, so V8's
  // optimized code never meets a loop it has no type feedback for (which deoptimized it on every
  // call whose length was not a multiple of 8, when the odd bytes came last).
  const head = start + ((end - start) & 7);
  for (; i < head; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  for (; i < end; i += 8) {
    const lo = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    const hi = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
    c =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + (hi & 0xff)] ^
      t[512 + ((hi >>> 8) & 0xff)] ^
      t[256 + ((hi >>> 16) & 0xff)] ^
      t[hi >>> 24];
  }
  return (c ^ -1) >>> 0;
}

/** The CRC-32 of bytes[start, end), as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc32Update(0, bytes, start, end);
}
