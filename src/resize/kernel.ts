import { OptionError, SizeError } from '../errors.js';
import { rect, type Rectangle } from '../geom/rectangle.js';
import type { BufferImage } from '../image/buffer-image.js';
import { wordView } from '../image/words.js';
import type { Image, MutableImage } from '../image/image.js';
import type { FixedAxisWeights, FloatAxisWeights, KernelWeights } from './axis-weights.js';
import { boxRGBA32, boxRGBA32Applies } from './box-rgba.js';
import { enlargeRGBA32, enlargeRowsApply, floatVertical1RGBAPos32, floatVertical2RGBAPos32 } from './enlarge-rgba.js';
import { rowWriter } from './dest-rows.js';
import { floatAxisWeights } from './float-weights.js';
import { requantize, sampledFixedWeights } from './fixed-weights.js';
import {
  PACK,
  fixedBoxRGBA32,
  fixedBoxRGBA32x2,
  fixedBoxU16Opaque,
  fixedBoxYCbCr,
  fixedBoxYCbCr2,
  fixedGray8,
  fixedPacked,
  fixedPacked2,
  fixedRGBA8,
  fixedU16,
  fixedU16Opaque,
  floatGray8,
  floatRGBA32,
  floatRGBA32x2,
  floatRGBA32Taps2,
  twoTapsAtMost,
  floatRGBA8,
  floatU16,
  floatU16Opaque,
  packRGBA32,
  packRGBA8,
} from './horizontal.js';
import { fillUniform, isUniformSource, prepare } from './prepare.js';
import { describe, type ScaleOp, type Scaler } from './scaler.js';
import { runSeparable, sourceSpan } from './separable.js';
import { scratchF64, scratchU16 } from './scratch.js';
import { sourceReader, type SourceReader } from './source-rows.js';

/**
 * The arithmetic of a kernel scaler:
 * - `'float64'`: Go's. Float64 weights and sums, exactly as x/image/draw's `kernelScaler`, so
 *   the pixels are bit-identical to Go's. BiLinear and CatmullRom use it.
 * - `'fixed'`: integer weights with one denominator per axis, exact integer sums, one rounding at
 *   the end (spec/resize.md). Faster, and exact for Box. Box and Lanczos3 use it.
 */
export type KernelArithmetic = 'float64' | 'fixed';

export interface KernelOptions {
  /** A name for messages and `toString`. Default `'kernel'`. */
  name?: string;
  /** Default `'float64'`, which reproduces Go's `draw.Kernel` exactly. */
  arithmetic?: KernelArithmetic;
}

/**
 * An interpolator that blends source pixels weighted by a symmetric kernel function, Go's
 * `draw.Kernel`. Plugins make new kernels with `new Kernel(support, at)`.
 *
 * Coordinates are pixel centres: destination pixel x (relative to dr.min) samples the source at
 * (x + 0.5) · sw/dw − 0.5 (relative to sr.min). When shrinking, the kernel is stretched by sw/dw so
 * that every source pixel contributes. Weights are cut at the source edges and renormalised.
 * Values are interpolated alpha-premultiplied, so transparent pixels lend no colour.
 */
export class Kernel implements Scaler {
  /** The kernel support, >= 0: `at(t)` is taken to be zero for t >= support. */
  readonly support: number;
  /** The kernel function. It is only called with t in [0, support). */
  readonly at: (t: number) => number;
  readonly name: string;
  readonly arithmetic: KernelArithmetic;

  /**
   * @throws OptionError when support is not a finite number >= 0, at is not a function, or the
   * options are bad.
   */
  constructor(support: number, at: (t: number) => number, options: KernelOptions = {}) {
    if (typeof support !== 'number' || !Number.isFinite(support) || support < 0) {
      throw new OptionError(`imago: Kernel support must be a finite number >= 0, got ${describe(support)}`);
    }
    if (typeof at !== 'function') throw new OptionError(`imago: Kernel at must be a function, got ${describe(at)}`);
    const { name = 'kernel', arithmetic = 'float64' } = options ?? {};
    if (arithmetic !== 'float64' && arithmetic !== 'fixed') {
      throw new OptionError(`imago: Kernel option arithmetic must be 'float64' or 'fixed', got ${describe(arithmetic)}`);
    }
    this.support = support;
    this.at = at;
    this.name = String(name);
    this.arithmetic = arithmetic;
  }

