import { nearestIndex } from '../color/palette.js';
import { RGBA64 } from '../color/rgba.js';
import { SizeError } from '../errors.js';
import type { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import type { PalettedImage } from '../image/paletted-image.js';
import { paletteCache } from '../cache/palette-cache.js';
import type { NearestTable } from '../cache/nearest-table.js';
import { clip } from './clip.js';
import { premul16Table } from './fast/luts.js';
import { loaderOf } from './generic.js';
import type { Drawer } from './op.js';
import { sharesMemory, snapshot } from './overlap.js';

/*
 * Floyd-Steinberg error diffusion, bit for bit as Go's drawPaletted(…, floydSteinberg = true).
 *
 * Pixels are visited left to right, top to bottom. Each source colour (16-bit premultiplied RGBA,
 * as int32) gets the error carried to it, divided by 16 with truncation toward zero, and is
 * clamped to [0, 0xffff]. The nearest palette entry is written; the difference e between the
 * colour and that entry is spread as Go does:
 *
 *             .    x   7e
 *        3e   5e   1e          (sixteenths, kept undivided until they are read)
 *
 * Into a Paletted image the nearest entry comes from the palette cache's table (or Go's linear
 * scan when the cache is off); any other destination is written with `set` and read back with
 * `at`, so its own model does the quantising (Go's path for non-Paletted images).
 */

/** Reads row sy, columns sx .. sx + w - 1, of src as 16-bit premultiplied RGBA into out. */
type RowReader = (sx: number, sy: number, w: number, out: Uint32Array) => void;

function rowReader(src: Image): RowReader {
  const kind = (src as { kind?: string }).kind;
  if (kind === 'rgba' || kind === 'nrgba') {
    const m = src as Image & { pix: Uint8Array; pixOffset(x: number, y: number): number };
    if (kind === 'rgba') {
      return (sx, sy, w, out) => {
        const p = m.pix;
        for (let x = 0, j = m.pixOffset(sx, sy), k = 0; x < w; x++, j += 4, k += 4) {
          out[k] = p[j] * 0x101;
          out[k + 1] = p[j + 1] * 0x101;
          out[k + 2] = p[j + 2] * 0x101;
          out[k + 3] = p[j + 3] * 0x101;
        }
      };
    }
    const t = premul16Table();
    return (sx, sy, w, out) => {
      const p = m.pix;
      for (let x = 0, j = m.pixOffset(sx, sy), k = 0; x < w; x++, j += 4, k += 4) {
        const row = p[j + 3] << 8;
        out[k] = t[row | p[j]];
        out[k + 1] = t[row | p[j + 1]];
        out[k + 2] = t[row | p[j + 2]];
        out[k + 3] = p[j + 3] * 0x101;
      }
    };
  }
  const load = loaderOf(src);
  const one = new Uint32Array(4);
  if (load !== null) {
    return (sx, sy, w, out) => {
      for (let x = 0, k = 0; x < w; x++, k += 4) {
        load(sx + x, sy, one);
        out.set(one, k);
      }
    };
  }
  return (sx, sy, w, out) => {
    for (let x = 0, k = 0; x < w; x++, k += 4) out.set(src.at(sx + x, sy).rgba(), k);
  };
}

function clamp16(v: number): number {
  return v < 0 ? 0 : v > 0xffff ? 0xffff : v;
}

/**
 * Go's `draw.FloydSteinberg`: Src with Floyd-Steinberg error diffusion. `draw(dst, r, src, sp)`
 * clips like {@link draw}, then quantises the source into rectangle r of dst. Best used with a
 * {@link PalettedImage} destination, where it is bit-exact with Go and uses the palette cache.
 *
 * Writes into dst only. Allocates two error rows and one source row (about 48 bytes per pixel of
 * width). When src shares memory with dst the source region is snapshotted first, so the result
 * equals quantising a copy (Go leaves this case undefined).
 * @throws SizeError when dst is a PalettedImage with an empty palette (Go panics there).
 */
export const FloydSteinberg: Drawer = Object.freeze({
  draw(dst: MutableImage, r: Rectangle, src: Image, sp: Point): void {
    const c = clip(dst, r, src, sp, null, sp);
    r = c.r;
    if (r.empty()) return;
    sp = c.sp;
    const sr = r.add(sp.sub(r.min));
    if ((src as unknown) === dst || sharesMemory(dst, r, src, sr)) src = snapshot(src, sr);
    diffuse(dst, r, src, sp);
  },
});

function diffuse(dst: MutableImage, r: Rectangle, src: Image, sp: Point): void {
  const read = rowReader(src);
  if ((dst as { kind?: string }).kind === 'paletted') {
    const p = dst as unknown as PalettedImage;
    const pal = p.palette.rgba16();
    if (pal.length === 0) throw new SizeError('imago: FloydSteinberg cannot quantise to an empty palette');
    const table = paletteCache.table(p.palette);
    if (opaquePalette(pal) && opaqueRegion(src, r.add(sp.sub(r.min)))) diffuseOpaque(p, r, read, src, sp, pal, table);
    else diffuseIntoPalette(p, r, read, sp, pal, table);
  } else {
    diffuseThroughSet(dst, r, read, sp);
  }
}

function opaquePalette(pal: Uint32Array): boolean {
  for (let j = 3; j < pal.length; j += 4) if (pal[j] !== 0xffff) return false;
  return true;
}

function opaqueRegion(src: Image, r: Rectangle): boolean {
  const m = src as Image & { opaque?: () => boolean; subImage?: (r: Rectangle) => { opaque(): boolean } };
  if (typeof m.opaque !== 'function') return false;
  return typeof m.subImage === 'function' ? m.subImage(r).opaque() : m.opaque();
}

/** Go's int32 `v / 16`: truncated toward zero. Adding 15 to a negative v turns the floor of `>> 4` into a truncation. */
function div16(v: number): number {
  return (v + ((v >> 31) & 15)) >> 4;
}

/**
 * Into a Paletted image. Same arithmetic as Go, arranged to touch memory less: the error carried
 * right (7e) lives in locals, and each cell of the next row's error array is written once, when
 * its last share (3e from its right neighbour) is known. Contributions that Go stores past either
 * end of the row are never read there, and are dropped here.
 */
function diffuseIntoPalette(
  dst: PalettedImage,
  r: Rectangle,
  read: RowReader,
  sp: Point,
  pal: Uint32Array,
  table: NearestTable | null,
): void {
  const w = r.dx();
  const h = r.dy();
  const row = new Uint32Array(w * 4);
  // Errors reaching each pixel of the current row from the row above, and of the next row from
  // this one, in sixteenths, four channels per pixel.
  let above = new Int32Array(w * 4);
  let below = new Int32Array(w * 4);
  const pix = dst.pix;
  for (let y = 0; y < h; y++) {
    read(sp.x, sp.y + y, w, row);
    let d = dst.pixOffset(r.min.x, r.min.y + y);
    // 7e carried to the right neighbour.
    let rr = 0, rg = 0, rb = 0, ra = 0;
    // Partial sums for below[x - 1] (5e(x-1) + e(x-2)) and below[x] (e(x-1)).
    let pr = 0, pg = 0, pb = 0, pa = 0;
    let qr = 0, qg = 0, qb = 0, qa = 0;
    for (let x = 0, k = 0; x < w; x++, k += 4) {
      let er = row[k] + div16(above[k] + rr);
      let eg = row[k + 1] + div16(above[k + 1] + rg);
      let eb = row[k + 2] + div16(above[k + 2] + rb);
      let ea = row[k + 3] + div16(above[k + 3] + ra);
      er = er < 0 ? 0 : er > 0xffff ? 0xffff : er;
      eg = eg < 0 ? 0 : eg > 0xffff ? 0xffff : eg;
      eb = eb < 0 ? 0 : eb > 0xffff ? 0xffff : eb;
      ea = ea < 0 ? 0 : ea > 0xffff ? 0xffff : ea;
      const best = table !== null ? table.nearest(er, eg, eb, ea) : nearestIndex(pal, er, eg, eb, ea);
      pix[d++] = best;
      const j = best * 4;
      er -= pal[j];
      eg -= pal[j + 1];
      eb -= pal[j + 2];
      ea -= pal[j + 3];
      rr = er * 7;
      rg = eg * 7;
      rb = eb * 7;
      ra = ea * 7;
      if (x > 0) {
        below[k - 4] = pr + er * 3;
        below[k - 3] = pg + eg * 3;
        below[k - 2] = pb + eb * 3;
        below[k - 1] = pa + ea * 3;
      }
      pr = qr + er * 5;
      pg = qg + eg * 5;
      pb = qb + eb * 5;
      pa = qa + ea * 5;
      qr = er;
      qg = eg;
      qb = eb;
      qa = ea;
    }
    const k = (w - 1) * 4;
    below[k] = pr;
    below[k + 1] = pg;
    below[k + 2] = pb;
    below[k + 3] = pa;
    const t = above;
    above = below;
    below = t;
  }
}

/**
 * {@link diffuseIntoPalette} when the source region and every palette entry are opaque: alpha is
 * then 0xffff before and after quantising, its error is always 0, and only three channels need
 * carrying. Same indices, a quarter less work.
 *
 * The hot loop of the warm cache, arranged for V8: an RGBA or NRGBA source (opaque, so both read
 * as c × 0x101) is read straight from its bytes, and the table's lookup is inlined: one
 * directory load for the colour's cell, then either its single candidate or a scan of its short
 * list (the alpha term is 0 for an opaque palette and is left out). Cells not built yet, and
 * everything when the cache is off, go through {@link NearestTable.nearestOpaque} or Go's scan.
 */
function diffuseOpaque(dst: PalettedImage, r: Rectangle, read: RowReader, src: Image, sp: Point, pal: Uint32Array, table: NearestTable | null): void {
  const w = r.dx();
  const h = r.dy();
  const kind = (src as { kind?: string }).kind;
  const direct = kind === 'rgba' || kind === 'nrgba' ? (src as Image & { pix: Uint8Array; pixOffset(x: number, y: number): number }) : null;
  const row = direct === null ? new Uint32Array(w * 4) : null;
  let above = new Int32Array(w * 3);
  let below = new Int32Array(w * 3);
  const pix = dst.pix;
  const dir = table === null ? null : table.opaqueDirectory();
  let arena = table === null ? new Uint16Array(0) : table.candidates;
  for (let y = 0; y < h; y++) {
    // The row's 8-bit channels are at spix[j], j = j0 + 4x (times 0x101), or its 16-bit ones at row[4x].
    let spix: Uint8Array | Uint32Array;
    let j0: number;
    let mul: number;
    if (direct !== null) {
      spix = direct.pix;
      j0 = direct.pixOffset(sp.x, sp.y + y);
      mul = 0x101;
    } else {
      read(sp.x, sp.y + y, w, row!);
      spix = row!;
      j0 = 0;
      mul = 1;
    }
    let d = dst.pixOffset(r.min.x, r.min.y + y);
    let rr = 0, rg = 0, rb = 0;
    let pr = 0, pg = 0, pb = 0;
    let qr = 0, qg = 0, qb = 0;
    for (let x = 0, j = j0, e = 0; x < w; x++, j += 4, e += 3) {
      let er = spix[j] * mul + div16(above[e] + rr);
      let eg = spix[j + 1] * mul + div16(above[e + 1] + rg);
      let eb = spix[j + 2] * mul + div16(above[e + 2] + rb);
      // Clamp to [0, 0xffff] without branches (dark and bright areas would mispredict them):
      // v & ~(v >> 31) is max(v, 0); then v | ((0xffff - v) >> 31) is all ones past 0xffff.
      er &= ~(er >> 31);
      er = (er | ((0xffff - er) >> 31)) & 0xffff;
      eg &= ~(eg >> 31);
      eg = (eg | ((0xffff - eg) >> 31)) & 0xffff;
      eb &= ~(eb >> 31);
      eb = (eb | ((0xffff - eb) >> 31)) & 0xffff;
      let best: number;
      if (dir === null) {
        best = table !== null ? table.nearestOpaque(er, eg, eb) : nearestIndex(pal, er, eg, eb, 0xffff);
      } else {
        const v = dir[((er >>> 11) << 10) | ((eg >>> 11) << 5) | (eb >>> 11)];
        if (v < 0) {
          best = -1 - v;
        } else if (v === 0) {
          best = table!.nearestOpaque(er, eg, eb);
          arena = table!.candidates;
        } else {
          // Go's answer over the cell's candidates: the least (distance, index) pair.
          let least = 0x100000000;
          best = 0;
          for (let k = v, end = v + arena[v - 1]; k < end; k++) {
            const i = arena[k];
            const pj = i << 2;
            const dr = er - pal[pj];
            const dg = eg - pal[pj + 1];
            const db = eb - pal[pj + 2];
            const sum = ((dr * dr) >>> 2) + ((dg * dg) >>> 2) + ((db * db) >>> 2);
            if (sum < least || (sum === least && i < best)) {
              least = sum;
              best = i;
            }
          }
        }
      }
      pix[d++] = best;
      const pj = best * 4;
      er -= pal[pj];
      eg -= pal[pj + 1];
      eb -= pal[pj + 2];
      rr = er * 7;
      rg = eg * 7;
      rb = eb * 7;
      if (x > 0) {
        below[e - 3] = pr + er * 3;
        below[e - 2] = pg + eg * 3;
        below[e - 1] = pb + eb * 3;
      }
      pr = qr + er * 5;
      pg = qg + eg * 5;
      pb = qb + eb * 5;
      qr = er;
      qg = eg;
      qb = eb;
    }
    const e = (w - 1) * 3;
    below[e] = pr;
    below[e + 1] = pg;
    below[e + 2] = pb;
    const t = above;
    above = below;
    below = t;
  }
}

/** Into any other image: write with `set`, read back with `at`, as Go does for non-Paletted images. */
function diffuseThroughSet(dst: MutableImage, r: Rectangle, read: RowReader, sp: Point): void {
  const w = r.dx();
  const h = r.dy();
  const row = new Uint32Array(w * 4);
  // Errors for columns -1 .. w (the +2 spares edge tests), four channels each, in sixteenths.
  let curr = new Int32Array((w + 2) * 4);
  let next = new Int32Array((w + 2) * 4);
  for (let y = 0; y < h; y++) {
    read(sp.x, sp.y + y, w, row);
    for (let x = 0, k = 0, q = 4; x < w; x++, k += 4, q += 4) {
      let er = clamp16(row[k] + div16(curr[q]));
      let eg = clamp16(row[k + 1] + div16(curr[q + 1]));
      let eb = clamp16(row[k + 2] + div16(curr[q + 2]));
      let ea = clamp16(row[k + 3] + div16(curr[q + 3]));
      const px = r.min.x + x;
      const py = r.min.y + y;
      dst.set(px, py, new RGBA64(er, eg, eb, ea));
      const back = dst.at(px, py).rgba();
      er -= back[0];
      eg -= back[1];
      eb -= back[2];
      ea -= back[3];
      // Spread the error: 3/16 down-left, 5/16 down, 1/16 down-right, 7/16 right.
      next[q - 4] += er * 3;
      next[q - 3] += eg * 3;
      next[q - 2] += eb * 3;
      next[q - 1] += ea * 3;
      next[q] += er * 5;
      next[q + 1] += eg * 5;
      next[q + 2] += eb * 5;
      next[q + 3] += ea * 5;
      next[q + 4] += er;
      next[q + 5] += eg;
      next[q + 6] += eb;
      next[q + 7] += ea;
      curr[q + 4] += er * 7;
      curr[q + 5] += eg * 7;
      curr[q + 6] += eb * 7;
      curr[q + 7] += ea * 7;
    }
    const t = curr;
    curr = next;
    next = t;
    next.fill(0);
  }
}
