import { rect, type Rectangle } from '../../geom/rectangle.js';
import { CMYKImage } from '../../image/cmyk-image.js';
import { GrayImage } from '../../image/gray-image.js';
import { RGBAImage } from '../../image/rgba-image.js';
import { YCbCrImage, type SubsampleRatio } from '../../image/ycbcr-image.js';
import type { JpegDecoder } from './decoder.js';
import { JpegFormatError, JpegUnsupportedError } from './errors.js';

/** What a JPEG decodes to, as in Go: grey, planar Y'CbCr, CMYK, or RGBA for Adobe RGB. */
export type JpegImage = GrayImage | YCbCrImage | CMYKImage | RGBAImage;

/** The chroma subsampling of a 3- or 4-component frame, from the first two components. */
export function subsampleRatio(d: JpegDecoder): SubsampleRatio {
  const hr = d.comp[0].h / d.comp[1].h;
  const vr = d.comp[0].v / d.comp[1].v;
  switch ((hr << 4) | vr) {
    case 0x11:
      return '444';
    case 0x12:
      return '440';
    case 0x21:
      return '422';
    case 0x22:
      return '420';
    case 0x41:
      return '411';
    case 0x42:
      return '410';
  }
  // processSOF admits only the ratios above.
  throw new Error(`unreachable: subsampling ${hr}x${vr}`);
}

/**
 * The decoded image, as Go's decode returns it after the last segment. The planes are views into
 * the decoder's one allocation (Go's layout: rows padded to whole MCUs), which the image owns.
 * With a pool, that allocation is tied to the grey or Y'CbCr result (disposing it returns the
 * buffer); a CMYK or RGB result is itself adopted from the pool and the planes stay a temporary
 * that the decoder's `finish` releases.
 */
export function buildImage(d: JpegDecoder): JpegImage {
  const p = d.planes;
  if (p === null) throw new JpegFormatError('missing SOS marker', d.pos);
  const shift = d.scaleShift;
  const w = (d.width + (1 << shift) - 1) >> shift;
  const h = (d.height + (1 << shift) - 1) >> shift;
  const r = rect(0, 0, w, h);
  if (d.nComp === 1) return p.tieBuffer(new GrayImage(r, p.plane[0], p.stride[0]));
  const ratio = subsampleRatio(d);
  const ycc = new YCbCrImage(r, ratio, { y: p.plane[0], cb: p.plane[1], cr: p.plane[2], yStride: p.stride[0], cStride: p.stride[1] });
  if (d.nComp === 4) return applyBlack(d, ycc, p.plane[3], p.stride[3]);
  if (d.isRGB()) return convertToRGB(d, ycc);
  return p.tieBuffer(ycc);
}

/** A new w × h 4-byte-per-pixel result (tight rows), adopted from the decoder's pool if any. */
function newPacked<T extends CMYKImage | RGBAImage>(d: JpegDecoder, ctor: new (r: Rectangle, pix?: Uint8Array, stride?: number) => T, r: Rectangle): T {
  const pool = d.planes!.pool;
  if (pool === null) return new ctor(r);
  return pool.adopt(r.dx() * r.dy() * 4, (b) => new ctor(r, b, 4 * r.dx()));
}

/** Go's YCbCrToRGB for one sample, packed as 0xRRGGBB. */
function ycbcrToRGB(y: number, cb: number, cr: number): number {
  const yy1 = y * 0x10101;
  const cb1 = cb - 128;
  const cr1 = cr - 128;
  let r = yy1 + 91881 * cr1;
  r = (r & 0xff000000) === 0 ? r >> 16 : ~(r >> 31) & 0xff;
  let g = yy1 - 22554 * cb1 - 46802 * cr1;
  g = (g & 0xff000000) === 0 ? g >> 16 : ~(g >> 31) & 0xff;
  let b = yy1 + 116130 * cb1;
  b = (b & 0xff000000) === 0 ? b >> 16 : ~(b >> 31) & 0xff;
  return (r << 16) | (g << 8) | b;
}

