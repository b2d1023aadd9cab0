import { describe, expect, test } from 'vitest';
import { FormatError, GrayImage, RGBAImage, UnsupportedError, orient, rect, type Image } from '../../src/index.js';
import { createRegistry } from '../../src/index.js';
import {
  decode as decodeWith,
  decodeConfig as decodeConfigWith,
  jpegjsCodec,
  pngjsCodec,
  type WithRegistry,
} from '../../src/codecs.js';
import type { DecodeCallOptions } from '../../src/codec/registry.js';

/**
 * These tests are about the jpeg-js adapter, which the default registry reaches only by its name
 * (imago's own codec is its 'jpeg'; test/codec/jpeg/ tests that one): decode through a registry of
 * the two adapters.
 */
const adapters = createRegistry([pngjsCodec, jpegjsCodec]);
const decode = (b: Uint8Array, o: DecodeCallOptions & WithRegistry = {}) => decodeWith(b, { registry: adapters, ...o });
const decodeConfig = (b: Uint8Array, o: DecodeCallOptions & WithRegistry = {}) => decodeConfigWith(b, { registry: adapters, ...o });
import { corpus, corpusFiles } from '../helpers/corpus.js';
import { diffStats, rgba64, sameColours } from '../helpers/pixels.js';

/**
 * JPEG corpus through the jpeg-js adapter. Tolerances are in 8-bit levels and stated per set:
 * jpeg-js is not Go's decoder (different IDCT rounding, nearest-neighbour chroma upsampling where
 * libjpeg interpolates), so exact equality is not expected.
 */

/** Largest difference in Rec.601 luma (0.299 R + 0.587 G + 0.114 B), in 8-bit levels. */
function lumaMax(a: Image, b: Image): number {
  const w = a.bounds().dx();
  const h = a.bounds().dy();
  const c = [0, 0, 0, 0];
  const d = [0, 0, 0, 0];
  let max = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      rgba64(a, a.bounds().min.x + x, a.bounds().min.y + y, c);
      rgba64(b, b.bounds().min.x + x, b.bounds().min.y + y, d);
      const l = 0.299 * (c[0] - d[0]) + 0.587 * (c[1] - d[1]) + 0.114 * (c[2] - d[2]);
      max = Math.max(max, Math.abs(l) / 257);
    }
  }
  return max;
}

describe("Go's testdata JPEGs", () => {
  // Go's own image/decode_test.go pairs, with Go's tolerance: every channel within 8 levels (8 << 8).
  const GO_PAIRS: Array<[jpeg: string, png: string]> = [
    ['video-001.jpeg', 'video-001.png'],
    ['video-001.progressive.jpeg', 'video-001.png'],
    ['video-001.221212.jpeg', 'video-001.221212.png'],
    ['video-001.cmyk.jpeg', 'video-001.cmyk.png'],
    ['video-001.rgb.jpeg', 'video-001.rgb.png'],
    ['video-001.progressive.truncated.jpeg', 'video-001.progressive.truncated.png'],
    ['video-005.gray.jpeg', 'video-005.gray.png'],
  ];
  test.each(GO_PAIRS)('%s is within 8 levels of %s', async (jpeg, png) => {
    const img = await decode(corpus(`gotestdata/${jpeg}`));
    const ref = await decode(corpus(`gotestdata/${png}`));
    expect(diffStats(img, ref).max).toBeLessThanOrEqual(8);
    const config = await decodeConfig(corpus(`gotestdata/${jpeg}`));
    expect(config.colorModel).toBe(img.colorModel());
  });

  // The others have no twin of their own: they are lossy (mostly quality 50) encodings of the same
  // picture, so they are compared with the source picture by PSNR. Measured minimum: 28.2 dB.
  const PAIRED = new Set(GO_PAIRS.map(([j]) => j));
  const OTHERS = corpusFiles('gotestdata', /\.jpeg$/).filter((f) => !PAIRED.has(f));
  test('every Go testdata JPEG is covered', () => expect(OTHERS.length + PAIRED.size).toBe(26));
  test.each(OTHERS)('%s is within PSNR 28 dB of its source picture', async (jpeg) => {
    const img = await decode(corpus(`gotestdata/${jpeg}`));
    const src = jpeg.startsWith('video-005') ? 'video-005.gray.png' : 'video-001.png';
    expect(diffStats(img, await decode(corpus(`gotestdata/${src}`))).psnr).toBeGreaterThanOrEqual(28);
  });

  // Go's TestDecodeProgressive: a progressive file decodes exactly as its baseline twin.
  const PROGRESSIVE = corpusFiles('gotestdata', /\.progressive\.jpeg$/);
  test.each(PROGRESSIVE)('%s equals its baseline twin exactly', async (f) => {
    const a = await decode(corpus(`gotestdata/${f}`));
    const b = await decode(corpus(`gotestdata/${f.replace('.progressive', '')}`));
    expect(sameColours(a, b)).toBe(true);
  });

  test('grey JPEGs decode to GrayImage, colour ones to RGBAImage', async () => {
    expect(await decode(corpus('gotestdata/video-005.gray.jpeg'))).toBeInstanceOf(GrayImage);
    expect(await decode(corpus('gotestdata/video-001.q50.420.jpeg'))).toBeInstanceOf(RGBAImage);
  });
});