  /**
   * The weights of one axis for dw destination and sw source pixels. Subclasses may override it
   * (Box computes exact area coverage instead of sampling `at`). `span` (default sw) is the
   * extent the source pixels stand for: the kernel is placed at scale span / dw (resize's
   * preshrink passes the original extent over the block factor).
   */
  axisWeights(dw: number, sw: number, span: number = sw): KernelWeights {
    return this.arithmetic === 'float64'
      ? floatAxisWeights(this.support, this.at, dw, sw, span)
      : sampledFixedWeights(this.support, this.at, dw, sw, span);
  }

  /**
   * Scales as Go's `Kernel.Scale`: makes the weights for these sizes, uses them once, drops them.
   * @throws OptionError for a bad op.
   */
  scale(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): void {
    this.newScaler(dr.dx(), dr.dy(), sr.dx(), sr.dy()).scale(dst, dr, src, sr, op);
  }

  /**
   * A scaler for a fixed destination size dw × dh and source size sw × sh, Go's `NewScaler`. It
   * computes the weights once and keeps them (and only them) for reuse: call it for many images of
   * the same sizes.
   * @throws SizeError when a size is not a non-negative safe integer.
   */
  newScaler(dw: number, dh: number, sw: number, sh: number): KernelScaler {
    return new KernelScaler(this, dw, dh, sw, sh);
  }

  toString(): string {
    return this.name;
  }
}

/** Whether no weight is negative (a plain loop: `every` with a callback boxed each element). */
function nonNegative(ws: Float64Array): boolean {
  for (let k = 0; k < ws.length; k++) if (!(ws[k] >= 0)) return false;
  return true;
}

/** The largest integer below which float64 sums of integers are exact. */
const EXACT = 2 ** 53;

/**
 * A kernel with weights precomputed for one size pair ({@link Kernel.newScaler}). It holds the
 * weights and its kernel; it keeps no reference to any image after `scale` returns.
 */
export class KernelScaler implements Scaler {
  readonly kernel: Kernel;
  readonly dw: number;
  readonly dh: number;
  readonly sw: number;
  readonly sh: number;
  readonly #h: KernelWeights;
  readonly #v: KernelWeights;
  /** No weight is negative (BiLinear, Box): results need no clamping below 0 or above 0xffff. */
  readonly #nonNegative: boolean;

  /**
   * `spanX`, `spanY` (default sw, sh): see {@link Kernel.axisWeights}; resize's preshrink uses
   * them, everyone else leaves them out.
   */
  constructor(kernel: Kernel, dw: number, dh: number, sw: number, sh: number, spanX: number = sw, spanY: number = sh) {
    for (const [name, v] of [['dw', dw], ['dh', dh], ['sw', sw], ['sh', sh]] as const) {
      if (!Number.isSafeInteger(v) || v < 0) throw new SizeError(`imago: newScaler ${name} must be a non-negative integer, got ${v}`);
    }
    this.kernel = kernel;
    this.dw = dw;
    this.dh = dh;
    this.sw = sw;
    this.sh = sh;
    let h = kernel.axisWeights(dw, sw, spanX);
    let v = kernel.axisWeights(dh, sh, spanY);
    if (h.kind === 'fixed' && v.kind === 'fixed') {
      // Sums reach 0xffff × maxAbsSum(h) × maxAbsSum(v), doubled for the rounding: keep them exact.
      if (2 * 0xffff * h.maxAbsSum * v.maxAbsSum + h.denominator * v.denominator >= EXACT) {
        h = requantize(h);
        v = requantize(v);
      }
    } else if (h.kind !== v.kind) {
      throw new OptionError(`imago: kernel ${kernel.name} returned weights of two arithmetics`);
    }
    this.#h = h;
    this.#v = v;
    this.#nonNegative = nonNegative(h.weights) && nonNegative(v.weights);
  }

