import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { ImagoError, NRGBA, NRGBAImage, OptionError, SizeError, rect, type ImageDataLike } from '../../src/index.js';

function imageData(w: number, h: number, before = 0, after = 0): ImageDataLike {
  const buf = new ArrayBuffer(before + w * h * 4 + after);
  return { width: w, height: h, data: new Uint8ClampedArray(buf, before, w * h * 4) };
}

describe('NRGBAImage.fromImageData: zero-copy', () => {
  test('the image views data (same ArrayBuffer, byteOffset respected); writes show both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(16), fc.nat(16), (w, h, before, after) => {
        const d = imageData(w, h, before, after);
        const img = NRGBAImage.fromImageData(d);
        expect(img.rect.eq(rect(0, 0, w, h))).toBe(true);
        expect(img.stride).toBe(w * 4);
        expect(img.pix.buffer).toBe(d.data.buffer);
        expect(img.pix.byteOffset).toBe(before);
        img.set(w - 1, h - 1, new NRGBA(1, 2, 3, 4));
        expect(Array.from(d.data.subarray(d.data.length - 4))).toEqual([1, 2, 3, 4]);
        d.data[0] = 200;
        expect(img.nrgbaAt(0, 0).r).toBe(200);
      }),
    );
  });

  test('ImageData is straight (non-premultiplied) RGBA: at().rgba() premultiplies', () => {
    const d = imageData(1, 1);
    d.data.set([255, 0, 0, 128]);
    expect(NRGBAImage.fromImageData(d).at(0, 0).rgba()).toEqual([0x8080, 0, 0, 0x8080]);
  });

  test('data shorter than width × height × 4 is a SizeError naming the sizes', () => {
    const d = { width: 4, height: 3, data: new Uint8ClampedArray(47) };
    expect(() => NRGBAImage.fromImageData(d)).toThrow(SizeError);
    expect(() => NRGBAImage.fromImageData(d)).toThrow(/47 bytes.*stride 16.*needs at least 48/);
  });

  test('data that is not a byte array is an OptionError (a TypeError) naming it', () => {
    const d = { width: 1, height: 1, data: [1, 2, 3, 4] as unknown as Uint8ClampedArray };
    expect(() => NRGBAImage.fromImageData(d)).toThrow(OptionError);
    expect(() => NRGBAImage.fromImageData(d)).toThrow(TypeError);
    expect(() => NRGBAImage.fromImageData(d)).toThrow(/data/);
  });
});

describe('NRGBAImage.toImageData', () => {
  afterEach(() => {
    delete (globalThis as { ImageData?: unknown }).ImageData;
  });

  test('a tight image is viewed, not copied', () => {
    const img = new NRGBAImage(rect(3, 4, 8, 9));
    const d = img.toImageData();
    expect([d.width, d.height]).toEqual([5, 5]);
    expect(d.data.buffer).toBe(img.pix.buffer);
    expect(d.data.byteOffset).toBe(img.pix.byteOffset);
    expect(d.data.length).toBe(5 * 5 * 4);
    img.set(3, 4, new NRGBA(9, 8, 7, 6));
    expect(Array.from(d.data.subarray(0, 4))).toEqual([9, 8, 7, 6]);
  });

  test('a full-width view is tight too: viewed at its offset', () => {
    const img = new NRGBAImage(rect(0, 0, 4, 6));
    const rows = img.subImage(rect(0, 2, 4, 4));
    const d = rows.toImageData();
    expect(d.data.buffer).toBe(img.pix.buffer);
    expect(d.data.byteOffset).toBe(2 * 16);
  });

  test('a padded image is copied into packed rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), (w, h, pad) => {
        const stride = w * 4 + pad;
        const pix = new Uint8Array((h - 1) * stride + w * 4).map((_, i) => i * 13);
        const img = new NRGBAImage(rect(-2, 5, w - 2, h + 5), pix, stride);
        const d = img.toImageData();
        expect(d.data.buffer).not.toBe(pix.buffer);
        for (let y = 0; y < h; y++) {
          expect(Array.from(d.data.subarray(y * w * 4, (y + 1) * w * 4))).toEqual(Array.from(pix.subarray(y * stride, y * stride + w * 4)));
        }
        // And back: the round trip keeps every pixel.
        const back = NRGBAImage.fromImageData(d);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(back.at(x, y)).toEqual(img.at(x - 2, y + 5));
      }),
    );
  });

  test('uses the runtime\'s ImageData constructor when there is one', () => {
    class FakeImageData implements ImageDataLike {
      constructor(
        readonly data: Uint8ClampedArray,
        readonly width: number,
        readonly height: number,
      ) {}
    }
    (globalThis as { ImageData?: unknown }).ImageData = FakeImageData;
    const img = new NRGBAImage(rect(0, 0, 2, 3));
    const d = img.toImageData();
    expect(d).toBeInstanceOf(FakeImageData);
    expect(d.data.buffer).toBe(img.pix.buffer);
  });

  test('errors are ImagoErrors', () => {
    try {
      NRGBAImage.fromImageData({ width: -1, height: 1, data: new Uint8ClampedArray(0) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImagoError);
      expect(e).toBeInstanceOf(RangeError);
    }
  });
});
