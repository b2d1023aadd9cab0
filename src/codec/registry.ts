import { FormatError, OptionError, UnsupportedError } from '../errors.js';
import { BufferPool } from '../lifetime/pool.js';
import { disposeAll } from '../lifetime/dispose.js';
import type { Image } from '../image/image.js';
import type { Codec, DecodeOptions, EncodeOptions, ImageConfig, Limits } from './codec.js';
import { asImagoError, throwIfAborted } from './guard.js';
import { DEFAULT_LIMITS, checkImageLimits, checkInputLimits, resolveLimits } from './limits.js';
import { orient } from './orient.js';
import { compileMagic, hexPrefix, matchMagic, type CompiledMagic } from './sniff.js';

/**
 * The codec registry: codecs as plain values, looked up by magic bytes to decode and by name to
 * encode. Nothing registers itself on import; a registry holds exactly the codecs it was given.
 * See spec/codecs.md.
 */

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** Limits for every decode through this registry; unset fields keep {@link DEFAULT_LIMITS}. */
  limits?: Partial<Limits>;
  /** When true, {@link Registry.register} throws: the codec list is fixed at creation. */
  readOnly?: boolean;
}

/** Options of {@link Registry.decode} and {@link Registry.decodeConfig}. */
export interface DecodeCallOptions {
  /** Overrides the registry's limits for this call; unset fields keep the registry's. */
  limits?: Partial<Limits>;
  /**
   * Apply the EXIF orientation (1..8) the header declares, so the result is upright
   * (see {@link orient}). Default false: pixels come back as stored. Ignored by decodeConfig.
   */
  autoOrient?: boolean;
  /** Cancels the call between its stages; the promise then rejects with imago's AbortError. */
  signal?: AbortSignal;
  /**
   * Take the result's pixel buffer (and the codec's large temporaries) from this pool, when the
   * codec supports it (imago's JPEG codec does; see {@link DecodeOptions.pool}). The result owns
   * its buffer: **dispose it to return the buffer** to the pool; a result dropped without
   * disposal is collected as usual. With `autoOrient`, the pooled stored-orientation image is
   * disposed (its buffer returned) and the upright copy is a plain allocation. Ignored by
   * decodeConfig.
   */
  pool?: BufferPool;
  /** Codec-specific options, passed to the codec untouched. */
  [option: string]: unknown;
}

/** Options of {@link Registry.encode}: `signal` plus codec-specific options such as `quality`. */
export interface EncodeCallOptions {
  signal?: AbortSignal;
  [option: string]: unknown;
}

/** Input bytes: a Uint8Array (a Node Buffer is one) or an ArrayBuffer. Never copied. */
export type ImageBytes = Uint8Array | ArrayBuffer;

/** A set of codecs with its default limits. */
export interface Registry {
  /** The limits every decode starts from (frozen). */
  readonly limits: Readonly<Limits>;
  /** Whether {@link register} is refused. */
  readonly readOnly: boolean;
  /**
   * Adds a codec. Returns false, and changes nothing, when a codec of the same name is already
   * registered. Sniffing tries codecs in registration order, so an earlier codec wins a magic both
   * claim.
   * @throws OptionError when the codec is malformed (no name, no magic or sniff, no decode) or the
   * registry is read-only.
   */
  register(codec: Codec): boolean;
  /** The codec registered under `name`, or undefined. */
  get(name: string): Codec | undefined;
  /** The codecs in registration order (a copy). */
  codecs(): Codec[];
  /**
   * The first codec whose magic or `sniff` recognises the bytes, or undefined. Looks only at the
   * bytes; a `sniff` that throws counts as "not mine".
   */
  sniff(bytes: ImageBytes): Codec | undefined;
  /**
   * Reads the header only: format, size, colour model, bit depth, orientation. Allocates no pixel
   * buffer. Checks `maxBytes` before and the dimension limits after the codec reads the header.
   * @throws FormatError when no codec recognises the bytes or the header is corrupt.
   * @throws UnsupportedError for a valid header the codec cannot decode.
   * @throws LimitError when the input or the declared size is over the limits.
   * @throws OptionError for bad options.
   */
  decodeConfig(bytes: ImageBytes, opts?: DecodeCallOptions): Promise<ImageConfig>;
  /**
   * Sniffs the format, reads the header, checks the limits against it, then decodes. The image
   * owns its pixels (they are not a view of `bytes`). With `autoOrient` the result is upright.
   * @throws as {@link decodeConfig}; AbortError when `signal` aborts. Never anything but an
   * ImagoError: a codec's other errors are wrapped, with the original as `cause`.
   */
  decode(bytes: ImageBytes, opts?: DecodeCallOptions): Promise<Image>;
  /**
   * Encodes with the codec named `format` (a codec name such as `'png'`, else a MIME type or a file
   * extension such as `'jpg'`). Returns bytes the caller owns.
   * @throws UnsupportedError when no codec of that name encodes, or the codec cannot write img.
   * @throws OptionError for a bad image, format or option.
   */
  encode(img: Image, format: string, opts?: EncodeCallOptions): Promise<Uint8Array>;
}