  /**
   * Scales as Go's `kernelScaler.Scale`. When dr or sr does not have the sizes this scaler was
   * made for, it falls back to `kernel.scale` (new weights), as Go does.
   * @throws OptionError for a bad op.
   */
  scale(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): void {
    if (dr.dx() !== this.dw || dr.dy() !== this.dh || sr.dx() !== this.sw || sr.dy() !== this.sh) {
      this.kernel.scale(dst, dr, src, sr, op);
      return;
    }
    const p = prepare(dst, dr, src, sr, op);
    if (p === undefined) return;
    if (isUniformSource(p.src, sr)) {
      fillUniform(dst, p.adr.add(dr.min), p.src, p.op);
      return;
    }
    this.#run(dst, dr, sourceReader(p.src, sr), sr, p.op, p.adr);
  }

  /**
   * resize's preshrink: scales the rows `reader` produces (a source of this scaler's sw × sh at
   * (0, 0), e.g. block means computed row by row as the passes ask for them) onto dr with 'src'.
   * @internal
   */
  scaleRows(dst: MutableImage, dr: Rectangle, reader: SourceReader): void {
    const sr = rect(0, 0, this.sw, this.sh);
    const adr = dst.bounds().intersect(dr);
    if (adr.empty() || sr.empty() || dr.dx() !== this.dw || dr.dy() !== this.dh) return;
    this.#run(dst, dr, reader, sr, 'src', adr.sub(dr.min));
  }

  #run(dst: MutableImage, dr: Rectangle, reader: SourceReader, sr: Rectangle, op: ScaleOp, adr: Rectangle): void {
    const p = { op };
    const writer = rowWriter(dst, p.op);
    const H = this.#h;
    const V = this.#v;
    const x0 = adr.min.x;
    const n = adr.dx();
    const ox = dr.min.x + x0;
    const oy = dr.min.y;
    const write = (dy: number, out: Uint16Array) => writer(ox, oy + dy, out, n);
    const direct: DirectRGBA | undefined = (dst as { kind?: string }).kind === 'rgba' && p.op === 'src' ? directRGBA(dst as unknown as BufferImage, ox, oy) : undefined;
    const p32 = reader.pix32;
    if (H.kind === 'fixed' && V.kind === 'fixed' && reader.layout === 'rgba8' && p32 !== undefined && reader.rowStride !== undefined && boxRGBA32Applies(H, V, x0, n, adr.min.y, adr.max.y)) {
      // Box from RGBA words: both axes in one pass (box-rgba.ts); the same sums, finished by the
      // vertical pass's rounding and stores (one tap of weight 1: S · 1 = S).
      const vertical = fixedVertical(H, V, reader, n, write, direct);
      const base = new Int32Array(1);
      const one = new Float64Array([1]);
      const words =
        direct?.pix32 !== undefined
          ? { p32: direct.pix32, dst0: direct.at(0) >> 2, dstStride: (dst as unknown as BufferImage).stride >> 2, D: H.denominator * V.denominator }
          : undefined;
      const src0 = (reader.rowBase(sr.min.y) >> 2) + sr.min.x;
      boxRGBA32(p32, src0, reader.rowStride >> 2, H, V, x0, n, adr.min.y, adr.max.y, (dy, sums) => vertical(dy, sums, base, one, 1), words);
      return;
    }
    if (
      H.kind === 'float64' &&
      V.kind === 'float64' &&
      reader.layout === 'rgba8' &&
      p32 !== undefined &&
      reader.rowStride !== undefined &&
      direct?.pix32 !== undefined &&
      twoTapsAtMost(H, x0, n) &&
      enlargeRowsApply(V, adr.min.y, adr.max.y)
    ) {
      // Enlarging with BiLinear, RGBA to RGBA: the same passes with a dedicated driver.
      const dstImage = dst as unknown as BufferImage;
      enlargeRGBA32(p32, (reader.rowBase(sr.min.y) >> 2) + sr.min.x, reader.rowStride >> 2, H, V, x0, n, adr.min.y, adr.max.y, direct.pix32, direct.at(0) >> 2, dstImage.stride >> 2);
      return;
    }
    runSeparable({
      V,
      y0: adr.min.y,
      y1: adr.max.y,
      n,
      ...(H.kind === 'float64' ? floatHorizontal(H, reader, sr, x0, n) : fixedHorizontal(H, reader, sr, x0, n)),
      vertical: V.kind === 'float64' ? floatVertical(V, n, write, direct, this.#nonNegative) : fixedVertical(H as FixedAxisWeights, V, reader, n, write, direct),
    });
  }
}

