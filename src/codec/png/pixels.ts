import type { Color } from '../../color/color.js';
import { Palette } from '../../color/palette.js';
import { NRGBA } from '../../color/nrgba.js';
import { RGBA } from '../../color/rgba.js';
import { rect } from '../../geom/rectangle.js';
import { Gray16Image } from '../../image/gray16-image.js';
import { GrayImage } from '../../image/gray-image.js';
import { NRGBA64Image } from '../../image/nrgba64-image.js';
import { NRGBAImage } from '../../image/nrgba-image.js';
import { PalettedImage } from '../../image/paletted-image.js';
import { RGBA64Image } from '../../image/rgba64-image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { allocBytes, pixelBufferLength } from '../../lifetime/alloc.js';
import { CT_GRAY, CT_GRAY_ALPHA, CT_PALETTED, CT_TRUECOLOR, CT_TRUECOLOR_ALPHA } from './format.js';
import type { PngHeader } from './header.js';

/**
 * The decoded image: its type, how reconstructed scanlines become its pixels, and the palette.
 * The choice of type is Go's (image/png reader.go), so a decode gives what Go gives, byte for byte.
 * @internal
 */

/** Every image type the PNG decoder returns. */
export type PngImage = GrayImage | Gray16Image | RGBAImage | RGBA64Image | NRGBAImage | NRGBA64Image | PalettedImage;

/** The layout of the decoded image. */
export type PngLayout = 'gray' | 'gray16' | 'rgba' | 'rgba64' | 'nrgba' | 'nrgba64' | 'paletted';

/**
 * The image type Go's decoder returns for a header, given whether a tRNS chunk applies:
 * grey 1-8 → Gray (NRGBA with tRNS); grey 16 → Gray16 (NRGBA64 with tRNS); grey + alpha 8 → NRGBA;
 * grey + alpha 16 → NRGBA64; truecolour 8 → RGBA (NRGBA with tRNS); truecolour 16 → RGBA64
 * (NRGBA64 with tRNS); truecolour + alpha 8 → NRGBA, 16 → NRGBA64; paletted → Paletted.
 */
export function pngLayout(h: PngHeader, hasTransparency: boolean): PngLayout {
  const wide = h.bitDepth === 16;
  switch (h.colorType) {
    case CT_GRAY:
      if (hasTransparency) return wide ? 'nrgba64' : 'nrgba';
      return wide ? 'gray16' : 'gray';
    case CT_TRUECOLOR:
      if (hasTransparency) return wide ? 'nrgba64' : 'nrgba';
      return wide ? 'rgba64' : 'rgba';
    case CT_PALETTED:
      return 'paletted';
    case CT_GRAY_ALPHA:
    case CT_TRUECOLOR_ALPHA:
      return wide ? 'nrgba64' : 'nrgba';
  }
}

/** Bytes per pixel of each layout. */
export function layoutBytes(layout: PngLayout): number {
  switch (layout) {
    case 'gray':
    case 'paletted':
      return 1;
    case 'gray16':
      return 2;
    case 'rgba':
    case 'nrgba':
      return 4;
    case 'rgba64':
    case 'nrgba64':
      return 8;
  }
}

/**
 * Converts the first n pixels of a reconstructed scanline `row` and stores them at `out[o]`,
 * `out[o + step]`, … (step = output bytes between the pixels this row covers).
 */
type RowConverter = (row: Uint8Array, n: number, out: Uint8Array, o: number, step: number) => void;

/** The sample value of a 1-, 2- or 4-bit grey level scaled to 8 bits: ×0xff, ×0x55, ×0x11. */
const GRAY_SCALE: Record<number, number> = { 1: 0xff, 2: 0x55, 4: 0x11 };

