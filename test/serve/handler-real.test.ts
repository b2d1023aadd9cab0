/**
 * The handler's statuses with real bodies: real photos, a truncated JPEG, a PNG and a JPEG whose
 * headers declare huge sizes, a GIF and HTML (wrong types), an arithmetic-coded JPEG (a feature
 * imago does not decode).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createThumbnailHandler, type ErrorBody } from '../../src/serve/index.js';

const corpus = (p: string) => new Uint8Array(readFileSync(new URL(`../../../shared/corpus/${p}`, import.meta.url)));
const sample = (p: string) => new Uint8Array(readFileSync(new URL(`../../samples/${p}`, import.meta.url)));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A valid PNG signature and IHDR declaring w × h RGBA 8-bit, then IEND: a header-only bomb. */
function pngHeader(w: number, h: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: number[]) => {
    const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
    const crc = crc32(body);
    const len = data.length;
    return [len >>> 24, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, ...body, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255];
  };
  const be = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, ...chunk('IHDR', [...be(w), ...be(h), 8, 6, 0, 0, 0]), ...chunk('IEND', [])]);
}
/** A JPEG whose SOF0 declares w × h (the rest of the photo follows unchanged). */
function jpegWithSize(src: Uint8Array, w: number, h: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(src);
  for (let i = 2; i < out.length - 9; ) {
    if (out[i] !== 0xff) throw new Error('not a marker');
    const m = out[i + 1];
    const len = (out[i + 2] << 8) | out[i + 3];
    if (m === 0xc0 || m === 0xc1 || m === 0xc2) {
      out[i + 5] = h >> 8;
      out[i + 6] = h & 255;
      out[i + 7] = w >> 8;
      out[i + 8] = w & 255;
      return out;
    }
    i += 2 + len;
  }
  throw new Error('no SOF');
}

const handle = createThumbnailHandler({ maxBytes: 8 << 20 });
const post = (q: string, body: BodyInit) => handle(new Request(`http://127.0.0.1/${q}`, { method: 'POST', body }));
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

describe('handler with real bodies', () => {
  test('200: a JPEG photo → a JPEG thumbnail of the planned size', async () => {
    const res = await post('?width=160', sample('rocket.jpg'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-imago-source')).toBe('jpeg 640x427');
    expect(res.headers.get('x-imago-size')).toBe('160x107'); // 427 × 160 / 640 = 106.75
    const body = new Uint8Array(await res.arrayBuffer());
    expect([body[0], body[1]]).toEqual([0xff, 0xd8]);
    const back = await post('?width=160', body); // the output decodes: it is a real JPEG of that size
    expect(back.headers.get('x-imago-source')).toBe('jpeg 160x107');
  });

  test('200: EXIF orientation 6 comes out upright; a PNG as PNG', async () => {
    const res = await post('?width=300', sample('landscape-exif6.jpg'));
    expect(res.headers.get('x-imago-source')).toBe('jpeg 1200x1800');
    expect(res.headers.get('x-imago-size')).toBe('300x200'); // upright 1800 × 1200
    await res.arrayBuffer();
    const png = await post('?width=100&format=png', sample('chelsea.png'));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });

  test('400: a truncated JPEG', async () => {
    const photo = sample('rocket.jpg');
    const res = await post('?width=100', photo.slice(0, photo.length >> 1));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('ERR_FORMAT');
  });

  test('400: bad parameters, before the body is decoded', async () => {
    expect((await post('?width=-5', sample('rocket.jpg'))).status).toBe(400);
    expect((await post('?width=10&format=tiff', sample('rocket.jpg'))).status).toBe(400);
  });

  test('413: a PNG header declaring 100000 × 100000', async () => {
    const res = await post('?width=100', pngHeader(100_000, 100_000));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).message).toMatch(/100000/);
  });

  test('413: a JPEG header declaring 60000 × 60000', async () => {
    const res = await post('?width=100', jpegWithSize(sample('rocket.jpg'), 60_000, 60_000));
    expect(res.status).toBe(413);
  });

  test('413: a body over maxBytes', async () => {
    const small = createThumbnailHandler({ maxBytes: 100_000 });
    const res = await small(new Request('http://127.0.0.1/?width=10', { method: 'POST', body: sample('chelsea.png') }));
    expect(res.status).toBe(413);
  });

  test('415: a GIF and an HTML page', async () => {
    const gif = await post('?width=10', corpus('gotestdata/triangle-001.gif'));
    expect(gif.status).toBe(415);
    expect((await errorOf(gif)).message).toMatch(/unknown image format.*47 49 46 38/);
    expect((await post('?width=10', '<!doctype html><p>hello')).status).toBe(415);
  });

  test('415: an arithmetic-coded JPEG (recognised, not supported)', async () => {
    const res = await post('?width=10', corpus('jpeg/libjpeg-turbo/testimgari.jpg'));
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('ERR_UNSUPPORTED');
  });
});
