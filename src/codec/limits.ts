import { LimitError, OptionError } from '../errors.js';
import type { Limits } from './codec.js';

/**
 * Decoding limits: the defaults, how a registry and a call override them, and the header check
 * every decoder runs before it allocates pixels. See spec/codecs.md, "Limits".
 */

/**
 * The default limits. They let a 20-megapixel photo through with room to spare and refuse what
 * would not fit a small serverless function:
 * - `maxPixels` 2^26 = 67,108,864 (e.g. 8192×8192): 256 MiB as 8-bit RGBA, 512 MiB at 16 bits.
 * - `maxWidth`, `maxHeight` 65,535: the largest side a JPEG can declare; PNG allows 2^31 - 1.
 * - `maxBytes` 2^28 = 256 MiB of encoded input, the size of the largest 8-bit RGBA output.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxPixels: 2 ** 26,
  maxWidth: 65_535,
  maxHeight: 65_535,
  maxBytes: 2 ** 28,
});

const KEYS = ['maxPixels', 'maxWidth', 'maxHeight', 'maxBytes'] as const;

/**
 * `base` with the fields of `override` that are set. Each value must be a positive integer or
 * `Infinity` (no limit). Returns a new frozen object; neither argument is changed.
 * @param where names the option in messages, e.g. `'decode() limits'`.
 * @throws OptionError naming the bad field, or an unknown one.
 */
export function resolveLimits(base: Readonly<Limits>, override: Partial<Limits> | undefined, where: string): Readonly<Limits> {
  if (override === undefined) return base;
  if (typeof override !== 'object' || override === null) {
    throw new OptionError(`imago: ${where} must be an object, got ${override === null ? 'null' : typeof override}`);
  }
  const out: Limits = { ...base };
  for (const key of Object.keys(override)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new OptionError(`imago: ${where}.${key} is not a limit (expected one of ${KEYS.join(', ')})`);
    }
    const v = (override as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v === Infinity || (Number.isSafeInteger(v) && v > 0))) {
      throw new OptionError(`imago: ${where}.${key} must be a positive integer or Infinity, got ${String(v)}`);
    }
    out[key as keyof Limits] = v;
  }
  return Object.freeze(out);
}

/**
 * Checks the size of an encoded input against `limits.maxBytes`.
 * @throws LimitError naming the size and the limit.
 */
export function checkInputLimits(format: string, byteLength: number, limits: Readonly<Limits>): void {
  if (byteLength > limits.maxBytes) {
    throw new LimitError(`imago: ${format} input of ${byteLength} bytes exceeds limits.maxBytes = ${limits.maxBytes}`);
  }
}

/**
 * Checks the dimensions a header declares against the limits, before any pixel buffer exists.
 * Every decoder calls this as soon as it knows width and height; the registry calls it again on
 * every `decodeConfig` result, so a plugin that forgets cannot skip it.
 * @throws LimitError naming the dimension, its value and the limit it broke.
 */
export function checkImageLimits(format: string, width: number, height: number, limits: Readonly<Limits>): void {
  if (width > limits.maxWidth) {
    throw new LimitError(`imago: ${format} image width ${width} exceeds limits.maxWidth = ${limits.maxWidth}`);
  }
  if (height > limits.maxHeight) {
    throw new LimitError(`imago: ${format} image height ${height} exceeds limits.maxHeight = ${limits.maxHeight}`);
  }
  const pixels = width * height;
  if (pixels > limits.maxPixels) {
    throw new LimitError(
      `imago: ${format} image of ${width}x${height} = ${pixels} pixels exceeds limits.maxPixels = ${limits.maxPixels}`,
    );
  }
}
