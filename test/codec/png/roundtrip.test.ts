import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Color } from '../../../src/color/color.js';
import { Gray16Model, GrayModel, NRGBA64Model, NRGBAModel } from '../../../src/color/models.js';
import { Palette } from '../../../src/color/palette.js';
import { NRGBA } from '../../../src/color/nrgba.js';
import { AbortError } from '../../../src/errors.js';
import { readPng } from '../../../src/codec/png/decoder.js';
import { encodePng, encodePngStream } from '../../../src/codec/png/encoder.js';
import { ENCODING_BITS, genericRowFiller, rowFiller, type Encoding } from '../../../src/codec/png/encode-rows.js';
import type { PngImage } from '../../../src/codec/png/pixels.js';
import type { Image } from '../../../src/image/image.js';
import { arbImage, hideLayout, type Kind } from './arb.js';
import { pngjsRGBA64 } from './pngjs-ref.js';
import { firstDifference, streamOf } from './helpers.js';

/**
 * Encode → decode laws, checked by fast-check on images of every kind, with random origins,
 * padded strides and palettes of every size (so every bit depth the encoder writes: palettes of 1,
 * 2, 4 and 8 bits, grey 8 and 16, truecolour 8 and 16, with and without alpha).
 */

const RUNS = { numRuns: 150 };

/** The layouts whose values PNG stores exactly, and what each decodes to (Go's choice). */
function losslessLayouts(kind: Kind, opaque: boolean): PngImage['kind'][] | null {
  switch (kind) {
    case 'gray':
      return ['gray'];
    case 'gray16':
      return ['gray16'];
    case 'nrgba':
      return opaque ? ['rgba'] : ['nrgba', 'rgba'];
    case 'nrgba64':
      return opaque ? ['rgba64'] : ['nrgba64', 'rgba64'];
    case 'rgba':
      return opaque ? ['rgba'] : null;
    case 'rgba64':
      return opaque ? ['rgba64'] : null;
    case 'paletted':
      return ['paletted'];
    default:
      return null;
  }
}

/** Row y of a buffer image, tight. */
function rowBytesOf(img: { pix: Uint8Array; stride: number; rect: { dx(): number; min: { y: number } }; bytesPerPixel: number }, y: number): Uint8Array {
  const o = (y - img.rect.min.y) * img.stride;
  return img.pix.subarray(o, o + img.rect.dx() * img.bytesPerPixel);
}

/** The colour the encoder must store for c under an image of the given kind (Go's conversion). */
function stored(img: Image, c: Color, decodedKind: PngImage['kind']): Color {
  const m = img.colorModel();
  if (m instanceof Palette) return NRGBAModel.convert(c);
  switch (decodedKind) {
    case 'gray':
      return GrayModel.convert(c);
    case 'gray16':
      return Gray16Model.convert(c);
    case 'rgba':
    case 'nrgba':
      return NRGBAModel.convert(c);
    default:
      return NRGBA64Model.convert(c);
  }
}

