import { nearestIndex } from '../../color/palette.js';
import type { Point } from '../../geom/point.js';
import type { Rectangle } from '../../geom/rectangle.js';
import type { RGBA64Readable } from '../../image/image.js';
import type { NRGBAImage } from '../../image/nrgba-image.js';
import type { PalettedImage } from '../../image/paletted-image.js';
import type { RGBAImage } from '../../image/rgba-image.js';
import { paletteCache } from '../../cache/palette-cache.js';
import type { NearestTable } from '../../cache/nearest-table.js';
import { premul16Table } from './luts.js';
import { copySameLayout } from './copy.js';

/*
 * Into a Paletted image (Go's drawPaletted without error diffusion, and its generic path for the
 * other cases). Each pixel gets the index of the nearest palette entry, found through the palette
 * cache's table when the cache is on and by Go's linear scan otherwise; both give the same index.
 * A run of equal source colours is looked up once.
 */

const M = 0xffff;

/** The nearest-index function for dst's palette: the cached table, or the linear scan. */
function nearestFor(dst: PalettedImage): NearestTable | Uint32Array {
  return paletteCache.table(dst.palette) ?? dst.palette.rgba16();
}

function lookup(t: NearestTable | Uint32Array, r: number, g: number, b: number, a: number): number {
  return t instanceof Uint32Array ? nearestIndex(t, r, g, b, a) : t.nearest(r, g, b, a);
}

/** RGBA into Paletted, Src. */
export function rgbaToPaletted(dst: PalettedImage, r: Rectangle, src: RGBAImage, sp: Point): void {
  const t = nearestFor(dst);
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  let last = -1;
  let idx = 0;
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j += 4) {
      const key = (spix[j] | (spix[j + 1] << 8) | (spix[j + 2] << 16) | (spix[j + 3] << 24)) >>> 0;
      if (key !== last) {
        last = key;
        idx = lookup(t, spix[j] * 0x101, spix[j + 1] * 0x101, spix[j + 2] * 0x101, spix[j + 3] * 0x101);
      }
      dpix[i] = idx;
    }
  }
}

/** NRGBA into Paletted, Src: each pixel premultiplied to 16 bits first (PREMUL16). */
export function nrgbaToPaletted(dst: PalettedImage, r: Rectangle, src: NRGBAImage, sp: Point): void {
  const t = nearestFor(dst);
  const p = premul16Table();
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  let last = -1;
  let idx = 0;
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j += 4) {
      const key = (spix[j] | (spix[j + 1] << 8) | (spix[j + 2] << 16) | (spix[j + 3] << 24)) >>> 0;
      if (key !== last) {
        last = key;
        const row = spix[j + 3] << 8;
        idx = lookup(t, p[row | spix[j]], p[row | spix[j + 1]], p[row | spix[j + 2]], spix[j + 3] * 0x101);
      }
      dpix[i] = idx;
    }
  }
}

/**
 * Paletted into Paletted, Src: a 256-entry map from source index to destination index (source
 * indices past the end of its palette read as transparent black, as `loadRGBA64` does). When the
 * map is the identity (equal palettes without repeated colours) this is the same-layout copy.
 */
export function palettedToPaletted(dst: PalettedImage, r: Rectangle, src: PalettedImage, sp: Point): void {
  const t = nearestFor(dst);
  const spal = src.palette.rgba16();
  const map = new Uint8Array(256);
  let identity = true;
  for (let i = 0; i < 256; i++) {
    const j = i * 4;
    map[i] = j < spal.length ? lookup(t, spal[j], spal[j + 1], spal[j + 2], spal[j + 3]) : lookup(t, 0, 0, 0, 0);
    if (map[i] !== i) identity = false;
  }
  if (identity) {
    copySameLayout(dst, r, src, sp);
    return;
  }
  const dpix = dst.pix;
  const spix = src.pix;
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let s0 = src.pixOffset(sp.x, sp.y);
  for (let y = r.min.y; y < r.max.y; y++, d0 += dst.stride, s0 += src.stride) {
    for (let i = d0, j = s0, end = d0 + w; i < end; i++, j++) dpix[i] = map[spix[j]];
  }
}

