/**
 * Shared helpers of the resize tests: the seeded inputs of scripts/golden/resize/main.go, rebuilt
 * byte for byte, and the type-hiding wrappers that force the generic paths (Go's srcWrapper and
 * dstWrapper).
 */
import { readOpaquePNG } from './png.js';
import {
  GrayImage,
  NRGBAImage,
  NYCbCrAImage,
  RGBA64,
  RGBA64Image,
  RGBAImage,
  UniformImage,
  YCbCrImage,
  rect,
  type Color,
  type Image,
  type MutableImage,
  type Rectangle,
  type SubsampleRatio,
} from '../../src/index.js';

/** The generator's 32-bit LCG: state = state × 1664525 + 1013904223; each byte is state >> 24. */
export function fill(seed: number, ...bufs: Uint8Array[]): void {
  let s = seed >>> 0;
  for (const b of bufs) {
    for (let i = 0; i < b.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      b[i] = s >>> 24;
    }
  }
}

/** Makes every RGBA pixel valid premultiplied colour: c = c × a / 0xff (truncated). */
export function premul(pix: Uint8Array): void {
  for (let i = 0; i < pix.length; i += 4) {
    const a = pix[i + 3];
    pix[i] = Math.floor((pix[i] * a) / 0xff);
    pix[i + 1] = Math.floor((pix[i + 1] * a) / 0xff);
    pix[i + 2] = Math.floor((pix[i + 2] * a) / 0xff);
  }
}

/** The same for big-endian RGBA64 pixels. */
export function premul16(pix: Uint8Array): void {
  for (let i = 0; i < pix.length; i += 8) {
    const a = (pix[i + 6] << 8) | pix[i + 7];
    for (let c = 0; c < 6; c += 2) {
      const v = Math.floor((((pix[i + c] << 8) | pix[i + c + 1]) * a) / 0xffff);
      pix[i + c] = v >>> 8;
      pix[i + c + 1] = v & 0xff;
    }
  }
}

/** FNV-1a, 32 bits, as 8 hex digits. */
export function fnv(b: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < b.length; i++) {
    h ^= b[i];
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export type R4 = [number, number, number, number];
export const rectOf = (r: R4): Rectangle => rect(r[0], r[1], r[2], r[3]);

export interface SourceSpec {
  name: string;
  kind: string;
  rect: R4;
  seed: number;
  ratio?: SubsampleRatio;
  wrapped?: boolean;
  file?: string;
}

export interface DestSpec {
  kind: string;
  rect: R4;
  seed: number;
}

/** An image that shows only `bounds`, `colorModel` and `at`: Go's srcWrapper. */
export function hideSource(m: Image): Image {
  return { bounds: () => m.bounds(), colorModel: () => m.colorModel(), at: (x, y) => m.at(x, y) };
}

/** A mutable image that shows only `bounds`, `colorModel`, `at` and `set`: Go's dstWrapper. */
export function hideDest(m: MutableImage): MutableImage {
  return {
    bounds: () => m.bounds(),
    colorModel: () => m.colorModel(),
    at: (x, y) => m.at(x, y),
    set: (x: number, y: number, c: Color) => m.set(x, y, c),
  };
}

/**
 * Like hideSource, but it keeps the source's `opaque()` promise, so `'over'` still becomes `'src'`
 * for an opaque source: it hides the layout, not the semantics. (Go's srcWrapper hides Opaque
 * too, which changes the op, and with it ApproxBiLinear's rounding in rare cases.)
 */
export function hideLayout(m: Image): Image {
  const o = (m as { opaque?: () => boolean }).opaque;
  const w = hideSource(m) as Image & { opaque?: () => boolean };
  if (typeof o === 'function') w.opaque = () => o.call(m);
  return w;
}

const photoCache = new Map<string, RGBAImage>();

export function loadPNG(file: string): RGBAImage {
  let m = photoCache.get(file);
  if (m === undefined) {
    m = readOpaquePNG(file);
    photoCache.set(file, m);
  }
  return m;
}

export function makeSource(s: SourceSpec): Image {
  const r = rectOf(s.rect);
  let m: Image;
  switch (s.kind) {
    case 'rgba': {
      const x = new RGBAImage(r);
      fill(s.seed, x.pix);
      premul(x.pix);
      m = x;
      break;
    }
    case 'rgba-sub': {
      const big = new RGBAImage(rect(r.min.x - 2, r.min.y - 1, r.max.x + 3, r.max.y + 2));
      fill(s.seed, big.pix);
      premul(big.pix);
      m = big.subImage(r);
      break;
    }
    case 'nrgba': {
      const x = new NRGBAImage(r);
      fill(s.seed, x.pix);
      m = x;
      break;
    }
    case 'gray': {
      const x = new GrayImage(r);
      fill(s.seed, x.pix);
      m = x;
      break;
    }
    case 'rgba64': {
      const x = new RGBA64Image(r);
      fill(s.seed, x.pix);
      premul16(x.pix);
      m = x;
      break;
    }
    case 'ycbcr': {
      const x = new YCbCrImage(r, s.ratio!);
      fill(s.seed, x.y, x.cb, x.cr);
      m = x;
      break;
    }
    case 'nycbcra': {
      const x = new NYCbCrAImage(r, s.ratio!);
      fill(s.seed, x.y, x.cb, x.cr, x.a);
      m = x;
      break;
    }
    case 'uniform':
      m = new UniformImage(new RGBA64(0x1234, 0x5555, 0x9181, 0xbeef));
      break;
    case 'png':
      m = loadPNG(s.file!);
      break;
    default:
      throw new Error(`unknown source kind ${s.kind}`);
  }
  return s.wrapped ? hideSource(m) : m;
}

/** The destination to scale into, and the bytes to hash. */
export function makeDest(d: DestSpec): [MutableImage, Uint8Array] {
  const r = rectOf(d.rect);
  switch (d.kind) {
    case 'rgba':
    case 'rgba-wrapped': {
      const x = new RGBAImage(r);
      fill(d.seed, x.pix);
      premul(x.pix);
      return [d.kind === 'rgba' ? x : hideDest(x), x.pix];
    }
    case 'nrgba': {
      const x = new NRGBAImage(r);
      fill(d.seed, x.pix);
      return [x, x.pix];
    }
    case 'rgba64': {
      const x = new RGBA64Image(r);
      fill(d.seed, x.pix);
      premul16(x.pix);
      return [x, x.pix];
    }
    case 'gray': {
      const x = new GrayImage(r);
      fill(d.seed, x.pix);
      return [x, x.pix];
    }
  }
  throw new Error(`unknown dest kind ${d.kind}`);
}
