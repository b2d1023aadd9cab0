/**
 * Reading the Go-generated fixtures of test/fixtures/model (made by scripts/golden/model/main.go):
 * colours written as [type, ...fields], the xorshift32 generator the generator seeds its samples
 * with, and a byte stream that hashes like the generator's.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Alpha,
  Alpha16,
  CMYK,
  Gray,
  Gray16,
  NRGBA,
  NRGBA64,
  NYCbCrA,
  RGBA,
  RGBA64,
  YCbCr,
  type Color,
} from '../../src/index.js';

/** Parses test/fixtures/model/<name>.json. */
export function loadFixture<T>(name: string): T {
  const url = new URL(`../fixtures/model/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

/** A colour as the fixtures write it: its Go type name, then its fields in Go's order. */
export type EncodedColor = [type: string, ...fields: number[]];

/** The colour types in the generator's (and Go's color package's) order. */
export const TYPE_NAMES = ['RGBA', 'RGBA64', 'NRGBA', 'NRGBA64', 'Alpha', 'Alpha16', 'Gray', 'Gray16', 'CMYK', 'YCbCr', 'NYCbCrA'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/** The number of fields of each type and whether they are 16-bit. */
export const SHAPES: Record<TypeName, [count: number, wide: boolean]> = {
  RGBA: [4, false],
  RGBA64: [4, true],
  NRGBA: [4, false],
  NRGBA64: [4, true],
  Alpha: [1, false],
  Alpha16: [1, true],
  Gray: [1, false],
  Gray16: [1, true],
  CMYK: [4, false],
  YCbCr: [3, false],
  NYCbCrA: [4, false],
};

/** Builds one of our colours from a type name and Go-ordered fields. */
export function makeColor(type: string, f: readonly number[]): Color {
  switch (type) {
    case 'RGBA':
      return new RGBA(f[0], f[1], f[2], f[3]);
    case 'RGBA64':
      return new RGBA64(f[0], f[1], f[2], f[3]);
    case 'NRGBA':
      return new NRGBA(f[0], f[1], f[2], f[3]);
    case 'NRGBA64':
      return new NRGBA64(f[0], f[1], f[2], f[3]);
    case 'Alpha':
      return new Alpha(f[0]);
    case 'Alpha16':
      return new Alpha16(f[0]);
    case 'Gray':
      return new Gray(f[0]);
    case 'Gray16':
      return new Gray16(f[0]);
    case 'CMYK':
      return new CMYK(f[0], f[1], f[2], f[3]);
    case 'YCbCr':
      return new YCbCr(f[0], f[1], f[2]);
    case 'NYCbCrA':
      return new NYCbCrA(f[0], f[1], f[2], f[3]);
  }
  throw new Error(`unknown colour type ${type}`);
}

export function decodeColor(e: EncodedColor): Color {
  const [type, ...f] = e;
  return makeColor(type, f);
}

/** The Go type name and fields of one of our colours. */
export function encodeColor(c: Color): EncodedColor {
  if (c instanceof RGBA) return ['RGBA', c.r, c.g, c.b, c.a];
  if (c instanceof RGBA64) return ['RGBA64', c.r, c.g, c.b, c.a];
  if (c instanceof NRGBA) return ['NRGBA', c.r, c.g, c.b, c.a];
  if (c instanceof NRGBA64) return ['NRGBA64', c.r, c.g, c.b, c.a];
  if (c instanceof Alpha) return ['Alpha', c.a];
  if (c instanceof Alpha16) return ['Alpha16', c.a];
  if (c instanceof Gray) return ['Gray', c.y];
  if (c instanceof Gray16) return ['Gray16', c.y];
  if (c instanceof CMYK) return ['CMYK', c.c, c.m, c.y, c.k];
  if (c instanceof YCbCr) return ['YCbCr', c.y, c.cb, c.cr];
  if (c instanceof NYCbCrA) return ['NYCbCrA', c.y, c.cb, c.cr, c.a];
  throw new Error(`not a standard colour: ${String(c)}`);
}

/** Marsaglia's xorshift32 on uint32, as the Go generator runs it. */
export class XorShift32 {
  constructor(private s: number) {}

  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }

  u8(): number {
    return this.next() >>> 24;
  }

  u16(): number {
    return this.next() >>> 16;
  }
}

/** A random colour of the given type, drawing fields as the generator's randomColor does. */
export function randomColor(r: XorShift32, type: TypeName): Color {
  const [n, wide] = SHAPES[type];
  const f: number[] = [];
  for (let i = 0; i < n; i++) f.push(wide ? r.u16() : r.u8());
  return makeColor(type, f);
}

export const E8 = [0, 1, 0x7f, 0x80, 0xfe, 0xff];
export const E16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];

/** Calls fn with every combination of edge values of the type's fields, first field outermost. */
export function edgeProduct(type: TypeName, fn: (c: Color) => void): void {
  const [n, wide] = SHAPES[type];
  const e = wide ? E16 : E8;
  const f = new Array<number>(n);
  const rec = (i: number): void => {
    if (i === n) {
      fn(makeColor(type, f));
      return;
    }
    for (const v of e) {
      f[i] = v;
      rec(i + 1);
    }
  };
  rec(0);
}

/**
 * A big-endian byte stream fed to SHA-256 in 64 KiB blocks. Each write checks that the value is
 * an integer in range, so a NaN, a fraction or an overflow fails loudly instead of being wrapped.
 */
export class HashStream {
  readonly #hash: Hash = createHash('sha256');
  readonly #buf = new Uint8Array(1 << 16);
  #n = 0;
  #total = 0;

  #room(k: number): void {
    if (this.#n + k > this.#buf.length) {
      this.#hash.update(this.#buf.subarray(0, this.#n));
      this.#total += this.#n;
      this.#n = 0;
    }
  }

  u8(v: number): void {
    if ((v & 0xff) !== v) throw new RangeError(`u8 out of range: ${v}`);
    this.#room(1);
    this.#buf[this.#n++] = v;
  }

  u16(v: number): void {
    if ((v & 0xffff) !== v) throw new RangeError(`u16 out of range: ${v}`);
    this.#room(2);
    this.#buf[this.#n++] = v >>> 8;
    this.#buf[this.#n++] = v;
  }

  u32(v: number): void {
    if (v >>> 0 !== v) throw new RangeError(`u32 out of range: ${v}`);
    this.#room(4);
    const b = this.#buf;
    b[this.#n++] = v >>> 24;
    b[this.#n++] = v >>> 16;
    b[this.#n++] = v >>> 8;
    b[this.#n++] = v;
  }

  /** The byte count and the hex SHA-256 of everything written. */
  digest(): { bytes: number; sha256: string } {
    this.#hash.update(this.#buf.subarray(0, this.#n));
    return { bytes: this.#total + this.#n, sha256: this.#hash.digest('hex') };
  }
}

/** One stream of hashes.json. */
export interface HashRecord {
  name: string;
  layout: string;
  bytes: number;
  sha256: string;
}

/** The expected hash of a named stream in hashes.json. */
export function expectedHash(name: string): HashRecord {
  const all = loadFixture<{ hashes: HashRecord[] }>('hashes').hashes;
  const h = all.find((x) => x.name === name);
  if (h === undefined) throw new Error(`no hash named ${name} in hashes.json`);
  return h;
}
