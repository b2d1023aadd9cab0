import type { Codec, DecodeOptions } from '../codec/codec.js';
import { asImagoError } from '../codec/guard.js';
import { resolveLimits } from '../codec/limits.js';
import { orient } from '../codec/orient.js';
import type { Registry } from '../codec/registry.js';
import { defaultRegistry } from '../codecs.js';
import type { Image } from '../image/image.js';
import { resize } from '../resize/resize.js';
import { findEncoder } from '../stream/find-codec.js';
import { checkThumbnailOptions, type ThumbnailOptions } from './options.js';
import { prepareThumbnailWith, thumbnailWith, type PreparedThumbnail, type ThumbnailSteps } from './run.js';

/**
 * `thumbnail()` and `prepareThumbnail()` bound to imago's registry, resize and orient.
 * See spec/pipeline.md.
 */

/** {@link ThumbnailOptions} plus the registry to decode and encode with. */
export interface ThumbnailCallOptions extends ThumbnailOptions {
  /** Default: the default registry of `imago/codecs`. */
  registry?: Registry;
}

const stepsByRegistry = new WeakMap<Registry, ThumbnailSteps>();

/** The pipeline's stages over `registry` (cached per registry). */
export function registrySteps(registry: Registry = defaultRegistry): ThumbnailSteps {
  let steps = stepsByRegistry.get(registry);
  if (steps === undefined) {
    steps = makeSteps(registry);
    stepsByRegistry.set(registry, steps);
  }
  return steps;
}

function makeSteps(registry: Registry): ThumbnailSteps {
  return {
    sniff: (bytes) => registry.sniff(bytes),
    async readHeader(_codec, bytes, limits, signal) {
      const config = await registry.decodeConfig(bytes, { limits, signal });
      return { config, limits: resolveLimits(registry.limits, limits, 'thumbnail() limits') };
    },
    encoder(format, input) {
      const target: string | Codec = format ?? (input !== undefined && (input.encode !== undefined || input.encodeStream !== undefined) ? input : 'png');
      return findEncoder(target, registry, 'thumbnail()');
    },
    async decode(codec, bytes, { limits, signal, scale, pool }) {
      try {
        // Codec-specific option `scale`: imago's JPEG codec decodes smaller in the DCT domain;
        // a codec without it decodes at full size and the resize does the rest.
        const opts: DecodeOptions = scale < 1 ? { limits, signal, scale } : { limits, signal };
        if (pool !== undefined) opts.pool = pool;
        return await codec.decode(bytes, opts);
      } catch (err) {
        throw asImagoError(err, codec.name, 'decode');
      }
    },
    resize: (src, { width, height, fit, kernel, pool }) => resize(src, { width, height, fit, ...(kernel === undefined ? {} : { kernel }), ...(pool === undefined ? {} : { pool }) }),
    orient: (img, o) => orient(img, o),
    encode: (codec, img, { quality, signal }) => registry.encode(img, codec.name, quality === undefined ? { signal } : { quality, signal }),
  };
}

/**
 * A thumbnail: encoded bytes in, encoded bytes (owned) out. See spec/pipeline.md for the stages,
 * the limits, orientation, shrink-on-load and the memory bound.
 * @throws OptionError for bad options; UnknownFormatError (a FormatError) for bytes no codec
 * recognises; FormatError for corrupt data; LimitError over the limits; UnsupportedError for
 * unsupported features or output formats; AbortError when `signal` aborts.
 */
export async function thumbnail(bytes: Uint8Array | ArrayBuffer, opts: ThumbnailCallOptions): Promise<Uint8Array> {
  const { registry, ...rest } = opts ?? ({} as ThumbnailCallOptions);
  return thumbnailWith(registrySteps(registry), bytes, checkThumbnailOptions(rest));
}

/**
 * The thumbnail pipeline without the encode: the upright, resized image (owned) and the codec
 * that will write it, for streaming with `encodeStream` or `toResponse`. With `opts.pool`, the
 * image may own a buffer from the pool: dispose it when done, and the buffer goes back.
 * @throws as {@link thumbnail}.
 */
export async function prepareThumbnail(bytes: Uint8Array | ArrayBuffer, opts: ThumbnailCallOptions): Promise<PreparedThumbnail & { image: Image }> {
  const { registry, ...rest } = opts ?? ({} as ThumbnailCallOptions);
  return prepareThumbnailWith(registrySteps(registry), bytes, checkThumbnailOptions(rest));
}
