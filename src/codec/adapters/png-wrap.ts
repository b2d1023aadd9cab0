import { FormatError } from '../../errors.js';
import { rect } from '../../geom/rectangle.js';
import { GrayImage } from '../../image/gray-image.js';
import { Gray16Image } from '../../image/gray16-image.js';
import type { Image } from '../../image/image.js';
import { NRGBAImage } from '../../image/nrgba-image.js';
import { NRGBA64Image } from '../../image/nrgba64-image.js';
import { PalettedImage } from '../../image/paletted-image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { RGBA64Image } from '../../image/rgba64-image.js';
import { allocBytes } from '../../lifetime/alloc.js';
import { ownedBytes, toBigEndianInPlace } from './owned.js';
import type { PngHeader } from './png-chunks.js';
import { pngLayout, pngPalette } from './png-model.js';

/**
 * Turning pngjs's output into the image type Go's decoder returns (see png-model.ts). Pure
 * TypeScript: pngjs's arrays arrive as plain typed arrays.
 *
 * pngjs always produces 4 samples per pixel (RGBA, straight alpha): a byte each for depths up to
 * 8 (rescaled to 0..255), or a native-endian Uint16Array for depth 16 (read with `skipRescale`).
 *
 * - RGBA, NRGBA: pngjs's buffer becomes `pix` as is (no copy, unless it is a view into a shared
 *   pool, which is copied out).
 * - RGBA64, NRGBA64: the same buffer, its 16-bit samples swapped to big-endian in place (no copy).
 * - Gray, Gray16, Paletted: a new buffer a quarter (Gray, Paletted) or half (Gray16) the size of
 *   pngjs's, which is then dropped. For Paletted the index of each pixel is looked up from its
 *   colour; where PLTE repeats a colour, the first index with that colour is used.
 * - tRNS on grey or truecolour: pngjs zeroes the whole pixel; Go keeps the colour and zeroes only
 *   alpha, and so does imago (a transparent pixel is exactly one whose colour equals tRNS).
 */
export function wrapPngjsOutput(h: PngHeader, data: Uint8Array | Uint16Array): Image {
  const { width: w, height: hh } = h;
  const r = rect(0, 0, w, hh);
  const n = w * hh;
  const layout = pngLayout(h);
  if (data.length !== n * 4) {
    throw new FormatError(`imago: png decoder returned ${data.length} samples for a ${w}x${hh} image (expected ${n * 4})`);
  }
  switch (layout) {
    case 'rgba':
      return new RGBAImage(r, ownedBytes(data), w * 4);
    case 'nrgba': {
      const pix = ownedBytes(data);
      if (h.trns !== undefined) restoreTransparent8(h, pix);
      return new NRGBAImage(r, pix, w * 4);
    }
    case 'rgba64':
      return new RGBA64Image(r, ownedBytes(toBigEndianInPlace(data as Uint16Array)), w * 8);
    case 'nrgba64': {
      const pix = ownedBytes(toBigEndianInPlace(data as Uint16Array));
      if (h.trns !== undefined) restoreTransparent16(h, pix);
      return new NRGBA64Image(r, pix, w * 8);
    }
    case 'gray': {
      const pix = allocBytes('GrayImage', n);
      for (let i = 0; i < n; i++) pix[i] = data[i * 4];
      return new GrayImage(r, pix, w);
    }
    case 'gray16': {
      const pix = allocBytes('Gray16Image', n * 2);
      for (let i = 0; i < n; i++) {
        const v = data[i * 4];
        pix[i * 2] = v >>> 8;
        pix[i * 2 + 1] = v & 0xff;
      }
      return new Gray16Image(r, pix, w * 2);
    }
    case 'paletted':
      return toPaletted(h, data as Uint8Array);
  }
}

/** The tRNS colour as 8-bit samples, scaled like the pixels for grey depths below 8. */
function trns8(h: PngHeader): [number, number, number] {
  const t = h.trns!;
  if (h.colorType === 0) {
    const scale = [0, 0xff, 0x55, 0, 0x11, 0, 0, 0, 1][h.bitDepth]; // 1 → ×255, 2 → ×85, 4 → ×17
    const g = (t[1] * scale) & 0xff;
    return [g, g, g];
  }
  return [t[1], t[3], t[5]];
}

function restoreTransparent8(h: PngHeader, pix: Uint8Array): void {
  const [tr, tg, tb] = trns8(h);
  for (let i = 0; i < pix.length; i += 4) {
    if (pix[i + 3] === 0) {
      pix[i] = tr;
      pix[i + 1] = tg;
      pix[i + 2] = tb;
    }
  }
}

function restoreTransparent16(h: PngHeader, pix: Uint8Array): void {
  const t = h.trns!;
  const src = h.colorType === 0 ? [0, 1, 0, 1, 0, 1] : [0, 1, 2, 3, 4, 5];
  for (let i = 0; i < pix.length; i += 8) {
    if (pix[i + 6] === 0 && pix[i + 7] === 0) {
      for (let k = 0; k < 6; k++) pix[i + k] = t[src[k]];
    }
  }
}

function toPaletted(h: PngHeader, data: Uint8Array): PalettedImage {
  const palette = pngPalette(h);
  const p = h.palette!;
  const t = h.trns;
  const index = new Map<number, number>();
  for (let i = p.length / 3 - 1; i >= 0; i--) {
    // Later entries first, so that an earlier duplicate overwrites and wins.
    const a = t !== undefined && i < t.length ? t[i] : 0xff;
    index.set(((p[i * 3] << 24) | (p[i * 3 + 1] << 16) | (p[i * 3 + 2] << 8) | a) >>> 0, i);
  }
  const n = h.width * h.height;
  const pix = allocBytes('PalettedImage', n);
  let lastKey = -1;
  let last = 0;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const key = ((data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3]) >>> 0;
    if (key !== lastKey) {
      const found = index.get(key);
      if (found === undefined) throw new FormatError(`imago: png pixel ${i} has a colour that is not in its palette`);
      lastKey = key;
      last = found;
    }
    pix[i] = last;
  }
  return new PalettedImage(rect(0, 0, h.width, h.height), palette, pix, h.width);
}
