import type { Codec, DecodeOptions, EncodeOptions, ImageConfig } from '../codec.js';
import type { Image } from '../../image/image.js';
import { readPng, readPngInfo } from './decoder.js';
import { encodePng, encodePngStream, type PngEncodeOptions } from './encoder.js';
import { SIGNATURE } from './format.js';

/**
 * imago's own PNG codec as a registry plugin: pure TypeScript, so it runs in every runtime (Node,
 * Deno, Bun, browsers, Cloudflare Workers without nodejs_compat). Decoding inflates with imago's
 * own inflater; encoding compresses with the Compression Streams API, which all of them have. It
 * decodes and encodes exactly as Go's image/png does. See spec/png.md.
 *
 * Decode options: `limits` (resolved by the registry) and `signal`. Encode options:
 * `compressionLevel`, `filter`, `compressor`, `bitDepth`, `signal` (see {@link PngEncodeOptions}).
 */

function encodeOptions(opts: EncodeOptions): PngEncodeOptions {
  const { compressionLevel, filter, compressor, signal, bitDepth } = opts as PngEncodeOptions;
  return { compressionLevel, filter, compressor, signal, bitDepth };
}

export const pngCodec: Codec = Object.freeze({
  name: 'png',
  mime: 'image/png',
  extensions: Object.freeze(['png']),
  magic: Object.freeze([SIGNATURE]),

  async decodeConfig(bytes: Uint8Array, opts: DecodeOptions): Promise<ImageConfig> {
    const info = await readPngInfo(bytes, { limits: opts.limits, signal: opts.signal });
    const config: ImageConfig = {
      format: 'png',
      width: info.header.width,
      height: info.header.height,
      colorModel: info.colorModel,
      bitDepth: info.header.bitDepth,
    };
    // The EXIF orientation of an eXIf chunk before the image data, for the registry's autoOrient.
    if (info.metadata.orientation !== undefined) config.orientation = info.metadata.orientation;
    return config;
  },

  async decode(bytes: Uint8Array, opts: DecodeOptions): Promise<Image> {
    return (await readPng(bytes, { limits: opts.limits, signal: opts.signal })).image;
  },

  encode(img: Image, opts: EncodeOptions): Promise<Uint8Array> {
    return encodePng(img, encodeOptions(opts));
  },

  encodeStream(img: Image, opts: EncodeOptions): ReadableStream<Uint8Array> {
    return encodePngStream(img, encodeOptions(opts));
  },
});