type Horizontal = {
  horizontal: (sy: number, tmp: Float64Array, off: number) => void;
  horizontal2?: (sy: number, tmp: Float64Array, off0: number, off1: number) => void;
};

function floatHorizontal(H: FloatAxisWeights, reader: SourceReader, sr: Rectangle, x0: number, n: number): Horizontal {
  const sx = sr.min.x;
  const sy0 = sr.min.y;
  const pix = reader.pix;
  const p32 = reader.pix32;
  switch (reader.layout) {
    case 'rgba8':
      if (p32 !== undefined && twoTapsAtMost(H, x0, n)) {
        // Enlarging with BiLinear: one or two taps per column. Rows come one at a time there.
        return { horizontal: (sy, tmp, off) => floatRGBA32Taps2(p32, (reader.rowBase(sy0 + sy) >> 2) + sx, H, x0, n, tmp, off) };
      }
      if (p32 !== undefined) {
        return {
          horizontal: (sy, tmp, off) => floatRGBA32(p32, (reader.rowBase(sy0 + sy) >> 2) + sx, H, x0, n, tmp, off),
          horizontal2: (sy, tmp, off0, off1) =>
            floatRGBA32x2(p32, (reader.rowBase(sy0 + sy) >> 2) + sx, (reader.rowBase(sy0 + sy + 1) >> 2) + sx, H, x0, n, tmp, off0, off1),
        };
      }
      return { horizontal: (sy, tmp, off) => floatRGBA8(pix, reader.rowBase(sy0 + sy) + sx * 4, H, x0, n, tmp, off) };
    case 'gray8':
      return { horizontal: (sy, tmp, off) => floatGray8(pix, reader.rowBase(sy0 + sy) + sx, H, x0, n, tmp, off) };
    default: {
      const [c0, c1] = sourceSpan(H, x0, n);
      const row = scratchU16(4 * (c1 - c0));
      const kernel = reader.opaque ? floatU16Opaque : floatU16;
      return {
        horizontal: (sy, tmp, off) => {
          reader.loadRow(sx + c0, sy0 + sy, c1 - c0, row);
          kernel(row, c0, H, x0, n, tmp, off);
        },
      };
    }
  }
}

