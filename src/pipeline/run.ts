import type { Codec, ImageConfig, Limits } from '../codec/codec.js';
import { AbortError, FormatError, LimitError, OptionError } from '../errors.js';
import type { Image } from '../image/image.js';
import { disposeAll } from '../lifetime/dispose.js';
import type { BufferPool } from '../lifetime/pool.js';
import type { CheckedThumbnailOptions, ThumbnailFit, ThumbnailKernel } from './options.js';
import { planThumbnail } from './plan.js';

/**
 * The thumbnail pipeline's order of stages and its memory discipline, independent of which
 * registry, resizer and orienter do the work (src/pipeline/thumbnail.ts binds imago's own).
 * Keeping the order here, apart, lets a test instrument every stage. See spec/pipeline.md.
 */

/** The stages the pipeline runs, in this order. Each may be async. */
export interface ThumbnailSteps {
  /** The codec that recognises the bytes (a registry's `sniff`), or undefined. */
  sniff(bytes: Uint8Array): Codec | undefined;
  /**
   * Reads only the header with `codec`, checking `maxBytes` and the dimension limits (a
   * registry's `decodeConfig`). Returns the header and the limits in force.
   */
  readHeader(codec: Codec, bytes: Uint8Array, limits: Partial<Limits> | undefined, signal: AbortSignal | undefined): Promise<{ config: ImageConfig; limits: Limits }>;
  /**
   * The codec that writes `format`; with no format, the input's codec if it encodes, else PNG.
   * `input` is undefined only when a server checks a given format before it has the image.
   * @throws UnsupportedError when no codec writes the format.
   */
  encoder(format: string | undefined, input: Codec | undefined): Codec;
  /**
   * Decodes the pixels; `scale` < 1 asks a codec that can (JPEG) for a smaller decode; `pool`,
   * when given, is passed to the codec (the result may own a pool buffer; the pipeline disposes it).
   */
  decode(codec: Codec, bytes: Uint8Array, opts: { limits: Limits; signal?: AbortSignal; scale: number; pool?: BufferPool }): Image | Promise<Image>;
  /**
   * Scales src into a new owned image of exactly the box (fit as given), its buffer from `pool`
   * when one is given.
   */
  resize(src: Image, box: { width: number; height: number; fit: ThumbnailFit; kernel?: ThumbnailKernel; pool?: BufferPool }): Image | Promise<Image>;
  /** Applies EXIF orientation 2..8, returning a new image. */
  orient(img: Image, orientation: number): Image | Promise<Image>;
  /** Encodes; returns owned bytes. */
  encode(codec: Codec, img: Image, opts: { quality?: number; signal?: AbortSignal }): Uint8Array | Promise<Uint8Array>;
}

/** An upright, resized image ready to encode, and what the pipeline learnt on the way. */
export interface PreparedThumbnail {
  /** The thumbnail pixels, owned (no view of the decoded source). */
  image: Image;
  /** The codec that will write the output. */
  codec: Codec;
  /** The input's header. */
  source: ImageConfig;
  /** The decode scale used (1 = full size). */
  decodeScale: number;
}

/**
 * Runs the stages up to the encode: sniff → header (limits checked first) → output codec → plan →
 * decode (scaled when allowed) → resize → orient. At most three images are alive at once: the
 * decoded source and the resized destination during the resize (plus the resizer's one
 * temporary), the destination and its oriented copy during orientation; the source is dropped
 * before orientation starts. Orientation runs on the small image, after the resize.
 * Checks `signal` before every stage.
 * @throws OptionError for bytes that are not a Uint8Array or ArrayBuffer.
 * @throws LimitError when the input or its header, or the requested output, is over the limits.
 * @throws UnknownFormatError when no codec recognises the bytes.
 * @throws FormatError, UnsupportedError from the stages; AbortError when aborted.
 */
export async function prepareThumbnailWith(steps: ThumbnailSteps, input: Uint8Array | ArrayBuffer, opts: CheckedThumbnailOptions): Promise<PreparedThumbnail> {
  const bytes = toBytes(input);
  const { signal } = opts;
  checkAborted(signal, 'header');
  const codec = steps.sniff(bytes);
  if (codec === undefined) throw new UnknownFormatError(`imago: unknown image format: no codec recognises the first bytes ${hexPrefix(bytes)}`);
  const { config, limits } = await steps.readHeader(codec, bytes, opts.limits, signal);
  const out = steps.encoder(opts.format, codec);
  const orientation = opts.autoOrient && config.orientation !== undefined && config.orientation > 1 ? config.orientation : undefined;
  const plan = planThumbnail(config.width, config.height, orientation, opts);
  if (plan.width * plan.height > limits.maxPixels) {
    throw new LimitError(
      `imago: thumbnail of ${plan.width}x${plan.height} = ${plan.width * plan.height} pixels exceeds limits.maxPixels = ${limits.maxPixels}`,
    );
  }
  const scale = opts.shrinkOnLoad ? plan.decodeScale : 1;

  checkAborted(signal, 'decode');
  const { pool } = opts;
  let src: Image | undefined = await steps.decode(codec, bytes, pool === undefined ? { limits, signal, scale } : { limits, signal, scale, pool });
  let dst: Image;
  try {
    checkAborted(signal, 'resize');
    dst = await steps.resize(src, pool === undefined ? { ...plan.resize, kernel: opts.kernel } : { ...plan.resize, kernel: opts.kernel, pool });
  } finally {
    // With a pool, the decoded image goes back to it now (on error too); without, it is garbage.
    if (pool !== undefined) disposeAll(src);
  }
  src = undefined; // the source is garbage from here on: at most dst and one more image below
  if (orientation !== undefined) {
    let upright: Image | undefined;
    try {
      checkAborted(signal, 'orient');
      upright = await steps.orient(dst, orientation);
    } finally {
      if (pool !== undefined && upright !== dst) disposeAll(dst);
    }
    dst = upright;
  }
  return { image: dst, codec: out, source: config, decodeScale: scale };
}

/**
 * {@link prepareThumbnailWith}, then the encode. Returns the encoded bytes, owned (never from
 * `opts.pool`). With a pool, the image is disposed back into it once encoded (or on error).
 */
export async function thumbnailWith(steps: ThumbnailSteps, input: Uint8Array | ArrayBuffer, opts: CheckedThumbnailOptions): Promise<Uint8Array> {
  let prepared: PreparedThumbnail | undefined = await prepareThumbnailWith(steps, input, opts);
  const { image, codec } = prepared;
  prepared = undefined;
  try {
    checkAborted(opts.signal, 'encode');
    return await steps.encode(codec, image, { quality: opts.quality, signal: opts.signal });
  } finally {
    if (opts.pool !== undefined) disposeAll(image);
  }
}

/**
 * No codec recognises the input's first bytes: a FormatError (code ERR_FORMAT) that a server can
 * tell apart from corrupt data of a known format (415 rather than 400).
 */
export class UnknownFormatError extends FormatError {}
Object.defineProperty(UnknownFormatError.prototype, 'name', { value: 'UnknownFormatError', writable: true, configurable: true });

function hexPrefix(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length === 0 ? '(empty input)' : `${head}${bytes.length > 8 ? ' …' : ''}`;
}

function checkAborted(signal: AbortSignal | undefined, stage: string): void {
  if (signal?.aborted) throw new AbortError(`imago: thumbnail aborted before ${stage}`, { cause: signal.reason });
}

function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new OptionError(`imago: thumbnail input must be a Uint8Array or an ArrayBuffer, got ${Object.prototype.toString.call(input)}`);
}
