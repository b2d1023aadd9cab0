import { describe, expect, test } from 'vitest';
import {
  GrayImage,
  ImagoError,
  NRGBA,
  NRGBAImage,
  OptionError,
  RGBA,
  RGBAImage,
  SizeError,
  YCbCrImage,
  rect,
  type Image,
  type MutableImage,
  type Rectangle,
} from '../../src/index.js';
import {
  BiLinear,
  Box,
  Kernel,
  Lanczos3,
  NearestNeighbor,
  resize,
  type ScaleOp,
  type Scaler,
} from '../../src/resize/index.js';
import { fill, premul } from './helpers.js';

/** resize(): sizes, fits, defaults, result types and errors. */

function photo(w: number, h: number, seed = 1, origin = { x: 0, y: 0 }): RGBAImage {
  const m = new RGBAImage(rect(origin.x, origin.y, origin.x + w, origin.y + h));
  fill(seed, m.pix);
  premul(m.pix);
  return m;
}

/** A scaler that records its calls and then delegates. */
function spy(inner: Scaler): Scaler & { calls: Array<{ dr: Rectangle; sr: Rectangle; op: ScaleOp }> } {
  const calls: Array<{ dr: Rectangle; sr: Rectangle; op: ScaleOp }> = [];
  return {
    calls,
    scale(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp) {
      calls.push({ dr, sr, op });
      inner.scale(dst, dr, src, sr, op);
    },
  };
}

describe('sizes', () => {
  test('one side given: the other follows the aspect ratio, rounded half up, at least 1', () => {
    const src = photo(400, 300);
    expect(resize(src, { width: 200 }).rect).toEqual(rect(0, 0, 200, 150));
    expect(resize(src, { height: 100 }).rect).toEqual(rect(0, 0, 133, 100)); // 133.33
    expect(resize(photo(3, 2), { width: 1 }).rect).toEqual(rect(0, 0, 1, 1)); // 0.67 -> 1
    expect(resize(photo(4, 3), { width: 2 }).rect).toEqual(rect(0, 0, 2, 2)); // 1.5 rounds up
    expect(resize(photo(1000, 1), { width: 10 }).rect).toEqual(rect(0, 0, 10, 1)); // 0.01 -> 1
  });
  test('the result always has bounds at the origin, whatever the source origin', () => {
    expect(resize(photo(40, 30, 1, { x: -7, y: 12 }), { width: 20 }).rect).toEqual(rect(0, 0, 20, 15));
  });
});

describe('fit', () => {
  const src = photo(400, 200); // 2:1
  test("'fill' (the default) is exactly the box, aspect ratio ignored", () => {
    const q = spy(Box);
    const out = resize(src, { width: 100, height: 100, kernel: q });
    expect(out.rect).toEqual(rect(0, 0, 100, 100));
    expect(q.calls[0].dr).toEqual(rect(0, 0, 100, 100));
    expect(q.calls[0].sr).toEqual(src.rect);
    expect(q.calls[0].op).toBe('src');
  });
  test("'inside' keeps the aspect ratio within the box", () => {
    expect(resize(src, { width: 100, height: 100, fit: 'inside' }).rect).toEqual(rect(0, 0, 100, 50));
    expect(resize(src, { width: 300, height: 60, fit: 'inside' }).rect).toEqual(rect(0, 0, 120, 60));
  });
  test("'contain' centres the inside image on a box-sized canvas of background", () => {
    const q = spy(Box);
    const out = resize(src, { width: 100, height: 100, fit: 'contain', kernel: q, background: new RGBA(0, 0, 0xff, 0xff) });
    expect(out.rect).toEqual(rect(0, 0, 100, 100));
    expect(q.calls[0].dr).toEqual(rect(0, 25, 100, 75));
    expect(out.rgbaAt(50, 10)).toEqual(new RGBA(0, 0, 0xff, 0xff));
    expect(out.rgbaAt(50, 90)).toEqual(new RGBA(0, 0, 0xff, 0xff));
    // Without a background the bars are transparent.
    expect(resize(src, { width: 100, height: 100, fit: 'contain' }).rgbaAt(50, 10)).toEqual(new RGBA(0, 0, 0, 0));
  });
  test("'cover' crops the source (centred) to the box's aspect ratio, then fills the box", () => {
    const q = spy(Box);
    const out = resize(src, { width: 100, height: 100, fit: 'cover', kernel: q });
    expect(out.rect).toEqual(rect(0, 0, 100, 100));
    expect(q.calls[0].sr).toEqual(rect(100, 0, 300, 200));
    const tall = photo(200, 400, 2, { x: 5, y: 5 });
    const q2 = spy(Box);
    resize(tall, { width: 100, height: 100, fit: 'cover', kernel: q2 });
    expect(q2.calls[0].sr).toEqual(rect(5, 105, 205, 305));
  });
  test("'cover' equals scaling the centre crop with the same kernel", () => {
    const a = resize(src, { width: 50, height: 50, fit: 'cover', kernel: Lanczos3 });
    const b = new RGBAImage(rect(0, 0, 50, 50));
    Lanczos3.scale(b, b.rect, src, rect(100, 0, 300, 200), 'src');
    expect(Buffer.from(a.pix).equals(Buffer.from(b.pix))).toBe(true);
  });
});