/** The n-th `depth`-bit field of row, most significant bits first. */
function unpack(row: Uint8Array, i: number, depth: number): number {
  const bit = i * depth;
  return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

function lowGray(depth: number): RowConverter {
  const scale = GRAY_SCALE[depth];
  return (row, n, out, o, step) => {
    for (let i = 0; i < n; i++, o += step) out[o] = unpack(row, i, depth) * scale;
  };
}

/** Grey 1/2/4/8 with tRNS → NRGBA: alpha 0 where the scaled level equals `ty`. */
function grayKeyed(depth: number, ty: number): RowConverter {
  const scale = depth === 8 ? 1 : GRAY_SCALE[depth];
  return (row, n, out, o, step) => {
    for (let i = 0; i < n; i++, o += step) {
      const v = depth === 8 ? row[i] : unpack(row, i, depth) * scale;
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = v === ty ? 0 : 0xff;
    }
  };
}

/** Copies `width` bytes per pixel unchanged (the stored layout is the image layout). */
function copier(width: number): RowConverter {
  return (row, n, out, o, step) => {
    if (step === width) {
      out.set(row.subarray(0, n * width), o);
      return;
    }
    for (let i = 0, j = 0; i < n; i++, o += step) for (let k = 0; k < width; k++) out[o + k] = row[j++];
  };
}

const grayAlpha8: RowConverter = (row, n, out, o, step) => {
  for (let i = 0, j = 0; i < n; i++, j += 2, o += step) {
    out[o] = out[o + 1] = out[o + 2] = row[j];
    out[o + 3] = row[j + 1];
  }
};

const trueColor8: RowConverter = (row, n, out, o, step) => {
  for (let i = 0, j = 0; i < n; i++, j += 3, o += step) {
    out[o] = row[j];
    out[o + 1] = row[j + 1];
    out[o + 2] = row[j + 2];
    out[o + 3] = 0xff;
  }
};

/** Whether this platform stores a Uint32 little-endian (every mainstream one does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * {@link trueColor8} writing each RGBA pixel as one 32-bit word through `out32`, a Uint32Array view
 * of the output buffer (little-endian platforms, 4-aligned buffer). About twice as fast.
 */
function trueColor8Words(out32: Uint32Array): RowConverter {
  return (row, n, _out, o, step) => {
    const ws = step >> 2;
    for (let i = 0, j = 0, w = o >> 2; i < n; i++, j += 3, w += ws) {
      out32[w] = row[j] | (row[j + 1] << 8) | (row[j + 2] << 16) | 0xff000000;
    }
  };
}

function trueColor8Keyed(tr: number, tg: number, tb: number): RowConverter {
  return (row, n, out, o, step) => {
    for (let i = 0, j = 0; i < n; i++, j += 3, o += step) {
      const r = row[j];
      const g = row[j + 1];
      const b = row[j + 2];
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = r === tr && g === tg && b === tb ? 0 : 0xff;
    }
  };
}

function gray16Keyed(ty: number): RowConverter {
  return (row, n, out, o, step) => {
    for (let i = 0, j = 0; i < n; i++, j += 2, o += step) {
      const hi = row[j];
      const lo = row[j + 1];
      out[o] = out[o + 2] = out[o + 4] = hi;
      out[o + 1] = out[o + 3] = out[o + 5] = lo;
      const a = ((hi << 8) | lo) === ty ? 0 : 0xff;
      out[o + 6] = out[o + 7] = a;
    }
  };
}

const grayAlpha16: RowConverter = (row, n, out, o, step) => {
  for (let i = 0, j = 0; i < n; i++, j += 4, o += step) {
    out[o] = out[o + 2] = out[o + 4] = row[j];
    out[o + 1] = out[o + 3] = out[o + 5] = row[j + 1];
    out[o + 6] = row[j + 2];
    out[o + 7] = row[j + 3];
  }
};

function trueColor16(key: readonly [number, number, number] | null): RowConverter {
  return (row, n, out, o, step) => {
    for (let i = 0, j = 0; i < n; i++, j += 6, o += step) {
      for (let k = 0; k < 6; k++) out[o + k] = row[j + k];
      let a = 0xff;
      if (key !== null) {
        const r = (row[j] << 8) | row[j + 1];
        const g = (row[j + 2] << 8) | row[j + 3];
        const b = (row[j + 4] << 8) | row[j + 5];
        if (r === key[0] && g === key[1] && b === key[2]) a = 0;
      }
      out[o + 6] = out[o + 7] = a;
    }
  };
}

/** Paletted 1/2/4: the indices, unpacked. */
function lowIndices(depth: number): RowConverter {
  return (row, n, out, o, step) => {
    for (let i = 0; i < n; i++, o += step) out[o] = unpack(row, i, depth);
  };
}

/**
 * Where the decoded pixels go: the output buffer, allocated once the header is known, and the
 * converter from scanlines to pixels.
 */
export class PixelSink {
  readonly layout: PngLayout;
  readonly width: number;
  readonly height: number;
  /** Bytes per output pixel. */
  readonly bpp: number;
  readonly stride: number;
  readonly pix: Uint8Array;
  /**
   * Whether a reconstructed scanline is byte for byte an output row, so that the scanlines can be
   * reconstructed straight into `pix` (non-interlaced grey 8 and 16 without tRNS, paletted 8,
   * truecolour + alpha 8 and 16).
   */
  readonly direct: boolean;
  /** One more than the largest palette index seen (paletted only). */
  indexBound = 0;
  readonly #convert: RowConverter;
  readonly #paletted: boolean;

  /**
   * Allocates the output buffer (through lifetime/alloc, which applies the pixel limit).
   * @param transparency tRNS data for grey (2 bytes) or truecolour (6 bytes), else null.
   * @throws LimitError, SizeError from the allocator.
   */
  constructor(h: PngHeader, transparency: Uint8Array | null) {
    const layout = pngLayout(h, transparency !== null);
    this.layout = layout;
    this.width = h.width;
    this.height = h.height;
    this.bpp = layoutBytes(layout);
    this.stride = h.width * this.bpp;
    const what = `PNG ${layout} image`;
    this.pix = allocBytes(what, pixelBufferLength(what, rect(0, 0, h.width, h.height), this.bpp));
    this.#paletted = layout === 'paletted';
    const d = h.bitDepth;
    const t = transparency;
    let direct = false;
    let convert: RowConverter;
    switch (h.colorType) {
      case CT_GRAY:
        if (t !== null) {
          if (d === 16) {
            convert = gray16Keyed((t[0] << 8) | t[1]);
          } else {
            // Go compares against the low byte of the tRNS value, scaled to 8 bits; the product
            // wraps as a uint8 does.
            convert = grayKeyed(d, (t[1] * (d === 8 ? 1 : GRAY_SCALE[d])) & 0xff);
          }
        } else if (d === 8 || d === 16) {
          convert = copier(d / 8);
          direct = true;
        } else {
          convert = lowGray(d);
        }
        break;
      case CT_GRAY_ALPHA:
        convert = d === 8 ? grayAlpha8 : grayAlpha16;
        break;
      case CT_TRUECOLOR:
        if (d === 8) {
          // Go compares the low byte of each 16-bit tRNS sample.
          if (t !== null) convert = trueColor8Keyed(t[1], t[3], t[5]);
          else if (LITTLE_ENDIAN && this.pix.byteOffset % 4 === 0) convert = trueColor8Words(new Uint32Array(this.pix.buffer, this.pix.byteOffset, this.pix.length >> 2));
          else convert = trueColor8;
        } else {
          convert = trueColor16(t !== null ? [(t[0] << 8) | t[1], (t[2] << 8) | t[3], (t[4] << 8) | t[5]] : null);
        }
        break;
      case CT_PALETTED:
        if (d === 8) {
          convert = copier(1);
          direct = true;
        } else {
          convert = lowIndices(d);
        }
        break;
      case CT_TRUECOLOR_ALPHA:
        convert = copier(d === 8 ? 4 : 8);
        direct = true;
        break;
    }
    this.direct = direct && !h.interlaced;
    this.#convert = convert;
  }

  /**
   * Stores the first n pixels of a reconstructed scanline as the pixels (x0 + i·dx, y),
   * i = 0 … n-1.
   */
  write(row: Uint8Array, n: number, y: number, x0: number, dx: number): void {
    const o = y * this.stride + x0 * this.bpp;
    this.#convert(row, n, this.pix, o, dx * this.bpp);
    if (this.#paletted) this.noteIndices(this.pix, o, n, dx);
  }

  /** Raises {@link indexBound} over n indices at `p[o]`, `p[o + step]`, …. */
  noteIndices(p: Uint8Array, o: number, n: number, step: number): void {
    let bound = this.indexBound;
    if (bound === 256) return;
    for (let i = 0; i < n; i++, o += step) if (p[o] >= bound) bound = p[o] + 1;
    this.indexBound = bound;
  }

  /**
   * Wraps the pixels in their image type. The result owns `pix`.
   * @param plte the PLTE data (3 bytes per entry) and @param trns the tRNS alpha values, for
   *   paletted images.
   */
  finish(plte: Uint8Array | null, trns: Uint8Array | null): PngImage {
    const r = rect(0, 0, this.width, this.height);
    switch (this.layout) {
      case 'gray':
        return new GrayImage(r, this.pix, this.stride);
      case 'gray16':
        return new Gray16Image(r, this.pix, this.stride);
      case 'rgba':
        return new RGBAImage(r, this.pix, this.stride);
      case 'rgba64':
        return new RGBA64Image(r, this.pix, this.stride);
      case 'nrgba':
        return new NRGBAImage(r, this.pix, this.stride);
      case 'nrgba64':
        return new NRGBA64Image(r, this.pix, this.stride);
      case 'paletted':
        return new PalettedImage(r, pngPalette(plte, trns, this.indexBound), this.pix, this.stride);
    }
  }
}

/**
 * The palette exactly as Go builds it: PLTE entries as opaque `RGBA`; the first tRNS-length
 * entries as `NRGBA` with the tRNS alpha (tRNS may be longer than PLTE, adding black entries); and,
 * when pixels use indices past both, opaque black `RGBA` entries up to the largest index used
 * (Go follows libpng here rather than rejecting the file).
 */
export function pngPalette(plte: Uint8Array | null, trns: Uint8Array | null, indexBound = 0): Palette {
  const np = plte === null ? 0 : plte.length / 3;
  const nt = trns === null ? 0 : trns.length;
  const n = Math.max(np, nt, indexBound);
  const colors: Color[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = i < np ? plte![3 * i] : 0;
    const g = i < np ? plte![3 * i + 1] : 0;
    const b = i < np ? plte![3 * i + 2] : 0;
    colors[i] = i < nt ? new NRGBA(r, g, b, trns![i]) : new RGBA(r, g, b, 0xff);
  }
  return new Palette(colors);
}