describe('jpeg-decoder reftest pairs', () => {
  const DIR = 'jpeg/jpeg-decoder/reftest';
  const ALL = [
    ...corpusFiles(DIR, /\.jpg$/).map((f) => `${DIR}/${f}`),
    ...corpusFiles(`${DIR}/mozilla`, /\.jpg$/).map((f) => `${DIR}/mozilla/${f}`),
    ...corpusFiles(`${DIR}/lossless/1`, /\.jpg$/).map((f) => `${DIR}/lossless/1/${f}`),
    ...corpusFiles(`${DIR}/lossless/2`, /\.jpg$/).map((f) => `${DIR}/lossless/2/${f}`),
  ];
  /** The documented failures: the error class and the feature the message must name. */
  const EXPECTED_ERRORS: Record<string, [typeof UnsupportedError | typeof FormatError, RegExp]> = {
    'mjpeg.jpg': [UnsupportedError, /Huffman table DC0.*Motion-JPEG/],
    // A progressive scan cut short by the next marker: jpeg-js stops; libjpeg and jpeg-decoder
    // show what they have. Documented in spec/codecs.md.
    'partial_progressive.jpg': [FormatError, /unexpected marker/],
  };
  // Files whose reference is not within the luma bound (see below), with their own bound.
  const CMYK_SUBSAMPLED = 'jpg-cmyk-2.jpg';

  test('there are 48 reftest JPEGs', () => expect(ALL.length).toBe(48));

  test.each(ALL)('%s', async (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const bytes = corpus(path);
    const run = decode(bytes);
    if (path.includes('/lossless/')) {
      await expect(run).rejects.toThrow(UnsupportedError);
      await expect(run).rejects.toThrow(/lossless \(SOF3\)/);
      return;
    }
    const expected = EXPECTED_ERRORS[name];
    if (expected !== undefined) {
      await expect(run).rejects.toThrow(expected[0]);
      await expect(run).rejects.toThrow(expected[1]);
      return;
    }
    const img = await run;
    const ref = await decode(corpus(path.replace(/\.jpg$/, '.png')));
    const s = diffStats(img, ref);
    if (name === CMYK_SUBSAMPLED) {
      // CMYK with 2x2-subsampled C: jpeg-js's CMYK maths and chroma upsampling both differ from
      // ImageMagick's; measured PSNR 35.5 dB, mean 0.59 levels.
      expect(s.psnr).toBeGreaterThanOrEqual(35);
      return;
    }
    // Luma is untouched by the chroma upsampling method, so it is held tight: every pixel within
    // 3 levels (measured ≤ 2.9). Files without chroma subsampling are held per channel: 4 levels.
    expect(lumaMax(img, ref)).toBeLessThanOrEqual(3);
    if (!/jpg-size|jpg-progressive|extraneous-data|16bit-qtables|jpg-cmyk/.test(name)) expect(s.max).toBeLessThanOrEqual(4);
  });

  test('a .jpg that is really a PNG is sniffed as PNG (the name is never trusted)', async () => {
    const c = await decodeConfig(corpus(`${DIR}/mozilla/jpg-size-6x6.jpg`));
    expect(c.format).toBe('png');
  });
});