/** Any source into Paletted, Src, through `loadRGBA64`. */
export function anyToPaletted(dst: PalettedImage, r: Rectangle, src: RGBA64Readable, sp: Point): void {
  const t = nearestFor(dst);
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  let lr = -1;
  let lg = -1;
  let lb = -1;
  let la = -1;
  let idx = 0;
  for (let y = r.min.y, sy = sp.y; y < r.max.y; y++, sy++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, end = d0 + w; i < end; i++, sx++) {
      src.loadRGBA64(sx, sy, s);
      if (s[0] !== lr || s[1] !== lg || s[2] !== lb || s[3] !== la) {
        lr = s[0];
        lg = s[1];
        lb = s[2];
        la = s[3];
        idx = lookup(t, lr, lg, lb, la);
      }
      dpix[i] = idx;
    }
  }
}

/**
 * Any source, through any mask or none, Over or Src, into Paletted: the generic path's formulas
 * (dst read as its palette colour), with the nearest index from the cache's table.
 */
function composeToPaletted(
  dst: PalettedImage,
  r: Rectangle,
  src: RGBA64Readable,
  sp: Point,
  mask: RGBA64Readable | null,
  mp: Point,
  over: boolean,
): void {
  const t = nearestFor(dst);
  const pal = dst.palette.rgba16();
  const dpix = dst.pix;
  const s = new Uint32Array(4);
  const mk = new Uint32Array(4);
  const w = r.dx();
  let d0 = dst.pixOffset(r.min.x, r.min.y);
  for (let y = r.min.y, sy = sp.y, my = mp.y; y < r.max.y; y++, sy++, my++, d0 += dst.stride) {
    for (let i = d0, sx = sp.x, mx = mp.x, end = d0 + w; i < end; i++, sx++, mx++) {
      let ma = M;
      if (mask !== null) {
        mask.loadRGBA64(mx, my, mk);
        ma = mk[3];
      }
      if (ma === 0) {
        if (!over) dpix[i] = lookup(t, 0, 0, 0, 0);
        continue;
      }
      src.loadRGBA64(sx, sy, s);
      if (!over) {
        dpix[i] = ma === M ? lookup(t, s[0], s[1], s[2], s[3]) : lookup(t, ((s[0] * ma) / M) & 0xffff, ((s[1] * ma) / M) & 0xffff, ((s[2] * ma) / M) & 0xffff, ((s[3] * ma) / M) & 0xffff);
        continue;
      }
      // The destination colour: its palette entry, or transparent black past the palette's end.
      const j = dpix[i] * 4;
      const inPal = j + 4 <= pal.length;
      const dr = inPal ? pal[j] : 0;
      const dg = inPal ? pal[j + 1] : 0;
      const db = inPal ? pal[j + 2] : 0;
      const da = inPal ? pal[j + 3] : 0;
      if (mask === null) {
        const a = M - s[3];
        dpix[i] = lookup(t, (((dr * a) / M) + s[0]) & 0xffff, (((dg * a) / M) + s[1]) & 0xffff, (((db * a) / M) + s[2]) & 0xffff, (((da * a) / M) + s[3]) & 0xffff);
      } else {
        const a = M - (((s[3] * ma) / M) >>> 0);
        dpix[i] = lookup(
          t,
          (((dr * a + s[0] * ma) >>> 0) / M) & 0xffff,
          (((dg * a + s[1] * ma) >>> 0) / M) & 0xffff,
          (((db * a + s[2] * ma) >>> 0) / M) & 0xffff,
          (((da * a + s[3] * ma) >>> 0) / M) & 0xffff,
        );
      }
    }
  }
}

/** Over into Paletted, with any mask or none. */
export function anyOverPaletted(dst: PalettedImage, r: Rectangle, src: RGBA64Readable, sp: Point, mask: RGBA64Readable | null, mp: Point): void {
  composeToPaletted(dst, r, src, sp, mask, mp, true);
}

/** Src through a mask into Paletted. */
export function anyMaskedToPaletted(dst: PalettedImage, r: Rectangle, src: RGBA64Readable, sp: Point, mask: RGBA64Readable, mp: Point): void {
  composeToPaletted(dst, r, src, sp, mask, mp, false);
}

