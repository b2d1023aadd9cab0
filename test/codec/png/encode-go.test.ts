import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { encodePng } from '../../../src/codec/png/encoder.js';
import { readPng } from '../../../src/codec/png/decoder.js';
import { GO_TYPE, sha256 } from './helpers.js';
import { build, type EncodeCase } from './pattern.js';

/**
 * The encoder writes what Go's image/png writes (test/fixtures/png/encode-go.json): the same
 * IHDR, PLTE and tRNS bytes, and IDAT data that inflates to the same filtered scanlines, so the
 * same colour conversion and the same filter for every row. Deflate output itself differs between
 * zlib implementations and is not compared.
 */
const cases = JSON.parse(readFileSync('test/fixtures/png/encode-go.json', 'utf8')) as EncodeCase[];

/** Splits a PNG into its chunks. */
export function chunksOf(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const out: { type: string; data: Uint8Array }[] = [];
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let p = 8; p < png.length; ) {
    const n = dv.getUint32(p);
    out.push({ type: String.fromCharCode(...png.subarray(p + 4, p + 8)), data: png.subarray(p + 8, p + 8 + n) });
    p += 12 + n;
  }
  return out;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}

const hex = (p: Uint8Array): string => Array.from(p, (b) => b.toString(16).padStart(2, '0')).join('');

describe('encode equals Go image/png', () => {
  test('the fixture has every kind', () => {
    expect(new Set(cases.map((c) => c.kind)).size).toBe(12);
  });
  for (const c of cases) {
    test(c.name, async () => {
      const img = build(c);
      const png = await encodePng(img, { compressionLevel: c.level });
      const chunks = chunksOf(png);
      const other = chunks.filter((k) => k.type !== 'IDAT').map((k) => ({ type: k.type, data: hex(k.data) }));
      expect(other).toEqual(c.chunks);
      const idat = chunks.filter((k) => k.type === 'IDAT');
      const raw = await inflate(new Uint8Array(idat.flatMap((k) => Array.from(k.data))));
      expect(raw.length).toBe(c.idatLength);
      expect(await sha256(raw)).toBe(c.idatSha256);
      // And our decoder reads our file back as Go reads Go's.
      const { image } = await readPng(png);
      expect(GO_TYPE[image.kind]).toBe(c.decodedType);
      expect(await sha256(image.pix)).toBe(c.decodedPixSha256);
    });
  }
});
