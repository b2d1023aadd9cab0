import { readFileSync, readdirSync } from 'node:fs';
import type { Color } from '../../../src/color/color.js';
import { NRGBA } from '../../../src/color/nrgba.js';
import { RGBA } from '../../../src/color/rgba.js';
import type { PngImage } from '../../../src/codec/png/pixels.js';
import { crc32Update } from '../../../src/codec/crc32.js';

/** The PngSuite folder, relative to the project root (CI has it there too). */
export const SUITE = '../shared/corpus/pngsuite';

/** Reads a file named as in the fixtures: `pngsuite/...` from the corpus, `go-testdata/...` from test/fixtures/png. */
export function fixtureBytes(name: string): Uint8Array {
  const path = name.startsWith('go-testdata/') ? `test/fixtures/png/${name}` : `../shared/corpus/${name}`;
  return new Uint8Array(readFileSync(path));
}

/** The PngSuite file names (*.png in the top folder). */
export function suiteFiles(): string[] {
  return readdirSync(SUITE)
    .filter((f) => f.endsWith('.png'))
    .sort();
}

/** Go's decode of one file, as scripts/golden/png/main.go records it. */
export interface GoDecode {
  file: string;
  ok: boolean;
  type?: string;
  bounds?: number[];
  stride?: number;
  pixSha256?: string;
  palette?: string;
  errorType?: string;
  error?: string;
  config?: { width: number; height: number; model: string; paletteLength?: number };
  configError?: string;
}

export function goDecodes(): GoDecode[] {
  return JSON.parse(readFileSync('test/fixtures/png/decode-go.json', 'utf8')) as GoDecode[];
}

/** Go's type name for each decoded layout. */
export const GO_TYPE: Record<PngImage['kind'], string> = {
  gray: 'Gray',
  gray16: 'Gray16',
  rgba: 'RGBA',
  rgba64: 'RGBA64',
  nrgba: 'NRGBA',
  nrgba64: 'NRGBA64',
  paletted: 'Paletted',
};

/** SHA-256 in hex through Web Crypto, available in every runtime. */
export async function sha256(p: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', p as Uint8Array<ArrayBuffer>));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A palette entry as the fixtures write it: R (RGBA) or N (NRGBA), then RRGGBBAA in hex. */
export function paletteEntry(c: Color): string {
  const k = c instanceof NRGBA ? 'N' : c instanceof RGBA ? 'R' : '?';
  const { r, g, b, a } = c as unknown as { r: number; g: number; b: number; a: number };
  return entryString(k, r, g, b, a);
}

/** The fixture form of an entry of type k ('R' or 'N') and value r, g, b, a. */
export function entryString(k: string, r: number, g: number, b: number, a: number): string {
  return k + [r, g, b, a].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** A stream that yields `bytes` in pieces of the given sizes (cycling), to exercise chunk boundaries. */
export function streamOf(bytes: Uint8Array, sizes: number[] = [1 << 16]): ReadableStream<Uint8Array> {
  let i = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= bytes.length) {
        controller.close();
        return;
      }
      const n = Math.max(1, sizes[k++ % sizes.length]);
      controller.enqueue(bytes.slice(i, i + n));
      i += n;
    },
  });
}

/**
 * '' when two arrays hold the same values, else where they first differ. Deep equality in the
 * test runner is slow on large typed arrays; `expect(firstDifference(a, b)).toBe('')` is fast and
 * still says where a mismatch is.
 */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string {
  if (a.length !== b.length) return `lengths differ: ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ${a[i]} and ${b[i]}`;
  return '';
}

/** A chunk with a correct CRC. */
export function chunk(type: string, data: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32Update(0, out, 4, 8 + data.length));
  return out;
}

export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function ihdr(w: number, h: number, depth: number, colorType: number, interlace = 0): Uint8Array {
  const d = new Uint8Array(13);
  const dv = new DataView(d.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  d.set([depth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', d);
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
