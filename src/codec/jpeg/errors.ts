import { FormatError, UnsupportedError } from '../../errors.js';

/**
 * The JPEG codec's errors. Each message starts with `jpeg:`, gives the reason in the words of Go's
 * image/jpeg where Go has one (so a reader can match them), and ends with the byte offset in the
 * input where the problem was found. The offset is also a property.
 */

/** Corrupt or truncated JPEG data. `code` is `ERR_FORMAT`. */
export class JpegFormatError extends FormatError {
  /** The byte offset in the input where the problem was found. */
  readonly offset: number;
  /** Go's reason text, without the offset. */
  readonly reason: string;
  constructor(reason: string, offset: number, detail?: string) {
    super(`imago: jpeg: ${reason}${detail === undefined ? '' : ` (${detail})`} at byte ${offset}`);
    this.offset = offset;
    this.reason = reason;
  }
}

/** A valid JPEG that uses a feature imago does not decode. `code` is `ERR_UNSUPPORTED`. */
export class JpegUnsupportedError extends UnsupportedError {
  /** The byte offset in the input where the feature was found. */
  readonly offset: number;
  /** Go's reason text (e.g. `unknown marker`), without the details. */
  readonly reason: string;
  constructor(reason: string, offset: number, detail?: string) {
    super(`imago: jpeg: unsupported ${detail === undefined ? reason : `${reason}: ${detail}`} at byte ${offset}`);
    this.offset = offset;
    this.reason = reason;
  }
}
