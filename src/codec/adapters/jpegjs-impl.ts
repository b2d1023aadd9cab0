/**
 * The half of the jpeg-js adapter that imports jpeg-js. Only jpegjs.ts loads this module, with a
 * dynamic `import()`, so imago pays for jpeg-js (about 40 KB of code) only when a JPEG is decoded
 * or encoded.
 *
 * jpeg-js's decoder is plain JavaScript and runs anywhere (the adapter asks for typed arrays, never
 * Buffers). Its encoder ends with `Buffer.from(...)` when loaded as CommonJS, so it needs a global
 * `Buffer` (Node, Bun, Deno's npm compatibility, Workers with nodejs_compat); without one, encode
 * rejects with an UnsupportedError.
 */
import jpegjs from 'jpeg-js';
import { FormatError, LimitError, UnsupportedError } from '../../errors.js';
import { rect } from '../../geom/rectangle.js';
import { GrayImage } from '../../image/gray-image.js';
import type { Image } from '../../image/image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { allocBytes } from '../../lifetime/alloc.js';
import type { Limits } from '../codec.js';
import type { JpegStructure } from './jpeg-markers.js';
import { ownedBytes } from './owned.js';

/**
 * Decodes with jpeg-js, after {@link checkJpegStructure}. jpeg-js's limits come from imago's:
 * `maxResolutionInMP` is `limits.maxPixels / 10^6`, and `maxMemoryUsageInMB` is the memory jpeg-js
 * itself will ask for to decode this header ({@link jpegjsMemory}), so anything beyond that, such
 * as a second frame, fails instead of allocating.
 *
 * The result: RGBAImage (opaque, so premultiplied equals straight) wrapping jpeg-js's RGBA output
 * without a copy; a grey JPEG narrows it to a GrayImage (a new buffer a quarter the size).
 */
export function decodeJpeg(bytes: Uint8Array, s: JpegStructure, limits: Readonly<Limits>): Image {
  const budget = jpegjsMemory(s);
  const out = withLimitErrors(budget, () => jpegjs.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: true,
    colorTransform: colorTransform(s),
    maxResolutionInMP: limits.maxPixels / 1e6,
    // Slack of 64 KiB for the floating-point MB round trip; jpeg-js compares bytes.
    maxMemoryUsageInMB: (budget + 65_536) / 2 ** 20,
  }));
  const { width: w, height: h } = out;
  if (w !== s.width || h !== s.height || out.data.length !== w * h * 4) {
    throw new FormatError(`imago: jpeg-js decoded ${w}x${h}, but the frame header at hand declares ${s.width}x${s.height}`);
  }
  if (s.components.length === 1) {
    const pix = allocBytes('GrayImage', w * h);
    const d = out.data;
    for (let i = 0; i < pix.length; i++) pix[i] = d[i * 4];
    return new GrayImage(rect(0, 0, w, h), pix, w);
  }
  return new RGBAImage(rect(0, 0, w, h), ownedBytes(out.data), w * 4);
}

/** Runs f, turning jpeg-js's own limit and allocation failures (plain Errors) into LimitErrors. */
function withLimitErrors<T>(budget: number, f: () => T): T {
  try {
    return f();
  } catch (err) {
    const m = err instanceof Error ? err.message : '';
    if (/maxMemoryUsageInMB|maxResolutionInMP|Could not allocate enough memory/.test(m)) {
      throw new LimitError(
        `imago: jpeg-js needed more than the ${budget} bytes this file's header implies, or more pixels than limits.maxPixels: ${m}`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * Whether jpeg-js should convert Y'CbCr to RGB, by Go's rule (image/jpeg `isRGB`): a 3-component
 * image is RGB, not Y'CbCr, when there is no JFIF segment and either the Adobe transform is 0 or
 * the component ids are 'R', 'G', 'B'. For 4 components jpeg-js follows the Adobe flag itself.
 */
function colorTransform(s: JpegStructure): boolean | undefined {
  if (s.components.length !== 3) return undefined;
  const ids = s.components.map((c) => c.id);
  const rgb = !s.jfif && (s.adobeTransform === 0 || (ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42));
  return !rgb;
}

/**
 * The bytes jpeg-js 0.4.4 asks its memory counter for while decoding this file (decoder.js):
 * per component, 256 bytes for each 8×8 block of the MCU-padded plane (`prepareComponents`) and one
 * byte per sample of the block-padded plane (`buildComponentData`); then width × height × components
 * for the colour-converted samples (`getData`) and width × height × 4 for the RGBA output; plus
 * 256 bytes per quantisation table and 16 + codes per Huffman table.
 * With 4 components at full resolution this is about 28 bytes per pixel.
 */
export function jpegjsMemory(s: JpegStructure): number {
  const maxH = Math.max(...s.components.map((c) => c.h));
  const maxV = Math.max(...s.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(s.width / 8 / maxH);
  const mcusPerColumn = Math.ceil(s.height / 8 / maxV);
  let total = 0;
  for (const c of s.components) {
    total += mcusPerColumn * c.v * mcusPerLine * c.h * 256;
    const blocksPerLine = Math.ceil((Math.ceil(s.width / 8) * c.h) / maxH);
    const blocksPerColumn = Math.ceil((Math.ceil(s.height / 8) * c.v) / maxV);
    total += blocksPerLine * 8 * blocksPerColumn * 8;
  }
  const n = s.width * s.height;
  return total + n * s.components.length + n * 4 + s.dqtCount * 256 + s.dhtBytes;
}

/**
 * Encodes tight RGBA samples (alpha ignored) with jpeg-js at `quality` 1..100. Returns bytes the
 * caller owns.
 * @throws UnsupportedError when the runtime has no global Buffer for jpeg-js's encoder.
 */
export function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  try {
    return ownedBytes(jpegjs.encode({ width, height, data: rgba }, quality).data);
  } catch (err) {
    if (err instanceof ReferenceError) {
      // jpeg-js's encoder has one free variable that a runtime may lack: Buffer.
      throw new UnsupportedError(
        'imago: the jpeg encoder (jpeg-js) needs a global Buffer (Node, Bun, Deno, or Workers with nodejs_compat)',
        { cause: err },
      );
    }
    throw err;
  }
}
