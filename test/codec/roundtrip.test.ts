import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BufferImage,
  NRGBA64Model,
  NRGBAImage,
  NRGBAModel,
  OptionError,
  pt,
  rect,
  type Image,
} from '../../src/index.js';
import { decode, decodeConfig, encode } from '../../src/codecs.js';
import { corpus } from '../helpers/corpus.js';
import { diffStats, rgba64 } from '../helpers/pixels.js';
import { arbImage, type ArbLayout } from './arb-images.js';

/**
 * Layouts each PNG encoder writes at depth 16. imago's own codec ('png') follows Go: everything but
 * Gray, RGBA, NRGBA, Alpha and Paletted. The pngjs adapter ('pngjs') writes Y'CbCr and CMYK, whose
 * samples have 8 bits, at depth 8.
 */
const WIDE_BY_CODEC: Record<'png' | 'pngjs', Set<string>> = {
  png: new Set<string>(['gray16', 'rgba64', 'nrgba64', 'alpha16', 'cmyk', 'ycbcr']),
  pngjs: new Set<string>(['gray16', 'rgba64', 'nrgba64', 'alpha16']),
};
const WIDE = WIDE_BY_CODEC.png;

/**
 * The colour PNG must give back for c: Go's encoder writes straight alpha, so the law is
 * decode(encode(m)) = NRGBAModel (8-bit) or NRGBA64Model (16-bit) applied to each pixel. For the
 * layouts PNG stores natively (Gray, Gray16, NRGBA, NRGBA64, Paletted of NRGBA, and any opaque
 * image) that conversion is the identity.
 */
function expectPngRoundTrip(img: Image, back: Image, wide: Set<string> = WIDE): void {
  const b = img.bounds();
  const kind = (img as { kind?: string }).kind ?? '';
  const model = wide.has(kind) ? NRGBA64Model : NRGBAModel;
  expect(back.bounds().min.x).toBe(0);
  expect([back.bounds().dx(), back.bounds().dy()]).toEqual([b.dx(), b.dy()]);
  const got = [0, 0, 0, 0];
  for (let y = 0; y < b.dy(); y++) {
    for (let x = 0; x < b.dx(); x++) {
      rgba64(back, x, y, got);
      const want = model.convert(img.at(b.min.x + x, b.min.y + y)).rgba();
      if (got.join() !== want.join()) throw new Error(`${kind} (${x}, ${y}): got ${got}, want ${want}`);
    }
  }
}

