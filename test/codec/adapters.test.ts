import jpegjs from 'jpeg-js';
import pngjs from 'pngjs';
import { afterEach, describe, expect, test } from 'vitest';
import { BufferImage, DEFAULT_LIMITS, GrayImage, LimitError, NRGBA64Image, RGBAImage, UnsupportedError, rect } from '../../src/index.js';
import { encode, jpegjsCodec, pngjsCodec } from '../../src/codecs.js';
import { createRegistry } from '../../src/codec/registry.js';
import { corpus } from '../helpers/corpus.js';

/**
 * What the adapters hand to, and take from, pngjs and jpeg-js. The libraries are CommonJS, so the
 * test and the adapters share one module object; wrapping its functions lets the test see the
 * arrays the libraries return and the options they receive.
 */
type Fn = (...args: never[]) => unknown;
const restore: Array<() => void> = [];
function spy<T extends object, K extends keyof T>(obj: T, key: K, wrap: (orig: T[K]) => T[K]): void {
  const orig = obj[key];
  obj[key] = wrap(orig);
  restore.push(() => (obj[key] = orig));
}
afterEach(() => restore.splice(0).forEach((r) => r()));

describe('pngjs adapter buffers', () => {
  // The default registry decodes PNG with imago's own codec; these tests are about pngjs.
  const viaPngjs = createRegistry([pngjsCodec]);

  test('8-bit RGBA output becomes pix without a copy', async () => {
    let out: Uint8Array | undefined;
    spy(pngjs.PNG.sync, 'read', (orig) => ((...a: Parameters<typeof orig>) => {
      const r = orig(...a);
      out = r.data as Uint8Array;
      return r;
    }) as typeof orig);
    const img = (await viaPngjs.decode(corpus('pngsuite/basn2c08.png'))) as RGBAImage;
    expect(img).toBeInstanceOf(RGBAImage);
    expect(img.pix.buffer).toBe(out!.buffer);
  });

  test('16-bit output is byte-swapped in place: same buffer, big-endian samples', async () => {
    let out: Uint16Array | undefined;
    spy(pngjs.PNG.sync, 'read', (orig) => ((...a: Parameters<typeof orig>) => {
      const r = orig(...a);
      out = r.data as Uint16Array;
      return r;
    }) as typeof orig);
    const img = (await viaPngjs.decode(corpus('pngsuite/basn6a16.png'))) as NRGBA64Image;
    expect(img).toBeInstanceOf(NRGBA64Image);
    expect(img.pix.buffer).toBe(out!.buffer);
    expect(img.pix.byteOffset).toBe(out!.byteOffset);
  });

  test('a view into a larger (pooled, shared) buffer is copied out, never wrapped', async () => {
    let shared: ArrayBuffer | undefined;
    spy(pngjs.PNG.sync, 'read', (orig) => ((...a: Parameters<typeof orig>) => {
      const r = orig(...a);
      // What Node's Buffer pool hands out for small sizes: a view at an offset into a bigger buffer
      // that holds other data.
      const view = new Uint8Array(new ArrayBuffer(8192), 16, (r.data as Uint8Array).length);
      view.set(r.data as Uint8Array);
      shared = view.buffer;
      return { ...r, data: view };
    }) as typeof orig);
    const m = (await viaPngjs.decode(corpus('pngsuite/basn2c08.png'))) as RGBAImage;
    expect(m).toBeInstanceOf(RGBAImage);
    expect(m.pix.buffer).not.toBe(shared);
    expect(m.pix.byteOffset).toBe(0);
    expect(m.pix.buffer.byteLength).toBe(m.pix.length);
  });

  test('Gray, Gray16 and Paletted get buffers of their own size', async () => {
    for (const f of ['basn0g08.png', 'basn0g16.png', 'basn3p08.png']) {
      const m = (await viaPngjs.decode(corpus(`pngsuite/${f}`))) as BufferImage;
      expect(m.pix.buffer.byteLength).toBe(m.rect.dx() * m.rect.dy() * m.bytesPerPixel);
    }
  });
});

// The default registry decodes JPEG with imago's own codec; these tests are about jpeg-js.
const viaJpegjs = createRegistry([jpegjsCodec]);
const decode = (b: Uint8Array, o: { limits?: { maxPixels?: number } } = {}) => viaJpegjs.decode(b, o);

describe('jpeg-js adapter', () => {
  test('RGBA output becomes pix without a copy', async () => {
    let out: Uint8Array | undefined;
    spy(jpegjs, 'decode', (orig) => ((...a: Parameters<typeof orig>) => {
      const r = (orig as Fn)(...(a as unknown as never[])) as { data: Uint8Array };
      out = r.data;
      return r;
    }) as typeof orig);
    const img = (await decode(corpus('gotestdata/video-001.q50.420.jpeg'))) as RGBAImage;
    expect(img.pix.buffer).toBe(out!.buffer);
  });

  test("jpeg-js's own limits come from imago's, never its defaults", async () => {
    const seen: Array<Record<string, unknown>> = [];
    spy(jpegjs, 'decode', (orig) => ((data: Uint8Array, opts: Record<string, unknown>) => {
      seen.push(opts);
      return (orig as Fn)(...([data, opts] as never[]));
    }) as unknown as typeof orig);
    await decode(corpus('gotestdata/video-001.q50.420.jpeg'));
    await decode(corpus('gotestdata/video-001.q50.420.jpeg'), { limits: { maxPixels: 1_000_000 } });
    expect(seen[0].maxResolutionInMP).toBe(DEFAULT_LIMITS.maxPixels / 1e6);
    expect(seen[1].maxResolutionInMP).toBe(1);
    // The memory cap is what this 150x103 4:2:0 file needs, far below jpeg-js's 512 MB default:
    // Y 19x13 blocks padded to 10x7 MCUs of 2x2 → 20x14 blocks, Cb and Cr 10x7 each, 256 B a block.
    const mb = seen[0].maxMemoryUsageInMB as number;
    expect(mb).toBeGreaterThan(((20 * 14 + 2 * 10 * 7) * 256 + 150 * 103 * 7) / 2 ** 20);
    expect(mb).toBeLessThan(1);
    expect(seen[0].useTArray).toBe(true);
  });

  test('a grey JPEG becomes a GrayImage of its own size', async () => {
    const m = (await decode(corpus('gotestdata/video-005.gray.jpeg'))) as GrayImage;
    expect(m).toBeInstanceOf(GrayImage);
    expect(m.pix.buffer.byteLength).toBe(150 * 103);
  });
});

describe('limits inside the libraries', () => {
  test("jpeg-js's memory cap tripping is a LimitError, not a FormatError", async () => {
    spy(jpegjs, 'decode', (orig) => ((data: Uint8Array, opts: Record<string, unknown>) =>
      (orig as Fn)(...([data, { ...opts, maxMemoryUsageInMB: 0.01 }] as never[]))) as unknown as typeof orig);
    const err = await decode(corpus('gotestdata/video-001.q50.420.jpeg')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as Error).message).toMatch(/maxMemoryUsageInMB limit exceeded/);
  });

  test('empty images cannot be encoded', async () => {
    await expect(encode(new GrayImage(rect(0, 0, 0, 5)), 'png')).rejects.toBeInstanceOf(UnsupportedError);
    await expect(encode(new GrayImage(rect(0, 0, 5, 0)), 'jpeg')).rejects.toBeInstanceOf(UnsupportedError);
  });
});
