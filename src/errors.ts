/**
 * Typed errors. Every error imago throws on purpose is an {@link ImagoError} with a stable `code`.
 *
 * Two of them must also be recognisable as the built-in error a JavaScript user expects:
 * {@link SizeError} and {@link LimitError} are `RangeError`s, and {@link OptionError} is a
 * `TypeError`. JavaScript has single inheritance, so those classes extend the built-in and carry a
 * brand that makes `err instanceof ImagoError` true as well.
 *
 * The codes are listed in spec/errors.md.
 */

const BRAND: unique symbol = Symbol.for('imago.error');

/** Stable error codes. Never reuse or rename one: callers match on them. */
export type ErrorCode =
  | 'ERR_FORMAT'
  | 'ERR_UNSUPPORTED'
  | 'ERR_LIMIT'
  | 'ERR_SIZE'
  | 'ERR_OPTION'
  | 'ERR_DISPOSED'
  | 'ERR_DETACHED'
  | 'ERR_ABORTED'
  | 'ERR_RELEASE'
  | 'ERR_BUSY';

/** The base class of every error imago throws on purpose. */
export class ImagoError extends Error {
  declare readonly [BRAND]: true;
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** `instanceof ImagoError` also holds for the branded built-in subclasses below. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === ImagoError) {
      return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
    }
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}
brand(ImagoError, 'ImagoError');

/** The bytes are not a known format, or are corrupt. The message says where (chunk, marker, offset). */
export class FormatError extends ImagoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_FORMAT', message, options);
  }
}
brand(FormatError, 'FormatError');

/** The input is valid but uses a feature imago (or the runtime) does not support. */
export class UnsupportedError extends ImagoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_UNSUPPORTED', message, options);
  }
}
brand(UnsupportedError, 'UnsupportedError');

/** An object was used after `[Symbol.dispose]()`. */
export class DisposedError extends ImagoError {
  constructor(message: string) {
    super('ERR_DISPOSED', message);
  }
}
brand(DisposedError, 'DisposedError');

/** A pixel buffer's `ArrayBuffer` was detached (transferred), so its views read nothing. */
export class DetachedError extends ImagoError {
  constructor(message: string) {
    super('ERR_DETACHED', message);
  }
}
brand(DetachedError, 'DetachedError');

/** An operation was cancelled through an `AbortSignal`. */
export class AbortError extends ImagoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_ABORTED', message, options);
  }
}
brand(AbortError, 'AbortError');

/** A buffer was released twice, or released to a pool that did not hand it out. */
export class ReleaseError extends ImagoError {
  constructor(message: string) {
    super('ERR_RELEASE', message);
  }
}
brand(ReleaseError, 'ReleaseError');

/**
 * Work was refused because too much is in flight: every slot is taken and the queue is full (the
 * thumbnail handler answers it with 503 and `Retry-After`, spec/serve.md).
 */
export class BusyError extends ImagoError {
  constructor(message: string) {
    super('ERR_BUSY', message);
  }
}
brand(BusyError, 'BusyError');

/**
 * A size is negative, fractional, overflows, or a buffer is too short for its rectangle and stride.
 * It is a `RangeError` and an `ImagoError`.
 */
export class SizeError extends RangeError {
  declare readonly [BRAND]: true;
  readonly code = 'ERR_SIZE' as const;
}
brand(SizeError, 'SizeError');

/**
 * A configured limit (pixels, width, height, bytes) was exceeded. It is a `RangeError` and an
 * `ImagoError`. The message names the value and the limit.
 */
export class LimitError extends RangeError {
  declare readonly [BRAND]: true;
  readonly code = 'ERR_LIMIT' as const;
}
brand(LimitError, 'LimitError');

/** An option has a bad value. It is a `TypeError` and an `ImagoError`; the message names the option. */
export class OptionError extends TypeError {
  declare readonly [BRAND]: true;
  readonly code = 'ERR_OPTION' as const;
}
brand(OptionError, 'OptionError');

function brand(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, BRAND, { value: true });
  Object.defineProperty(ctor.prototype, 'name', { value: name, writable: true, configurable: true });
}