describe('PNG encode then decode', () => {
  test('is the identity on the layouts PNG stores, at any origin and stride', async () => {
    const native: ArbLayout[] = ['gray', 'gray16', 'nrgba', 'nrgba64', 'paletted'];
    await fc.assert(
      fc.asyncProperty(arbImage({ layouts: native }), async (img) => {
        const back = await decode(await encode(img, 'png'));
        const c = [0, 0, 0, 0];
        const b = img.bounds();
        for (let y = 0; y < b.dy(); y++) {
          for (let x = 0; x < b.dx(); x++) {
            expect(rgba64(back, x, y).join()).toBe(rgba64(img, b.min.x + x, b.min.y + y, c).join());
          }
        }
        // NRGBA keeps even the colour under zero alpha, byte for byte.
        const kind = (img as BufferImage).kind;
        if (kind === 'nrgba' || kind === 'nrgba64') {
          const m = img as BufferImage;
          const r = back as BufferImage;
          for (let y = 0; y < b.dy(); y++) {
            const row = m.pix.subarray(y * m.stride, y * m.stride + b.dx() * m.bytesPerPixel);
            expect(r.pix.subarray(y * r.stride, y * r.stride + row.length)).toEqual(row);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test.each(['png', 'pngjs'] as const)('%s: is Go\'s straight-alpha conversion for every other layout (RGBA, RGBA64, Alpha, CMYK, Y\'CbCr…)', async (codec) => {
    await fc.assert(
      fc.asyncProperty(arbImage(), async (img) => {
        expectPngRoundTrip(img, await decode(await encode(img, codec)), WIDE_BY_CODEC[codec]);
      }),
      { numRuns: 200 },
    );
  });

  test('opaque images of every layout come back colour for colour', async () => {
    await fc.assert(
      fc.asyncProperty(arbImage({ opaque: true, layouts: ['rgba', 'rgba64', 'nrgba', 'nrgba64', 'alpha', 'paletted', 'gray', 'gray16'] }), async (img) => {
        const back = await decode(await encode(img, 'png'));
        const b = img.bounds();
        for (let y = 0; y < b.dy(); y++) for (let x = 0; x < b.dx(); x++) {
          expect(rgba64(back, x, y).join()).toBe(img.at(b.min.x + x, b.min.y + y).rgba().join());
        }
      }),
      { numRuns: 100 },
    );
  });

  test.each(['png', 'pngjs'] as const)('%s: decoded types follow Go: Gray→Gray, Gray16→Gray16, opaque→RGBA/RGBA64, else NRGBA/NRGBA64', async (codec) => {
    // imago's codec writes a paletted image as a palette PNG and CMYK at 16 bits, as Go does;
    // the pngjs adapter expands palettes and writes CMYK at 8 bits.
    const cases: Array<[ArbLayout, boolean, string]> = [
      ['gray', false, 'gray'],
      ['gray16', false, 'gray16'],
      ['nrgba', true, 'rgba'],
      ['rgba64', true, 'rgba64'],
      ['paletted', true, codec === 'png' ? 'paletted' : 'rgba'],
      ['cmyk', true, codec === 'png' ? 'rgba64' : 'rgba'],
    ];
    for (const [layout, opaque, want] of cases) {
      const img = fc.sample(arbImage({ layouts: [layout], opaque }), { numRuns: 1, seed: 7 })[0];
      const png = await encode(img, codec);
      expect(((await decode(png)) as BufferImage).kind).toBe(want);
      const depth = (await decodeConfig(png)).bitDepth;
      if (want === 'paletted') expect([1, 2, 4, 8]).toContain(depth);
      else expect(depth).toBe(WIDE_BY_CODEC[codec].has(layout) ? 16 : 8);
    }
  });

  test('every compression level, filter and depth decodes to the same pixels', async () => {
    const img = fc.sample(arbImage({ layouts: ['nrgba'], maxSide: 20 }), { numRuns: 1, seed: 3 })[0];
    const want = await decode(await encode(img, 'png'));
    for (const compressionLevel of [0, 1, 6, 9]) {
      for (const filter of ['adaptive', 'none', 'sub', 'up', 'average', 'paeth'] as const) {
        const back = await decode(await encode(img, 'png', { compressionLevel, filter }));
        expect(diffStats(back, want).max).toBe(0);
      }
    }
    for (const compressionLevel of [0, 1, 6, 9]) {
      for (const filter of ['adaptive', 'none', 'sub', 'up', 'average', 'paeth'] as const) {
        const back = await decode(await encode(img, 'pngjs', { compressionLevel, filter }));
        expect(diffStats(back, want).max).toBe(0);
      }
    }
    // Only the pngjs adapter changes the depth; imago's codec writes Go's depth and says so.
    const wide = await decode(await encode(img, 'pngjs', { bitDepth: 16 }));
    expect((wide as BufferImage).kind).toBe('nrgba64');
    expect(diffStats(wide, want).max).toBe(0);
    await expect(encode(img, 'png', { bitDepth: 16 })).rejects.toThrow(/bitDepth 16 is not available/);
    await expect(encode(img, 'pngjs', { compressionLevel: 10 })).rejects.toThrow(/compressionLevel must be an integer 0..9/);
    await expect(encode(img, 'png', { compressionLevel: 10 })).rejects.toThrow(/compressionLevel must be 'default', 'none' or an integer 0 to 9/);
    for (const codec of ['png', 'pngjs']) await expect(encode(img, codec, { filter: 'best' })).rejects.toBeInstanceOf(OptionError);
    await expect(encode(img, 'pngjs', { bitDepth: 4 })).rejects.toThrow(/bitDepth must be 8 or 16/);
  });

  test('encoded bytes are a plain Uint8Array that owns its whole buffer, even when tiny', async () => {
    const img = fc.sample(arbImage({ layouts: ['gray'], maxSide: 2 }), { numRuns: 1, seed: 1 })[0];
    const out = await encode(img, 'png');
    expect(out.constructor).toBe(Uint8Array);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(out.length);
  });
});

describe('JPEG encode then decode', () => {
  /**
   * The bound: PSNR of at least 16 + 0.12 × quality dB (45 dB at quality 100) on crops of real
   * pictures. Measured worst over crops of four pictures: q1 19.2, q10 23.3, q50 28.8, q75 31.7,
   * q90 36.6, q100 50.3 dB. The bound is about quantization, so the files are written 4:4:4
   * (`subsample: '444'`): the default 'jpeg' codec (imago's) subsamples chroma 4:2:0 by default, as
   * Go does, which costs colourful crops a fixed amount at every quality (spec/jpeg.md).
   */
  // 16 rather than 17 at the bottom: a 43x3 crop of video-001 at quality 4 gives 17.26 dB with
  // imago's encoder and with jpeg-js alike (found by a random seed).
  const bound = (q: number) => (q === 100 ? 45 : 16 + 0.12 * q);
  const sources = ['photos/skimage-coffee.png', 'photos/skimage-astronaut.png', 'photos/skimage-camera.png', 'gotestdata/video-001.png'];
  const pictures = Promise.all(sources.map(async (f) => (await decode(corpus(f))) as BufferImage));

  test('stays within the quality-dependent bound, for any crop, origin, size and quality', async () => {
    const pics = await pictures;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          pic: fc.integer({ min: 0, max: pics.length - 1 }),
          x: fc.nat(10_000),
          y: fc.nat(10_000),
          w: fc.integer({ min: 1, max: 64 }),
          h: fc.integer({ min: 1, max: 48 }),
          q: fc.integer({ min: 1, max: 100 }),
          layout: fc.constantFrom('as decoded', 'nrgba', 'ycbcr-ish'),
        }),
        async ({ pic, x, y, w, h, q, layout }) => {
          const p = pics[pic];
          const r = p.rect;
          const x0 = r.min.x + (x % Math.max(1, r.dx() - w));
          const y0 = r.min.y + (y % Math.max(1, r.dy() - h));
          let img: Image = p.subImage(r.intersect(rect(x0, y0, x0 + w, y0 + h)));
          if (layout === 'nrgba') img = toNRGBA(img);
          if (layout === 'ycbcr-ish') img = translated(img, -50, 7); // any Image, read through at()
          const back = await decode(await encode(img, 'jpeg', { quality: q, subsample: '444' }));
          expect(diffStats(back, img).psnr).toBeGreaterThanOrEqual(bound(q));
        },
      ),
      { numRuns: 25 },
    );
  });

  test('quality is checked', async () => {
    const img = (await pictures)[0];
    for (const quality of [0, 101, 50.5, '90']) {
      await expect(encode(img, 'jpeg', { quality })).rejects.toThrow(/quality must be an integer 1..100/);
    }
  });
});

/** An NRGBAImage copy (opaque pictures: the same colours in another layout). */
function toNRGBA(img: Image): NRGBAImage {
  const b = img.bounds();
  const out = new NRGBAImage(b);
  for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) out.set(x, y, img.at(x, y));
  return out;
}

/** img seen through the bare Image interface, moved by (dx, dy). */
function translated(img: Image, dx: number, dy: number): Image {
  return {
    bounds: () => img.bounds().add(pt(dx, dy)),
    colorModel: () => img.colorModel(),
    at: (x: number, y: number) => img.at(x - dx, y - dy),
  };
}