interface Entry {
  codec: Codec;
  magic: CompiledMagic[];
}

/**
 * Makes a registry holding `codecs`, in order. A duplicate name among them is an error here (where
 * {@link Registry.register} would return false), since a silently dropped codec is a bug.
 * @throws OptionError for a malformed codec, a duplicate name, or bad limits.
 */
export function createRegistry(codecs: readonly Codec[] = [], options: RegistryOptions = {}): Registry {
  if (!Array.isArray(codecs)) throw new OptionError('imago: createRegistry(codecs) needs an array of codecs');
  const limits = resolveLimits(DEFAULT_LIMITS, options.limits, 'createRegistry() limits');
  const reg = new CodecRegistry(limits);
  for (const c of codecs) {
    if (!reg.register(c)) throw new OptionError(`imago: createRegistry() got two codecs named ${JSON.stringify(c.name)}`);
  }
  reg.readOnly = options.readOnly === true;
  return reg;
}

class CodecRegistry implements Registry {
  readonly limits: Readonly<Limits>;
  readOnly = false;
  readonly #entries: Entry[] = [];

  constructor(limits: Readonly<Limits>) {
    this.limits = limits;
  }

  register(codec: Codec): boolean {
    if (this.readOnly) {
      throw new OptionError('imago: this registry is read-only; make your own with createRegistry([...codecs, yours])');
    }
    validateCodec(codec);
    if (this.get(codec.name) !== undefined) return false;
    const magic = (codec.magic ?? []).map((m) => compileMagic(codec.name, m));
    this.#entries.push({ codec, magic });
    return true;
  }

  get(name: string): Codec | undefined {
    return this.#entries.find((e) => e.codec.name === name)?.codec;
  }

  codecs(): Codec[] {
    return this.#entries.map((e) => e.codec);
  }

  sniff(input: ImageBytes): Codec | undefined {
    const bytes = toBytes(input);
    for (const { codec, magic } of this.#entries) {
      if (magic.some((m) => matchMagic(bytes, m))) return codec;
      if (codec.sniff !== undefined) {
        try {
          if (codec.sniff(bytes) === true) return codec;
        } catch {
          // A sniffer that throws has not recognised the bytes; the next codec gets its turn.
        }
      }
    }
    return undefined;
  }

  async decodeConfig(input: ImageBytes, opts: DecodeCallOptions = {}): Promise<ImageConfig> {
    const { bytes, codec, codecOpts } = this.#prepare(input, opts, 'decodeConfig');
    return this.#config(bytes, codec, codecOpts);
  }