function fixedHorizontal(H: FixedAxisWeights, reader: SourceReader, sr: Rectangle, x0: number, n: number): Horizontal {
  const sx = sr.min.x;
  const sy0 = sr.min.y;
  const pix = reader.pix;
  const p32 = reader.pix32;
  switch (reader.layout) {
    case 'rgba8': {
      if (p32 !== undefined && H.uniformInterior) {
        return {
          horizontal: (sy, tmp, off) => fixedBoxRGBA32(p32, (reader.rowBase(sy0 + sy) >> 2) + sx, H, x0, n, tmp, off),
          horizontal2: (sy, tmp, off0, off1) =>
            fixedBoxRGBA32x2(p32, (reader.rowBase(sy0 + sy) >> 2) + sx, (reader.rowBase(sy0 + sy + 1) >> 2) + sx, H, x0, n, tmp, off0, off1),
        };
      }
      if (0xff * H.maxAbsSum < PACK / 2) {
        const [c0, c1] = sourceSpan(H, x0, n);
        const rg = scratchF64(c1 - c0);
        const ba = scratchF64(c1 - c0);
        const rg1 = scratchF64(c1 - c0);
        const ba1 = scratchF64(c1 - c0);
        const pack = (sy: number, rgRow: Float64Array, baRow: Float64Array) => {
          const base = reader.rowBase(sy0 + sy);
          if (p32 !== undefined) packRGBA32(p32, (base >> 2) + sx, c0, c1, rgRow, baRow);
          else packRGBA8(pix, base + sx * 4, c0, c1, rgRow, baRow);
        };
        return {
          horizontal: (sy, tmp, off) => {
            pack(sy, rg, ba);
            fixedPacked(rg, ba, c0, H, x0, n, tmp, off);
          },
          horizontal2: (sy, tmp, off0, off1) => {
            pack(sy, rg, ba);
            pack(sy + 1, rg1, ba1);
            fixedPacked2(rg, ba, rg1, ba1, c0, H, x0, n, tmp, off0, off1);
          },
        };
      }
      return { horizontal: (sy, tmp, off) => fixedRGBA8(pix, reader.rowBase(sy0 + sy) + sx * 4, H, x0, n, tmp, off) };
    }
    case 'gray8':
      return { horizontal: (sy, tmp, off) => fixedGray8(pix, reader.rowBase(sy0 + sy) + sx, H, x0, n, tmp, off) };
    default: {
      const planes = reader.ycbcr;
      if (planes !== undefined && H.uniformInterior && sx >= 0) {
        // Box from Y'CbCr (the JPEG thumbnail path): convert and accumulate in one loop.
        const { Y, Cb, Cr, hx } = planes;
        if (hx === 2) {
          return {
            horizontal: (sy, tmp, off) => fixedBoxYCbCr2(Y, Cb, Cr, planes.lumaBase(sy0 + sy), planes.chromaBase(sy0 + sy), sx, H, x0, n, tmp, off),
          };
        }
        return {
          horizontal: (sy, tmp, off) => fixedBoxYCbCr(Y, Cb, Cr, hx, planes.lumaBase(sy0 + sy), planes.chromaBase(sy0 + sy), sx, H, x0, n, tmp, off),
        };
      }
      const [c0, c1] = sourceSpan(H, x0, n);
      const row = scratchU16(4 * (c1 - c0));
      // Box over opaque rows (Y'CbCr): sum the inner pixels, weight once.
      const kernel = reader.opaque ? (H.uniformInterior ? fixedBoxU16Opaque : fixedU16Opaque) : fixedU16;
      return {
        horizontal: (sy, tmp, off) => {
          reader.loadRow(sx + c0, sy0 + sy, c1 - c0, row);
          kernel(row, c0, H, x0, n, tmp, off);
        },
      };
    }
  }
}

type Vertical = (dy: number, tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number) => void;

/**
 * An RGBA destination written with 'src': the vertical pass stores bytes straight into `pix`
 * (`at(dy)` is the index of the row's first affected pixel), the same values as the RGBA writer.
 */
interface DirectRGBA {
  pix: Uint8Array;
  at: (dy: number) => number;
  /**
   * `pix` as 32-bit words (R in the low byte) when `pix` and the stride are 4-byte aligned on a
   * little-endian machine: a pixel is then one store, at word index at(dy) >> 2.
   */
  pix32: Int32Array | undefined;
}

function directRGBA(m: BufferImage, ox: number, oy: number): DirectRGBA {
  return { pix: m.pix, at: (dy) => m.pixOffset(ox, oy + dy), pix32: wordView(m) ?? undefined };
}

/**
 * Go's `ftou` of x = sum · invTotalWeight: int32(0xffff·x + 0.5) clamped to [0, 0xffff]. Go on
 * amd64 converts NaN and values outside the int32 range to 0x80000000, which the clamp turns into
 * 0; so does this. v in [1, 0xffff) truncates as int32() does.
 */
function ftou(v: number): number {
  // `| 0` keeps the result a small integer, so it is never boxed even when not inlined.
  return v >= 1 ? (v < 0xffff ? v | 0 : v < 2147483648 ? 0xffff : 0) : 0;
}

/**
 * Go's scaleY: per pixel, Σ tmp·w over the taps in source order (starting from 0, as Go: 0 + x
 * is x), clamp r, g, b to a, then ftou(sum · invTotalWeight). Two taps (enlarging) are unrolled;
 * the additions are the same, in the same order. Top-level, so every call shares optimised code.
 */
