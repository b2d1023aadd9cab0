/**
 * imago/codecs: the default codec registry (PNG and JPEG) and the top-level decode, decodeConfig
 * and encode functions.
 *
 * Importing this entry has no side effects and loads no Node built-in. What each codec needs:
 * - PNG (`pngCodec`, imago's own, spec/png.md): decodes in pure TypeScript; encodes with the
 *   Compression Streams API, which every runtime has (Node 18+, Deno, Bun, browsers, Workers
 *   without `nodejs_compat`).
 * - PNG over pngjs (`pngjsCodec`, registered as 'pngjs'): Node's `zlib` and `buffer`, loaded with a
 *   dynamic `import()` on first use (Node, Bun, Deno, Workers with `nodejs_compat`); elsewhere it
 *   rejects with UnsupportedError. It is there by name, for `encode(img, 'pngjs')`, and as a
 *   second, independent decoder in tests.
 * - JPEG (`jpegCodec`, imago's own, spec/jpeg.md): pure TypeScript; decode, scaled decode and
 *   encode in every runtime.
 * - JPEG over jpeg-js (`jpegjsCodec`, registered as 'jpeg-js'): decode runs anywhere; encode needs
 *   a global `Buffer`. It is there by name, for `encode(img, 'jpeg-js')`, and as a second,
 *   independent decoder in tests.
 * - decodeConfig of all of them is pure TypeScript and runs anywhere.
 *
 * See spec/codecs.md.
 */
import type { ImageConfig } from './codec/codec.js';
import type { Codec } from './codec/codec.js';
import { jpegjsCodec } from './codec/adapters/jpegjs.js';
import { pngjsCodec } from './codec/adapters/pngjs.js';
import { pngCodec } from './codec/png/codec.js';
import { jpegCodec } from './codec/jpeg/codec.js';
import {
  createRegistry,
  type DecodeCallOptions,
  type EncodeCallOptions,
  type ImageBytes,
  type Registry,
} from './codec/registry.js';
import type { Image } from './image/image.js';

export { pngCodec, pngjsCodec, jpegCodec, jpegjsCodec };
export type { PngEncodeOptions as PngjsEncodeOptions } from './codec/adapters/png-encode-plan.js';
export {
  readPng,
  readPngInfo,
  encodePng,
  encodePngStream,
  inflateIccProfile,
  setPngDecodeConcurrency,
  type PngDecodeOptions,
  type PngDecoded,
  type PngInfo,
  type PngInput,
  type PngHeader,
  type PngMetadata,
  type PngText,
  type PngPhysical,
  type PngIccProfile,
  type PngImage,
  type PngLayout,
  type PngEncodeOptions,
  type PngFilterOption,
} from './codec/png/index.js';

/**
 * The pngjs adapter under the name 'pngjs', so that it can sit in a registry beside imago's own
 * 'png' codec. Sniffing never reaches it there (the 'png' codec claims the same signature first);
 * it is chosen by name: `encode(img, 'pngjs')`, `registry.get('pngjs')`.
 */
export const pngjsByName: Codec = Object.freeze({ ...pngjsCodec, name: 'pngjs' });

/**
 * The jpeg-js adapter under the name 'jpeg-js', so that it can sit in a registry beside imago's own
 * 'jpeg' codec. Sniffing never reaches it there; it is chosen by name: `encode(img, 'jpeg-js')`,
 * `registry.get('jpeg-js')`.
 */
export const jpegjsByName: Codec = Object.freeze({ ...jpegjsCodec, name: 'jpeg-js' });

/**
 * The codecs of the default registry, in sniffing order: PNG and JPEG (imago's own codecs), then
 * JPEG over jpeg-js and PNG over pngjs, by the names 'jpeg-js' and 'pngjs'.
 */
export const defaultCodecs: readonly Codec[] = Object.freeze([pngCodec, jpegCodec, jpegjsByName, pngjsByName]);

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
