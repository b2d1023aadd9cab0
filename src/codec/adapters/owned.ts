/**
 * Ownership of what a Node library hands back. Node's `Buffer.from`, `Buffer.concat` and
 * `Buffer.allocUnsafe` carve small buffers (under 4 KiB) out of one shared 8 KiB pool, so such a
 * Buffer's `.buffer` holds other, unrelated data. imago never returns or wraps a view like that.
 */

/**
 * A plain Uint8Array over the bytes of `view` that owns its whole ArrayBuffer:
 * - when `view` already spans its entire ArrayBuffer, the same memory (no copy), re-typed as a
 *   plain Uint8Array (a Node Buffer becomes a Uint8Array);
 * - otherwise (an offset view, a pooled Buffer) a tight copy.
 */
export function ownedBytes(view: ArrayBufferView): Uint8Array {
  const { buffer, byteOffset, byteLength } = view;
  if (byteOffset === 0 && buffer.byteLength === byteLength && !isShared(buffer)) {
    return new Uint8Array(buffer, 0, byteLength);
  }
  const out = new Uint8Array(byteLength);
  out.set(new Uint8Array(buffer, byteOffset, byteLength));
  return out;
}

function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

/** Whether this machine stores multi-byte numbers little-endian first (true on every common CPU). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Turns native-endian 16-bit samples into big-endian bytes (imago's 16-bit layout, as Go's) in
 * place, and returns the bytes as a Uint8Array over the same memory. No copy.
 */
export function toBigEndianInPlace(samples: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (LITTLE_ENDIAN) {
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const t = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = t;
    }
  }
  return bytes;
}
