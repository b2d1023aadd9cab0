import type { Model } from '../../color/color.js';
import { CMYKModel, GrayModel, RGBAModel, YCbCrModel } from '../../color/models.js';
import { ImagoError, OptionError } from '../../errors.js';
import { BufferPool } from '../../lifetime/pool.js';
import type { SubsampleRatio } from '../../image/ycbcr-image.js';
import type { ImageConfig, Limits } from '../codec.js';
import { checkInputLimits, DEFAULT_LIMITS, resolveLimits } from '../limits.js';
import { JpegDecoder } from './decoder.js';
import { WIDEN } from './entropy.js';
import { JpegFormatError } from './errors.js';
import { readJpegMetadata } from './metadata.js';
import { buildImage, subsampleRatio, type JpegImage } from './output.js';

/** Options of {@link decodeJpeg}. */
export interface JpegDecodeOptions {
  /**
   * Resource limits, checked against the SOF header before anything is allocated. Omitted fields
   * keep DEFAULT_LIMITS (src/codec/limits.ts).
   */
  limits?: Partial<Limits>;
  /**
   * Decode at 1, 1/2, 1/4 or 1/8 of the size, in the DCT domain (default 1). The result is
   * ceil(width × scale) × ceil(height × scale), of the same type as a full decode. See spec/jpeg.md.
   */
  scale?: number;
  /** Aborts the decode (checked once per MCU row) with an AbortError. */
  signal?: AbortSignal;
  /**
   * Take the decode's large buffers from this pool instead of allocating them (spec/lifetime.md,
   * "Where the pool is used"):
   * - the result's pixel buffer (all its planes) is acquired from the pool and **owned by the
   *   result**: disposing the image (`img[Symbol.dispose]()` or `using`) returns it to the pool.
   *   An image dropped without disposal is collected with its buffer as usual, and the pool never
   *   sees that buffer again;
   * - the progressive coefficient stores are acquired and released inside the call;
   * - for CMYK and Adobe RGB files, the Y'CbCr planes are the temporary (released inside the
   *   call) and the CMYK or RGBA result is the pooled image.
   * Results are byte-equal to an unpooled decode. Default: no pool, fresh allocations.
   */
  pool?: BufferPool;
}

/** What {@link decodeJpegConfig} returns: Go's image.Config plus the frame and metadata facts. */
export interface JpegConfig extends ImageConfig {
  format: 'jpeg';
  /** Always 8: imago decodes only 8-bit JPEG. */
  bitDepth: 8;
  /** Whether the frame is progressive (SOF2). */
  progressive: boolean;
  /** 1 (grey), 3 (Y'CbCr or RGB) or 4 (CMYK or YCCK). */
  components: number;
  /** The chroma subsampling, for 3- and 4-component frames. */
  subsampleRatio?: SubsampleRatio;
  /** The raw ICC profile, an owned copy, when the file embeds one. */
  icc?: Uint8Array;
}

const SCALES = new Map<number, number>([
  [1, 0],
  [1 / 2, 1],
  [1 / 4, 2],
  [1 / 8, 3],
]);

/** The scale as a shift: 1 → 0, 1/2 → 1, 1/4 → 2, 1/8 → 3. @throws OptionError */
export function scaleShift(scale: unknown): number {
  if (scale === undefined) return 0;
  const s = SCALES.get(scale as number);
  if (s === undefined) throw new OptionError(`imago: jpeg: option scale must be 1, 1/2, 1/4 or 1/8, got ${String(scale)}`);
  return s;
}

/**
 * The smallest decode scale (1/8, 1/4, 1/2 or 1) whose output is still at least `minWidth` ×
 * `minHeight`: what a thumbnailer asks for before it resizes the rest of the way ("shrink on
 * load"). Output sizes round up, as {@link decodeJpeg} does.
 */
export function jpegScaleFor(width: number, height: number, minWidth: number, minHeight: number): number {
  for (const s of [1 / 8, 1 / 4, 1 / 2]) {
    if (Math.ceil(width * s) >= minWidth && Math.ceil(height * s) >= minHeight) return s;
  }
  return 1;
}

