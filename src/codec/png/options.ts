import { OptionError } from '../../errors.js';
import { getAllocationLimits } from '../../lifetime/alloc.js';
import type { Limits } from '../codec.js';

/**
 * Options of the PNG codec's own entry points, and their validation.
 * @internal
 */

/** The largest width or height PNG can store, 2^31 - 1. */
const PNG_MAX_DIMENSION = 0x7fff_ffff;

/**
 * The limits used when a caller gives none: the process-wide pixel limit of lifetime/alloc
 * (2^28 pixels unless changed), any width or height PNG allows, and any input length. Decoding
 * memory is bounded by the pixel limit whatever the input length, because the decoder never holds
 * more than the output image plus a few rows.
 */
export function defaultLimits(): Limits {
  return {
    maxPixels: getAllocationLimits().maxPixels,
    maxWidth: PNG_MAX_DIMENSION,
    maxHeight: PNG_MAX_DIMENSION,
    maxBytes: Number.MAX_SAFE_INTEGER,
  };
}

/**
 * Fills in missing limits from {@link defaultLimits}.
 * @throws OptionError naming a limit that is not a positive number.
 */
export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  const out = defaultLimits();
  if (partial === undefined) return out;
  if (typeof partial !== 'object' || partial === null) throw new OptionError(`imago: png: limits must be an object, got ${String(partial)}`);
  for (const key of ['maxPixels', 'maxWidth', 'maxHeight', 'maxBytes'] as const) {
    const v = partial[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v > 0)) throw new OptionError(`imago: png: limits.${key} must be a positive number, got ${String(v)}`);
    out[key] = v;
  }
  return out;
}

/** Throws OptionError unless `signal` is absent or an AbortSignal. */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal) return signal;
  throw new OptionError(`imago: png: signal must be an AbortSignal, got ${Object.prototype.toString.call(signal)}`);
}
