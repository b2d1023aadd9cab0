import { LimitError, OptionError } from '../../errors.js';
import type { Limits } from '../codec.js';
import { DEFAULT_LIMITS, checkImageLimits, resolveLimits } from '../limits.js';

/**
 * Options of the PNG codec's own entry points: limits resolved as the registry resolves them
 * (spec/codecs.md, "Limits"), and the signal.
 * @internal
 */

/**
 * The call's limits over {@link DEFAULT_LIMITS} (2^26 pixels, 65,535 per side, 256 MiB of input),
 * the registry's defaults. The registry passes fully resolved limits, which pass through unchanged.
 * @throws OptionError naming a bad field.
 */
export function pngLimits(partial: Partial<Limits> | undefined): Readonly<Limits> {
  return resolveLimits(DEFAULT_LIMITS, partial, 'png limits');
}

/**
 * Checks the IHDR size against the limits, before anything that grows with it is allocated.
 * @throws LimitError naming the value, the limit and where IHDR is.
 */
export function checkHeaderLimits(width: number, height: number, limits: Readonly<Limits>, offset: number): void {
  try {
    checkImageLimits('png', width, height, limits);
  } catch (e) {
    if (e instanceof LimitError) throw new LimitError(`${e.message} (IHDR at byte ${offset})`, { cause: e });
    throw e;
  }
}

/** Throws OptionError unless `signal` is absent or an AbortSignal. */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal) return signal;
  throw new OptionError(`imago: png: signal must be an AbortSignal, got ${Object.prototype.toString.call(signal)}`);
}
