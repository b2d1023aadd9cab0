import type { Color } from '../../../src/color/color.js';
import { NRGBA } from '../../../src/color/nrgba.js';
import { RGBA } from '../../../src/color/rgba.js';
import { rect } from '../../../src/geom/rectangle.js';
import type { Image } from '../../../src/image/image.js';
import { Alpha16Image } from '../../../src/image/alpha16-image.js';
import { AlphaImage } from '../../../src/image/alpha-image.js';
import { CMYKImage } from '../../../src/image/cmyk-image.js';
import { Gray16Image } from '../../../src/image/gray16-image.js';
import { GrayImage } from '../../../src/image/gray-image.js';
import { NRGBA64Image } from '../../../src/image/nrgba64-image.js';
import { NRGBAImage } from '../../../src/image/nrgba-image.js';
import { NYCbCrAImage } from '../../../src/image/nycbcra-image.js';
import { PalettedImage } from '../../../src/image/paletted-image.js';
import { RGBA64Image } from '../../../src/image/rgba64-image.js';
import { RGBAImage } from '../../../src/image/rgba-image.js';
import { YCbCrImage, type SubsampleRatio } from '../../../src/image/ycbcr-image.js';

/**
 * The deterministic test images of scripts/golden/png/main.go, rebuilt in TypeScript from the
 * parameters recorded in test/fixtures/png/encode-go.json. Every function mirrors its Go namesake.
 */

/** One encode case of the fixture. */
export interface EncodeCase {
  name: string;
  kind: string;
  rect: number[];
  parent?: number[];
  seed: number;
  opaque?: boolean;
  colors?: number;
  modulus?: number;
  translucent?: boolean;
  ratio?: string;
  level: 'default' | 'none';
  chunks?: { type: string; data: string }[];
  idatLength?: number;
  idatSha256?: string;
  error?: string;
  decodedType?: string;
  decodedPixSha256?: string;
}

