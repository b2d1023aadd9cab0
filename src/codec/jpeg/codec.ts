import type { Image } from '../../image/image.js';
import type { Codec, DecodeOptions, EncodeOptions, ImageConfig } from '../codec.js';
import { checkImageLimits } from '../limits.js';
import { decodeJpeg, decodeJpegConfig } from './decode.js';
import { encodeJpeg, encodeJpegStream, type JpegEncodeOptions } from './encoder.js';

/** The encoder options a caller may pass through a registry. */
function encodeOptions(o: EncodeOptions): JpegEncodeOptions {
  const out: JpegEncodeOptions = {};
  if (o.quality !== undefined) out.quality = o.quality as number;
  if (o.subsample !== undefined) out.subsample = o.subsample as JpegEncodeOptions['subsample'];
  if (o.grayscale !== undefined) out.grayscale = o.grayscale as boolean;
  if (o.optimizeHuffman !== undefined) out.optimizeHuffman = o.optimizeHuffman as boolean;
  if (o.exif !== undefined) out.exif = o.exif as Uint8Array;
  if (o.icc !== undefined) out.icc = o.icc as Uint8Array;
  if (o.chunkSize !== undefined) out.chunkSize = o.chunkSize as number;
  if (o.signal !== undefined) out.signal = o.signal;
  return out;
}

/**
 * imago's own JPEG codec as a plain {@link Codec} value, registered like any third-party codec.
 * Pure TypeScript: decode, scaled decode and encode run in every runtime.
 *
 * - `decodeConfig`: Go's DecodeConfig plus orientation and ICC (a JpegConfig); checks the limits.
 * - `decode`: bit-exact with Go's image/jpeg; option `scale` (1, 1/2, 1/4, 1/8) decodes smaller
 *   in the DCT domain; option `pool` (a BufferPool) takes the result's buffer and the progressive
 *   coefficient stores from it (dispose the result to return its buffer).
 * - `encode` / `encodeStream`: baseline; options `quality`, `subsample` ('420' | '444'),
 *   `grayscale`, `optimizeHuffman`, `exif`, `icc`, `chunkSize`.
 *
 * See spec/jpeg.md.
 */
export const jpegCodec: Codec = Object.freeze({
  name: 'jpeg',
  mime: 'image/jpeg',
  extensions: Object.freeze(['jpg', 'jpeg', 'jpe', 'jfif']),
  magic: Object.freeze(['\xff\xd8']),

  decodeConfig(bytes: Uint8Array, opts: DecodeOptions): ImageConfig {
    const cfg = decodeJpegConfig(bytes, { limits: opts.limits });
    checkImageLimits('jpeg', cfg.width, cfg.height, opts.limits);
    return cfg;
  },

  decode(bytes: Uint8Array, opts: DecodeOptions): Image {
    return decodeJpeg(bytes, { limits: opts.limits, scale: opts.scale as number | undefined, signal: opts.signal, pool: opts.pool });
  },

  encode(img: Image, opts: EncodeOptions): Uint8Array {
    return encodeJpeg(img, encodeOptions(opts));
  },

  encodeStream(img: Image, opts: EncodeOptions): ReadableStream<Uint8Array> {
    return encodeJpegStream(img, encodeOptions(opts));
  },
});
