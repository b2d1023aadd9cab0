import type { ThumbnailFit } from './options.js';

/**
 * The thumbnail's geometry, worked out from the header alone (before any pixel is decoded): the
 * output size, the box `resize` gets in the stored (un-oriented) frame, and how far a JPEG may be
 * shrunk on load. See spec/pipeline.md.
 */

/** Whether EXIF orientation `o` transposes the image (5..8), so width and height swap. */
export function swapsAxes(o: number | undefined): boolean {
  return o !== undefined && o >= 5 && o <= 8;
}

export interface ThumbnailPlan {
  /** The output size, upright. */
  width: number;
  height: number;
  /** What `resize` gets, in the stored frame (the box transposed when the orientation swaps axes). */
  resize: { width: number; height: number; fit: ThumbnailFit };
  /**
   * The smallest decode scale (1/8, 1/4, 1/2 or 1) whose result is still at least as large as
   * the scaled content on both axes, so the resize that follows never enlarges.
   */
  decodeScale: number;
}

/** round(a / b), half up, for positive integers (resize rounds derived sides the same way). */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/**
 * Plans a thumbnail of a `srcWidth` × `srcHeight` image (as stored) with EXIF `orientation`.
 * Sizes derived from the aspect ratio are rounded half up and at least 1, as `resize` does, so
 * the output size depends only on the header and the options (never on shrink-on-load).
 * The caller has validated the options (checkThumbnailOptions) and the header (positive sizes).
 */
export function planThumbnail(
  srcWidth: number,
  srcHeight: number,
  orientation: number | undefined,
  opts: { width?: number; height?: number; fit: ThumbnailFit },
): ThumbnailPlan {
  const swap = swapsAxes(orientation);
  // The source as it will be seen, upright.
  const ow = swap ? srcHeight : srcWidth;
  const oh = swap ? srcWidth : srcHeight;
  const { width, height } = opts;
  let fit = opts.fit;
  let W: number;
  let H: number;
  // The size of the scaled picture itself (without a contain canvas), upright.
  let cw: number;
  let ch: number;
  if (width === undefined || height === undefined) {
    W = width ?? Math.max(1, roundDiv(ow * height!, oh));
    H = height ?? Math.max(1, roundDiv(oh * width!, ow));
    fit = 'fill'; // exact: the derived side is already rounded
    cw = W;
    ch = H;
  } else if (fit === 'inside' || fit === 'contain') {
    let w = width;
    let h = height;
    if (ow * height > oh * width) h = Math.max(1, roundDiv(oh * width, ow));
    else w = Math.max(1, roundDiv(ow * height, oh));
    cw = w;
    ch = h;
    if (fit === 'inside') {
      W = w;
      H = h;
      fit = 'fill'; // exact size from the full-size header, whatever the decode scale
    } else {
      W = width;
      H = height;
    }
  } else if (fit === 'cover') {
    W = width;
    H = height;
    // The picture is scaled by k = max(W / ow, H / oh), then cropped to the box.
    const k = Math.max(W / ow, H / oh);
    cw = Math.ceil(ow * k);
    ch = Math.ceil(oh * k);
  } else {
    W = width;
    H = height;
    cw = W;
    ch = H;
  }
  // The smallest decode scale that leaves at least cw × ch pixels (floor: a partial last block
  // of a scaled JPEG holds less than a whole pixel's worth of source).
  let decodeScale = 1;
  for (const s of [1 / 8, 1 / 4, 1 / 2]) {
    if (Math.floor(ow * s) >= cw && Math.floor(oh * s) >= ch) {
      decodeScale = s;
      break;
    }
  }
  return {
    width: W,
    height: H,
    resize: swap ? { width: H, height: W, fit } : { width: W, height: H, fit },
    decodeScale,
  };
}
