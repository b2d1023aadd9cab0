import { OptionError, UnsupportedError } from '../errors.js';
import type { Codec } from '../codec/codec.js';
import { defaultRegistry } from '../codecs.js';

/**
 * Finding the codec that writes a format. A registry (imago/codecs) satisfies {@link CodecList}
 * structurally, so this floor needs no particular registry implementation.
 */

/** Anything that lists codecs, such as a registry. */
export interface CodecList {
  codecs(): readonly Codec[];
}

/**
 * The codec that `format` names in `list`: a codec value is returned as is; a string matches,
 * in this order, a codec name exactly, a name ignoring case, a MIME type, or a file extension
 * (a leading dot is ignored: `'jpg'`, `'.jpg'`, `'image/jpeg'`, `'jpeg'` all find a JPEG codec).
 * @param what names the calling function in messages.
 * Without a list, strings are looked up in the default registry of `imago/codecs`.
 * @throws OptionError when `format` is neither a non-empty string nor a codec.
 * @throws UnsupportedError when no codec of the list matches, or the match cannot encode.
 */
export function findEncoder(format: string | Codec, list: CodecList | undefined, what: string): Codec {
  if (typeof format === 'object' && format !== null) {
    if (typeof format.encode !== 'function' && typeof format.encodeStream !== 'function') {
      throw new UnsupportedError(`imago: ${what}: codec ${String(format.name)} cannot encode`);
    }
    return format;
  }
  if (typeof format !== 'string' || format === '') {
    throw new OptionError(`imago: ${what}: format must be a codec or a non-empty string such as 'png', got ${String(format)}`);
  }
  const f = format.toLowerCase().replace(/^\./, '');
  const codecs = (list ?? defaultRegistry).codecs();
  const codec =
    codecs.find((c) => c.name === format) ??
    codecs.find((c) => c.name.toLowerCase() === f) ??
    codecs.find((c) => c.mime.toLowerCase() === f) ??
    codecs.find((c) => c.extensions.some((e) => e.toLowerCase().replace(/^\./, '') === f));
  if (codec === undefined) {
    const names = codecs.map((c) => c.name).join(', ') || 'none';
    throw new UnsupportedError(`imago: ${what}: no codec writes ${JSON.stringify(format)} (registered: ${names})`);
  }
  if (typeof codec.encode !== 'function' && typeof codec.encodeStream !== 'function') {
    throw new UnsupportedError(`imago: ${what}: codec ${codec.name} decodes only; it cannot encode`);
  }
  return codec;
}