function floatVerticalRow(tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number, inv: number, out: Uint16Array, width: number): void {
  const b0 = bases[0];
  const b1 = bases[1];
  const w0 = ws[0];
  const w1 = ws[1];
  for (let j = 0; j < width; j += 4) {
    let r: number;
    let g: number;
    let b: number;
    let a: number;
    if (taps === 2) {
      const o = b0 + j;
      const p = b1 + j;
      r = tmp[o] * w0 + tmp[p] * w1;
      g = tmp[o + 1] * w0 + tmp[p + 1] * w1;
      b = tmp[o + 2] * w0 + tmp[p + 2] * w1;
      a = tmp[o + 3] * w0 + tmp[p + 3] * w1;
    } else {
      r = g = b = a = 0;
      for (let t = 0; t < taps; t++) {
        const o = bases[t] + j;
        const w = ws[t];
        r += tmp[o] * w;
        g += tmp[o + 1] * w;
        b += tmp[o + 2] * w;
        a += tmp[o + 3] * w;
      }
    }
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    out[j] = ftou(0xffff * (r * inv) + 0.5);
    out[j + 1] = ftou(0xffff * (g * inv) + 0.5);
    out[j + 2] = ftou(0xffff * (b * inv) + 0.5);
    out[j + 3] = ftou(0xffff * (a * inv) + 0.5);
  }
}

/** floatVerticalRow fused with the RGBA 'src' store (v >> 8 straight into pix). */
function floatVerticalRowRGBA(tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number, inv: number, pix: Uint8Array, d: number, width: number): void {
  if (taps === 2) {
    floatVertical2RGBA(tmp, bases[0], bases[1], ws[0], ws[1], inv, pix, d, width);
    return;
  }
  for (let j = 0; j < width; j += 4, d += 4) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let t = 0; t < taps; t++) {
      const o = bases[t] + j;
      const w = ws[t];
      r += tmp[o] * w;
      g += tmp[o + 1] * w;
      b += tmp[o + 2] * w;
      a += tmp[o + 3] * w;
    }
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    pix[d] = ftou(0xffff * (r * inv) + 0.5) >> 8;
    pix[d + 1] = ftou(0xffff * (g * inv) + 0.5) >> 8;
    pix[d + 2] = ftou(0xffff * (b * inv) + 0.5) >> 8;
    pix[d + 3] = ftou(0xffff * (a * inv) + 0.5) >> 8;
  }
}

/** Two taps (enlarging): 0 + x·w0 + y·w1 is x·w0 + y·w1, the same additions as Go's loop. */
function floatVertical2RGBA(tmp: Float64Array, b0: number, b1: number, w0: number, w1: number, inv: number, pix: Uint8Array, d: number, width: number): void {
  for (let o = b0, p = b1, end = b0 + width; o < end; o += 4, p += 4, d += 4) {
    let r = tmp[o] * w0 + tmp[p] * w1;
    let g = tmp[o + 1] * w0 + tmp[p + 1] * w1;
    let b = tmp[o + 2] * w0 + tmp[p + 2] * w1;
    const a = tmp[o + 3] * w0 + tmp[p + 3] * w1;
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    pix[d] = ftou(0xffff * (r * inv) + 0.5) >> 8;
    pix[d + 1] = ftou(0xffff * (g * inv) + 0.5) >> 8;
    pix[d + 2] = ftou(0xffff * (b * inv) + 0.5) >> 8;
    pix[d + 3] = ftou(0xffff * (a * inv) + 0.5) >> 8;
  }
}

function floatVertical(V: FloatAxisWeights, n: number, write: (dy: number, out: Uint16Array) => void, direct: DirectRGBA | undefined, nonNegative: boolean): Vertical {
  const width = 4 * n;
  if (direct !== undefined) {
    const { pix, at, pix32 } = direct;
    if (nonNegative && pix32 !== undefined) {
      return (dy, tmp, bases, ws, taps) => {
        if (taps === 2) floatVertical2RGBAPos32(tmp, bases[0], bases[1], ws[0], ws[1], V.inv[dy], pix32, at(dy) >> 2, width);
        else if (taps === 1) floatVertical1RGBAPos32(tmp, bases[0], ws[0], V.inv[dy], pix32, at(dy) >> 2, width);
        else floatVerticalRowRGBA(tmp, bases, ws, taps, V.inv[dy], pix, at(dy), width);
      };
    }
    return (dy, tmp, bases, ws, taps) => floatVerticalRowRGBA(tmp, bases, ws, taps, V.inv[dy], pix, at(dy), width);
  }
  const out = scratchU16(width);
  return (dy, tmp, bases, ws, taps) => {
    floatVerticalRow(tmp, bases, ws, taps, V.inv[dy], out, width);
    write(dy, out);
  };
}