describe('libjpeg-turbo test images', () => {
  test('testorig.jpg is within 8 luma levels and PSNR 40 dB of libjpeg\'s own decode (testorig.ppm)', async () => {
    const img = await decode(corpus('jpeg/libjpeg-turbo/testorig.jpg'));
    const ppm = corpus('jpeg/libjpeg-turbo/testorig.ppm');
    const head = new TextDecoder().decode(ppm.subarray(0, 20)).split(/\s+/);
    expect(head.slice(0, 4)).toEqual(['P6', '227', '149', '255']);
    const data = ppm.subarray(ppm.length - 227 * 149 * 3);
    const ref = new RGBAImage(rect(0, 0, 227, 149));
    for (let i = 0; i < 227 * 149; i++) ref.pix.set([data[i * 3], data[i * 3 + 1], data[i * 3 + 2], 255], i * 4);
    // libjpeg interpolates chroma and clamps per channel, which moves luma at saturated edges:
    // measured luma max 7.3 levels, PSNR 40.8 dB.
    expect(lumaMax(img, ref)).toBeLessThanOrEqual(8);
    expect(diffStats(img, ref).psnr).toBeGreaterThanOrEqual(40);
  });

  test('arithmetic coding and 12-bit precision are UnsupportedErrors naming the feature', async () => {
    await expect(decode(corpus('jpeg/libjpeg-turbo/testimgari.jpg'))).rejects.toThrow(/arithmetic coding.*SOF9/);
    await expect(decode(corpus('jpeg/libjpeg-turbo/testimgari.jpg'))).rejects.toBeInstanceOf(UnsupportedError);
    await expect(decodeConfig(corpus('jpeg/libjpeg-turbo/monkey12.jpg'))).rejects.toThrow(/12-bit precision/);
  });
});

describe('jpeg-js fixtures', () => {
  const FILES = corpusFiles('jpeg/jpeg-js', /\.jpg$/).filter((f) => f !== 'black-6000x6000.jpg');
  test.each(FILES)('%s decodes to its declared size', async (f) => {
    const bytes = corpus(`jpeg/jpeg-js/${f}`);
    const config = await decodeConfig(bytes);
    const img = await decode(bytes);
    expect([img.bounds().dx(), img.bounds().dy()]).toEqual([config.width, config.height]);
  });

  test('the 6000x6000 image is refused by a 32-megapixel limit before decoding, and fits the default', async () => {
    const bytes = corpus('jpeg/jpeg-js/black-6000x6000.jpg');
    await expect(decode(bytes, { limits: { maxPixels: 32_000_000 } })).rejects.toThrow(/6000x6000 = 36000000 pixels exceeds limits.maxPixels = 32000000/);
    const c = await decodeConfig(bytes);
    expect([c.width, c.height]).toEqual([6000, 6000]);
  });
});

describe('EXIF orientation set', () => {
  const SIZE = { Landscape: [1800, 1200], Portrait: [1200, 1800] } as const;
  for (const kind of ['Landscape', 'Portrait'] as const) {
    const upright = decode(corpus(`jpeg/exif-orientation/${kind}_1.jpg`));
    test.each([0, 1, 2, 3, 4, 5, 6, 7, 8])(`${kind}_%i comes out upright with autoOrient`, async (o) => {
      const bytes = corpus(`jpeg/exif-orientation/${kind}_${o}.jpg`);
      const config = await decodeConfig(bytes);
      expect(config.orientation).toBe(o === 0 ? undefined : o); // 0 is "undefined" in EXIF
      const img = await decode(bytes, { autoOrient: true });
      expect([img.bounds().dx(), img.bounds().dy()]).toEqual(SIZE[kind]);
      // Each file is a separate lossy encoding with its number drawn on it, so the bound is on
      // the whole picture: PSNR ≥ 27 dB against orientation 1 (measured minimum 27.0).
      const ref = await upright;
      expect(diffStats(img, ref, 2).psnr).toBeGreaterThanOrEqual(27);
      // And no other orientation of the stored pixels matches as well: the test can fail.
      if (o >= 2) {
        // The stored pixels, recovered from the upright image (6 and 8 undo each other; the rest undo themselves).
        const raw = orient(img, o === 6 ? 8 : o === 8 ? 6 : o);
        const own = diffStats(img, ref, 4).mean;
        for (let other = 1; other <= 8; other++) {
          if (other === o) continue;
          const cand = orient(raw, other);
          if (cand.bounds().dx() !== ref.bounds().dx()) continue;
          expect(diffStats(cand, ref, 4).mean).toBeGreaterThan(own * 2);
        }
      }
    });
  }
});
