/**
 * A worked example of a third-party codec plugin: binary PGM (P5) and PPM (P6) from the Netpbm
 * family, written against imago's public API only (everything comes from the package entry).
 *
 * Format (netpbm.sourceforge.net/doc/ppm.html): the magic `P5` or `P6`, then width, height and
 * maxval as ASCII decimals separated by whitespace (a `#` starts a comment that runs to the end of
 * the line), then exactly one whitespace byte, then the raster: rows top to bottom, one sample (P5)
 * or three (P6) per pixel, one byte each when maxval < 256, else two, big-endian.
 *
 * What a plugin has to do, and how this one does it:
 * 1. Be a plain value with name, mime, extensions, and magic or sniff.
 * 2. decodeConfig: read only the header; call checkImageLimits as soon as the size is known.
 * 3. decode: the same header check, then allocate and fill. Throw FormatError for bad bytes
 *    (saying where) and UnsupportedError for valid files it cannot handle. Anything else it throws
 *    is wrapped into a FormatError by the registry, but saying what went wrong is better.
 * 4. encode (optional): return a new Uint8Array the caller owns.
 */
import {
  FormatError,
  Gray16Image,
  Gray16Model,
  GrayImage,
  GrayModel,
  RGBA64Image,
  RGBA64Model,
  RGBAImage,
  RGBAModel,
  UnsupportedError,
  checkImageLimits,
  rect,
  type Codec,
  type DecodeOptions,
  type Image,
  type ImageConfig,
} from '../../src/index.js';

interface Header {
  kind: 'P5' | 'P6';
  width: number;
  height: number;
  maxval: number;
  /** Offset of the first raster byte. */
  raster: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;

function readHeader(b: Uint8Array): Header {
  if (b.length < 3 || b[0] !== 0x50 || (b[1] !== 0x35 && b[1] !== 0x36) || !isSpace(b[2])) {
    throw new FormatError('ppm: not a binary PGM/PPM (P5/P6) file');
  }
  let i = 2;
  const nums: number[] = [];
  while (nums.length < 3) {
    while (i < b.length && (isSpace(b[i]) || b[i] === 0x23)) {
      if (b[i] === 0x23) while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
      else i++;
    }
    const start = i;
    let v = 0;
    while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39 && i - start < 10) v = v * 10 + (b[i++] - 0x30);
    if (i === start) throw new FormatError(`ppm: expected a decimal number at offset ${i}`);
    nums.push(v);
  }
  if (i >= b.length || !isSpace(b[i])) throw new FormatError(`ppm: expected one whitespace byte after maxval at offset ${i}`);
  const [width, height, maxval] = nums;
  if (width === 0 || height === 0) throw new FormatError(`ppm: invalid size ${width}x${height}`);
  if (maxval === 0 || maxval > 65535) throw new FormatError(`ppm: maxval ${maxval} is outside 1..65535`);
  return { kind: b[1] === 0x35 ? 'P5' : 'P6', width, height, maxval, raster: i + 1 };
}

export const ppmCodec: Codec = {
  name: 'ppm',
  mime: 'image/x-portable-anymap',
  extensions: ['ppm', 'pgm', 'pnm'],
  // 'P5' or 'P6' then whitespace: a prefix cannot say "any whitespace", so a sniff function does.
  sniff: (b) => b.length >= 3 && b[0] === 0x50 && (b[1] === 0x35 || b[1] === 0x36) && isSpace(b[2]),

  decodeConfig(bytes: Uint8Array, opts: DecodeOptions): ImageConfig {
    const h = readHeader(bytes);
    checkImageLimits('ppm', h.width, h.height, opts.limits);
    const wide = h.maxval > 255;
    const colorModel = h.kind === 'P5' ? (wide ? Gray16Model : GrayModel) : wide ? RGBA64Model : RGBAModel;
    return { format: 'ppm', width: h.width, height: h.height, colorModel, bitDepth: wide ? 16 : 8 };
  },

  decode(bytes: Uint8Array, opts: DecodeOptions): Image {
    const h = readHeader(bytes);
    checkImageLimits('ppm', h.width, h.height, opts.limits); // before any allocation
    const channels = h.kind === 'P5' ? 1 : 3;
    const bps = h.maxval > 255 ? 2 : 1;
    const need = h.width * h.height * channels * bps;
    if (bytes.length - h.raster < need) {
      throw new FormatError(`ppm: raster at offset ${h.raster} has ${bytes.length - h.raster} bytes, ${h.width}x${h.height} needs ${need}`);
    }
    const r = rect(0, 0, h.width, h.height);
    const max = bps === 1 ? 255 : 65535;
    const sample = (k: number) => {
      const v = bps === 1 ? bytes[h.raster + k] : (bytes[h.raster + 2 * k] << 8) | bytes[h.raster + 2 * k + 1];
      if (v > h.maxval) throw new FormatError(`ppm: sample ${v} at offset ${h.raster + k * bps} exceeds maxval ${h.maxval}`);
      return h.maxval === max ? v : Math.round((v * max) / h.maxval);
    };
    const n = h.width * h.height;
    if (h.kind === 'P5') {
      const img = bps === 1 ? new GrayImage(r) : new Gray16Image(r);
      for (let i = 0; i < n; i++) {
        const v = sample(i);
        if (bps === 1) img.pix[i] = v;
        else img.pix.set([v >> 8, v & 0xff], i * 2);
      }
      return img;
    }
    const img = bps === 1 ? new RGBAImage(r) : new RGBA64Image(r);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        const v = sample(i * 3 + c);
        if (bps === 1) img.pix[i * 4 + c] = v;
        else img.pix.set([v >> 8, v & 0xff], i * 8 + c * 2);
      }
      if (bps === 1) img.pix[i * 4 + 3] = 0xff;
      else img.pix.set([0xff, 0xff], i * 8 + 6);
    }
    return img;
  },

  encode(img: Image): Uint8Array {
    const b = img.bounds();
    const w = b.dx();
    const h = b.dy();
    if (w === 0 || h === 0) throw new UnsupportedError('ppm: cannot store an empty image');
    const gray = img instanceof GrayImage;
    const head = new TextEncoder().encode(`${gray ? 'P5' : 'P6'}\n${w} ${h}\n255\n`);
    const out = new Uint8Array(head.length + w * h * (gray ? 1 : 3));
    out.set(head);
    let o = head.length;
    for (let y = b.min.y; y < b.max.y; y++) {
      for (let x = b.min.x; x < b.max.x; x++) {
        const [r, g, bl] = img.at(x, y).rgba(); // premultiplied: translucent pixels land over black
        if (gray) out[o++] = r >> 8;
        else {
          out[o++] = r >> 8;
          out[o++] = g >> 8;
          out[o++] = bl >> 8;
        }
      }
    }
    return out;
  },
};
