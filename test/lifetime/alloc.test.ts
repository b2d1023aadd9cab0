/**
 * The one allocation path: every image constructor validates its rectangle, stride and buffer,
 * and refuses sizes over the pixel limit, with typed errors that name the values.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  Alpha16Image,
  AlphaImage,
  CMYKImage,
  Gray16Image,
  GrayImage,
  ImagoError,
  LimitError,
  NRGBA64Image,
  NRGBAImage,
  NYCbCrAImage,
  OptionError,
  PalettedImage,
  Point,
  RGBA64Image,
  RGBAImage,
  Rectangle,
  SizeError,
  YCbCrImage,
  getAllocationLimits,
  plan9,
  pt,
  rect,
  setAllocationLimits,
  type SubsampleRatio,
} from '../../src/index.js';
import { allocBytes, pixelBufferLength } from '../../src/lifetime/alloc.js';

type Ctor = (r: Rectangle, pix?: Uint8Array, stride?: number) => unknown;

const CTORS: [name: string, bpp: number, make: Ctor][] = [
  ['RGBAImage', 4, (r, p, s) => new RGBAImage(r, p, s)],
  ['RGBA64Image', 8, (r, p, s) => new RGBA64Image(r, p, s)],
  ['NRGBAImage', 4, (r, p, s) => new NRGBAImage(r, p, s)],
  ['NRGBA64Image', 8, (r, p, s) => new NRGBA64Image(r, p, s)],
  ['AlphaImage', 1, (r, p, s) => new AlphaImage(r, p, s)],
  ['Alpha16Image', 2, (r, p, s) => new Alpha16Image(r, p, s)],
  ['GrayImage', 1, (r, p, s) => new GrayImage(r, p, s)],
  ['Gray16Image', 2, (r, p, s) => new Gray16Image(r, p, s)],
  ['CMYKImage', 4, (r, p, s) => new CMYKImage(r, p, s)],
  ['PalettedImage', 1, (r, p, s) => new PalettedImage(r, plan9, p, s)],
];

const PLANAR: [name: string, make: (r: Rectangle) => unknown][] = [
  ['YCbCrImage', (r) => new YCbCrImage(r, '422')],
  ['NYCbCrAImage', (r) => new NYCbCrAImage(r, '444')],
];

/** Every constructor, planar ones included, as Go's TestNewXxxBadRectangle lists them. */
const ALL: [string, (r: Rectangle) => unknown][] = [...CTORS.map(([n, , m]) => [n, (r: Rectangle) => m(r)] as [string, (r: Rectangle) => unknown]), ...PLANAR];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

function expectSizeError(f: () => unknown, message: RegExp): void {
  const e = thrown(f);
  expect(e).toBeInstanceOf(SizeError);
  expect(e).toBeInstanceOf(RangeError);
  expect(e).toBeInstanceOf(ImagoError);
  expect((e as SizeError).code).toBe('ERR_SIZE');
  expect(e.message).toMatch(message);
}

afterEach(() => {
  setAllocationLimits({ maxPixels: 2 ** 28 });
});

describe('bad rectangles (Go\'s TestNewXxxBadRectangle)', () => {
  test.each(ALL)('%s: negative width or height is a SizeError; zero is fine', (name, make) => {
    const base = (x1: number, y1: number) => new Rectangle(pt(15, 28), pt(x1, y1));
    expect(() => make(base(16, 29))).not.toThrow();
    expect(() => make(base(15, 28))).not.toThrow();
    expectSizeError(() => make(base(14, 29)), new RegExp(`${name} width -1 is negative`));
    expectSizeError(() => make(base(16, 27)), new RegExp(`${name} height -1 is negative`));
    expectSizeError(() => make(base(14, 27)), /-1 is negative/);
  });

  test.each(ALL)('%s: a huge rectangle (Go: MaxInt × MaxInt) is refused before allocating', (_, make) => {
    const e = thrown(() => make(rect(0, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)));
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(ImagoError);
  });

  test.each(ALL)('%s: fractional or non-finite coordinates are a SizeError naming them', (name, make) => {
    expectSizeError(() => make(new Rectangle(pt(0, 0), pt(1.5, 2))), new RegExp(`${name} .*1\\.5`));
    // Fractional corners with a whole size would make fractional byte offsets.
    expectSizeError(() => make(rect(0.5, 0, 2.5, 1)), /0\.5/);
    expectSizeError(() => make(new Rectangle(pt(0, NaN), pt(1, 1))), /NaN/);
    expectSizeError(() => make(new Rectangle(pt(0, 0), pt(Infinity, 1))), /Infinity/);
  });

  test('a size whose byte length overflows the largest buffer is a SizeError naming the bytes', () => {
    setAllocationLimits({ maxPixels: Number.MAX_SAFE_INTEGER });
    expectSizeError(() => new RGBA64Image(rect(0, 0, 65536, 65536)), /65536x65536 needs 34359738368 bytes, over the 4294967295-byte maximum/);
  });
});

describe('the pixel limit', () => {
  test('the default is 2^28 pixels', () => {
    expect(getAllocationLimits()).toEqual({ maxPixels: 2 ** 28 });
  });

  test.each(ALL)('%s: over the limit is a LimitError (a RangeError) naming the size and the limit', (name, make) => {
    const prev = setAllocationLimits({ maxPixels: 100 });
    expect(prev.maxPixels).toBe(2 ** 28);
    expect(() => make(rect(0, 0, 10, 10))).not.toThrow();
    const e = thrown(() => make(rect(-3, 0, 8, 10)));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(ImagoError);
    expect((e as LimitError).code).toBe('ERR_LIMIT');
    expect(e.message).toBe(`imago: ${name} of 11x10 = 110 pixels exceeds the pixel limit of 100`);
  });

  test('setAllocationLimits refuses a bad limit with an OptionError naming maxPixels', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      const e = thrown(() => setAllocationLimits({ maxPixels: bad }));
      expect(e).toBeInstanceOf(OptionError);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toMatch(/maxPixels/);
    }
    expect(getAllocationLimits().maxPixels).toBe(2 ** 28);
  });

  test('getAllocationLimits returns a copy', () => {
    const l = getAllocationLimits();
    l.maxPixels = 1;
    expect(getAllocationLimits().maxPixels).toBe(2 ** 28);
  });
});

