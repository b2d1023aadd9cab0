import { FormatError } from '../../errors.js';

/**
 * Error construction for the PNG codec: every message starts with `png:` and says where the
 * problem is, as the chunk name and the byte offset from the start of the file.
 * @internal
 */

/** A place in the file: the chunk being read (if any) and an absolute byte offset. */
export interface Where {
  chunk?: string;
  offset: number;
}

/** `imago: png: <what> in chunk <name> at byte <offset>`. */
export function at(where: Where): string {
  return where.chunk === undefined ? `at byte ${where.offset}` : `in chunk ${where.chunk} at byte ${where.offset}`;
}

/** A FormatError whose message names the chunk and the offset. */
export function formatError(what: string, where: Where, cause?: unknown): FormatError {
  return new FormatError(`imago: png: ${what} ${at(where)}`, cause === undefined ? undefined : { cause });
}

/** The errors that say the input ended early, so that a header reader can accept a prefix. */
const truncations = new WeakSet<object>();

/** A FormatError for input that ends before `what` ("unexpected end of file, ..."). */
export function truncatedError(what: string, where: Where): FormatError {
  const e = formatError(`unexpected end of file, ${what}`, where);
  truncations.add(e);
  return e;
}

/** Whether e is a {@link truncatedError}. */
export function isTruncation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && truncations.has(e);
}
