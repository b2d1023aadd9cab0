import { UnsupportedError } from '../../errors.js';
import { adler32 } from './adler32.js';
import type { ZlibPair } from './inflate.js';

/**
 * zlib compressors for the encoder: the runtime's `CompressionStream('deflate')`, or stored
 * (uncompressed) deflate blocks written here, which is Go's NoCompression.
 * @internal
 */

/** The runtime's zlib compressor. Its level is the runtime's default (zlib level 6 in Node). */
export function compressionStream(): ZlibPair {
  if (typeof CompressionStream !== 'function') {
    throw new UnsupportedError(
      'imago: png: this runtime has no CompressionStream, which the PNG encoder needs; use compressionLevel "none" or pass a compressor',
    );
  }
  return new CompressionStream('deflate') as unknown as ZlibPair;
}

/** A stored block holds at most 65535 bytes (its LEN field is 16 bits). */
const MAX_STORED = 0xffff;

/**
 * A zlib stream of stored blocks (RFC 1950 and RFC 1951 section 3.2.4): the header 0x78 0x01
 * (deflate, 32 KiB window, FCHECK making 0x7801 a multiple of 31, level bits "fastest"), then for
 * every input piece blocks of BFINAL=0 BTYPE=00, LEN, ~LEN and the bytes, and at the end an empty
 * final block and the Adler-32 of the data, big-endian.
 */
export function storedCompressor(): ZlibPair {
  let adler = 1;
  let started = false;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const blocks = Math.ceil(chunk.length / MAX_STORED);
      const out = new Uint8Array((started ? 0 : 2) + blocks * 5 + chunk.length);
      let o = 0;
      if (!started) {
        out[o++] = 0x78;
        out[o++] = 0x01;
        started = true;
      }
      for (let i = 0; i < chunk.length; i += MAX_STORED) {
        const n = Math.min(MAX_STORED, chunk.length - i);
        out[o] = 0; // BFINAL = 0, BTYPE = 00 (stored); the rest of the byte is padding.
        out[o + 1] = n & 0xff;
        out[o + 2] = n >>> 8;
        out[o + 3] = ~n & 0xff;
        out[o + 4] = (~n >>> 8) & 0xff;
        out.set(chunk.subarray(i, i + n), o + 5);
        o += 5 + n;
      }
      adler = adler32(adler, chunk);
      if (out.length > 0) controller.enqueue(out);
    },
    flush(controller) {
      const out = new Uint8Array((started ? 0 : 2) + 5 + 4);
      let o = 0;
      if (!started) {
        out[o++] = 0x78;
        out[o++] = 0x01;
      }
      // The final block: BFINAL = 1, BTYPE = 00, LEN = 0, NLEN = 0xffff.
      out.set([1, 0, 0, 0xff, 0xff], o);
      o += 5;
      out[o] = adler >>> 24;
      out[o + 1] = adler >>> 16;
      out[o + 2] = adler >>> 8;
      out[o + 3] = adler;
      controller.enqueue(out);
    },
  });
}