/**
 * The one rounding of the fixed arithmetic: v = floor((2·m·S + D) / (2·D)), i.e. m·S / D rounded
 * half up, where D = Dx·Dy and m = 0x101 for byte sources (their sums are of bytes) or 1. r, g, b
 * are first clamped to a, and every value to [0, 0xffff], as Go clamps its kernels' overshoot.
 * Every quantity is an integer below 2^53 (checked when the weights are made), so the float64
 * division and floor are exact.
 */
/** m·s / D rounded half up as floor((m2·s + D) / d2), clamped to [0, 0xffff]. */
function roundFixed(s: number, m2: number, D: number, d2: number): number {
  const v = Math.floor((m2 * s + D) / d2);
  return v < 0 ? 0 : v > 0xffff ? 0xffff : v;
}

function fixedVerticalRow(tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number, m2: number, D: number, d2: number, out: Uint16Array, width: number): void {
  for (let j = 0; j < width; j += 4) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let t = 0; t < taps; t++) {
      const o = bases[t] + j;
      const w = ws[t];
      r += tmp[o] * w;
      g += tmp[o + 1] * w;
      b += tmp[o + 2] * w;
      a += tmp[o + 3] * w;
    }
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    out[j] = roundFixed(r, m2, D, d2);
    out[j + 1] = roundFixed(g, m2, D, d2);
    out[j + 2] = roundFixed(b, m2, D, d2);
    out[j + 3] = roundFixed(a, m2, D, d2);
  }
}

/**
 * fixedVerticalRow fused with the RGBA 'src' store. Taps two at a time: the sums are exact
 * integers, so the order of the additions does not matter.
 */
function fixedVerticalRowRGBA(tmp: Float64Array, bases: Int32Array, ws: Float64Array, taps: number, m2: number, D: number, d2: number, pix: Uint8Array, d: number, width: number): void {
  for (let j = 0; j < width; j += 4, d += 4) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    let t = 0;
    for (; t + 1 < taps; t += 2) {
      const o = bases[t] + j;
      const q = bases[t + 1] + j;
      const w = ws[t];
      const v = ws[t + 1];
      r += tmp[o] * w + tmp[q] * v;
      g += tmp[o + 1] * w + tmp[q + 1] * v;
      b += tmp[o + 2] * w + tmp[q + 2] * v;
      a += tmp[o + 3] * w + tmp[q + 3] * v;
    }
    if (t < taps) {
      const o = bases[t] + j;
      const w = ws[t];
      r += tmp[o] * w;
      g += tmp[o + 1] * w;
      b += tmp[o + 2] * w;
      a += tmp[o + 3] * w;
    }
    if (r > a) r = a;
    if (g > a) g = a;
    if (b > a) b = a;
    pix[d] = roundFixed(r, m2, D, d2) >> 8;
    pix[d + 1] = roundFixed(g, m2, D, d2) >> 8;
    pix[d + 2] = roundFixed(b, m2, D, d2) >> 8;
    pix[d + 3] = roundFixed(a, m2, D, d2) >> 8;
  }
}

function fixedVertical(H: FixedAxisWeights, V: FixedAxisWeights, reader: SourceReader, n: number, write: (dy: number, out: Uint16Array) => void, direct: DirectRGBA | undefined): Vertical {
  const width = 4 * n;
  const D = H.denominator * V.denominator;
  const m2 = reader.layout === 'u16' ? 2 : 2 * 0x101;
  const d2 = 2 * D;
  if (direct !== undefined) {
    const { pix, at } = direct;
    return (dy, tmp, bases, ws, taps) => fixedVerticalRowRGBA(tmp, bases, ws, taps, m2, D, d2, pix, at(dy), width);
  }
  const out = scratchU16(width);
  return (dy, tmp, bases, ws, taps) => {
    fixedVerticalRow(tmp, bases, ws, taps, m2, D, d2, out, width);
    write(dy, out);
  };
}
