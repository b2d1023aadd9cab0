import type { Limits } from '../codec/codec.js';
import { OptionError } from '../errors.js';
import { BufferPool } from '../lifetime/pool.js';

/**
 * The options of `thumbnail()` and their validation. Validation is separate from running, so a
 * server can refuse bad parameters (400) before it reads a request body.
 */

/**
 * How the image fits the width × height box (as `resize`):
 * - `'inside'` (default): as large as possible inside the box, aspect ratio kept; the result may
 *   be smaller than the box in one dimension.
 * - `'contain'`: the `'inside'` image centred on a transparent width × height canvas.
 * - `'cover'`: exactly width × height, aspect ratio kept, the overflow cropped (centred).
 * - `'fill'`: exactly width × height, aspect ratio not kept.
 * With only one of width and height, the other follows from the aspect ratio and `fit` is moot.
 */
export type ThumbnailFit = 'inside' | 'contain' | 'cover' | 'fill';
export const THUMBNAIL_FITS: readonly ThumbnailFit[] = ['inside', 'contain', 'cover', 'fill'];

/** The resampling kernels by name (see imago's resize). */
export type ThumbnailKernel = 'nearest' | 'approx-bilinear' | 'bilinear' | 'catmull-rom' | 'box' | 'lanczos3';
export const THUMBNAIL_KERNELS: readonly ThumbnailKernel[] = ['nearest', 'approx-bilinear', 'bilinear', 'catmull-rom', 'box', 'lanczos3'];

/**
 * The largest width or height `thumbnail` accepts: 16384, a common GPU texture limit and far
 * above any thumbnail. The pixel count is further bounded by `limits.maxPixels`.
 */
export const MAX_THUMBNAIL_SIDE = 16384;

export interface ThumbnailOptions {
  /** Box width in pixels, an integer 1..16384. At least one of width and height is required. */
  width?: number;
  /** Box height in pixels, an integer 1..16384. */
  height?: number;
  /** Default `'inside'`. */
  fit?: ThumbnailFit;
  /**
   * The output format: a codec name, MIME type or extension (`'jpeg'`, `'image/png'`, `'jpg'`).
   * Default: the input's format when the registry can write it, else `'png'`.
   */
  format?: string;
  /** Quality for lossy formats, an integer 1..100 (passed to the encoder as `quality`). */
  quality?: number;
  /** The resampling kernel; default: box when shrinking, bilinear when enlarging. */
  kernel?: ThumbnailKernel;
  /** Decoding limits, checked against the header before any pixel is decoded. */
  limits?: Partial<Limits>;
  /** Aborts between stages (and inside codecs that check it) with imago's AbortError. */
  signal?: AbortSignal;
  /** Apply the EXIF orientation, so the thumbnail is upright. Default true. */
  autoOrient?: boolean;
  /**
   * Let a JPEG decoder decode at 1/2, 1/4 or 1/8 size in the DCT domain when the thumbnail is
   * at most that big ("shrink on load"). Default true. Output dimensions do not depend on it.
   */
  shrinkOnLoad?: boolean;
  /**
   * Take the intermediate images' pixel buffers from this pool (spec/lifetime.md, "Where the
   * pool is used"): the decoded image (when the codec supports `pool`: imago's JPEG codec) and
   * the resized one come from it and are disposed back into it before the call returns, also
   * when it fails. The **bytes `thumbnail()` returns are never pooled**: they are a fresh
   * allocation the caller owns. With `prepareThumbnail()`, the returned image may own a pool
   * buffer (the resized image, when no orientation copy follows): dispose it when done to give
   * the buffer back. Output is byte-equal to an unpooled call. Default: no pool.
   */
  pool?: BufferPool;
}

/** Validated options, with defaults applied. */
export interface CheckedThumbnailOptions {
  width?: number;
  height?: number;
  fit: ThumbnailFit;
  format?: string;
  quality?: number;
  kernel?: ThumbnailKernel;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  autoOrient: boolean;
  shrinkOnLoad: boolean;
  pool?: BufferPool;
}

const KNOWN = new Set(['width', 'height', 'fit', 'format', 'quality', 'kernel', 'limits', 'signal', 'autoOrient', 'shrinkOnLoad', 'pool', 'registry']);

/**
 * Validates thumbnail options and applies the defaults. Unknown option names are refused, so a
 * typo (`widht`) is an error and not a silent full-size image.
 * @throws OptionError naming the option and the bad value.
 */
export function checkThumbnailOptions(opts: ThumbnailOptions): CheckedThumbnailOptions {
  if (opts === null || typeof opts !== 'object') throw new OptionError(`imago: thumbnail options must be an object, got ${show(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!KNOWN.has(k)) throw new OptionError(`imago: thumbnail has no option ${JSON.stringify(k)} (known: ${[...KNOWN].join(', ')})`);
  }
  const { width, height, fit = 'inside', format, quality, kernel, limits, signal, autoOrient = true, shrinkOnLoad = true, pool } = opts;
  side('width', width);
  side('height', height);
  if (width === undefined && height === undefined) throw new OptionError('imago: thumbnail needs option width or height (or both)');
  if (!THUMBNAIL_FITS.includes(fit)) throw new OptionError(`imago: thumbnail option fit must be one of ${THUMBNAIL_FITS.join(', ')}, got ${show(fit)}`);
  if (format !== undefined && (typeof format !== 'string' || format === '')) {
    throw new OptionError(`imago: thumbnail option format must be a non-empty string such as 'jpeg', got ${show(format)}`);
  }
  if (quality !== undefined && (!Number.isInteger(quality) || quality < 1 || quality > 100)) {
    throw new OptionError(`imago: thumbnail option quality must be an integer from 1 to 100, got ${show(quality)}`);
  }
  if (kernel !== undefined && !THUMBNAIL_KERNELS.includes(kernel)) {
    throw new OptionError(`imago: thumbnail option kernel must be one of ${THUMBNAIL_KERNELS.join(', ')}, got ${show(kernel)}`);
  }
  if (limits !== undefined && (limits === null || typeof limits !== 'object')) {
    throw new OptionError(`imago: thumbnail option limits must be an object, got ${show(limits)}`);
  }
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && 'aborted' in signal)) {
    throw new OptionError('imago: thumbnail option signal must be an AbortSignal');
  }
  if (typeof autoOrient !== 'boolean') throw new OptionError(`imago: thumbnail option autoOrient must be a boolean, got ${show(autoOrient)}`);
  if (typeof shrinkOnLoad !== 'boolean') throw new OptionError(`imago: thumbnail option shrinkOnLoad must be a boolean, got ${show(shrinkOnLoad)}`);
  if (pool !== undefined && !(pool instanceof BufferPool)) throw new OptionError(`imago: thumbnail option pool must be a BufferPool, got ${show(pool)}`);
  const checked: CheckedThumbnailOptions = { width, height, fit, format, quality, kernel, limits, signal, autoOrient, shrinkOnLoad };
  if (pool !== undefined) checked.pool = pool;
  return checked;
}

function side(name: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_THUMBNAIL_SIDE) {
    throw new OptionError(`imago: thumbnail option ${name} must be an integer from 1 to ${MAX_THUMBNAIL_SIDE}, got ${show(v)}`);
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : typeof v === 'object' ? Object.prototype.toString.call(v) : String(v);
}
