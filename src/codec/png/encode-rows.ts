import type { Color } from '../../color/color.js';
import { Gray16Model, GrayModel, NRGBA64Model, NRGBAModel } from '../../color/models.js';
import type { Gray, Gray16 } from '../../color/gray.js';
import type { NRGBA, NRGBA64 } from '../../color/nrgba.js';
import type { Image } from '../../image/image.js';

/**
 * How the encoder turns one image row into the bytes of a PNG scanline (before filtering), for
 * each of Go's encodings. The generic path does what Go's writer does for an arbitrary image:
 * convert `at(x, y)` with the colour model the encoding needs. Fast paths read `pix` directly for
 * imago's buffer types and are tested byte-equal to the generic path.
 * @internal
 */

/** Go's encodings ("cb" in image/png): colour type and bit depth. */
export type Encoding = 'G8' | 'G16' | 'TC8' | 'TCA8' | 'TC16' | 'TCA16' | 'P1' | 'P2' | 'P4' | 'P8';

/** Bits per pixel of each encoding. */
export const ENCODING_BITS: Record<Encoding, number> = {
  G8: 8,
  G16: 16,
  TC8: 24,
  TCA8: 32,
  TC16: 48,
  TCA16: 64,
  P1: 1,
  P2: 2,
  P4: 4,
  P8: 8,
};

/** IHDR bit depth and colour type of each encoding. */
export const ENCODING_IHDR: Record<Encoding, readonly [depth: number, colorType: number]> = {
  G8: [8, 0],
  G16: [16, 0],
  TC8: [8, 2],
  TCA8: [8, 6],
  TC16: [16, 2],
  TCA16: [16, 6],
  P1: [1, 3],
  P2: [2, 3],
  P4: [4, 3],
  P8: [8, 3],
};

/** Writes the scanline bytes of image row y into row[1..]. */
export type RowFiller = (y: number, row: Uint8Array) => void;

/** An image that can report palette indices: Go's `image.PalettedImage`. */
export interface IndexedImage extends Image {
  colorIndexAt(x: number, y: number): number;
}

/** The shape of imago's buffer images, for the fast paths. */
interface Buffered extends Image {
  readonly kind: string;
  readonly pix: Uint8Array;
  readonly stride: number;
}

function buffered(img: Image, ...kinds: string[]): img is Buffered {
  const k = (img as { kind?: unknown }).kind;
  return typeof k === 'string' && kinds.includes(k) && (img as { pix?: unknown }).pix instanceof Uint8Array;
}

/**
 * imago image kinds whose `at()` never returns an NRGBA or NRGBA64 colour, so that Go's
 * `NRGBAModel.Convert(at())` equals un-premultiplying `loadRGBA64` and the generic path may skip
 * allocating a colour per pixel.
 */
const PREMULTIPLIED_KINDS = ['rgba', 'rgba64', 'alpha', 'alpha16', 'gray', 'gray16', 'cmyk', 'ycbcr', 'nycbcra'];

/** Un-premultiplies a 16-bit component as Go's colour models do: c × 0xffff / a, truncated. */
function unpremul(c: number, a: number): number {
  return Math.floor((c * 0xffff) / a);
}

/**
 * The generic row filler: exactly what Go's writer computes for any image, through `at()` and the
 * colour models. Slow (one colour object per pixel) and obviously right; the reference for the
 * fast paths.
 */
export function genericRowFiller(img: Image, enc: Encoding): RowFiller {
  const b = img.bounds();
  const x0 = b.min.x;
  const x1 = b.max.x;
  switch (enc) {
    case 'G8':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++) row[i++] = (GrayModel.convert(img.at(x, y)) as Gray).y;
      };
    case 'G16':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 2) {
          const v = (Gray16Model.convert(img.at(x, y)) as Gray16).y;
          row[i] = v >>> 8;
          row[i + 1] = v;
        }
      };
    case 'TC8':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 3) {
          const [r, g, bl] = img.at(x, y).rgba();
          row[i] = r >>> 8;
          row[i + 1] = g >>> 8;
          row[i + 2] = bl >>> 8;
        }
      };
    case 'TCA8':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 4) {
          const c = NRGBAModel.convert(img.at(x, y)) as NRGBA;
          row[i] = c.r;
          row[i + 1] = c.g;
          row[i + 2] = c.b;
          row[i + 3] = c.a;
        }
      };
    case 'TC16':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 6) {
          const [r, g, bl] = img.at(x, y).rgba();
          put16(row, i, r, g, bl);
        }
      };
    case 'TCA16':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 8) {
          const c = NRGBA64Model.convert(img.at(x, y)) as NRGBA64;
          put16(row, i, c.r, c.g, c.b);
          row[i + 6] = c.a >>> 8;
          row[i + 7] = c.a;
        }
      };
    case 'P8':
      return (y, row) => {
        const p = img as IndexedImage;
        for (let x = x0, i = 1; x < x1; x++) row[i++] = p.colorIndexAt(x, y);
      };
    case 'P1':
    case 'P2':
    case 'P4':
      return packedIndices(img as IndexedImage, ENCODING_BITS[enc]);
  }
}