describe('kernels', () => {
  test('default: Box when shrinking on both axes, BiLinear when either axis grows', () => {
    const src = photo(40, 30);
    const down = resize(src, { width: 20, height: 15 });
    const box = new RGBAImage(rect(0, 0, 20, 15));
    Box.scale(box, box.rect, src, src.rect, 'src');
    expect(Buffer.from(down.pix).equals(Buffer.from(box.pix))).toBe(true);
    for (const [w, h] of [
      [80, 60],
      [20, 60],
    ]) {
      const up = resize(src, { width: w, height: h });
      const bl = new RGBAImage(rect(0, 0, w, h));
      BiLinear.scale(bl, bl.rect, src, src.rect, 'src');
      expect(Buffer.from(up.pix).equals(Buffer.from(bl.pix))).toBe(true);
    }
  });
  test('by name or as a scaler object (a Kernel, a KernelScaler, NearestNeighbor)', () => {
    const src = photo(40, 30);
    const byName = resize(src, { width: 13, height: 7, kernel: 'nearest' });
    const byObject = resize(src, { width: 13, height: 7, kernel: NearestNeighbor });
    const byScaler = resize(src, { width: 13, height: 7, kernel: Lanczos3.newScaler(13, 7, 40, 30) });
    const lanczos = resize(src, { width: 13, height: 7, kernel: 'lanczos3' });
    expect(Buffer.from(byName.pix).equals(Buffer.from(byObject.pix))).toBe(true);
    expect(Buffer.from(byScaler.pix).equals(Buffer.from(lanczos.pix))).toBe(true);
  });
});

describe('result type and ownership', () => {
  test('NRGBA in, NRGBA out; other types give RGBA', () => {
    const n = new NRGBAImage(rect(0, 0, 8, 8));
    n.pix.fill(0x80);
    expect(resize(n, { width: 4 })).toBeInstanceOf(NRGBAImage);
    expect(resize(new GrayImage(rect(0, 0, 8, 8)), { width: 4 })).toBeInstanceOf(RGBAImage);
    expect(resize(new YCbCrImage(rect(0, 0, 8, 8), '420'), { width: 4 })).toBeInstanceOf(RGBAImage);
  });
  test('same size returns a new image with the same pixels, even for a sub-image view', () => {
    const big = photo(20, 20);
    const view = big.subImage(rect(3, 4, 13, 9));
    const out = resize(view, { width: 10, height: 5 });
    expect(out).not.toBe(view);
    expect(out.pix.buffer).not.toBe(big.pix.buffer);
    expect(out.stride).toBe(40);
    expect(Buffer.from(out.pix).equals(Buffer.from(view.clone().pix))).toBe(true);
    out.pix.fill(0);
    expect(view.rgbaAt(3, 4)).toEqual(big.rgbaAt(3, 4));
  });
  test('interpolation is premultiplied: a transparent neighbour lends no colour', () => {
    const n = new NRGBAImage(rect(0, 0, 2, 1));
    n.setNRGBA(0, 0, new NRGBA(255, 0, 0, 255));
    n.setNRGBA(1, 0, new NRGBA(0, 255, 0, 0)); // invisible green
    const out = resize(n, { width: 1, height: 1 });
    const c = out.nrgbaAt(0, 0);
    expect(c.g).toBe(0);
    expect(c.r).toBe(255);
    expect(c.a).toBe(128); // the mean of 0xffff and 0 is 0x7fff.8, rounded half up to 0x8000, >> 8
  });
});

describe('errors', () => {
  const src = photo(4, 4);
  const bad: Array<[object, RegExp]> = [
    [{}, /width or height/],
    [{ width: 0 }, /option width must be a positive integer, got 0/],
    [{ width: 2.5 }, /option width must be a positive integer, got 2.5/],
    [{ height: -1 }, /option height must be a positive integer, got -1/],
    [{ width: '10' }, /option width must be a positive integer, got "10"/],
    [{ width: 2, height: 2, fit: 'stretch' }, /option fit must be one of fill, contain, cover, inside, got "stretch"/],
    [{ width: 2, kernel: 'cubic' }, /option kernel must be a Scaler or one of .*, got "cubic"/],
    [{ width: 2, kernel: {} }, /option kernel/],
    [{ width: 2, height: 2, fit: 'contain', background: 'red' }, /option background must be a Color/],
  ];
  for (const [opts, msg] of bad) {
    test(`${JSON.stringify(opts)} throws an OptionError naming the option`, () => {
      let err: unknown;
      try {
        resize(src, opts as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OptionError);
      expect(err).toBeInstanceOf(TypeError);
      expect(err).toBeInstanceOf(ImagoError);
      expect((err as OptionError).code).toBe('ERR_OPTION');
      expect((err as Error).message).toMatch(msg);
    });
  }
  test('an empty source throws a SizeError', () => {
    expect(() => resize(new RGBAImage(rect(0, 0, 0, 5)), { width: 3 })).toThrow(SizeError);
  });
  test('Kernel and newScaler validate their arguments', () => {
    expect(() => new Kernel(-1, () => 1)).toThrow(/support must be a finite number >= 0, got -1/);
    expect(() => new Kernel(1, 'tent' as never)).toThrow(OptionError);
    expect(() => new Kernel(1, () => 1, { arithmetic: 'int' as never })).toThrow(/arithmetic/);
    expect(() => Box.newScaler(-1, 1, 1, 1)).toThrow(SizeError);
    expect(() => Box.newScaler(1.5, 1, 1, 1)).toThrow(/dw must be a non-negative integer, got 1.5/);
  });
});
