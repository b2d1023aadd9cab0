import { GrayModel, RGBAModel } from '../../color/models.js';
import { OptionError, UnsupportedError } from '../../errors.js';
import type { Image } from '../../image/image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { NRGBAImage } from '../../image/nrgba-image.js';
import { allocBytes } from '../../lifetime/alloc.js';
import type { Codec, DecodeOptions, EncodeOptions, ImageConfig } from '../codec.js';
import { asImagoError, throwIfAborted } from '../guard.js';
import { checkImageLimits, checkInputLimits } from '../limits.js';
import { checkJpegStructure, readJpegHeader } from './jpeg-markers.js';
import { lazy } from './lazy.js';

/**
 * The JPEG codec over jpeg-js 0.4.4.
 *
 * Runtime needs: `decodeConfig` is pure TypeScript. `decode` loads jpeg-js on first use (dynamic
 * `import()`) and runs in any runtime. `encode` also needs a global `Buffer` (see jpegjs-impl.ts).
 *
 * Decoding: baseline, extended (8-bit) and progressive Huffman JPEGs, grey, Y'CbCr, RGB, CMYK and
 * YCCK (Adobe), with restart markers, to an RGBAImage (jpeg-js converts colour itself), or a
 * GrayImage for one component. Before jpeg-js runs, the whole marker structure is walked, so that
 * arithmetic coding, lossless (SOF3), hierarchical frames, 12-bit samples and scans whose Huffman
 * tables are missing get an UnsupportedError naming the feature, not a crash inside jpeg-js.
 * `decodeConfig` reports the EXIF orientation; the registry's `autoOrient` applies it.
 *
 * Encoding option: `quality` 1..100 (default 75, as Go's). jpeg-js writes baseline 4:4:4 Y'CbCr;
 * a non-opaque image is composited over black first (its premultiplied colour), as Go's encoder
 * does.
 */
export const jpegjsCodec: Codec = Object.freeze({
  name: 'jpeg',
  mime: 'image/jpeg',
  extensions: Object.freeze(['jpg', 'jpeg', 'jpe', 'jfif']),
  magic: Object.freeze(['\xff\xd8']),

  decodeConfig(bytes: Uint8Array, opts: DecodeOptions): ImageConfig {
    checkInputLimits('jpeg', bytes.length, opts.limits);
    const h = readJpegHeader(bytes);
    checkImageLimits('jpeg', h.width, h.height, opts.limits);
    const config: ImageConfig = {
      format: 'jpeg',
      width: h.width,
      height: h.height,
      colorModel: h.components.length === 1 ? GrayModel : RGBAModel,
      bitDepth: h.precision,
    };
    if (h.orientation !== undefined) config.orientation = h.orientation;
    return config;
  },

  async decode(bytes: Uint8Array, opts: DecodeOptions): Promise<Image> {
    checkInputLimits('jpeg', bytes.length, opts.limits);
    const s = checkJpegStructure(bytes, (sof) => checkImageLimits('jpeg', sof.width, sof.height, opts.limits));
    throwIfAborted(opts.signal, 'jpeg decode');
    const impl = await loadImpl();
    throwIfAborted(opts.signal, 'jpeg decode');
    try {
      return impl.decodeJpeg(bytes, s, opts.limits);
    } catch (err) {
      throw asImagoError(err, 'jpeg', 'decode');
    }
  },

  async encode(img: Image, opts: EncodeOptions): Promise<Uint8Array> {
    const quality = opts.quality ?? 75;
    if (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 1 || quality > 100) {
      throw new OptionError(`imago: jpeg quality must be an integer 1..100, got ${String(opts.quality)}`);
    }
    const b = img.bounds();
    const w = b.dx();
    const h = b.dy();
    if (w < 1 || h < 1 || w > 65_535 || h > 65_535) {
      throw new UnsupportedError(`imago: jpeg cannot store a ${w}x${h} image (each side must be 1..65535)`);
    }
    throwIfAborted(opts.signal, 'jpeg encode');
    const impl = await loadImpl();
    const rgba = rgbaSamples(img);
    throwIfAborted(opts.signal, 'jpeg encode');
    try {
      return impl.encodeJpeg(rgba, w, h, quality);
    } catch (err) {
      throw asImagoError(err, 'jpeg', 'encode');
    }
  },
});

/**
 * Tight RGBA samples of img's premultiplied colour (alpha is ignored by jpeg-js, so a translucent
 * pixel is its colour over black, as Go's encoder writes it). A tight, opaque-or-premultiplied RGBA
 * or an opaque NRGBA image is passed as a view without copying.
 */
function rgbaSamples(img: Image): Uint8Array {
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  if ((img instanceof RGBAImage || (img instanceof NRGBAImage && img.opaque())) && img.stride === w * 4) {
    return img.pix.subarray(0, w * h * 4);
  }
  const out = allocBytes('jpeg samples', w * h * 4);
  const c = [0, 0, 0, 0];
  const m = img as { loadRGBA64?: (x: number, y: number, out: number[]) => void };
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 4) {
      if (typeof m.loadRGBA64 === 'function') m.loadRGBA64(b.min.x + x, b.min.y + y, c);
      else [c[0], c[1], c[2], c[3]] = img.at(b.min.x + x, b.min.y + y).rgba();
      out[i] = c[0] >>> 8;
      out[i + 1] = c[1] >>> 8;
      out[i + 2] = c[2] >>> 8;
      out[i + 3] = 0xff;
    }
  }
  return out;
}

const loadImpl = lazy(
  () => import('./jpegjs-impl.js'),
  (err) =>
    new UnsupportedError(`imago: the jpeg codec could not load jpeg-js: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    }),
);
