import type { Model } from '../../color/color.js';
import { Gray16Model, GrayModel, NRGBA64Model, NRGBAModel, RGBA64Model, RGBAModel } from '../../color/models.js';
import type { Palette } from '../../color/palette.js';
import { FormatError, ImagoError, OptionError } from '../../errors.js';
import type { Limits } from '../codec.js';
import { ByteSource, type PngInput } from './byte-source.js';
import { readChunkData, readChunkHeader, skipChunk, type ChunkHeader } from './chunks.js';
import { formatError, isTruncation } from './errors.js';
import { CT_GRAY, CT_PALETTED, CT_TRUECOLOR, CT_TRUECOLOR_ALPHA, SIGNATURE, readU32 } from './format.js';
import { parseIHDR, type PngHeader } from './header.js';
import { acquireDecodeSlot } from './concurrency.js';
import { checkAborted, inflateIDATs } from './inflate.js';
import { ANCILLARY, readAncillary, type PngMetadata } from './metadata.js';
import { checkHeaderLimits, checkSignal, pngLimits } from './options.js';
import { PixelSink, pngLayout, pngPalette, type PngImage, type PngLayout } from './pixels.js';
import { Scanlines, inflatedLength } from './scanlines.js';

/**
 * The PNG decoder: chunks in, one image out, as Go's image/png decodes it.
 *
 * Chunk order follows Go exactly: IHDR first among the critical chunks, then PLTE (required for
 * colour type 3, allowed for truecolour), then tRNS, then consecutive IDATs, then IEND. Unknown
 * chunks may appear anywhere and are skipped (their CRC is still checked); IDAT chunks after the
 * IDAT sequence are ignored, as in Go. Nothing after IEND is read. See spec/png.md.
 */

/** Options of {@link readPng} and {@link readPngInfo}. */
export interface PngDecodeOptions {
  /** Limits checked against IHDR before any allocation; missing ones take their defaults. */
  limits?: Partial<Limits>;
  /** Cancels the decode; it then rejects with an AbortError. */
  signal?: AbortSignal;
}

/** What {@link readPngInfo} learns from the chunks before the image data. */
export interface PngInfo {
  readonly header: PngHeader;
  /** The layout `readPng` will return (Go's choice, which depends on tRNS). */
  readonly layout: PngLayout;
  /**
   * The colour model of that image. For paletted files this is the palette from PLTE and tRNS;
   * the decoded image's palette can be longer when pixels use indices past it (see spec/png.md).
   */
  readonly colorModel: Model;
  /** The ancillary chunks seen before the first IDAT. */
  readonly metadata: PngMetadata;
}

/** What {@link readPng} returns. */
export interface PngDecoded {
  /** The pixels, in the type Go's decoder returns; owned by the caller. */
  readonly image: PngImage;
  readonly header: PngHeader;
  /** Every ancillary chunk the decoder understands, from the whole file. */
  readonly metadata: PngMetadata;
}

/**
 * Decoding stages, in the order Go requires. A chunk's rule is stated against these.
 */
const START = 0;
const SEEN_IHDR = 1;
const SEEN_PLTE = 2;
const SEEN_TRNS = 3;
const SEEN_IDAT = 4;
const SEEN_IEND = 5;

/**
 * Known ancillary chunks longer than this are skipped rather than read into memory: no real gAMA,
 * sRGB, pHYs, tEXt or iCCP comes near 16 MiB, and the decoder must not buffer whatever a stream
 * claims.
 */
const MAX_METADATA_CHUNK = 16 << 20;

/**
 * Deflate cannot expand data by more than 1032:1: at best every 258-byte match costs two bits, a
 * one-bit length code and a one-bit distance code (258 × 8 / 2 = 1032). An IDAT sequence shorter
 * than the image data / 1032 can never fill the image, so when the whole file is in memory the
 * decoder refuses it before allocating anything.
 */
const MAX_DEFLATE_RATIO = 1032;

class DecodeState {
  stage = START;
  header: PngHeader | null = null;
  plte: Uint8Array | null = null;
  /** Palette alpha (paletted), or the grey / RGB transparent key. */
  trns: Uint8Array | null = null;
  readonly metadata: PngMetadata = { text: [] };
  image: PngImage | null = null;
}

