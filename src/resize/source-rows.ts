import type { Rectangle } from '../geom/rectangle.js';
import type { Image } from '../image/image.js';
import type { BufferImage } from '../image/buffer-image.js';
import type { YCbCrImage } from '../image/ycbcr-image.js';
import { LITTLE_ENDIAN } from '../image/words.js';

/**
 * Source readers. A reader turns source pixels into alpha-premultiplied 16-bit RGBA (Go's
 * `color.Color.RGBA()` values), four numbers per pixel. The fast readers read `pix` or the Y'CbCr
 * planes directly and must give exactly what the generic reader gives through `loadRGBA64`/`at`;
 * test/resize/fast-paths.test.ts proves it for every reader.
 *
 * `layout` lets the hot loops of the kernel scalers read bytes directly:
 * - `'rgba8'`: `pix` holds premultiplied RGBA bytes; the 16-bit value is byte × 0x101.
 * - `'gray8'`: `pix` holds grey bytes; r = g = b = byte × 0x101, a = 0xffff.
 * - `'u16'`: use `loadRow`.
 */
export interface SourceReader {
  readonly layout: 'rgba8' | 'gray8' | 'u16';
  /** Whether every pixel is opaque because of the source type (grey, Y'CbCr). */
  readonly opaque: boolean;
  /** For 'rgba8' and 'gray8': the pixel bytes. */
  readonly pix: Uint8Array;
  /** For 'rgba8' and 'gray8': the index in `pix` of pixel (0, y), possibly negative. */
  rowBase(y: number): number;
  /**
   * For 'rgba8' and 'gray8' readers whose rows lie evenly spaced in `pix` (an image's, not the
   * block means' ring): rowBase(y + 1) − rowBase(y), in bytes. Undefined otherwise.
   */
  readonly rowStride?: number;
  /**
   * For 'rgba8' when `pix` and the stride are 4-byte aligned on a little-endian machine: `pix` as
   * 32-bit words, pixel (x, y) at pix32[(rowBase(y) >> 2) + x], R in the low byte. Signed words
   * (an `Int32Array`): V8 loads them as small integers, whereas a `Uint32Array` element above
   * 2^31 becomes a double (measured: the Box and block-shrink loops run twice as fast). Readers
   * take bytes with `&`, `>>>` only, which see the same bits either way.
   */
  readonly pix32: Int32Array | undefined;
  /** For the Y'CbCr reader: the planes, for fused convert-and-accumulate loops. */
  readonly ycbcr?: YCbCrPlanes;
  /** Writes pixels (x + i, y), 0 <= i < n, as 16-bit premultiplied RGBA into out[4i .. 4i + 3]. */
  loadRow(x: number, y: number, n: number, out: Uint16Array): void;
  /** Writes pixels (cols[i], y), 0 <= i < n, into out[4i .. 4i + 3]. */
  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void;
}

const NO_PIX = new Uint8Array(0);

/**
 * A Y'CbCr source's planes as a fused loop reads them: for a column x >= 0 of row y, the luma
 * sample is Y[lumaBase(y) + x] and the chroma samples are Cb/Cr[chromaBase(y) + ((x / hx) | 0)]
 * (Go's YOffset and COffset). Shares the image's planes; no copy.
 */
export interface YCbCrPlanes {
  readonly Y: Uint8Array;
  readonly Cb: Uint8Array;
  readonly Cr: Uint8Array;
  /** Horizontal chroma subsampling factor: 1, 2 or 4. */
  readonly hx: number;
  lumaBase(y: number): number;
  chromaBase(y: number): number;
}


/**
 * The reader for src. The fast readers are used only when sr lies inside the source bounds (so
 * no read needs a bounds check), as in Go.
 */
export function sourceReader(src: Image, sr: Rectangle): SourceReader {
  const fast = FAST_READERS[(src as { kind?: string }).kind ?? ''];
  if (fast !== undefined && sr.in(src.bounds())) return fast(src);
  return new GenericReader(src);
}

