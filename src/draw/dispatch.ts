import type { Point } from '../geom/point.js';
import type { Rectangle } from '../geom/rectangle.js';
import type { Image, Layout } from '../image/image.js';
import type { Op } from './op.js';
import { copySameLayout } from './fast/copy.js';
import { fillOver, fillSrc } from './fast/fill.js';
import { anyOverGray, anyToGray, nrgbaOverGray, nrgbaToGray, rgbaOverGray, rgbaToGray } from './fast/gray.js';
import { anyMaskOver, glyphOver, grayMaskOver, rgbaMaskOver } from './fast/mask-over.js';
import { anyOverNRGBA, anyToNRGBA, nrgbaOverNRGBA, rgbaToNRGBA } from './fast/nrgba.js';
import { nrgbaOverRGBA, nrgbaToRGBA } from './fast/nrgba-to-rgba.js';
import { cmykToRGBA, grayToRGBA, ycbcrToRGBA } from './fast/opaque-to-rgba.js';
import {
  anyMaskedToPaletted,
  anyOverPaletted,
  anyToPaletted,
  nrgbaToPaletted,
  palettedToPaletted,
  rgbaToPaletted,
} from './fast/paletted.js';
import { anyMaskedOverRGBA, anyMaskedToRGBA, anyOverRGBA, anyToRGBA } from './fast/rgba-any.js';
import { rgbaOverRGBA } from './fast/rgba-over.js';

/*
 * The dispatch table: one row per fast path, keyed by (dst layout, src layout, mask layout, op).
 * `draw.ts` looks a draw up here after clipping; no row means the generic path. The table is
 * data, so tests walk it (test/draw/dispatch.test.ts) and spec/draw.md lists it.
 */

/** The mask's layout, or `'none'` for a null mask. */
export type MaskKind = Layout | 'none';

/**
 * A fast path. Its arguments are already clipped: r is non-empty and inside dst, r moved to sp is
 * inside src, and moved to mp inside the mask. It writes dst only.
 */
// The concrete image types differ per row of the table; each function declares its own.
export type FastFn = (dst: any, r: Rectangle, src: any, sp: Point, mask: any, mp: Point) => void;

/** One row of the dispatch table. */
export interface FastPath {
  /** The name of the function, for tests and messages. */
  readonly name: string;
  readonly dst: Layout;
  /** The source layout, or `'*'` for any layout that is not listed more precisely. */
  readonly src: Layout | '*';
  /** The mask layout, `'none'` for no mask, or `'*'` for any non-null mask. */
  readonly mask: MaskKind | '*';
  readonly op: Op;
  readonly fn: FastFn;
  /**
   * Which generic tier the path reproduces byte for byte: `'rgba64'` (FALLBACK1.17, premultiplied
   * 16-bit values; nearly every path) or `'color'` (FALLBACK1.0: the source colour object handed to
   * the destination's model, which keeps non-premultiplied values exactly; Go's NRGBA and NRGBA64
   * copies).
   */
  readonly model: 'rgba64' | 'color';
  /** Whether the path is itself correct when src and dst share a buffer with equal strides. */
  readonly overlapSafe: boolean;
}

function row(
  name: string,
  dst: Layout,
  src: Layout | '*',
  mask: MaskKind | '*',
  op: Op,
  fn: FastFn,
  extra: Partial<Pick<FastPath, 'model' | 'overlapSafe'>> = {},
): FastPath {
  return Object.freeze({ name, dst, src, mask, op, fn, model: extra.model ?? 'rgba64', overlapSafe: extra.overlapSafe ?? false });
}

/** Layouts whose 16-bit round trip is exact, so a Src copy between two of them is a byte copy. */
const COPY_LAYOUTS = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16'] as const;

/** Destination layouts: every buffer image has `set`. */
export const DST_LAYOUTS: readonly Layout[] = ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'alpha16', 'gray', 'gray16', 'cmyk', 'paletted'];