function paletted(s: DecodeState): boolean {
  return s.header !== null && s.header.colorType === CT_PALETTED;
}

function orderError(h: ChunkHeader): FormatError {
  return formatError('chunk out of order', { chunk: h.type, offset: h.offset });
}

/**
 * Checks a PLTE's length as Go does, before its data is read: 1 to 256 entries, and no more than the
 * bit depth can index; then that the colour type allows a palette.
 */
function checkPLTE(s: DecodeState, h: ChunkHeader): void {
  const hdr = s.header!;
  const n = h.length / 3;
  if (h.length % 3 !== 0 || n < 1 || n > 256 || n > 2 ** hdr.bitDepth) {
    throw formatError(`bad PLTE length ${h.length}`, { chunk: 'PLTE', offset: h.offset });
  }
  if (hdr.colorType !== CT_PALETTED && hdr.colorType !== CT_TRUECOLOR && hdr.colorType !== CT_TRUECOLOR_ALPHA) {
    throw formatError(`PLTE is not allowed with colour type ${hdr.colorType}`, { chunk: 'PLTE', offset: h.offset });
  }
}

/**
 * Checks a tRNS's length as Go does, before its data is read: 2 bytes for grey, 6 for truecolour,
 * up to 256 alphas for paletted; no tRNS with an alpha channel.
 */
function checkTRNS(s: DecodeState, h: ChunkHeader): void {
  const hdr = s.header!;
  const where = { chunk: 'tRNS', offset: h.offset };
  switch (hdr.colorType) {
    case CT_GRAY:
      if (h.length !== 2) throw formatError(`bad tRNS length ${h.length}, want 2 for grey`, where);
      break;
    case CT_TRUECOLOR:
      if (h.length !== 6) throw formatError(`bad tRNS length ${h.length}, want 6 for truecolour`, where);
      break;
    case CT_PALETTED:
      if (h.length > 256) throw formatError(`bad tRNS length ${h.length}, over 256 palette entries`, where);
      break;
    default:
      throw formatError(`tRNS is not allowed with colour type ${hdr.colorType}`, where);
  }
}

/**
 * Handles one non-IDAT chunk: ordering, parsing, CRC. IDAT is the caller's.
 */
async function handleChunk(src: ByteSource, s: DecodeState, h: ChunkHeader, limits: Readonly<Limits> | null): Promise<void> {
  switch (h.type) {
    case 'IHDR': {
      if (s.stage !== START) throw orderError(h);
      s.stage = SEEN_IHDR;
      if (h.length !== 13) throw formatError(`bad IHDR length ${h.length}, want 13`, { chunk: 'IHDR', offset: h.offset });
      const data = await readChunkData(src, h);
      s.header = parseIHDR(data, { chunk: 'IHDR', offset: h.offset });
      if (limits !== null) checkHeaderLimits(s.header.width, s.header.height, limits, h.offset);
      return;
    }
    case 'PLTE': {
      if (s.stage !== SEEN_IHDR) throw orderError(h);
      s.stage = SEEN_PLTE;
      checkPLTE(s, h);
      const data = await readChunkData(src, h);
      // For truecolour a PLTE is only a suggested palette; like Go, imago ignores it.
      if (s.header!.colorType === CT_PALETTED) s.plte = data.slice();
      return;
    }
    case 'tRNS': {
      if (paletted(s) ? s.stage !== SEEN_PLTE : s.stage !== SEEN_IHDR) throw orderError(h);
      s.stage = SEEN_TRNS;
      checkTRNS(s, h);
      s.trns = (await readChunkData(src, h)).slice();
      return;
    }
    case 'IEND': {
      if (s.stage !== SEEN_IDAT) throw orderError(h);
      s.stage = SEEN_IEND;
      if (h.length !== 0) throw formatError(`bad IEND length ${h.length}, want 0`, { chunk: 'IEND', offset: h.offset });
      await readChunkData(src, h);
      return;
    }
  }
  if (ANCILLARY.has(h.type) && h.length <= MAX_METADATA_CHUNK) {
    readAncillary(h.type, await readChunkData(src, h), s.metadata);
  } else {
    await skipChunk(src, h);
  }
}

