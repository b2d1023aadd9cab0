import type { Model } from '../color/color.js';
import type { Image } from '../image/image.js';
import type { BufferPool } from '../lifetime/pool.js';

/**
 * The codec contract that every format implements: imago's own codecs, the pngjs and jpeg-js
 * adapters, and third-party plugins alike. A codec is a plain value; nothing registers itself on
 * import. See spec/codecs.md.
 */

/** Resource limits checked against a header before any pixel buffer is allocated. */
export interface Limits {
  /** Largest width × height. */
  maxPixels: number;
  /** Largest width. */
  maxWidth: number;
  /** Largest height. */
  maxHeight: number;
  /** Largest input size in bytes. */
  maxBytes: number;
}

/** What a header says about an image, without decoding pixels (Go's `image.Config` plus). */
export interface ImageConfig {
  /** The codec name, e.g. `'png'`. */
  format: string;
  width: number;
  height: number;
  /** The colour model `decode` will return. */
  colorModel: Model;
  /** Bits per sample as stored (1, 2, 4, 8, 16), where the format has the notion. */
  bitDepth?: number;
  /** EXIF orientation 1..8 when the header carries it. */
  orientation?: number;
}

/** Options every decoder receives. Limits arrive fully resolved. */
export interface DecodeOptions {
  limits: Limits;
  signal?: AbortSignal;
  /**
   * Opt-in buffer reuse (spec/lifetime.md, "Where the pool is used"). A codec that supports it
   * acquires the result's pixel buffer from the pool and ties it to the result (`BufferPool.tie`
   * or `adopt`), so that **disposing the result returns the buffer**; its large temporaries go
   * back to the pool before `decode` returns. The result must be byte-equal to an unpooled
   * decode. A codec that does not support it ignores it and allocates (imago's JPEG codec
   * supports it; PNG and the jpeg-js/pngjs adapters do not yet). Either way the caller owns the
   * result; dropping it without disposal just lets the collector take the buffer.
   */
  pool?: BufferPool;
  /** Codec-specific options, passed through from the caller untouched. */
  [option: string]: unknown;
}

/** Options every encoder receives. */
export interface EncodeOptions {
  signal?: AbortSignal;
  /** Codec-specific options such as `quality` or `compressionLevel`. */
  [option: string]: unknown;
}

/** A format: how to recognise it, read its header, decode it and (optionally) encode it. */
export interface Codec {
  /** A unique short name, e.g. `'png'`. The registry refuses a second codec of the same name. */
  readonly name: string;
  /** The MIME type of encoded output, e.g. `'image/png'`. */
  readonly mime: string;
  /** File extensions, for output naming only; detection never trusts them. */
  readonly extensions: readonly string[];
  /**
   * Magic prefixes, as Go's `image.RegisterFormat`: bytes or strings where `?` matches any byte.
   * A codec gives `magic`, `sniff`, or both.
   */
  readonly magic?: readonly (string | Uint8Array)[];
  /** A custom recogniser, for formats a prefix cannot identify. Reads the caller's bytes; keeps nothing. */
  sniff?(bytes: Uint8Array): boolean;
  /** Reads only the header. Must not allocate a pixel buffer. Reads the caller's bytes; keeps nothing. */
  decodeConfig(bytes: Uint8Array, opts: DecodeOptions): ImageConfig | Promise<ImageConfig>;
  /**
   * Decodes the pixels. Checks `opts.limits` against the header before allocating. Reads the
   * caller's bytes and keeps no reference to them: the image owns its pixels (never a view of
   * `bytes`), spec/lifetime.md.
   */
  decode(bytes: Uint8Array, opts: DecodeOptions): Image | Promise<Image>;
  /**
   * Encodes an image; returns bytes the caller owns (not a view of a buffer the codec reuses).
   * Reads `img` and keeps no reference to it.
   */
  encode?(img: Image, opts: EncodeOptions): Uint8Array | Promise<Uint8Array>;
  /** Encodes as a pull-based stream. Each chunk is owned by the reader once enqueued. */
  encodeStream?(img: Image, opts: EncodeOptions): ReadableStream<Uint8Array>;
}