describe('PNG round trip', () => {
  test('encode then decode is identity for every lossless type, depth and origin', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage(['gray', 'gray16', 'nrgba', 'nrgba64', 'rgba', 'rgba64', 'paletted']), async ({ kind, image, opaque }) => {
        const layouts = losslessLayouts(kind, opaque);
        fc.pre(layouts !== null);
        const { image: out } = await readPng(await encodePng(image));
        const b = image.bounds();
        expect([out.rect.min.x, out.rect.min.y, out.rect.dx(), out.rect.dy()]).toEqual([0, 0, b.dx(), b.dy()]);
        expect(layouts).toContain(out.kind);
        const src = image as unknown as Parameters<typeof rowBytesOf>[0];
        for (let y = b.min.y; y < b.max.y; y++) expect(rowBytesOf(out, y - b.min.y)).toEqual(rowBytesOf(src, y));
        if (out.kind === 'paletted') {
          // Indices are kept; each palette entry keeps its colour (translucent RGBA entries
          // become the NRGBA that Go's writer stores).
          const pal = (image.colorModel() as Palette).colors;
          expect(out.palette.length).toBe(pal.length);
          pal.forEach((c, i) => expect(out.palette.colors[i].rgba()).toEqual(NRGBAModel.convert(c).rgba()));
        }
      }),
      RUNS,
    );
  });

  test('every image kind decodes to Go’s conversion of its colours', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage(), async ({ image }) => {
        const { image: out } = await readPng(await encodePng(image));
        const b = image.bounds();
        for (let y = b.min.y; y < b.max.y; y++) {
          for (let x = b.min.x; x < b.max.x; x++) {
            const want = stored(image, image.at(x, y), out.kind).rgba();
            expect(out.at(x - b.min.x, y - b.min.y).rgba()).toEqual(want);
          }
        }
      }),
      RUNS,
    );
  });

  test('pngjs decodes every file we encode to the colours we decode', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage(), fc.constantFrom<'default' | 'none'>('default', 'none'), async ({ image }, level) => {
        const png = await encodePng(image, { compressionLevel: level });
        const ref = pngjsRGBA64(png);
        const { image: out } = await readPng(png);
        const px = new Uint32Array(4);
        const ours = new Uint32Array(ref.rgba.length);
        for (let y = 0; y < ref.height; y++) {
          for (let x = 0; x < ref.width; x++) {
            out.loadRGBA64(x, y, px);
            ours.set(px, 4 * (y * ref.width + x));
          }
        }
        expect(firstDifference(ours, ref.rgba)).toBe('');
      }),
      RUNS,
    );
  });

  test('compression "none", filter "none" and streamed input give the same image', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage(), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), async ({ image }, sizes) => {
        const a = (await readPng(await encodePng(image))).image;
        const b = (await readPng(await encodePng(image, { compressionLevel: 'none' }))).image;
        const c = (await readPng(await encodePng(image, { filter: 'none' }))).image;
        const d = (await readPng(streamOf(await encodePng(image), sizes))).image;
        for (const o of [b, c, d]) {
          expect(o.kind).toBe(a.kind);
          expect(firstDifference(o.pix, a.pix)).toBe('');
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('encoder fast paths equal the generic path', () => {
  const ENCODINGS: Encoding[] = ['G8', 'G16', 'TC8', 'TCA8', 'TC16', 'TCA16', 'P1', 'P2', 'P4', 'P8'];

  test('every row filler writes the generic bytes, for every encoding a kind can take', () => {
    fc.assert(
      fc.property(arbImage(), fc.constantFrom(...ENCODINGS), ({ image, opaque }, enc) => {
        const isPal = image.colorModel() instanceof Palette;
        // Paletted encodings need palette indices; opaque encodings need opaque images.
        fc.pre(enc.startsWith('P') === isPal);
        fc.pre(!(enc === 'TC8' || enc === 'TC16') || opaque || image.colorModel() === GrayModel || image.colorModel() === Gray16Model);
        if (isPal) {
          const n = (image.colorModel() as Palette).length;
          fc.pre(n <= 1 << ENCODING_BITS[enc]);
        }
        const b = image.bounds();
        const n = Math.ceil((b.dx() * ENCODING_BITS[enc]) / 8);
        const fast = new Uint8Array(1 + n);
        const slow = new Uint8Array(1 + n);
        const f = rowFiller(image, enc);
        const g = genericRowFiller(image, enc);
        for (let y = b.min.y; y < b.max.y; y++) {
          f(y, fast);
          g(y, slow);
          expect(fast).toEqual(slow);
        }
      }),
      { numRuns: 600 },
    );
  });

  test('an image behind a plain Image interface encodes to the same file', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage(), async ({ image }) => {
        expect(firstDifference(await encodePng(hideLayout(image)), await encodePng(image))).toBe('');
      }),
      RUNS,
    );
  });
});

describe('encodePngStream', () => {
  test('is lazy, pull-based, and cancel releases it', async () => {
    const { image } = fc.sample(arbImage(['rgba'], 300, 300), { seed: 1, numRuns: 1 })[0];
    const stream = encodePngStream(image);
    const reader = stream.getReader();
    const first = await reader.read();
    // The first piece is the signature and the header chunks.
    expect(Array.from(first.value!.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await reader.cancel(new Error('enough'));
    expect((await reader.read()).done).toBe(true);
  });

  test('produces rows only as the reader pulls (backpressure)', async () => {
    // A 1000x1000 noisy image behind the plain Image interface, counting pixel reads.
    const { image } = fc.sample(arbImage(['nrgba'], 1, 1), { seed: 3, numRuns: 1 })[0];
    let reads = 0;
    const big = {
      bounds: () => ({ ...image.bounds(), min: { x: 0, y: 0 }, max: { x: 1000, y: 1000 }, dx: () => 1000, dy: () => 1000 }),
      colorModel: () => image.colorModel(),
      at: (x: number, y: number) => {
        reads++;
        return new NRGBA((x * 7919 + y * 104729) & 0xff, (x ^ y) & 0xff, (x * y) & 0xff, 0x80);
      },
    } as unknown as Image;
    const reader = encodePngStream(big).getReader();
    // Only the opacity scan has run (it stops at the first translucent pixel); no rows yet.
    expect(reads).toBe(1);
    reads = 0;
    await reader.read(); // header
    await reader.read(); // first IDAT
    await new Promise((r) => setTimeout(r, 50));
    // Far fewer than the million pixels: the producer waits for the reader.
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(500_000);
    await reader.cancel();
  });

  test('an aborted signal errors the stream with AbortError', async () => {
    const { image } = fc.sample(arbImage(['gray'], 400, 400), { seed: 4, numRuns: 1 })[0];
    const ac = new AbortController();
    const reader = encodePngStream(image, { signal: ac.signal }).getReader();
    await reader.read();
    ac.abort();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) break;
      })(),
    ).rejects.toBeInstanceOf(AbortError);
  });

  test('pieces concatenate to what encodePng returns', async () => {
    const { image } = fc.sample(arbImage(['nrgba'], 400, 200), { seed: 2, numRuns: 1 })[0];
    const parts: Uint8Array[] = [];
    const reader = encodePngStream(image).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    expect(parts.length).toBeGreaterThan(2);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      joined.set(p, o);
      o += p.length;
    }
    expect(firstDifference(joined, await encodePng(image))).toBe('');
  });
});
