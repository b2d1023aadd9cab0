import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  Alpha,
  Alpha16,
  AlphaImage,
  Alpha16Image,
  CMYK,
  CMYKImage,
  Gray,
  Gray16,
  GrayImage,
  Gray16Image,
  NRGBA,
  NRGBA64,
  NRGBAImage,
  NRGBA64Image,
  NYCbCrAImage,
  PalettedImage,
  RGBA,
  RGBA64,
  RGBAImage,
  RGBA64Image,
  UniformImage,
  YCbCr,
  YCbCrImage,
  rect,
  type Color,
  type Image,
  type SubsampleRatio,
} from '../../src/index.js';
import { hideLayout } from './hide-layout.js';

/** The JSON written by scripts/golden/draw/main.go. */
export interface JsonColor {
  t: string;
  v: number[];
}
export interface JsonImage {
  type: string;
  rect: [number, number, number, number];
  stride?: number;
  pix?: string;
  palette?: JsonColor[];
  ratio?: string;
  y?: string;
  cb?: string;
  cr?: string;
  a?: string;
  yStride?: number;
  cStride?: number;
  aStride?: number;
  color?: JsonColor;
  wrap?: string;
}
export interface DrawFixture {
  images: Record<string, JsonImage>;
  families: { name: string; r: [number, number, number, number]; sp: [number, number]; mp: [number, number] }[];
  dsts: string[];
  srcs: string[];
  masks: string[];
  ops: ('over' | 'src')[];
  draw: Record<string, Record<string, string>>;
  dumps: Record<string, string>[];
  selfRect: [number, number, number, number];
  selfMp: [number, number];
  self: { dst: string; mask: string; op: 'over' | 'src'; hash: string }[];
  viewRect: [number, number, number, number];
  views: { dst: string; mask: string; op: 'over' | 'src'; hash: string }[];
  fsDsts: string[];
  fsSrcs: string[];
  fs: Record<string, Record<string, string>>;
  fsDumps: Record<string, string>[];
}

export function loadDrawFixture(): DrawFixture {
  return JSON.parse(readFileSync(new URL('../fixtures/draw/draw.json', import.meta.url), 'utf8')) as DrawFixture;
}

export function bytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function colorOf(c: JsonColor): Color {
  const v = c.v;
  switch (c.t) {
    case 'rgba':
      return new RGBA(v[0], v[1], v[2], v[3]);
    case 'nrgba':
      return new NRGBA(v[0], v[1], v[2], v[3]);
    case 'rgba64':
      return new RGBA64(v[0], v[1], v[2], v[3]);
    case 'nrgba64':
      return new NRGBA64(v[0], v[1], v[2], v[3]);
    case 'gray':
      return new Gray(v[0]);
    case 'gray16':
      return new Gray16(v[0]);
    case 'alpha':
      return new Alpha(v[0]);
    case 'alpha16':
      return new Alpha16(v[0]);
    case 'cmyk':
      return new CMYK(v[0], v[1], v[2], v[3]);
    case 'ycbcr':
      return new YCbCr(v[0], v[1], v[2]);
  }
  throw new Error(`unknown colour type ${c.t}`);
}

/** Builds a fresh image (with its own copy of the bytes) from the fixture's description. */
export function buildImage(fx: DrawFixture, name: string): Image {
  const d = fx.images[name];
  const r = rect(...d.rect);
  switch (d.type) {
    case 'rgba':
      return new RGBAImage(r, bytes(d.pix!), d.stride);
    case 'rgba64':
      return new RGBA64Image(r, bytes(d.pix!), d.stride);
    case 'nrgba':
      return new NRGBAImage(r, bytes(d.pix!), d.stride);
    case 'nrgba64':
      return new NRGBA64Image(r, bytes(d.pix!), d.stride);
    case 'alpha':
      return new AlphaImage(r, bytes(d.pix!), d.stride);
    case 'alpha16':
      return new Alpha16Image(r, bytes(d.pix!), d.stride);
    case 'gray':
      return new GrayImage(r, bytes(d.pix!), d.stride);
    case 'gray16':
      return new Gray16Image(r, bytes(d.pix!), d.stride);
    case 'cmyk':
      return new CMYKImage(r, bytes(d.pix!), d.stride);
    case 'paletted':
      return new PalettedImage(r, d.palette!.map(colorOf), bytes(d.pix!), d.stride);
    case 'ycbcr':
      return new YCbCrImage(r, d.ratio as SubsampleRatio, { y: bytes(d.y!), cb: bytes(d.cb!), cr: bytes(d.cr!), yStride: d.yStride!, cStride: d.cStride! });
    case 'nycbcra':
      return new NYCbCrAImage(r, d.ratio as SubsampleRatio, {
        y: bytes(d.y!),
        cb: bytes(d.cb!),
        cr: bytes(d.cr!),
        a: bytes(d.a!),
        yStride: d.yStride!,
        cStride: d.cStride!,
        aStride: d.aStride!,
      });
    case 'uniform':
      return new UniformImage(colorOf(d.color!));
    case 'slower':
      return hideLayout(buildImage(fx, d.wrap!), 'rgba64');
    case 'slowest':
      return hideLayout(buildImage(fx, d.wrap!), 'color');
  }
  throw new Error(`unknown image type ${d.type}`);
}

/** A destination and the buffer whose bytes identify its state (a wrapper's wrapped image). */
export function buildDst(fx: DrawFixture, name: string): { dst: Image; pix: Uint8Array } {
  const d = fx.images[name];
  if (d.type === 'slower' || d.type === 'slowest') {
    const inner = buildImage(fx, d.wrap!) as RGBAImage;
    return { dst: hideLayout(inner, d.type === 'slower' ? 'rgba64' : 'color'), pix: inner.pix };
  }
  const m = buildImage(fx, name) as RGBAImage;
  return { dst: m, pix: m.pix };
}

/** Streaming SHA-256, 16 hex digits, as the generator writes. */
export class Hasher {
  readonly #h = createHash('sha256');
  add(b: Uint8Array): this {
    this.#h.update(b);
    return this;
  }
  digest(): string {
    return this.#h.digest('hex').slice(0, 16);
  }
}
