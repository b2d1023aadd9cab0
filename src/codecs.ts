/**
 * imago/codecs: the default codec registry (PNG and JPEG) and the top-level decode, decodeConfig
 * and encode functions.
 *
 * Importing this entry has no side effects and loads no Node built-in: the adapters load pngjs
 * and jpeg-js with a dynamic `import()` the first time they decode or encode. What each needs:
 * - PNG (pngjs): Node's `zlib` and `buffer` for decode and encode (Node, Bun, Deno, Workers with
 *   `nodejs_compat`). Elsewhere (a browser, Workers without it) they reject with UnsupportedError.
 * - JPEG (jpeg-js): decode runs anywhere; encode needs a global `Buffer`.
 * - decodeConfig of both is pure TypeScript and runs anywhere.
 *
 * See spec/codecs.md.
 */
import type { ImageConfig } from './codec/codec.js';
import type { Codec } from './codec/codec.js';
import { jpegjsCodec } from './codec/adapters/jpegjs.js';
import { pngjsCodec } from './codec/adapters/pngjs.js';
import {
  createRegistry,
  type DecodeCallOptions,
  type EncodeCallOptions,
  type ImageBytes,
  type Registry,
} from './codec/registry.js';
import type { Image } from './image/image.js';

export { pngjsCodec, jpegjsCodec };
export type { PngEncodeOptions } from './codec/adapters/png-encode-plan.js';

/** The codecs of the default registry, in sniffing order: PNG (pngjs), JPEG (jpeg-js). */
export const defaultCodecs: readonly Codec[] = Object.freeze([pngjsCodec, jpegjsCodec]);

/**
 * The default registry: {@link defaultCodecs} with {@link DEFAULT_LIMITS}. It is read-only, so no
 * module can change what another one decodes; to add a format, make your own:
 * `createRegistry([...defaultCodecs, myCodec], { limits })`.
 */
export const defaultRegistry: Registry = createRegistry(defaultCodecs, { readOnly: true });

/** Options of the top-level functions: the registry's options plus which registry to use. */
export interface WithRegistry {
  /** The registry to use; default {@link defaultRegistry}. */
  registry?: Registry;
}

/**
 * Decodes an image, detecting its format from its magic bytes. See {@link Registry.decode}.
 * @example const img = await decode(bytes, { limits: { maxPixels: 24e6 }, autoOrient: true });
 */
export function decode(bytes: ImageBytes, opts: DecodeCallOptions & WithRegistry = {}): Promise<Image> {
  return pick(opts).decode(bytes, opts);
}

/** Reads only the header: format, size, colour model, orientation. See {@link Registry.decodeConfig}. */
export function decodeConfig(bytes: ImageBytes, opts: DecodeCallOptions & WithRegistry = {}): Promise<ImageConfig> {
  return pick(opts).decodeConfig(bytes, opts);
}

/**
 * Encodes an image as `format` ('png', 'jpeg', or a MIME type or extension). See
 * {@link Registry.encode}.
 * @example const jpg = await encode(img, 'jpeg', { quality: 85 });
 */
export function encode(img: Image, format: string, opts: EncodeCallOptions & WithRegistry = {}): Promise<Uint8Array> {
  return pick(opts).encode(img, format, opts);
}

function pick(opts: WithRegistry | undefined): Registry {
  return opts?.registry ?? defaultRegistry;
}