/**
 * For input held in memory: the total IDAT length of the sequence starting at `first`, found by
 * walking the chunk headers without reading their data.
 */
function idatBytesAhead(bytes: Uint8Array, first: ChunkHeader): number {
  let total = 0;
  let p = first.offset;
  while (p + 8 <= bytes.length) {
    const len = readU32(bytes, p);
    if (bytes[p + 4] !== 0x49 || bytes[p + 5] !== 0x44 || bytes[p + 6] !== 0x41 || bytes[p + 7] !== 0x54) break; // "IDAT"
    total += len;
    p += 12 + len;
  }
  return total;
}

/** Decodes the IDAT sequence that starts with `h`, returning the next chunk's header. */
async function decodeImage(src: ByteSource, s: DecodeState, h: ChunkHeader, input: PngInput, signal: AbortSignal | undefined): Promise<ChunkHeader> {
  const hdr = s.header!;
  const need = inflatedLength(hdr);
  if (input instanceof Uint8Array) {
    const have = idatBytesAhead(input, h);
    if (have * MAX_DEFLATE_RATIO < need) {
      throw formatError(
        `not enough pixel data: ${have} bytes of IDAT can inflate to at most ${have * MAX_DEFLATE_RATIO}, but a ${hdr.width}x${hdr.height} image needs ${need}`,
        { chunk: 'IDAT', offset: h.offset },
      );
    }
  }
  // Bytes decodes take a slot before allocating (see concurrency.ts); stream decodes do not.
  const release = input instanceof Uint8Array ? await acquireDecodeSlot(signal) : null;
  try {
    const transparency = hdr.colorType === CT_PALETTED ? null : s.trns;
    const sink = new PixelSink(hdr, transparency);
    const scan = new Scanlines(hdr, sink, () => ({ chunk: 'IDAT', offset: src.offset }));
    const next = await inflateIDATs(src, h, scan, signal);
    s.image = sink.finish(s.plte, hdr.colorType === CT_PALETTED ? s.trns : null);
    return next;
  } finally {
    release?.();
  }
}

async function readSignature(src: ByteSource): Promise<void> {
  const sig = await src.read(8);
  if (sig === null || sig.some((b, i) => b !== SIGNATURE[i])) throw new FormatError('imago: png: not a PNG file: bad signature at byte 0');
}

