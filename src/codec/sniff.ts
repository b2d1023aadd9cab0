import { OptionError } from '../errors.js';

/**
 * Magic-byte matching, as Go's `image.RegisterFormat`: a codec's magic is a prefix of the file,
 * where a `?` in a string magic matches any byte. Detection never looks at a file name or a MIME
 * type.
 */

/** A compiled magic prefix: the bytes, and which of them must match (0 where `?` stood). */
export interface CompiledMagic {
  readonly bytes: Uint8Array;
  readonly mask: Uint8Array;
}

/**
 * Compiles one magic prefix. A string is read as Latin-1 (one byte per UTF-16 unit, so `'\x89PNG'`
 * is four bytes) with `?` as a wildcard; a `Uint8Array` matches exactly, with no wildcard.
 * @throws OptionError for an empty magic or a string character above U+00FF.
 */
export function compileMagic(codec: string, magic: string | Uint8Array): CompiledMagic {
  if (magic instanceof Uint8Array) {
    if (magic.length === 0) throw new OptionError(`imago: codec ${codec} has an empty magic`);
    return { bytes: magic.slice(), mask: new Uint8Array(magic.length).fill(1) };
  }
  if (typeof magic !== 'string' || magic.length === 0) {
    throw new OptionError(`imago: codec ${codec} magic must be a non-empty string or Uint8Array`);
  }
  const bytes = new Uint8Array(magic.length);
  const mask = new Uint8Array(magic.length);
  for (let i = 0; i < magic.length; i++) {
    const c = magic.charCodeAt(i);
    if (c > 0xff) {
      throw new OptionError(`imago: codec ${codec} magic has character U+${c.toString(16).padStart(4, '0')} at ${i}; use \\xNN bytes`);
    }
    if (c !== 0x3f /* '?' */) {
      bytes[i] = c;
      mask[i] = 1;
    }
  }
  return { bytes, mask };
}

/** Whether `bytes` starts with the magic. A file shorter than the magic never matches. */
export function matchMagic(bytes: Uint8Array, m: CompiledMagic): boolean {
  const n = m.bytes.length;
  if (bytes.length < n) return false;
  for (let i = 0; i < n; i++) {
    if (m.mask[i] === 1 && bytes[i] !== m.bytes[i]) return false;
  }
  return true;
}

/** The first `n` bytes as hex, for error messages: `89 50 4e 47`. */
export function hexPrefix(bytes: Uint8Array, n = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, bytes.length); i++) parts.push(bytes[i].toString(16).padStart(2, '0'));
  return parts.length === 0 ? '(empty)' : parts.join(' ') + (bytes.length > n ? ' …' : '');
}