function put16(row: Uint8Array, i: number, r: number, g: number, b: number): void {
  row[i] = r >>> 8;
  row[i + 1] = r;
  row[i + 2] = g >>> 8;
  row[i + 3] = g;
  row[i + 4] = b >>> 8;
  row[i + 5] = b;
}

/**
 * Packs indices of `bits` bits, most significant first, the last byte padded with zeros. As in
 * Go, the accumulator is a byte: an index too wide for `bits` spills into its neighbours' bits
 * rather than being masked.
 */
function packedIndices(img: IndexedImage, bits: number): RowFiller {
  const b = img.bounds();
  const perByte = 8 / bits;
  return (y, row) => {
    let acc = 0;
    let c = 0;
    let i = 1;
    for (let x = b.min.x; x < b.max.x; x++) {
      acc = ((acc << bits) | img.colorIndexAt(x, y)) & 0xff;
      if (++c === perByte) {
        row[i++] = acc;
        acc = 0;
        c = 0;
      }
    }
    if (c !== 0) row[i] = (acc << (bits * (perByte - c))) & 0xff;
  };
}

/**
 * The generic path without a colour object per pixel, for imago's premultiplied image kinds:
 * `loadRGBA64` gives what `at().rgba()` gives (its contract), and for these kinds Go's NRGBA and
 * NRGBA64 models un-premultiply it.
 */
function loadedRowFiller(img: Image & { loadRGBA64(x: number, y: number, out: Uint32Array): void }, enc: Encoding): RowFiller | null {
  const b = img.bounds();
  const x0 = b.min.x;
  const x1 = b.max.x;
  const c = new Uint32Array(4);
  switch (enc) {
    case 'TC8':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 3) {
          img.loadRGBA64(x, y, c);
          row[i] = c[0] >>> 8;
          row[i + 1] = c[1] >>> 8;
          row[i + 2] = c[2] >>> 8;
        }
      };
    case 'TCA8':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 4) {
          img.loadRGBA64(x, y, c);
          nrgba8(row, i, c[0], c[1], c[2], c[3]);
        }
      };
    case 'TC16':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 6) {
          img.loadRGBA64(x, y, c);
          put16(row, i, c[0], c[1], c[2]);
        }
      };
    case 'TCA16':
      return (y, row) => {
        for (let x = x0, i = 1; x < x1; x++, i += 8) {
          img.loadRGBA64(x, y, c);
          nrgba16(row, i, c[0], c[1], c[2], c[3]);
        }
      };
    default:
      return null;
  }
}

/** Go's NRGBAModel on premultiplied 16-bit components, stored as 4 bytes. */
function nrgba8(row: Uint8Array, i: number, r: number, g: number, b: number, a: number): void {
  if (a === 0xffff) {
    row[i] = r >>> 8;
    row[i + 1] = g >>> 8;
    row[i + 2] = b >>> 8;
    row[i + 3] = 0xff;
  } else if (a === 0) {
    row[i] = row[i + 1] = row[i + 2] = row[i + 3] = 0;
  } else {
    row[i] = unpremul(r, a) >>> 8;
    row[i + 1] = unpremul(g, a) >>> 8;
    row[i + 2] = unpremul(b, a) >>> 8;
    row[i + 3] = a >>> 8;
  }
}

/** Go's NRGBA64Model on premultiplied 16-bit components, stored as 8 bytes. */
function nrgba16(row: Uint8Array, i: number, r: number, g: number, b: number, a: number): void {
  if (a === 0) {
    r = g = b = 0;
  } else if (a !== 0xffff) {
    r = unpremul(r, a);
    g = unpremul(g, a);
    b = unpremul(b, a);
  }
  put16(row, i, r, g, b);
  row[i + 6] = a >>> 8;
  row[i + 7] = a;
}

