import { OptionError } from '../errors.js';
import type { ThumbnailFit, ThumbnailKernel, ThumbnailOptions } from '../pipeline/options.js';

/**
 * Thumbnail options from a query string, for the fetch handler. Strict: an unknown parameter, a
 * repeated one or a malformed value is an OptionError naming the parameter (the handler's 400).
 *
 * | parameter | option | values |
 * |---|---|---|
 * | `width`, `height` | width, height | decimal integers |
 * | `fit` | fit | inside, contain, cover, fill |
 * | `format` | format | a codec name, MIME type or extension |
 * | `quality` | quality | decimal integer |
 * | `kernel` | kernel | nearest, approx-bilinear, bilinear, catmull-rom, box, lanczos3 |
 * | `orient` | autoOrient | 1/true or 0/false |
 *
 * Ranges are checked afterwards by `checkThumbnailOptions`.
 */
export const QUERY_PARAMETERS = ['width', 'height', 'fit', 'format', 'quality', 'kernel', 'orient'] as const;

export function parseThumbnailQuery(params: URLSearchParams): ThumbnailOptions {
  const out: ThumbnailOptions = {};
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!(QUERY_PARAMETERS as readonly string[]).includes(key)) {
      throw new OptionError(`imago: unknown query parameter ${JSON.stringify(key)} (known: ${QUERY_PARAMETERS.join(', ')})`);
    }
    if (seen.has(key)) throw new OptionError(`imago: query parameter ${key} is given twice`);
    seen.add(key);
    switch (key) {
      case 'width':
      case 'height':
      case 'quality':
        out[key] = integer(key, value);
        break;
      case 'fit':
        out.fit = value as ThumbnailFit;
        break;
      case 'kernel':
        out.kernel = value as ThumbnailKernel;
        break;
      case 'format':
        out.format = value;
        break;
      case 'orient':
        if (value === '1' || value === 'true') out.autoOrient = true;
        else if (value === '0' || value === 'false') out.autoOrient = false;
        else throw new OptionError(`imago: query parameter orient must be 1, 0, true or false, got ${JSON.stringify(value)}`);
        break;
    }
  }
  return out;
}

function integer(name: string, v: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new OptionError(`imago: query parameter ${name} must be a decimal integer, got ${JSON.stringify(v)}`);
  return Number(v);
}
