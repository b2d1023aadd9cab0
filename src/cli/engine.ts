import type { ImageConfig } from '../codec/codec.js';
import type { ThumbnailOptions } from '../pipeline/options.js';

/**
 * What the CLI commands need from imago, as one interface, so the commands can be tested with
 * instrumented stages; main.ts binds imago's own registry and pipeline.
 */
export interface CliEngine {
  /** Makes a thumbnail; returns the bytes, the output extension and the output size. */
  thumbnail(bytes: Uint8Array, opts: ThumbnailOptions): Promise<{ bytes: Uint8Array; extension: string; width: number; height: number }>;
  /** Reads only the header. */
  info(bytes: Uint8Array): Promise<ImageConfig>;
  /** Decodes (upright) and re-encodes as `format` (a codec name, MIME type or extension). */
  convert(bytes: Uint8Array, format: string, opts: { quality?: number }): Promise<Uint8Array>;
}
