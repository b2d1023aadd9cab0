/**
 * CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected), the checksum of every PNG chunk.
 *
 * Slicing-by-8: eight 256-entry tables let the loop consume eight bytes per step. Table k maps a
 * byte to the CRC of that byte followed by k zero bytes, so the CRC of eight bytes is the XOR of
 * eight lookups. 8 KiB of tables, built on first use.
 * @internal
 */

let tables: Uint32Array | null = null;

function buildTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
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

/** The CRC state before any byte: the final XOR is folded in, so start from 0 and end with {@link crc32}. */
export const CRC_INIT = 0;

/**
 * Continues a CRC over `p[start..end)`. Pass {@link CRC_INIT} (or a previous result) as `crc`;
 * the result is the finished CRC-32 of everything so far, ready to compare or to continue.
 */
export function crc32(crc: number, p: Uint8Array, start = 0, end = p.length): number {
  const t = (tables ??= buildTables());
  let c = ~crc;
  let i = start;
  const end8 = end - ((end - start) & 7);
  for (; i < end8; i += 8) {
    const lo = c ^ (p[i] | (p[i + 1] << 8) | (p[i + 2] << 16) | (p[i + 3] << 24));
    const hi = p[i + 4] | (p[i + 5] << 8) | (p[i + 6] << 16) | (p[i + 7] << 24);
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
  for (; i < end; i++) c = t[(c ^ p[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
