/**
 * Decoding memory: a decode allocates the output image and a fixed working set (the inflater's
 * 128 KiB output and 16 KiB input buffers, Huffman tables, a few scanlines), and no garbage per
 * chunk or per piece. Measured, not timed: `process.memoryUsage().arrayBuffers` counts every
 * ArrayBuffer not yet collected, live or garbage, so it is sampled while the decode runs and its
 * peak growth compared with the output image.
 *
 * The decode reads a stream whose pieces are views of one buffer (so the input adds no
 * ArrayBuffers), and every pull samples: the decoder pulls whenever it needs input, so the samples
 * are spread over the whole decode. The previous decoder, over DecompressionStream, left a 16 KiB
 * ArrayBuffer of garbage per inflated piece and failed this by megabytes.
 */
import { describe, expect, test } from 'vitest';
import { readPng } from '../../../src/codec/png/decoder.js';
import { encodePng } from '../../../src/codec/png/encoder.js';
import { rect } from '../../../src/geom/rectangle.js';
import { NRGBAImage } from '../../../src/image/nrgba-image.js';
import { RGBAImage } from '../../../src/image/rgba-image.js';
import { forceGC } from '../../helpers/gc.js';

const MiB = 1 << 20;

/** A photo-like image: smooth gradients plus noise, so the stream mixes literals and matches. */
function photo<T extends RGBAImage | NRGBAImage>(make: (w: number, h: number) => T, w: number, h: number, alpha: boolean): T {
  const img = make(w, h);
  let x = 12345;
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const n = (x >>> 28) - 8;
      const o = y * img.stride + i * 4;
      img.pix[o] = (i + n) & 0xff;
      img.pix[o + 1] = (y + n) & 0xff;
      img.pix[o + 2] = ((i * y) >> 8) & 0xff;
      img.pix[o + 3] = alpha ? (i ^ y) & 0xff : 0xff;
    }
  }
  return img;
}

/** Decodes `png` from a stream of 16 KiB views, sampling arrayBuffers at every pull. */
async function peakGrowth(png: Uint8Array): Promise<{ peak: number; out: number; samples: number }> {
  await forceGC();
  const base = process.memoryUsage().arrayBuffers;
  let peak = 0;
  let samples = 0;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        samples++;
        if (i >= png.length) return c.close();
        c.enqueue(png.subarray(i, i + 16384));
        i += 16384;
      },
    },
    { highWaterMark: 0 },
  );
  const { image } = await readPng(stream);
  peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
  return { peak, out: image.pix.length, samples };
}

/** An 8-bit RGB PNG of a 2000x1500 photo-like image, encoded once for the tests below. */
let rgbPng: Promise<Uint8Array> | undefined;
function rgb2000(): Promise<Uint8Array> {
  return (rgbPng ??= encodePng(photo((w, h) => new RGBAImage(rect(0, 0, w, h)), 2000, 1500, false)));
}

describe('decoding memory is the output image plus a fixed working set', () => {
  test('8-bit RGB, 2000x1500 (12 MB of output): at most 1 MiB more, at every read', async () => {
    const png = await rgb2000();
    const { peak, out, samples } = await peakGrowth(png);
    expect(out).toBe(2000 * 1500 * 4);
    expect(samples).toBeGreaterThan(png.length / 16384);
    expect(peak).toBeGreaterThanOrEqual(out);
    expect(peak - out).toBeLessThan(MiB);
  });

  test('16-bit RGBA (rows reconstructed into the image), 1000x800: at most 1 MiB more', async () => {
    const src = photo((w, h) => new NRGBAImage(rect(0, 0, w, h)), 1000, 800, true);
    // NRGBA with alpha encodes as 8-bit RGBA; widen it to 16 bits through the 64-bit type.
    const { NRGBA64Image } = await import('../../../src/image/nrgba64-image.js');
    const wide = new NRGBA64Image(src.rect);
    for (let p = 0, q = 0; p < src.pix.length; p++, q += 2) {
      wide.pix[q] = src.pix[p];
      wide.pix[q + 1] = src.pix[p] ^ 0x5a;
    }
    const png = await encodePng(wide);
    const { peak, out } = await peakGrowth(png);
    expect(out).toBe(1000 * 800 * 8);
    expect(peak - out).toBeLessThan(MiB);
  });
});

describe('a long decode from bytes yields to the event loop', () => {
  test('a 2000x1500 decode lets a timer run and an AbortSignal.timeout stop it', async () => {
    const png = await rgb2000();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await readPng(png);
    } finally {
      clearInterval(timer);
    }
    // Inflating runs on this thread; it yields after every 30 ms of work (this decode takes over
    // 100 ms on a fast machine).
    expect(ticks).toBeGreaterThan(0);
    const { AbortError } = await import('../../../src/errors.js');
    await expect(readPng(png, { signal: AbortSignal.timeout(5) })).rejects.toBeInstanceOf(AbortError);
  });
});