  async decode(input: ImageBytes, opts: DecodeCallOptions = {}): Promise<Image> {
    const { bytes, codec, codecOpts } = this.#prepare(input, opts, 'decode');
    const config = await this.#config(bytes, codec, codecOpts);
    throwIfAborted(codecOpts.signal, `${codec.name} decode`);
    let img: Image;
    try {
      img = await codec.decode(bytes, codecOpts);
    } catch (err) {
      throw asImagoError(err, codec.name, 'decode');
    }
    const b = img?.bounds?.();
    if (b === undefined || !sizeMatches(b.dx(), b.dy(), config, codecOpts.scale)) {
      throw new FormatError(
        `imago: ${codec.name} decoded ${b === undefined ? 'no image' : `a ${b.dx()}x${b.dy()} image`}, but its header declares ${config.width}x${config.height}`,
      );
    }
    if (opts.autoOrient === true && config.orientation !== undefined && config.orientation !== 1) {
      throwIfAborted(codecOpts.signal, `${codec.name} decode`);
      const stored = img;
      img = orient(img, config.orientation);
      // A pooled stored-orientation image is an intermediate nobody else sees: give its buffer back.
      if (codecOpts.pool !== undefined && img !== stored) disposeAll(stored);
    }
    return img;
  }

  async encode(img: Image, format: string, opts: EncodeCallOptions = {}): Promise<Uint8Array> {
    if (typeof format !== 'string' || format === '') {
      throw new OptionError(`imago: encode() format must be a non-empty string such as 'png', got ${String(format)}`);
    }
    if (img === null || typeof img !== 'object' || typeof img.bounds !== 'function' || typeof img.at !== 'function') {
      throw new OptionError('imago: encode() needs an Image (an object with bounds(), at() and colorModel())');
    }
    checkOptions(opts, 'encode()');
    const codec = this.#lookup(format);
    if (codec === undefined) {
      throw new UnsupportedError(
        `imago: no registered codec encodes ${JSON.stringify(format)} (registered: ${this.#names()})`,
      );
    }
    if (codec.encode === undefined) throw new UnsupportedError(`imago: codec ${codec.name} decodes only; it cannot encode`);
    throwIfAborted(opts.signal, `${codec.name} encode`);
    const { registry: _registry, ...codecOpts } = opts;
    let out: Uint8Array;
    try {
      out = await codec.encode(img, codecOpts as EncodeOptions);
    } catch (err) {
      throw asImagoError(err, codec.name, 'encode');
    }
    if (!(out instanceof Uint8Array)) {
      throw new UnsupportedError(`imago: codec ${codec.name} encode returned ${Object.prototype.toString.call(out)}, not a Uint8Array`);
    }
    return out;
  }

  /** Validates the call, resolves the limits, checks maxBytes and finds the codec. */
  #prepare(input: ImageBytes, opts: DecodeCallOptions, what: string): { bytes: Uint8Array; codec: Codec; codecOpts: DecodeOptions } {
    checkOptions(opts, `${what}()`);
    const bytes = toBytes(input);
    const limits = resolveLimits(this.limits, opts.limits, `${what}() limits`);
    checkInputLimits('image', bytes.length, limits);
    throwIfAborted(opts.signal, what);
    const codec = this.sniff(bytes);
    if (codec === undefined) {
      throw new FormatError(
        `imago: unknown image format: no registered codec (${this.#names()}) recognises the first bytes ${hexPrefix(bytes)}`,
      );
    }
    const { registry: _registry, autoOrient: _autoOrient, ...rest } = opts;
    return { bytes, codec, codecOpts: { ...rest, limits } };
  }

  /** Runs the codec's decodeConfig, validates what it returns and checks the dimension limits. */
  async #config(bytes: Uint8Array, codec: Codec, opts: DecodeOptions): Promise<ImageConfig> {
    let config: ImageConfig;
    try {
      config = await codec.decodeConfig(bytes, opts);
    } catch (err) {
      throw asImagoError(err, codec.name, 'decodeConfig');
    }
    const w = config?.width;
    const h = config?.height;
    if (!Number.isSafeInteger(w) || !Number.isSafeInteger(h) || w < 0 || h < 0) {
      throw new FormatError(`imago: ${codec.name} header gives an invalid size ${String(w)}x${String(h)}`);
    }
    const o = config.orientation;
    if (o !== undefined && !(Number.isInteger(o) && o >= 1 && o <= 8)) {
      throw new FormatError(`imago: ${codec.name} header gives an invalid orientation ${String(o)} (EXIF allows 1..8)`);
    }
    checkImageLimits(codec.name, w, h, opts.limits);
    return config;
  }

  #lookup(format: string): Codec | undefined {
    const f = format.toLowerCase().replace(/^\./, '');
    const codecs = this.codecs();
    return (
      codecs.find((c) => c.name === format) ??
      codecs.find((c) => c.name.toLowerCase() === f) ??
      codecs.find((c) => c.mime.toLowerCase() === f) ??
      codecs.find((c) => c.extensions.some((e) => e.toLowerCase().replace(/^\./, '') === f))
    );
  }

  #names(): string {
    return this.#entries.length === 0 ? 'none' : this.#entries.map((e) => e.codec.name).join(', ');
  }
}

