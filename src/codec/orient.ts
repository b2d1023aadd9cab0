import { OptionError } from '../errors.js';
import { rect } from '../geom/rectangle.js';
import { BufferImage } from '../image/buffer-image.js';
import { AlphaImage } from '../image/alpha-image.js';
import { Alpha16Image } from '../image/alpha16-image.js';
import { CMYKImage } from '../image/cmyk-image.js';
import { GrayImage } from '../image/gray-image.js';
import { Gray16Image } from '../image/gray16-image.js';
import type { Image } from '../image/image.js';
import { NRGBAImage } from '../image/nrgba-image.js';
import { NRGBA64Image } from '../image/nrgba64-image.js';
import { NYCbCrAImage } from '../image/nycbcra-image.js';
import { PalettedImage } from '../image/paletted-image.js';
import { RGBAImage } from '../image/rgba-image.js';
import { RGBA64Image } from '../image/rgba64-image.js';
import { YCbCrImage, type SubsampleRatio } from '../image/ycbcr-image.js';

/**
 * EXIF orientation: turning an image stored in one of the eight orientations of the EXIF/TIFF
 * `Orientation` tag (0x0112) upright.
 *
 * Value → what the stored image needs to be displayed upright (w×h is the stored size):
 * 1 nothing · 2 mirror left-right · 3 rotate 180° · 4 mirror top-bottom ·
 * 5 transpose (mirror along the main diagonal) · 6 rotate 90° clockwise ·
 * 7 transverse (mirror along the anti-diagonal) · 8 rotate 90° counter-clockwise.
 * 5 to 8 swap width and height.
 */

/** An EXIF orientation value. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * Applies EXIF orientation `o` to img and returns the upright image. For 2 to 8 the bounds start
 * at the origin: (0, 0)-(w, h), or (0, 0)-(h, w) for 5 to 8.
 *
 * Ownership: for 1 it returns `img` itself. Otherwise it allocates a new, owned image and shares
 * nothing with img. The type is kept for every buffer image (Gray, RGBA, NRGBA64, Paletted with
 * the same palette, …) and for Y'CbCr when the chroma grid maps onto itself exactly (4:4:4
 * always; 4:2:0, 4:2:2, 4:4:0 when the bounds are aligned to the chroma block; a transpose turns
 * 4:2:2 into 4:4:0 and back). Any other image is converted to {@link RGBAImage} (premultiplied,
 * 16-bit values narrowed by >> 8, as Go's `RGBAModel`).
 * @throws OptionError when o is not an integer in 1..8.
 */
export function orient(img: Image, o: number): Image {
  if (!Number.isInteger(o) || o < 1 || o > 8) {
    throw new OptionError(`imago: orientation must be an integer 1..8, got ${String(o)}`);
  }
  if (o === 1) return img;
  const b = img.bounds();
  const w = b.dx();
  const h = b.dy();
  const swap = o >= 5;
  const out = swap ? rect(0, 0, h, w) : rect(0, 0, w, h);
  if (img instanceof BufferImage) {
    const dst = sameKind(img, out);
    orientPlane(img.pix, img.stride, w, h, img.bytesPerPixel, o, dst.pix, dst.stride);
    return dst;
  }
  if (img instanceof YCbCrImage) {
    const ratio = orientedRatio(img, o);
    if (ratio !== undefined) {
      const [cw, ch] = chromaDims(w, h, img.subsampleRatio);
      if (img instanceof NYCbCrAImage) {
        const dst = new NYCbCrAImage(out, ratio);
        orientPlane(img.a, img.aStride, w, h, 1, o, dst.a, dst.aStride);
        orientYCbCr(img, dst, w, h, cw, ch, o);
        return dst;
      }
      const dst = new YCbCrImage(out, ratio);
      orientYCbCr(img, dst, w, h, cw, ch, o);
      return dst;
    }
  }
  return orientGeneric(img, o, w, h, out);
}

function orientYCbCr(src: YCbCrImage, dst: YCbCrImage, w: number, h: number, cw: number, ch: number, o: number): void {
  orientPlane(src.y, src.yStride, w, h, 1, o, dst.y, dst.yStride);
  orientPlane(src.cb, src.cStride, cw, ch, 1, o, dst.cb, dst.cStride);
  orientPlane(src.cr, src.cStride, cw, ch, 1, o, dst.cr, dst.cStride);
}

/** Horizontal and vertical chroma block sizes of each ratio. */
const BLOCK: Record<SubsampleRatio, readonly [number, number]> = {
  '444': [1, 1],
  '422': [2, 1],
  '420': [2, 2],
  '440': [1, 2],
  '411': [4, 1],
  '410': [4, 2],
};

/** The ratio after orientation o, or undefined when the chroma grid does not map onto itself. */
function orientedRatio(img: YCbCrImage, o: number): SubsampleRatio | undefined {
  const ratio = img.subsampleRatio;
  const [bx, by] = BLOCK[ratio];
  const r = img.rect;
  const aligned = r.min.x % bx === 0 && r.min.y % by === 0 && r.dx() % bx === 0 && r.dy() % by === 0;
  if (!aligned) return undefined;
  if (o < 5) return ratio;
  switch (ratio) {
    case '444':
    case '420':
      return ratio;
    case '422':
      return '440';
    case '440':
      return '422';
    default:
      return undefined; // 4:1:1 and 4:1:0 transposed (1x4, 2x4 blocks) have no ratio of their own
  }
}