/**
 * The row filler for an image and encoding: a fast path reading `pix` when there is one, else the
 * allocation-free generic path for imago's premultiplied kinds, else {@link genericRowFiller}.
 */
export function rowFiller(img: Image, enc: Encoding): RowFiller {
  const b = img.bounds();
  const w = b.dx();
  const y0 = b.min.y;
  if (buffered(img, 'gray') && enc === 'G8') {
    return copyRows(img, w, y0);
  }
  if (buffered(img, 'gray16') && enc === 'G16') {
    return copyRows(img, 2 * w, y0);
  }
  if (buffered(img, 'paletted') && enc === 'P8') {
    return copyRows(img, w, y0);
  }
  if (buffered(img, 'nrgba') && enc === 'TCA8') {
    return copyRows(img, 4 * w, y0);
  }
  if (buffered(img, 'nrgba64') && enc === 'TCA16') {
    return copyRows(img, 8 * w, y0);
  }
  if (buffered(img, 'rgba', 'nrgba') && enc === 'TC8') {
    // Opaque (checked before choosing TC8), so premultiplied and straight RGB agree.
    const { pix, stride } = img;
    return (y, row) => {
      for (let j = (y - y0) * stride, i = 1, end = j + 4 * w; j < end; j += 4, i += 3) {
        row[i] = pix[j];
        row[i + 1] = pix[j + 1];
        row[i + 2] = pix[j + 2];
      }
    };
  }
  if (buffered(img, 'rgba64', 'nrgba64') && enc === 'TC16') {
    // Opaque: a = 0xffff, so at().rgba() is the stored RGB for both.
    const { pix, stride } = img;
    return (y, row) => {
      for (let j = (y - y0) * stride, i = 1, end = j + 8 * w; j < end; j += 8, i += 6) {
        for (let k = 0; k < 6; k++) row[i + k] = pix[j + k];
      }
    };
  }
  if (buffered(img, 'rgba') && enc === 'TCA8') {
    const { pix, stride } = img;
    return (y, row) => {
      for (let j = (y - y0) * stride, i = 1, end = j + 4 * w; j < end; j += 4, i += 4) {
        // RGBA's 16-bit components are the bytes × 0x101.
        nrgba8(row, i, pix[j] * 0x101, pix[j + 1] * 0x101, pix[j + 2] * 0x101, pix[j + 3] * 0x101);
      }
    };
  }
  if (buffered(img, 'rgba64') && enc === 'TCA16') {
    const { pix, stride } = img;
    return (y, row) => {
      for (let j = (y - y0) * stride, i = 1, end = j + 8 * w; j < end; j += 8, i += 8) {
        nrgba16(row, i, (pix[j] << 8) | pix[j + 1], (pix[j + 2] << 8) | pix[j + 3], (pix[j + 4] << 8) | pix[j + 5], (pix[j + 6] << 8) | pix[j + 7]);
      }
    };
  }
  if (buffered(img, 'paletted') && (enc === 'P1' || enc === 'P2' || enc === 'P4')) {
    const { pix, stride } = img;
    const bits = ENCODING_BITS[enc];
    const perByte = 8 / bits;
    return (y, row) => {
      let acc = 0;
      let c = 0;
      let i = 1;
      for (let j = (y - y0) * stride, end = j + w; j < end; j++) {
        acc = ((acc << bits) | pix[j]) & 0xff;
        if (++c === perByte) {
          row[i++] = acc;
          acc = 0;
          c = 0;
        }
      }
      if (c !== 0) row[i] = (acc << (bits * (perByte - c))) & 0xff;
    };
  }
  const k = (img as { kind?: unknown }).kind;
  if (typeof k === 'string' && PREMULTIPLIED_KINDS.includes(k) && typeof (img as { loadRGBA64?: unknown }).loadRGBA64 === 'function') {
    const f = loadedRowFiller(img as Image & { loadRGBA64(x: number, y: number, out: Uint32Array): void }, enc);
    if (f !== null) return f;
  }
  return genericRowFiller(img, enc);
}

/** Copies `n` bytes of each row of `pix`: the stored layout is the scanline layout. */
function copyRows(img: Buffered, n: number, y0: number): RowFiller {
  const { pix, stride } = img;
  return (y, row) => {
    const j = (y - y0) * stride;
    row.set(pix.subarray(j, j + n), 1);
  };
}

/** Whether the colour is fully opaque, by its premultiplied alpha. */
export function opaqueColor(c: Color): boolean {
  return c.rgba()[3] === 0xffff;
}
