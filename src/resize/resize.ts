import type { Color } from '../color/color.js';
import { OptionError, SizeError } from '../errors.js';
import { rect, type Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import type { GrayImage } from '../image/gray-image.js';
import { NRGBAImage } from '../image/nrgba-image.js';
import { RGBAImage } from '../image/rgba-image.js';
import { UniformImage } from '../image/uniform-image.js';
import type { YCbCrImage } from '../image/ycbcr-image.js';
import { ApproxBiLinear } from './approx-bilinear.js';
import { copyRect } from './copy.js';
import { Kernel, KernelScaler } from './kernel.js';
import { BiLinear, Box, BoxKernel, CatmullRom, Lanczos3 } from './kernels.js';
import { NearestNeighbor } from './nearest.js';
import { fillUniform } from './prepare.js';
import { BlockMeans, blockMeanReader } from './shrink.js';
import { BufferPool } from '../lifetime/pool.js';
import { describe, type Scaler } from './scaler.js';

/**
 * How the source fits a width × height box:
 * - `'fill'`: exactly width × height; the aspect ratio is not kept.
 * - `'inside'`: as large as possible while keeping the aspect ratio and staying inside the box;
 *   the result may be smaller than the box in one dimension.
 * - `'contain'`: the `'inside'` image, centred on a width × height canvas of `background`.
 * - `'cover'`: exactly width × height, keeping the aspect ratio: the source is cropped (centred)
 *   to the box's aspect ratio, then scaled.
 */
export type Fit = 'fill' | 'contain' | 'cover' | 'inside';

/** Kernel names `resize` accepts besides scaler objects. */
export type KernelName = 'nearest' | 'approx-bilinear' | 'bilinear' | 'catmull-rom' | 'box' | 'lanczos3';

const KERNELS: Record<KernelName, Scaler> = {
  nearest: NearestNeighbor,
  'approx-bilinear': ApproxBiLinear,
  bilinear: BiLinear,
  'catmull-rom': CatmullRom,
  box: Box,
  lanczos3: Lanczos3,
};

const FITS: readonly Fit[] = ['fill', 'contain', 'cover', 'inside'];

export interface ResizeOptions {
  /** The box width, a positive integer. When omitted it follows from height and the aspect ratio. */
  width?: number;
  /** The box height, a positive integer. When omitted it follows from width and the aspect ratio. */
  height?: number;
  /** Default `'fill'`. Irrelevant when only one side is given. */
  fit?: Fit;
  /**
   * A scaler (`Box`, `BiLinear`, a `Kernel` or its `newScaler`, `NearestNeighbor`, …) or its name.
   * Default: `Box` when the image shrinks (or keeps its size) on both axes, `BiLinear` otherwise.
   */
  kernel?: Scaler | KernelName;
  /** The canvas colour of `'contain'`. Default transparent. */
  background?: Color;
  /**
   * Default `false`. When `true`, the kernel is a `Kernel` (or a `KernelScaler`) other than Box,
   * and the image shrinks at least 2× on an axis, it is first reduced on that axis by the integer
   * factor f = floor(source / (2 · destination)): each f × f block becomes its mean (premultiplied,
   * rounded to 8 bits), then `kernel` scales those block means to the destination, placed on the
   * original grid: as libvips (sharp) does. Much faster for large reductions with a wide kernel
   * (Lanczos3, CatmullRom, BiLinear), but **not exact**: the result differs from the kernel applied
   * to the whole source by a few levels (spec/resize.md bounds it). The block means are computed
   * two rows at a time as the kernel asks for them; nothing is kept after the call.
   */
  preshrink?: boolean;
  /**
   * Take the result's pixel buffer from this pool (`pool.adopt`) instead of allocating it. The
   * result **owns** that buffer as usual; disposing the result (`[Symbol.dispose]()`, `using`)
   * returns it to the pool, and a result dropped without disposal is simply collected. (`preshrink`
   * has no temporary image: its block means are computed two rows at a time.) Pixels are
   * byte-equal to an unpooled resize. Default: no pool.
   */
  pool?: BufferPool;
}

/**
 * Resizes src into a **new, owned** image with bounds (0, 0)–(w, h); src is only read, and the
 * result holds no reference to it or its buffer. The result is an {@link NRGBAImage} when src is
 * one (so non-premultiplied pixels stay non-premultiplied), an {@link RGBAImage} otherwise.
 * Interpolation is alpha-premultiplied (transparent pixels lend no colour); the scaled pixels
 * replace the canvas (op `'src'`). A same-size `'fill'` is a copy, never an alias.
 *
 * Sizes derived from the aspect ratio are rounded half up and at least 1.
 *
 * @throws OptionError naming the bad option (width, height, fit, kernel, background, preshrink).
 * @throws SizeError when src is empty.
 * @throws LimitError when the result exceeds the allocation limit.
 */
export function resize(src: NRGBAImage, options: ResizeOptions): NRGBAImage;
export function resize(src: RGBAImage | GrayImage | YCbCrImage, options: ResizeOptions): RGBAImage;
export function resize(src: Image, options: ResizeOptions): RGBAImage | NRGBAImage;
export function resize(src: Image, options: ResizeOptions): RGBAImage | NRGBAImage {
  if (typeof options !== 'object' || options === null) throw new OptionError(`imago: resize options must be an object, got ${describe(options)}`);
  const { width, height, fit = 'fill', background } = options;
  checkSide('width', width);
  checkSide('height', height);
  if (width === undefined && height === undefined) throw new OptionError('imago: resize needs option width or height (or both)');
  if (!FITS.includes(fit)) throw new OptionError(`imago: resize option fit must be one of ${FITS.join(', ')}, got ${describe(fit)}`);
  if (background !== undefined && (typeof background !== 'object' || background === null || typeof (background as Color).rgba !== 'function')) {
    throw new OptionError(`imago: resize option background must be a Color, got ${describe(background)}`);
  }
  const kernel = options.kernel === undefined ? undefined : scalerOption(options.kernel);
  const { preshrink = false } = options;
  if (typeof preshrink !== 'boolean') throw new OptionError(`imago: resize option preshrink must be a boolean, got ${describe(preshrink)}`);
  const { pool } = options;
  if (pool !== undefined && !(pool instanceof BufferPool)) throw new OptionError(`imago: resize option pool must be a BufferPool, got ${describe(pool)}`);

  const b = src.bounds();
  const sw = b.dx();
  const sh = b.dy();
  if (sw <= 0 || sh <= 0) throw new SizeError(`imago: resize source ${b.toString()} is empty`);

  // The canvas (W × H), where the scaled image goes in it (dr), and the part of src used (sr).
  let W: number;
  let H: number;
  let dr: Rectangle;
  let sr = b;
  if (width === undefined || height === undefined) {
    W = width ?? Math.max(1, roundDiv(sw * height!, sh));
    H = height ?? Math.max(1, roundDiv(sh * width!, sw));
    dr = rect(0, 0, W, H);
  } else if (fit === 'fill') {
    W = width;
    H = height;
    dr = rect(0, 0, W, H);
  } else if (fit === 'cover') {
    W = width;
    H = height;
    dr = rect(0, 0, W, H);
    sr = coverCrop(b, W, H);
  } else {
    // inside and contain: the largest size with the source's aspect ratio inside the box.
    let w = width;
    let h = height;
    if (sw * height > sh * width) h = Math.max(1, roundDiv(sh * width, sw));
    else w = Math.max(1, roundDiv(sw * height, sh));
    if (fit === 'inside') {
      W = w;
      H = h;
      dr = rect(0, 0, w, h);
    } else {
      W = width;
      H = height;
      const x0 = Math.floor((W - w) / 2);
      const y0 = Math.floor((H - h) / 2);
      dr = rect(x0, y0, x0 + w, y0 + h);
    }
  }

  const kind = (src as { kind?: string }).kind;
  const Out = kind === 'nrgba' ? NRGBAImage : RGBAImage;
  const out: RGBAImage | NRGBAImage = pool === undefined ? new Out(rect(0, 0, W, H)) : pool.adopt(W * H * 4, (b) => new Out(rect(0, 0, W, H), b, 4 * W));
  if (!dr.eq(out.rect) && background !== undefined) fillUniform(out, out.rect, new UniformImage(background), 'src');
  if (dr.dx() === sr.dx() && dr.dy() === sr.dy() && kernel === undefined) {
    copyRect(out, dr, src, sr, 'src');
    return out;
  }
  const scaler = kernel ?? (dr.dx() <= sr.dx() && dr.dy() <= sr.dy() ? Box : BiLinear);
  const k = scaler instanceof KernelScaler ? scaler.kernel : scaler;
  if (preshrink && k instanceof Kernel && !(k instanceof BoxKernel)) {
    const fx = Math.max(1, Math.floor(sr.dx() / (2 * dr.dx())));
    const fy = Math.max(1, Math.floor(sr.dy() / (2 * dr.dy())));
    if (fx > 1 || fy > 1) {
      // Block means of f pixels (ceil(size / f) of them, the last maybe narrower), then the kernel
      // for the remaining (< 4×, >= 2×) factor, placed as if on the original grid: the blocks
      // stand for size / f of their pixels, so each block mean sits at its block's centre.
      // The block means are computed row by row as the kernel's passes ask for them (a ring of
      // two rows), not materialised.
      const bm = new BlockMeans(src, sr, fx, fy);
      try {
        new KernelScaler(k, dr.dx(), dr.dy(), bm.mw, bm.mh, sr.dx() / fx, sr.dy() / fy).scaleRows(out as MutableImage, dr, blockMeanReader(bm));
      } finally {
        bm.release(); // zero the WebAssembly kernel's memory (spec/resize.md)
      }
      return out;
    }
  }
  scaler.scale(out as MutableImage, dr, src, sr, 'src');
  return out;
}

/** round(a / b), half up, for positive integers: floor((2a + b) / 2b), exact below 2^53. */
function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** The centred part of b with the aspect ratio W : H (as large as possible). */
function coverCrop(b: Rectangle, W: number, H: number): Rectangle {
  const sw = b.dx();
  const sh = b.dy();
  if (sw * H > sh * W) {
    const cw = Math.min(sw, Math.max(1, roundDiv(sh * W, H)));
    const x0 = b.min.x + Math.floor((sw - cw) / 2);
    return rect(x0, b.min.y, x0 + cw, b.max.y);
  }
  const ch = Math.min(sh, Math.max(1, roundDiv(sw * H, W)));
  const y0 = b.min.y + Math.floor((sh - ch) / 2);
  return rect(b.min.x, y0, b.max.x, y0 + ch);
}

function checkSide(name: 'width' | 'height', v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw new OptionError(`imago: resize option ${name} must be a positive integer, got ${describe(v)}`);
  }
}

function scalerOption(k: unknown): Scaler {
  if (typeof k === 'string') {
    if (Object.hasOwn(KERNELS, k)) return KERNELS[k as KernelName];
  } else if (typeof k === 'object' && k !== null && typeof (k as Scaler).scale === 'function') {
    return k as Scaler;
  }
  throw new OptionError(`imago: resize option kernel must be a Scaler or one of ${Object.keys(KERNELS).join(', ')}, got ${describe(k)}`);
}