describe('wrapping a caller\'s buffer', () => {
  test.each(CTORS)('%s: a pix too short for rect and stride is a SizeError naming length, stride and rect', (name, bpp, make) => {
    const r = rect(2, 3, 6, 7); // 4x4
    const need = 3 * (4 * bpp + 1) + 4 * bpp;
    expect(() => make(r, new Uint8Array(need), 4 * bpp + 1)).not.toThrow();
    expectSizeError(
      () => make(r, new Uint8Array(need - 1), 4 * bpp + 1),
      new RegExp(`${name} pix has ${need - 1} bytes, but \\(2,3\\)-\\(6,7\\) with stride ${4 * bpp + 1} needs at least ${need}`),
    );
  });

  test.each(CTORS)('%s: a bad stride is a SizeError naming it', (name, bpp, make) => {
    const r = rect(0, 0, 4, 4);
    const big = new Uint8Array(1000);
    expectSizeError(() => make(r, big, 4 * bpp - 1), new RegExp(`${name} stride ${4 * bpp - 1} is shorter than a row of 4 pixels \\(${4 * bpp} bytes\\)`));
    expectSizeError(() => make(r, big, -4), /stride -4 is not a non-negative integer/);
    expectSizeError(() => make(r, big, 2.5), /stride 2.5 is not a non-negative integer/);
    // Without a buffer, a bad stride is refused before anything is allocated.
    expectSizeError(() => make(r, undefined, -1000), /stride -1000 is not a non-negative integer/);
    expectSizeError(() => make(r, undefined, 4 * bpp - 1), /is shorter than a row/);
  });

  test.each(CTORS)('%s: a stride without a buffer allocates a padded buffer of its own', (_, bpp, make) => {
    const img = make(rect(0, 0, 3, 2), undefined, 3 * bpp + 5) as { pix: Uint8Array; stride: number };
    expect(img.stride).toBe(3 * bpp + 5);
    expect(img.pix.length).toBe(3 * bpp + 5 + 3 * bpp);
  });

  test.each(CTORS)('%s: a single row may have any stride (it is never used)', (_, bpp, make) => {
    expect(() => make(rect(0, 0, 4, 1), new Uint8Array(4 * bpp), 0)).not.toThrow();
  });

  test.each(CTORS)('%s: pix that is not a Uint8Array is an OptionError naming it', (name, _bpp, make) => {
    const e = thrown(() => make(rect(0, 0, 1, 1), [1, 2, 3, 4, 5, 6, 7, 8] as unknown as Uint8Array));
    expect(e).toBeInstanceOf(OptionError);
    expect(e.message).toMatch(new RegExp(`${name} pix must be a Uint8Array`));
  });

  test('Y\'CbCr planes too short, or with a bad stride, are SizeErrors naming the plane', () => {
    const r = rect(0, 0, 4, 4);
    const ok = { y: new Uint8Array(16), cb: new Uint8Array(8), cr: new Uint8Array(8), yStride: 4, cStride: 2 };
    expect(() => new YCbCrImage(r, '422', ok)).not.toThrow();
    expectSizeError(() => new YCbCrImage(r, '422', { ...ok, cr: new Uint8Array(7) }), /YCbCrImage plane cr has 7 bytes, but 4 rows of 2 with stride 2 need 8/);
    expectSizeError(() => new YCbCrImage(r, '422', { ...ok, yStride: 3 }), /YCbCrImage y stride 3 is invalid/);
    expectSizeError(
      () => new NYCbCrAImage(r, '422', { ...ok, a: new Uint8Array(15), aStride: 4 }),
      /NYCbCrAImage alpha plane .*need 16 bytes/,
    );
  });

  test('an unknown subsample ratio is an OptionError listing the ratios', () => {
    const e = thrown(() => new YCbCrImage(rect(0, 0, 1, 1), '421' as SubsampleRatio));
    expect(e).toBeInstanceOf(OptionError);
    expect(e.message).toMatch(/subsample ratio 421 is not one of 444, 422, 420, 440, 411, 410/);
  });
});

describe('allocBytes and pixelBufferLength', () => {
  test('allocBytes returns a zeroed, exact, unshared buffer', () => {
    const b = allocBytes('test', 17);
    expect(b.length).toBe(17);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(17);
    expect(b.every((v) => v === 0)).toBe(true);
  });

  test('allocBytes refuses negative, fractional and oversized lengths, naming them', () => {
    expectSizeError(() => allocBytes('test', -1), /test buffer length -1 is not a valid size/);
    expectSizeError(() => allocBytes('test', 1.5), /1\.5/);
    expectSizeError(() => allocBytes('test', 2 ** 32), /4294967296/);
  });

  test('pixelBufferLength is width × height × bytes per pixel', () => {
    expect(pixelBufferLength('t', rect(-5, -5, 5, 15), 8)).toBe(10 * 20 * 8);
    expect(pixelBufferLength('t', new Rectangle(new Point(3, 3), new Point(3, 9)), 4)).toBe(0);
  });
});