/** Whether a reader is a fast one (for the dispatch-table test). @internal */
export function isFastReader(r: SourceReader): boolean {
  return !(r instanceof GenericReader);
}

abstract class PixReader implements SourceReader {
  abstract readonly layout: 'rgba8' | 'gray8' | 'u16';
  abstract readonly opaque: boolean;
  readonly pix: Uint8Array;
  readonly pix32: Int32Array | undefined;
  private readonly stride: number;
  readonly rowStride: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly bpp: number;

  constructor(m: BufferImage) {
    this.pix = m.pix;
    this.stride = m.stride;
    this.rowStride = m.stride;
    this.minX = m.rect.min.x;
    this.minY = m.rect.min.y;
    this.bpp = m.bytesPerPixel;
    const aligned = m.pix.byteOffset % 4 === 0 && m.stride % 4 === 0 && (m.rect.min.x * this.bpp) % 4 === 0;
    this.pix32 = this.bpp === 4 && aligned && LITTLE_ENDIAN ? new Int32Array(m.pix.buffer, m.pix.byteOffset, m.pix.length >> 2) : undefined;
  }

  rowBase(y: number): number {
    return (y - this.minY) * this.stride - this.minX * this.bpp;
  }

  abstract loadRow(x: number, y: number, n: number, out: Uint16Array): void;
  abstract gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void;
}

class RGBAReader extends PixReader {
  readonly layout = 'rgba8' as const;
  readonly opaque = false;

  loadRow(x: number, y: number, n: number, out: Uint16Array): void {
    const p = this.pix;
    for (let i = 0, s = this.rowBase(y) + x * 4, j = 0; i < n; i++, s += 4, j += 4) {
      out[j] = p[s] * 0x101;
      out[j + 1] = p[s + 1] * 0x101;
      out[j + 2] = p[s + 2] * 0x101;
      out[j + 3] = p[s + 3] * 0x101;
    }
  }

  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
    const p = this.pix;
    const base = this.rowBase(y);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const s = base + cols[i] * 4;
      out[j] = p[s] * 0x101;
      out[j + 1] = p[s + 1] * 0x101;
      out[j + 2] = p[s + 2] * 0x101;
      out[j + 3] = p[s + 3] * 0x101;
    }
  }
}

/**
 * 1/255. For every integer x in [0, 255 × 0xffff], floor(x × INV255) = floor(x / 255): checked
 * exhaustively (test/resize/source-rows.test.ts). It turns Go's premultiplying division into a
 * multiplication; the Uint16Array store truncates.
 */
export const INV255 = 1 / 255;

/** Premultiplies as Go's `color.NRGBA.RGBA`: c × 0x101 × a / 0xff, truncated (below 2^24). */
class NRGBAReader extends PixReader {
  readonly layout = 'u16' as const;
  readonly opaque = false;

  loadRow(x: number, y: number, n: number, out: Uint16Array): void {
    const p = this.pix;
    for (let i = 0, s = this.rowBase(y) + x * 4, j = 0; i < n; i++, s += 4, j += 4) {
      const a = p[s + 3] * 0x101;
      out[j] = p[s] * a * INV255;
      out[j + 1] = p[s + 1] * a * INV255;
      out[j + 2] = p[s + 2] * a * INV255;
      out[j + 3] = a;
    }
  }

  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
    const p = this.pix;
    const base = this.rowBase(y);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const s = base + cols[i] * 4;
      const a = p[s + 3] * 0x101;
      out[j] = p[s] * a * INV255;
      out[j + 1] = p[s + 1] * a * INV255;
      out[j + 2] = p[s + 2] * a * INV255;
      out[j + 3] = a;
    }
  }
}

class GrayReader extends PixReader {
  readonly layout = 'gray8' as const;
  readonly opaque = true;