/**
 * Whether a decoded w×h image is what the header declares: its size, or, when the call asked for
 * a `scale` (a codec option: imago's JPEG codec decodes at 1/2, 1/4, 1/8 in the DCT domain), the
 * size rounded up at that scale. A codec that ignores `scale` returns the full size.
 */
function sizeMatches(w: number, h: number, config: ImageConfig, scale: unknown): boolean {
  if (w === config.width && h === config.height) return true;
  return typeof scale === 'number' && scale > 0 && scale < 1 && w === Math.ceil(config.width * scale) && h === Math.ceil(config.height * scale);
}

/** A Uint8Array view of the input; never a copy. */
function toBytes(input: ImageBytes): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new OptionError(`imago: image bytes must be a Uint8Array or an ArrayBuffer, got ${Object.prototype.toString.call(input)}`);
}

function checkOptions(opts: unknown, where: string): void {
  if (opts === null || typeof opts !== 'object') {
    throw new OptionError(`imago: ${where} options must be an object, got ${opts === null ? 'null' : typeof opts}`);
  }
  const o = opts as DecodeCallOptions;
  if (o.signal !== undefined && !(typeof o.signal === 'object' && o.signal !== null && 'aborted' in o.signal)) {
    throw new OptionError(`imago: ${where} signal must be an AbortSignal`);
  }
  if (o.autoOrient !== undefined && typeof o.autoOrient !== 'boolean') {
    throw new OptionError(`imago: ${where} autoOrient must be a boolean, got ${String(o.autoOrient)}`);
  }
  if (o.pool !== undefined && !(o.pool instanceof BufferPool)) {
    throw new OptionError(`imago: ${where} pool must be a BufferPool, got ${Object.prototype.toString.call(o.pool)}`);
  }
}

function validateCodec(codec: Codec): void {
  if (codec === null || typeof codec !== 'object') throw new OptionError('imago: a codec must be an object');
  const name = (codec as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '') throw new OptionError('imago: a codec needs a non-empty string name');
  const bad = (what: string) => new OptionError(`imago: codec ${JSON.stringify(name)} ${what}`);
  if (typeof codec.mime !== 'string') throw bad('needs a mime string');
  if (!Array.isArray(codec.extensions)) throw bad('needs an extensions array (may be empty)');
  if (typeof codec.decode !== 'function' || typeof codec.decodeConfig !== 'function') {
    throw bad('needs decode and decodeConfig functions');
  }
  if (codec.encode !== undefined && typeof codec.encode !== 'function') throw bad('encode must be a function');
  const hasMagic = Array.isArray(codec.magic) && codec.magic.length > 0;
  if (!hasMagic && typeof codec.sniff !== 'function') throw bad('needs magic prefixes or a sniff function');
  if (codec.magic !== undefined && !Array.isArray(codec.magic)) throw bad('magic must be an array');
}