/** Runs `body` with a ByteSource, wrapping stray exceptions and always releasing the input. */
async function withSource<T>(input: PngInput, limits: Readonly<Limits>, body: (src: ByteSource) => Promise<T>): Promise<T> {
  if (!(input instanceof Uint8Array) && !(typeof ReadableStream !== 'undefined' && input instanceof ReadableStream)) {
    throw new OptionError(`imago: png: input must be a Uint8Array or a ReadableStream of them, got ${Object.prototype.toString.call(input)}`);
  }
  const src = new ByteSource(input, limits.maxBytes);
  try {
    return await body(src);
  } catch (e) {
    if (e instanceof ImagoError) throw e;
    // A decoder never throws anything but ImagoErrors. Reaching this line is a bug in imago.
    throw new FormatError(`imago: png: internal error while decoding at byte ${src.offset}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  } finally {
    await src.close();
  }
}

/**
 * Decodes a PNG from bytes or a stream.
 *
 * It inflates (with imago's own inflater, see inflater.ts) and unfilters one scanline at a time:
 * besides the returned image it holds a fixed working set of about 0.3 MB (the inflater's 32 KiB
 * window in a 128 KiB buffer, 16 KiB of compressed input, Huffman tables, at most four scanlines),
 * whatever the image, and allocates nothing per chunk. With bytes it reads views of them and never
 * copies the file; with a stream it reads as it goes and cancels the stream when done or failed.
 *
 * @returns the image (in the type Go returns, see spec/png.md), the header and the metadata.
 * @throws FormatError for anything malformed, naming the chunk and byte offset.
 * @throws LimitError when IHDR exceeds `limits` or the allocation limit, or the input exceeds
 *   `limits.maxBytes`; checked before the pixels are allocated.
 * @throws AbortError when `signal` aborts.
 * @throws OptionError for bad options.
 */
export async function readPng(input: PngInput, options: PngDecodeOptions = {}): Promise<PngDecoded> {
  const limits = pngLimits(options.limits);
  const signal = checkSignal(options.signal);
  return withSource(input, limits, async (src) => {
    await readSignature(src);
    const s = new DecodeState();
    let pending: ChunkHeader | null = null;
    while (s.stage !== SEEN_IEND) {
      checkAborted(signal);
      const h: ChunkHeader = pending ?? (await readChunkHeader(src));
      pending = null;
      if (h.type === 'IDAT') {
        if (s.stage < SEEN_IHDR || s.stage > SEEN_IDAT || (s.stage === SEEN_IHDR && paletted(s))) throw orderError(h);
        if (s.stage === SEEN_IDAT) {
          // IDAT chunks after the sequence are ignored, as Go does (PNG section 12.9 trailing data).
          await skipChunk(src, h);
          continue;
        }
        s.stage = SEEN_IDAT;
        pending = await decodeImage(src, s, h, input, signal);
        continue;
      }
      await handleChunk(src, s, h, limits);
    }
    return { image: s.image!, header: s.header!, metadata: s.metadata };
  });
}

/** The colour model of a decoded layout; for paletted, the palette. */
function modelOf(layout: PngLayout, palette: Palette | null): Model {
  switch (layout) {
    case 'gray':
      return GrayModel;
    case 'gray16':
      return Gray16Model;
    case 'rgba':
      return RGBAModel;
    case 'rgba64':
      return RGBA64Model;
    case 'nrgba':
      return NRGBAModel;
    case 'nrgba64':
      return NRGBA64Model;
    case 'paletted':
      return palette!;
  }
}

/**
 * Reads the chunks before the image data: header, palette, transparency and metadata. It stops
 * at the first IDAT without reading it, so it costs O(header) whatever the image size, and it
 * allocates no pixels. The limits apply as in {@link readPng} (pass `Infinity` to see any claim).
 *
 * Go's DecodeConfig stops at IHDR (or PLTE), so it reports Gray for a grey file with tRNS; this
 * reads on to the IDAT and reports the model that {@link readPng} will actually return. Like Go's,
 * it accepts a prefix of a file that holds IHDR (and PLTE for a paletted image); chunks cut off
 * after those are not reported.
 * @throws FormatError, as readPng, for the chunks it reads, and when there is no IDAT.
 * @throws LimitError when IHDR exceeds the limits.
 */
export async function readPngInfo(input: PngInput, options: PngDecodeOptions = {}): Promise<PngInfo> {
  const limits = pngLimits(options.limits);
  const signal = checkSignal(options.signal);
  return withSource(input, limits, async (src) => {
    await readSignature(src);
    const s = new DecodeState();
    try {
      for (;;) {
        checkAborted(signal);
        const h = await readChunkHeader(src);
        if (h.type === 'IDAT') {
          if (s.stage < SEEN_IHDR || (s.stage === SEEN_IHDR && paletted(s))) throw orderError(h);
          break;
        }
        if (h.type === 'IEND') throw orderError(h);
        await handleChunk(src, s, h, limits);
      }
    } catch (e) {
      // A prefix of a file is enough once IHDR (and PLTE for a paletted image) has been read, as
      // for Go's DecodeConfig: what follows can only refine tRNS and metadata.
      const essentials = s.stage >= SEEN_IHDR && !(paletted(s) && s.plte === null);
      if (!(isTruncation(e) && essentials)) throw e;
    }
    const header = s.header!;
    const layout = pngLayout(header, header.colorType !== CT_PALETTED && s.trns !== null);
    const palette = layout === 'paletted' ? pngPalette(s.plte, s.trns) : null;
    return { header, layout, colorModel: modelOf(layout, palette), metadata: s.metadata };
  });
}