  loadRow(x: number, y: number, n: number, out: Uint16Array): void {
    const p = this.pix;
    for (let i = 0, s = this.rowBase(y) + x, j = 0; i < n; i++, s++, j += 4) {
      const v = p[s] * 0x101;
      out[j] = out[j + 1] = out[j + 2] = v;
      out[j + 3] = 0xffff;
    }
  }

  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
    const p = this.pix;
    const base = this.rowBase(y);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const v = p[base + cols[i]] * 0x101;
      out[j] = out[j + 1] = out[j + 2] = v;
      out[j + 3] = 0xffff;
    }
  }
}

/** Chroma divisors (horizontal, vertical) of each subsample ratio. */
const CHROMA: Record<string, readonly [number, number]> = {
  '444': [1, 1],
  '422': [2, 1],
  '420': [2, 2],
  '440': [1, 2],
  '411': [4, 1],
  '410': [4, 2],
};

/**
 * Y'CbCr to 16-bit RGB, as Go's `color.YCbCr.RGBA` (JFIF coefficients × 2^16; see
 * color/ycbcr.ts): (Y·0x10101 + k·(C − 128)) >> 8, clamped to [0, 0xffff]. Chroma indices divide
 * coordinates by the subsampling factors, truncating toward zero (`| 0`), as Go's `COffset`.
 */
class YCbCrReader implements SourceReader, YCbCrPlanes {
  readonly layout = 'u16' as const;
  readonly opaque = true;
  readonly pix = NO_PIX;
  readonly pix32 = undefined;
  readonly ycbcr: YCbCrPlanes = this;
  readonly Y: Uint8Array;
  readonly Cb: Uint8Array;
  readonly Cr: Uint8Array;
  private readonly m: YCbCrImage;
  readonly hx: number;
  private readonly hy: number;

  constructor(m: YCbCrImage) {
    this.m = m;
    this.Y = m.y;
    this.Cb = m.cb;
    this.Cr = m.cr;
    [this.hx, this.hy] = CHROMA[m.subsampleRatio];
  }

  lumaBase(y: number): number {
    const m = this.m;
    return (y - m.rect.min.y) * m.yStride - m.rect.min.x;
  }

  chromaBase(y: number): number {
    const m = this.m;
    return (((y / this.hy) | 0) - ((m.rect.min.y / this.hy) | 0)) * m.cStride - ((m.rect.min.x / this.hx) | 0);
  }

  rowBase(): number {
    return 0;
  }

  private convert(yi: number, ci: number, out: Uint16Array, j: number): void {
    const m = this.m;
    const yy1 = m.y[yi] * 0x10101;
    const cb1 = m.cb[ci] - 128;
    const cr1 = m.cr[ci] - 128;
    let r = (yy1 + 91881 * cr1) >> 8;
    let g = (yy1 - 22554 * cb1 - 46802 * cr1) >> 8;
    let b = (yy1 + 116130 * cb1) >> 8;
    if (r < 0) r = 0;
    else if (r > 0xffff) r = 0xffff;
    if (g < 0) g = 0;
    else if (g > 0xffff) g = 0xffff;
    if (b < 0) b = 0;
    else if (b > 0xffff) b = 0xffff;
    out[j] = r;
    out[j + 1] = g;
    out[j + 2] = b;
    out[j + 3] = 0xffff;
  }

  loadRow(x: number, y: number, n: number, out: Uint16Array): void {
    const m = this.m;
    const min = m.rect.min;
    const hx = this.hx;
    const yRow = (y - min.y) * m.yStride - min.x;
    const cRow = (((y / this.hy) | 0) - ((min.y / this.hy) | 0)) * m.cStride - ((min.x / hx) | 0);
    if (x >= 0) {
      // Non-negative columns: the chroma column is x >> log2(hx), stepped without dividing.
      ycbcrRow(m.y, m.cb, m.cr, yRow + x, cRow + ((x / hx) | 0), x % hx, hx, n, out);
      return;
    }
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const px = x + i;
      this.convert(yRow + px, cRow + ((px / hx) | 0), out, j);
    }
  }

  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
    const m = this.m;
    const min = m.rect.min;
    const hx = this.hx;
    const yRow = (y - min.y) * m.yStride - min.x;
    const cRow = (((y / this.hy) | 0) - ((min.y / this.hy) | 0)) * m.cStride - ((min.x / hx) | 0);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const px = cols[i];
      this.convert(yRow + px, cRow + ((px / hx) | 0), out, j);
    }
  }
}

