import { UnsupportedError } from '../../errors.js';
import type { Image } from '../../image/image.js';
import type { Codec, DecodeOptions, EncodeOptions, ImageConfig } from '../codec.js';
import { asImagoError, throwIfAborted } from '../guard.js';
import { checkImageLimits, checkInputLimits } from '../limits.js';
import { lazy } from './lazy.js';
import { checkPngStructure, readPngHeader } from './png-chunks.js';
import { planPngEncode, pngOptions } from './png-encode-plan.js';
import { pngModel } from './png-model.js';

/**
 * The PNG codec over pngjs 7.
 *
 * Runtime needs: `decodeConfig` is pure TypeScript and runs anywhere. `decode` and `encode` load
 * pngjs on first use with a dynamic `import()`; pngjs needs Node's `zlib`, `buffer` and `stream`
 * (Node, Bun, Deno, or Cloudflare Workers with `nodejs_compat`). Where they are missing, the call
 * rejects with an UnsupportedError that says so; nothing fails at import time.
 *
 * Decoding returns Go's type for each PNG colour type (Gray, Gray16, RGBA, RGBA64, NRGBA,
 * NRGBA64, Paletted; see spec/codecs.md), keeps 16-bit samples, and wraps pngjs's pixel buffer
 * without copying where the type allows (see png-wrap.ts). Before pngjs runs, the whole chunk
 * structure and the CRC of every chunk but IDAT (pngjs checks those) are checked, and the header's
 * size against the limits.
 *
 * Encoding options: `compressionLevel` 0..9 (default 6), `filter` ('adaptive' default, 'none',
 * 'sub', 'up', 'average', 'paeth'), `bitDepth` 8 or 16 (default from the image type).
 */
export const pngjsCodec: Codec = Object.freeze({
  name: 'png',
  mime: 'image/png',
  extensions: Object.freeze(['png']),
  magic: Object.freeze(['\x89PNG\r\n\x1a\n']),

  decodeConfig(bytes: Uint8Array, opts: DecodeOptions): ImageConfig {
    checkInputLimits('png', bytes.length, opts.limits);
    const h = readPngHeader(bytes, (ihdr) => checkImageLimits('png', ihdr.width, ihdr.height, opts.limits));
    const config: ImageConfig = { format: 'png', width: h.width, height: h.height, colorModel: pngModel(h), bitDepth: h.bitDepth };
    if (h.orientation !== undefined) config.orientation = h.orientation;
    return config;
  },

  async decode(bytes: Uint8Array, opts: DecodeOptions): Promise<Image> {
    checkInputLimits('png', bytes.length, opts.limits);
    const s = checkPngStructure(bytes, (ihdr) => checkImageLimits('png', ihdr.width, ihdr.height, opts.limits));
    throwIfAborted(opts.signal, 'png decode');
    const node = await loadNode();
    throwIfAborted(opts.signal, 'png decode');
    try {
      return node.decodePng(bytes, s);
    } catch (err) {
      throw runtimeMismatch(err) ?? asImagoError(err, 'png', 'decode');
    }
  },

  async encode(img: Image, opts: EncodeOptions): Promise<Uint8Array> {
    const o = pngOptions(opts);
    const b = img.bounds();
    if (b.empty() || b.dx() > 0x7fffffff || b.dy() > 0x7fffffff) {
      throw new UnsupportedError(`imago: png cannot store a ${b.dx()}x${b.dy()} image (each side must be 1..2^31-1)`);
    }
    throwIfAborted(opts.signal, 'png encode');
    const node = await loadNode();
    const plan = planPngEncode(img, o.bitDepth);
    throwIfAborted(opts.signal, 'png encode');
    try {
      return node.encodePng(plan, o.compressionLevel, o.filter);
    } catch (err) {
      throw runtimeMismatch(err) ?? asImagoError(err, 'png', 'encode');
    }
  },
});

/**
 * pngjs's synchronous API subclasses `zlib.Inflate` the ES5 way (`Inflate.call(this, ...)`).
 * Where `node:zlib` exists but its classes are ES classes, as in workerd with `nodejs_compat`,
 * that throws "Class constructor Inflate cannot be invoked without 'new'": the runtime, not the
 * image, is at fault, so it is an UnsupportedError (test/runtimes: workerd+compat column).
 */
function runtimeMismatch(err: unknown): UnsupportedError | undefined {
  if (!(err instanceof TypeError) || !/Class constructor \w+ cannot be invoked without 'new'/.test(err.message)) return undefined;
  return new UnsupportedError(
    `imago: the png codec (pngjs) cannot run on this runtime's node:zlib (${err.message}); use a codec without Node built-ins`,
    { cause: err },
  );
}

const loadNode = lazy(
  () => import('./pngjs-node.js'),
  (err) =>
    new UnsupportedError(
      'imago: the png codec (pngjs) needs Node\'s zlib and buffer modules (Node, Bun, Deno, or Workers with nodejs_compat), ' +
        `which this runtime could not load: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    ),
);