/** A 32-bit integer hash, as Go's mix (uint32 arithmetic). */
export function mix(seed: number, x: number, y: number, c: number): number {
  let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(seed, 0x27d4eb2f)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

export function sample(seed: number, rx: number, ry: number, c: number): number {
  const h = mix(seed, rx, ry, c);
  switch (ry % 5) {
    case 0:
      return h & 0xff;
    case 1:
      return (rx * 5 + c * 50 + seed) & 0xff;
    case 2:
      return (rx * 5 + c * 50 + seed + (h & 3)) & 0xff;
    case 3:
      return (seed * 7 + c * 31) & 0xff;
    default:
      return (rx * 3 + ry * 7 + c * 11) & 0xff;
  }
}

function alpha8(seed: number, rx: number, ry: number): number {
  switch (rx % 7) {
    case 0:
      return 0;
    case 1:
      return 0xff;
  }
  return sample(seed, rx, ry, 3);
}

function alpha16(seed: number, rx: number, ry: number): number {
  switch (rx % 7) {
    case 0:
      return 0;
    case 1:
      return 0xffff;
  }
  return (sample(seed, rx, ry, 6) << 8) | sample(seed, rx, ry, 7);
}

function palette(c: EncodeCase): Color[] {
  const out: Color[] = [];
  for (let i = 0; i < c.colors!; i++) {
    const r = mix(c.seed, i, 0, 0) & 0xff;
    const g = mix(c.seed, i, 0, 1) & 0xff;
    const b = mix(c.seed, i, 0, 2) & 0xff;
    const a = mix(c.seed, i, 0, 3) & 0xff;
    if (c.translucent && i % 3 === 0) out.push(new NRGBA(r, g, b, a));
    else if (c.translucent && i % 3 === 1) out.push(new RGBA(r % (a + 1), g % (a + 1), b % (a + 1), a));
    else out.push(new RGBA(r, g, b, 0xff));
  }
  return out;
}

function fillPlane(p: Uint8Array, seed: number, c: number): void {
  for (let i = 0; i < p.length; i++) p[i] = mix(seed, i, 0, c) & 0xff;
}

function put16(p: Uint8Array, i: number, v: number): void {
  p[i] = v >>> 8;
  p[i + 1] = v & 0xff;
}

/** Builds the image of a case, as Go's build. */
export function build(c: EncodeCase): Image {
  const r = rect(c.rect[0], c.rect[1], c.rect[2], c.rect[3]);
  const full = c.parent ? rect(c.parent[0], c.parent[1], c.parent[2], c.parent[3]) : r;
  const w = full.dx();
  const h = full.dy();
  let m: Image & { subImage?(r: ReturnType<typeof rect>): Image };
  switch (c.kind) {
    case 'Gray': {
      const g = new GrayImage(full);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g.pix[y * g.stride + x] = sample(c.seed, x, y, 0);
      m = g;
      break;
    }
    case 'Gray16': {
      const g = new Gray16Image(full);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          g.pix[y * g.stride + 2 * x] = sample(c.seed, x, y, 0);
          g.pix[y * g.stride + 2 * x + 1] = sample(c.seed, x, y, 1);
        }
      }
      m = g;
      break;
    }
    case 'Alpha': {
      const g = new AlphaImage(full);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g.pix[y * g.stride + x] = c.opaque ? 0xff : alpha8(c.seed, x, y);
      m = g;
      break;
    }
    case 'Alpha16': {
      const g = new Alpha16Image(full);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) put16(g.pix, y * g.stride + 2 * x, c.opaque ? 0xffff : alpha16(c.seed, x, y));
      m = g;
      break;
    }
    case 'RGBA':
    case 'NRGBA': {
      const g = c.kind === 'RGBA' ? new RGBAImage(full) : new NRGBAImage(full);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const a = c.opaque ? 0xff : alpha8(c.seed, x, y);
          const i = y * g.stride + 4 * x;
          for (let k = 0; k < 3; k++) {
            let v = sample(c.seed, x, y, k);
            if (c.kind === 'RGBA') v = v % (a + 1);
            g.pix[i + k] = v;
          }
          g.pix[i + 3] = a;
        }
      }
      m = g;
      break;
    }
    case 'RGBA64':
    case 'NRGBA64': {
      const g = c.kind === 'RGBA64' ? new RGBA64Image(full) : new NRGBA64Image(full);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const a = c.opaque ? 0xffff : alpha16(c.seed, x, y);
          const i = y * g.stride + 8 * x;
          for (let k = 0; k < 3; k++) {
            let v = (sample(c.seed, x, y, 2 * k) << 8) | sample(c.seed, x, y, 2 * k + 1);
            if (c.kind === 'RGBA64') v = v % (a + 1);
            put16(g.pix, i + 2 * k, v);
          }
          put16(g.pix, i + 6, a);
        }
      }
      m = g;
      break;
    }
    case 'Paletted': {
      const g = new PalettedImage(full, palette(c));
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g.pix[y * g.stride + x] = sample(c.seed, x, y, 0) % c.modulus!;
      m = g;
      break;
    }
    case 'CMYK': {
      const g = new CMYKImage(full);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < 4; k++) g.pix[y * g.stride + 4 * x + k] = sample(c.seed, x, y, k);
      m = g;
      break;
    }
    case 'YCbCr': {
      const g = new YCbCrImage(full, c.ratio as SubsampleRatio);
      fillPlane(g.y, c.seed, 0);
      fillPlane(g.cb, c.seed, 1);
      fillPlane(g.cr, c.seed, 2);
      m = g;
      break;
    }
    case 'NYCbCrA': {
      const g = new NYCbCrAImage(full, c.ratio as SubsampleRatio);
      fillPlane(g.y, c.seed, 0);
      fillPlane(g.cb, c.seed, 1);
      fillPlane(g.cr, c.seed, 2);
      fillPlane(g.a, c.seed, 3);
      if (c.opaque) g.a.fill(0xff);
      m = g;
      break;
    }
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
  return c.parent ? m.subImage!(r) : m;
}