/**
 * n pixels of a Y'CbCr row from luma index yi and chroma index ci, where the first pixel is phase
 * steps (0 <= phase < hx) into its chroma sample: the conversion of YCbCrReader.convert, inlined.
 */
function ycbcrRow(Y: Uint8Array, Cb: Uint8Array, Cr: Uint8Array, yi: number, ci: number, phase: number, hx: number, n: number, out: Uint16Array): void {
  // The chroma terms change once per chroma sample; the integer maths is Go's, term by term.
  let cb1 = Cb[ci] - 128;
  let cr1 = Cr[ci] - 128;
  let tr = 91881 * cr1;
  let tg = -22554 * cb1 - 46802 * cr1;
  let tb = 116130 * cb1;
  for (let i = 0, j = 0; i < n; i++, j += 4, yi++) {
    const yy1 = Y[yi] * 0x10101;
    const r = (yy1 + tr) >> 8;
    const g = (yy1 + tg) >> 8;
    const b = (yy1 + tb) >> 8;
    out[j] = r < 0 ? 0 : r > 0xffff ? 0xffff : r;
    out[j + 1] = g < 0 ? 0 : g > 0xffff ? 0xffff : g;
    out[j + 2] = b < 0 ? 0 : b > 0xffff ? 0xffff : b;
    out[j + 3] = 0xffff;
    if (++phase === hx && i + 1 < n) {
      phase = 0;
      ci++;
      cb1 = Cb[ci] - 128;
      cr1 = Cr[ci] - 128;
      tr = 91881 * cr1;
      tg = -22554 * cb1 - 46802 * cr1;
      tb = 116130 * cb1;
    }
  }
}

/** Any image: `loadRGBA64` when it has one, else `at(x, y).rgba()`. Slow but obviously correct. */
class GenericReader implements SourceReader {
  readonly layout = 'u16' as const;
  readonly opaque = false;
  readonly pix = NO_PIX;
  readonly pix32 = undefined;
  private readonly src: Image;
  private readonly px = new Uint32Array(4);

  constructor(src: Image) {
    this.src = src;
  }

  rowBase(): number {
    return 0;
  }

  private load(x: number, y: number, out: Uint16Array, j: number): void {
    const src = this.src as Image & { loadRGBA64?: (x: number, y: number, out: Uint32Array) => void };
    if (typeof src.loadRGBA64 === 'function') {
      const px = this.px;
      src.loadRGBA64(x, y, px);
      out[j] = px[0];
      out[j + 1] = px[1];
      out[j + 2] = px[2];
      out[j + 3] = px[3];
    } else {
      const c = src.at(x, y).rgba();
      out[j] = c[0];
      out[j + 1] = c[1];
      out[j + 2] = c[2];
      out[j + 3] = c[3];
    }
  }

  loadRow(x: number, y: number, n: number, out: Uint16Array): void {
    for (let i = 0; i < n; i++) this.load(x + i, y, out, 4 * i);
  }

  gather(cols: Int32Array, n: number, y: number, out: Uint16Array): void {
    for (let i = 0; i < n; i++) this.load(cols[i], y, out, 4 * i);
  }
}

/** The fast readers: source layout → reader. Y'CbCr covers every subsample ratio. */
const FAST_READERS: Record<string, (m: Image) => SourceReader> = {
  rgba: (m) => new RGBAReader(m as BufferImage),
  nrgba: (m) => new NRGBAReader(m as BufferImage),
  gray: (m) => new GrayReader(m as BufferImage),
  ycbcr: (m) => new YCbCrReader(m as YCbCrImage),
};

/** The source layouts with a fast reader. */
export const FAST_SOURCE_KINDS: readonly string[] = Object.keys(FAST_READERS);