/** Every fast path. Order does not matter: lookups are by key (see {@link findFastPath}). */
export const FAST_PATHS: readonly FastPath[] = Object.freeze([
  // Uniform sources.
  ...DST_LAYOUTS.map((d) => row('fillSrc', d, 'uniform', 'none', 'src', fillSrc)),
  row('fillOver', 'rgba', 'uniform', 'none', 'over', fillOver),
  // Same-layout copies. NRGBA and NRGBA64 keep non-premultiplied bytes, as Go's copies do.
  ...COPY_LAYOUTS.map((k) =>
    row('copySameLayout', k, k, 'none', 'src', copySameLayout, {
      model: k === 'nrgba' || k === 'nrgba64' ? 'color' : 'rgba64',
      overlapSafe: true,
    }),
  ),
  // Into RGBA.
  row('rgbaOverRGBA', 'rgba', 'rgba', 'none', 'over', rgbaOverRGBA),
  row('nrgbaOverRGBA', 'rgba', 'nrgba', 'none', 'over', nrgbaOverRGBA),
  row('nrgbaToRGBA', 'rgba', 'nrgba', 'none', 'src', nrgbaToRGBA),
  row('ycbcrToRGBA', 'rgba', 'ycbcr', 'none', 'src', ycbcrToRGBA),
  row('grayToRGBA', 'rgba', 'gray', 'none', 'src', grayToRGBA),
  row('cmykToRGBA', 'rgba', 'cmyk', 'none', 'src', cmykToRGBA),
  row('glyphOver', 'rgba', 'uniform', 'alpha', 'over', glyphOver),
  row('rgbaMaskOver', 'rgba', 'rgba', 'alpha', 'over', rgbaMaskOver),
  row('grayMaskOver', 'rgba', 'gray', 'alpha', 'over', grayMaskOver),
  row('anyMaskOver', 'rgba', '*', 'alpha', 'over', anyMaskOver),
  row('anyOverRGBA', 'rgba', '*', 'none', 'over', anyOverRGBA),
  row('anyToRGBA', 'rgba', '*', 'none', 'src', anyToRGBA),
  row('anyMaskedOverRGBA', 'rgba', '*', '*', 'over', anyMaskedOverRGBA),
  row('anyMaskedToRGBA', 'rgba', '*', '*', 'src', anyMaskedToRGBA),
  // Into Paletted (through the palette cache).
  row('rgbaToPaletted', 'paletted', 'rgba', 'none', 'src', rgbaToPaletted),
  row('nrgbaToPaletted', 'paletted', 'nrgba', 'none', 'src', nrgbaToPaletted),
  row('palettedToPaletted', 'paletted', 'paletted', 'none', 'src', palettedToPaletted),
  row('anyToPaletted', 'paletted', '*', 'none', 'src', anyToPaletted),
  row('anyOverPaletted', 'paletted', '*', 'none', 'over', anyOverPaletted),
  row('anyOverPaletted', 'paletted', '*', '*', 'over', anyOverPaletted),
  row('anyMaskedToPaletted', 'paletted', '*', '*', 'src', anyMaskedToPaletted),
  // Into NRGBA.
  row('nrgbaOverNRGBA', 'nrgba', 'nrgba', 'none', 'over', nrgbaOverNRGBA),
  row('rgbaToNRGBA', 'nrgba', 'rgba', 'none', 'src', rgbaToNRGBA),
  row('anyToNRGBA', 'nrgba', '*', 'none', 'src', anyToNRGBA),
  row('anyOverNRGBA', 'nrgba', '*', 'none', 'over', anyOverNRGBA),
  // Into Gray.
  row('rgbaToGray', 'gray', 'rgba', 'none', 'src', rgbaToGray),
  row('rgbaOverGray', 'gray', 'rgba', 'none', 'over', rgbaOverGray),
  row('nrgbaToGray', 'gray', 'nrgba', 'none', 'src', nrgbaToGray),
  row('nrgbaOverGray', 'gray', 'nrgba', 'none', 'over', nrgbaOverGray),
  row('anyToGray', 'gray', '*', 'none', 'src', anyToGray),
  row('anyOverGray', 'gray', '*', 'none', 'over', anyOverGray),
]);

function keyOf(dst: string, src: string, mask: string, op: string): string {
  return `${dst}/${src}/${mask}/${op}`;
}

const TABLE: ReadonlyMap<string, FastPath> = (() => {
  const m = new Map<string, FastPath>();
  for (const p of FAST_PATHS) {
    const k = keyOf(p.dst, p.src, p.mask, p.op);
    if (m.has(k)) throw new Error(`imago: duplicate fast path ${k}`);
    m.set(k, p);
  }
  return m;
})();

/** The layout tag of an image, or undefined for images that have none (user types, wrappers). */
export function layoutOf(m: Image | null): Layout | undefined {
  return m === null ? undefined : (m as { kind?: Layout }).kind;
}

/**
 * The fast path for a draw, or undefined for the generic path. The most specific row wins:
 * exact, then any source, then (for a non-null mask) any mask, then both. Images without a
 * layout tag never match.
 */
export function findFastPath(dst: Image, src: Image, mask: Image | null, op: Op): FastPath | undefined {
  const d = layoutOf(dst);
  const s = layoutOf(src);
  if (d === undefined || s === undefined) return undefined;
  if (mask === null) return TABLE.get(keyOf(d, s, 'none', op)) ?? TABLE.get(keyOf(d, '*', 'none', op));
  const m = layoutOf(mask);
  if (m === undefined) return undefined;
  return (
    TABLE.get(keyOf(d, s, m, op)) ??
    TABLE.get(keyOf(d, '*', m, op)) ??
    TABLE.get(keyOf(d, s, '*', op)) ??
    TABLE.get(keyOf(d, '*', '*', op))
  );
}