function checkInput(bytes: Uint8Array, limits: Readonly<Limits>): void {
  if (!(bytes instanceof Uint8Array)) throw new OptionError(`imago: jpeg: input must be a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  checkInputLimits('jpeg', bytes.length, limits);
}

/** Anything that escapes the decoder but is not an ImagoError is a bug; report it as corrupt data. */
function wrap(e: unknown, d: JpegDecoder): never {
  if (e instanceof ImagoError) throw e;
  const err = new JpegFormatError('internal error on corrupt data', d.pos);
  (err as { cause?: unknown }).cause = e;
  throw err;
}

/**
 * Decodes a JPEG, bit-exact with Go's image/jpeg: the same images decode to the same samples and
 * the same types (GrayImage, planar YCbCrImage without chroma upsampling, CMYKImage for Adobe CMYK
 * and YCCK, RGBAImage for Adobe RGB), and the same inputs are rejected.
 *
 * The result **owns** one new buffer holding all its planes, laid out as Go lays them out: rows
 * padded to whole MCUs, the image a view of the top-left width × height. The input is not retained.
 *
 * @throws JpegFormatError (FormatError) for corrupt data, with the byte offset.
 * @throws JpegUnsupportedError (UnsupportedError) for valid JPEGs imago does not decode
 *   (arithmetic coding, lossless, hierarchical, 12-bit, unusual sampling), naming the feature.
 * @throws LimitError when the frame exceeds the limits; OptionError for a bad option;
 *   AbortError when the signal aborts.
 */
export function decodeJpeg(bytes: Uint8Array, opts: JpegDecodeOptions = {}): JpegImage {
  const limits = resolveLimits(DEFAULT_LIMITS, opts.limits, 'decodeJpeg() limits');
  checkInput(bytes, limits);
  const shift = scaleShift(opts.scale);
  const pool = poolOption(opts.pool);
  let d = new JpegDecoder(bytes, shift, limits, opts.signal, false, pool);
  try {
    d.abortCheck();
    try {
      d.run(false);
    } catch (e) {
      if (e !== WIDEN) throw e;
      // A corrupt progressive file holds a coefficient beyond 16 bits: start again with 32-bit
      // stores, as Go keeps them, so that the samples still equal Go's.
      d.planes?.finish();
      d = new JpegDecoder(bytes, shift, limits, opts.signal, true, pool);
      d.run(false);
    }
    return buildImage(d);
  } catch (e) {
    return wrap(e, d);
  } finally {
    // Pooled temporaries go back, on success and on error; the result keeps only its own buffer.
    d.planes?.finish();
  }
}

/** The `pool` option: undefined or a BufferPool. @throws OptionError */
function poolOption(pool: unknown): BufferPool | null {
  if (pool === undefined) return null;
  if (!(pool instanceof BufferPool)) throw new OptionError(`imago: jpeg: option pool must be a BufferPool, got ${Object.prototype.toString.call(pool)}`);
  return pool;
}

/**
 * Reads a JPEG's header as Go's DecodeConfig does (same stopping point, same errors), plus the
 * EXIF orientation and ICC profile. Allocates no pixel buffer. The limits are checked as soon as
 * the SOF gives the size.
 * @throws JpegFormatError, JpegUnsupportedError as {@link decodeJpeg}; LimitError.
 */
export function decodeJpegConfig(bytes: Uint8Array, opts: Pick<JpegDecodeOptions, 'limits'> = {}): JpegConfig {
  const limits = resolveLimits(DEFAULT_LIMITS, opts.limits, 'decodeJpegConfig() limits');
  checkInput(bytes, limits);
  const d = new JpegDecoder(bytes, 0, limits, undefined);
  try {
    if (!d.run(true)) throw new JpegFormatError('missing SOS marker', d.pos);
    if (d.nComp === 0) throw new JpegFormatError('missing SOF marker', d.pos);
  } catch (e) {
    wrap(e, d);
  }
  let colorModel: Model;
  if (d.nComp === 1) colorModel = GrayModel;
  else if (d.nComp === 3) colorModel = d.isRGB() ? RGBAModel : YCbCrModel;
  else colorModel = CMYKModel;
  const meta = readJpegMetadata(bytes);
  const cfg: JpegConfig = {
    format: 'jpeg',
    width: d.width,
    height: d.height,
    colorModel,
    bitDepth: 8,
    progressive: d.progressive,
    components: d.nComp,
  };
  if (d.nComp > 1) cfg.subsampleRatio = subsampleRatio(d);
  if (meta.orientation !== undefined) cfg.orientation = meta.orientation;
  if (meta.icc !== undefined) cfg.icc = meta.icc;
  return cfg;
}