/** The chroma divisors of a ratio. */
function divisors(ratio: SubsampleRatio): [number, number] {
  switch (ratio) {
    case '444':
      return [1, 1];
    case '422':
      return [2, 1];
    case '420':
      return [2, 2];
    case '440':
      return [1, 2];
    case '411':
      return [4, 1];
    case '410':
      return [4, 2];
  }
}

/**
 * Go's applyBlack: a 4-component image with an Adobe APP14 segment becomes CMYK. YCCK (transform
 * ≠ 0) is converted to RGB, whose bytes are taken as C, M, Y (the RGB→CMY inversion cancels Adobe's
 * inverted storage), with K = 255 − the fourth plane. Plain Adobe CMYK is inverted channel by channel.
 */
function applyBlack(d: JpegDecoder, ycc: YCbCrImage, black: Uint8Array, blackStride: number): CMYKImage {
  if (!d.adobeTransformValid) {
    throw new JpegUnsupportedError('unknown color model', d.pos, "4-component JPEG doesn't have Adobe APP14 metadata");
  }
  const r = ycc.rect;
  const w = r.dx();
  const h = r.dy();
  const out = newPacked(d, CMYKImage, r);
  const pix = out.pix;
  const stride = out.stride;
  if (d.adobeTransform !== 0) {
    const [hx, hy] = divisors(ycc.subsampleRatio);
    for (let y = 0; y < h; y++) {
      const yo = y * ycc.yStride;
      const co = Math.trunc(y / hy) * ycc.cStride;
      const ko = y * blackStride;
      for (let x = 0, i = y * stride; x < w; x++, i += 4) {
        const ci = co + Math.trunc(x / hx);
        const rgb = ycbcrToRGB(ycc.y[yo + x], ycc.cb[ci], ycc.cr[ci]);
        pix[i] = rgb >> 16;
        pix[i + 1] = (rgb >> 8) & 0xff;
        pix[i + 2] = rgb & 0xff;
        pix[i + 3] = 255 - black[ko + x];
      }
    }
    return out;
  }
  const sources: [Uint8Array, number][] = [
    [ycc.y, ycc.yStride],
    [ycc.cb, ycc.cStride],
    [ycc.cr, ycc.cStride],
    [black, blackStride],
  ];
  for (let t = 0; t < 4; t++) {
    const [src, sStride] = sources[t];
    const sub = d.comp[t].h !== d.comp[0].h || d.comp[t].v !== d.comp[0].v;
    for (let y = 0; y < h; y++) {
      const so = (sub ? y >> 1 : y) * sStride;
      for (let x = 0, i = y * stride + t; x < w; x++, i += 4) pix[i] = 255 - src[so + (sub ? x >> 1 : x)];
    }
  }
  return out;
}

/** Go's convertToRGB: a 3-component RGB JPEG's planes are R, G, B. */
function convertToRGB(d: JpegDecoder, ycc: YCbCrImage): RGBAImage {
  const cScale = d.comp[0].h / d.comp[1].h;
  const [, hy] = divisors(ycc.subsampleRatio);
  const r = ycc.rect;
  const w = r.dx();
  const h = r.dy();
  const out = newPacked(d, RGBAImage, r);
  const pix = out.pix;
  for (let y = 0; y < h; y++) {
    const po = y * out.stride;
    const yo = y * ycc.yStride;
    const co = Math.trunc(y / hy) * ycc.cStride;
    for (let i = 0; i < w; i++) {
      const c = co + Math.trunc(i / cScale);
      pix[po + 4 * i] = ycc.y[yo + i];
      pix[po + 4 * i + 1] = ycc.cb[c];
      pix[po + 4 * i + 2] = ycc.cr[c];
      pix[po + 4 * i + 3] = 255;
    }
  }
  return out;
}
