import { NRGBAModel } from '../../color/models.js';
import type { NRGBA } from '../../color/nrgba.js';
import { OptionError } from '../../errors.js';
import { BufferImage } from '../../image/buffer-image.js';
import type { Image } from '../../image/image.js';
import type { PalettedImage } from '../../image/paletted-image.js';
import { allocBytes } from '../../lifetime/alloc.js';

/**
 * What to hand pngjs for an image: the PNG colour type and depth, and the samples packed tight in
 * that layout. Pure TypeScript; the Node part only calls pngjs with it.
 *
 * The colour type follows Go's image/png encoder: Gray → greyscale, Gray16 → greyscale 16,
 * an opaque image → truecolour, otherwise truecolour with alpha (straight, un-premultiplied as
 * Go's `NRGBAModel`: c × 0xffff / a). pngjs cannot write a palette, so Paletted is expanded to
 * truecolour (with alpha when a used entry is not opaque). The depth is 16 for layouts that store
 * 16-bit samples (RGBA64, NRGBA64, Alpha16, Gray16) and for images of unknown layout, as Go does,
 * and 8 otherwise (Go writes 16 for Y'CbCr and CMYK too; their samples have 8 bits, so imago
 * writes 8). `bitDepth` overrides the depth.
 */
export interface PngPlan {
  width: number;
  height: number;
  /** 0 greyscale, 2 truecolour, 6 truecolour with alpha. */
  colorType: 0 | 2 | 6;
  bitDepth: 8 | 16;
  /** 8-bit: tight rows of bytes. 16-bit: native-endian samples in a buffer of their own (offset 0). */
  data: Uint8Array | Uint16Array;
}

/** PNG encoding options shared by every PNG encoder in imago. */
export interface PngEncodeOptions {
  /** zlib level 0 (store) to 9 (smallest, slowest). Default 6, zlib's own default. */
  compressionLevel?: number;
  /** Row filter: one for every row, or 'adaptive' (pick per row, the default). */
  filter?: 'adaptive' | 'none' | 'sub' | 'up' | 'average' | 'paeth';
  /** Sample depth; default as above. */
  bitDepth?: 8 | 16;
}

export const FILTERS = { adaptive: -1, none: 0, sub: 1, up: 2, average: 3, paeth: 4 } as const;

/**
 * Checks and completes the options.
 * @throws OptionError naming a bad option.
 */
export function pngOptions(opts: Record<string, unknown>): Required<Omit<PngEncodeOptions, 'bitDepth'>> & { bitDepth?: 8 | 16 } {
  const level = opts.compressionLevel ?? 6;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 9) {
    throw new OptionError(`imago: png compressionLevel must be an integer 0..9, got ${String(opts.compressionLevel)}`);
  }
  const filter = opts.filter ?? 'adaptive';
  if (typeof filter !== 'string' || !(filter in FILTERS)) {
    throw new OptionError(`imago: png filter must be one of ${Object.keys(FILTERS).join(', ')}, got ${String(opts.filter)}`);
  }
  const depth = opts.bitDepth;
  if (depth !== undefined && depth !== 8 && depth !== 16) {
    throw new OptionError(`imago: png bitDepth must be 8 or 16, got ${String(depth)}`);
  }
  return { compressionLevel: level, filter: filter as PngEncodeOptions['filter'] & string, bitDepth: depth };
}

const WIDE = new Set(['rgba64', 'nrgba64', 'alpha16', 'gray16']);
const NARROW = new Set(['rgba', 'nrgba', 'alpha', 'gray', 'cmyk', 'paletted', 'ycbcr', 'nycbcra', 'uniform']);