function chromaDims(w: number, h: number, ratio: SubsampleRatio): [number, number] {
  const [bx, by] = BLOCK[ratio];
  return [w / bx, h / by]; // exact: orientedRatio checked the alignment
}

/**
 * Writes plane `src` (w×h samples of `bpp` bytes, rows `sStride` apart) into `dst` (rows `dStride`
 * apart) in orientation o. Destination sample (x, y) reads source byte offset
 * `base + x * ax + y * ay`; the table below is the orientation definitions above, solved for
 * the source coordinates:
 * 2 (w-1-x, y) · 3 (w-1-x, h-1-y) · 4 (x, h-1-y) · 5 (y, x) · 6 (y, h-1-x) · 7 (w-1-y, h-1-x) ·
 * 8 (w-1-y, x).
 * Samples move as 32-bit or 16-bit words when sizes, offsets and strides allow (a 4-byte pixel is
 * one word), and orientation 4 copies whole rows.
 */
export function orientPlane(
  src: Uint8Array,
  sStride: number,
  w: number,
  h: number,
  bpp: number,
  o: number,
  dst: Uint8Array,
  dStride: number,
): void {
  if (w === 0 || h === 0) return;
  if (o === 4 || o === 1) {
    for (let y = 0; y < h; y++) {
      const s = (o === 4 ? h - 1 - y : y) * sStride;
      dst.set(src.subarray(s, s + w * bpp), y * dStride);
    }
    return;
  }
  const fits = (u: number) =>
    bpp % u === 0 && src.byteOffset % u === 0 && dst.byteOffset % u === 0 && sStride % u === 0 && dStride % u === 0;
  const unit = fits(4) ? 4 : fits(2) ? 2 : 1;
  const view = (a: Uint8Array, n: number) =>
    unit === 4 ? new Uint32Array(a.buffer, a.byteOffset, n >> 2)
    : unit === 2 ? new Uint16Array(a.buffer, a.byteOffset, n >> 1)
    : a;
  const S = view(src, src.length - (src.length % unit));
  const D = view(dst, dst.length - (dst.length % unit));
  const e = bpp / unit; // elements per sample
  const ss = sStride / unit;
  const right = (w - 1) * e;
  const bottom = (h - 1) * ss;
  let base: number, ax: number, ay: number;
  switch (o) {
    case 2: [base, ax, ay] = [right, -e, ss]; break;
    case 3: [base, ax, ay] = [right + bottom, -e, -ss]; break;
    case 5: [base, ax, ay] = [0, ss, e]; break;
    case 6: [base, ax, ay] = [bottom, -ss, e]; break;
    case 7: [base, ax, ay] = [right + bottom, -ss, -e]; break;
    default: [base, ax, ay] = [right, ss, -e]; // 8
  }
  const dw = o >= 5 ? h : w;
  const dh = o >= 5 ? w : h;
  const ds = dStride / unit;
  for (let y = 0; y < dh; y++) {
    let s = base + y * ay;
    let d = y * ds;
    if (e === 1) {
      for (let x = 0; x < dw; x++, s += ax) D[d++] = S[s];
    } else {
      for (let x = 0; x < dw; x++, s += ax) {
        for (let k = 0; k < e; k++) D[d++] = S[s + k];
      }
    }
  }
}

/** A new zeroed image of img's type (and palette) with bounds r. */
function sameKind(img: BufferImage, r: ReturnType<typeof rect>): BufferImage {
  switch (img.kind) {
    case 'rgba': return new RGBAImage(r);
    case 'rgba64': return new RGBA64Image(r);
    case 'nrgba': return new NRGBAImage(r);
    case 'nrgba64': return new NRGBA64Image(r);
    case 'alpha': return new AlphaImage(r);
    case 'alpha16': return new Alpha16Image(r);
    case 'gray': return new GrayImage(r);
    case 'gray16': return new Gray16Image(r);
    case 'cmyk': return new CMYKImage(r);
    case 'paletted': return new PalettedImage(r, (img as PalettedImage).palette);
    default: throw new OptionError(`imago: orient() does not know the buffer layout ${String(img.kind)}`);
  }
}

/** Any image, through 16-bit premultiplied RGBA, into a new RGBAImage. */
function orientGeneric(img: Image, o: number, w: number, h: number, out: ReturnType<typeof rect>): RGBAImage {
  const b = img.bounds();
  const tmp = new RGBAImage(rect(0, 0, w, h));
  const c = [0, 0, 0, 0];
  const readable = img as Partial<{ loadRGBA64(x: number, y: number, out: number[]): void }>;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (readable.loadRGBA64 !== undefined) readable.loadRGBA64(b.min.x + x, b.min.y + y, c);
      else [c[0], c[1], c[2], c[3]] = img.at(b.min.x + x, b.min.y + y).rgba();
      const i = y * tmp.stride + x * 4;
      tmp.pix[i] = c[0] >>> 8;
      tmp.pix[i + 1] = c[1] >>> 8;
      tmp.pix[i + 2] = c[2] >>> 8;
      tmp.pix[i + 3] = c[3] >>> 8;
    }
  }
  const dst = new RGBAImage(out);
  orientPlane(tmp.pix, tmp.stride, w, h, 4, o, dst.pix, dst.stride);
  return dst;
}