/** Plans the encoding of img. Allocates the packed samples (one new buffer, never a view of img). */
export function planPngEncode(img: Image, bitDepth?: 8 | 16): PngPlan {
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  const kind = (img as { kind?: string }).kind;
  if (kind === 'gray' || kind === 'gray16') {
    const depth = bitDepth ?? (kind === 'gray16' ? 16 : 8);
    return { width: w, height: h, colorType: 0, bitDepth: depth, data: packGray(img as BufferImage, kind === 'gray16', depth) };
  }
  const depth = bitDepth ?? (kind !== undefined && NARROW.has(kind) && !WIDE.has(kind) ? 8 : 16);
  const opaque = isOpaque(img);
  const colorType = opaque ? 2 : 6;
  const channels = opaque ? 3 : 4;
  const n = w * h * channels;
  const out8 = depth === 8 ? allocBytes('png samples', n) : undefined;
  const out16 = depth === 16 ? new Uint16Array(allocBytes('png samples', n * 2).buffer) : undefined;
  const put = (i: number, r: number, g: number, bl: number, a: number) => {
    // r, g, b, a: straight 16-bit.
    if (out8 !== undefined) {
      out8[i] = r >>> 8;
      out8[i + 1] = g >>> 8;
      out8[i + 2] = bl >>> 8;
      if (channels === 4) out8[i + 3] = a >>> 8;
    } else {
      out16![i] = r;
      out16![i + 1] = g;
      out16![i + 2] = bl;
      if (channels === 4) out16![i + 3] = a;
    }
  };
  if (kind === 'nrgba' || kind === 'nrgba64') {
    // Straight samples already: copy them, so colour under zero alpha survives.
    const m = img as BufferImage;
    const wide = kind === 'nrgba64';
    for (let y = 0, i = 0; y < h; y++) {
      let s = y * m.stride;
      for (let x = 0; x < w; x++, i += channels, s += m.bytesPerPixel) {
        const p = m.pix;
        if (wide) put(i, (p[s] << 8) | p[s + 1], (p[s + 2] << 8) | p[s + 3], (p[s + 4] << 8) | p[s + 5], (p[s + 6] << 8) | p[s + 7]);
        else put(i, p[s] * 0x101, p[s + 1] * 0x101, p[s + 2] * 0x101, p[s + 3] * 0x101);
      }
    }
  } else if (kind === 'paletted') {
    const m = img as PalettedImage;
    const pal = m.palette.colors.map((c) => NRGBAModel.convert(c) as NRGBA);
    for (let y = 0, i = 0; y < h; y++) {
      for (let x = 0, s = y * m.stride; x < w; x++, i += channels, s++) {
        const c = pal[m.pix[s]];
        if (c === undefined) put(i, 0, 0, 0, 0);
        else put(i, c.r * 0x101, c.g * 0x101, c.b * 0x101, c.a * 0x101);
      }
    }
  } else {
    const c = [0, 0, 0, 0];
    const load = loader(img);
    for (let y = 0, i = 0; y < h; y++) {
      for (let x = 0; x < w; x++, i += channels) {
        load(b.min.x + x, b.min.y + y, c);
        const a = c[3];
        if (a === 0xffff) put(i, c[0], c[1], c[2], a);
        else if (a === 0) put(i, 0, 0, 0, 0);
        else put(i, Math.floor((c[0] * 0xffff) / a), Math.floor((c[1] * 0xffff) / a), Math.floor((c[2] * 0xffff) / a), a);
      }
    }
  }
  return { width: w, height: h, colorType, bitDepth: depth, data: out8 ?? out16! };
}

/**
 * Un-premultiplying to 8 bits by (c × 0xffff / a) >> 8 is exactly Go's NRGBAModel; the 16-bit form
 * is Go's NRGBA64Model. Both are what Go's encoder writes.
 */
function packGray(m: BufferImage, wide: boolean, depth: 8 | 16): Uint8Array | Uint16Array {
  const w = m.rect.dx();
  const h = m.rect.dy();
  if (depth === 8) {
    const out = allocBytes('png samples', w * h);
    for (let y = 0; y < h; y++) {
      const row = y * m.stride;
      if (wide) for (let x = 0; x < w; x++) out[y * w + x] = m.pix[row + x * 2];
      else out.set(m.pix.subarray(row, row + w), y * w);
    }
    return out;
  }
  const out = new Uint16Array(allocBytes('png samples', w * h * 2).buffer);
  for (let y = 0; y < h; y++) {
    const row = y * m.stride;
    for (let x = 0; x < w; x++) {
      out[y * w + x] = wide ? (m.pix[row + x * 2] << 8) | m.pix[row + x * 2 + 1] : m.pix[row + x] * 0x101;
    }
  }
  return out;
}

function isOpaque(img: Image): boolean {
  if (img instanceof BufferImage) return img.opaque();
  const o = (img as { opaque?: () => boolean }).opaque;
  if (typeof o === 'function') return o.call(img) === true;
  const b = img.bounds();
  const c = [0, 0, 0, 0];
  const load = loader(img);
  for (let y = b.min.y; y < b.max.y; y++) {
    for (let x = b.min.x; x < b.max.x; x++) {
      load(x, y, c);
      if (c[3] !== 0xffff) return false;
    }
  }
  return true;
}

/** An allocation-free reader of premultiplied 16-bit RGBA when the image has one. */
function loader(img: Image): (x: number, y: number, out: number[]) => void {
  const m = img as { loadRGBA64?: (x: number, y: number, out: number[]) => void };
  if (typeof m.loadRGBA64 === 'function') return (x, y, out) => m.loadRGBA64!(x, y, out);
  return (x, y, out) => {
    const [r, g, b, a] = img.at(x, y).rgba();
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
  };
}
