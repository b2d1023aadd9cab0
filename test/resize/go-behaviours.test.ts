import { describe, expect, test } from 'vitest';
import { NRGBAImage, RGBA, RGBAImage, UniformImage, rect, type Image } from '../../src/index.js';
import {
  ApproxBiLinear,
  BiLinear,
  Box,
  CatmullRom,
  Lanczos3,
  NearestNeighbor,
  type Scaler,
} from '../../src/resize/index.js';
import { fill } from './helpers.js';
import { readOpaquePNG } from './png.js';

/** Go's documented behaviours of x/image/draw's scalers, from its scale_test.go. */

const fixture = (name: string) => new URL(`../fixtures/resize/go-testdata/${name}`, import.meta.url);

const readRGBA = (name: string): RGBAImage => readOpaquePNG(fixture(name));

const ALL: Array<[string, Scaler]> = [
  ['NearestNeighbor', NearestNeighbor],
  ['ApproxBiLinear', ApproxBiLinear],
  ['BiLinear', BiLinear],
  ['CatmullRom', CatmullRom],
  ['Box', Box],
  ['Lanczos3', Lanczos3],
];

describe("Go's TestScaleUp goldens (x/image testdata, go-turns-two 14x18 -> 75x100)", () => {
  const src = readRGBA('go-turns-two-14x18.png');
  for (const [name, q] of [
    ['nn', NearestNeighbor],
    ['ab', ApproxBiLinear],
    ['bl', BiLinear],
    ['cr', CatmullRom],
  ] as const) {
    test(name, () => {
      const got = new RGBAImage(rect(0, 0, 75, 100));
      for (let i = 0; i < got.pix.length; i += 4) got.pix.set([0x00, 0x22, 0x11, 0xff], i);
      q.scale(got, got.bounds(), src, src.bounds(), 'src');
      const want = readRGBA(`go-turns-two-up-${name}.png`);
      expect(Buffer.from(got.pix).equals(Buffer.from(want.pix))).toBe(true);
    });
  }
});

test("TestOps: NearestNeighbor 1x1 -> 2x2, 'over' and 'src' onto opaque blue", () => {
  const want = { over: new RGBA(0x7f, 0x00, 0x80, 0xff), src: new RGBA(0x7f, 0x00, 0x00, 0x7f) };
  for (const op of ['over', 'src'] as const) {
    const dst = new RGBAImage(rect(0, 0, 2, 2));
    for (let i = 0; i < dst.pix.length; i += 4) dst.pix.set([0, 0, 0xff, 0xff], i);
    const src = new RGBAImage(rect(0, 0, 1, 1));
    src.setRGBA(0, 0, new RGBA(0x7f, 0x00, 0x00, 0x7f));
    NearestNeighbor.scale(dst, dst.bounds(), src, src.bounds(), op);
    expect(dst.rgbaAt(0, 0)).toEqual(want[op]);
  }
});

describe('TestNegativeWeights: kernels with negative lobes still give valid premultiplied colour', () => {
  const src = new RGBAImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const a = y * 0x11;
      src.setRGBA(x, y, new RGBA(Math.floor((x * 0x11 * a) / 0xff), 0, 0, a));
    }
  }
  for (const [name, q] of [
    ['CatmullRom', CatmullRom],
    ['Lanczos3', Lanczos3],
  ] as const) {
    for (const size of [32, 7]) {
      test(`${name} to ${size}x${size}`, () => {
        const dst = new RGBAImage(rect(0, 0, size, size));
        q.scale(dst, dst.bounds(), src, src.bounds(), 'over');
        let overshoot = 0;
        for (let i = 0; i < dst.pix.length; i += 4) {
          for (let c = 0; c < 3; c++) if (dst.pix[i + c] > dst.pix[i + 3]) overshoot++;
        }
        expect(overshoot).toBe(0);
      });
    }
  }
});

describe('TestInterpClipCommute: scaling into a sub-image equals scaling then cropping', () => {
  const src = new NRGBAImage(rect(0, 0, 20, 20));
  fill(0, src.pix);
  const outer = rect(1, 1, 8, 5);
  const inner = rect(2, 3, 6, 5);
  for (const [name, q] of ALL) {
    test(name, () => {
      const dst0 = new RGBAImage(rect(1, 1, 10, 10));
      const dst1 = new RGBAImage(rect(1, 1, 10, 10));
      for (let i = 0; i < dst0.pix.length; i++) dst0.pix[i] = dst1.pix[i] = (i / 4) | 0;
      q.scale(dst0, outer, src, src.bounds(), 'over');
      const clipped = dst1.subImage(inner);
      q.scale(clipped, outer, src, src.bounds(), 'over');
      for (let y = inner.min.y; y < inner.max.y; y++) {
        for (let x = inner.min.x; x < inner.max.x; x++) expect(dst1.rgbaAt(x, y)).toEqual(dst0.rgbaAt(x, y));
      }
      // Outside inner, the clipped scale wrote nothing.
      expect(dst1.rgbaAt(1, 1)).toEqual(new RGBA(0, 0, 0, 0));
    });
  }
});

/** Go's translatedImage: m moved by (tx, ty), seen only through `at`. */
function translated(m: Image, tx: number, ty: number): Image {
  return {
    bounds: () => m.bounds().add({ x: tx, y: ty } as never),
    colorModel: () => m.colorModel(),
    at: (x, y) => m.at(x - tx, y - ty),
  };
}

describe('TestSrcTranslationInvariance: translating the source (and sr) changes nothing', () => {
  const src = new NRGBAImage(rect(0, 0, 40, 30));
  fill(77, src.pix);
  const sr = rect(2, 3, 16, 12);
  const deltas = [
    [0, 5],
    [0, -5],
    [5, 0],
    [-5, 0],
    [8, 8],
    [8, -8],
    [-8, 8],
    [-8, -8],
  ];
  for (const [name, q] of ALL) {
    test(name, () => {
      const want = new RGBAImage(rect(0, 0, 20, 20));
      q.scale(want, want.bounds(), src, sr, 'over');
      for (const [dx, dy] of deltas) {
        const got = new RGBAImage(rect(0, 0, 20, 20));
        q.scale(got, got.bounds(), translated(src, dx, dy), sr.add({ x: dx, y: dy } as never), 'over');
        expect(Buffer.from(got.pix).equals(Buffer.from(want.pix)), `delta (${dx}, ${dy})`).toBe(true);
      }
    });
  }
});

describe("same size: NearestNeighbor and ApproxBiLinear are Go's Copy (Draw's clipping)", () => {
  for (const [name, q] of [
    ['NearestNeighbor', NearestNeighbor],
    ['ApproxBiLinear', ApproxBiLinear],
  ] as const) {
    test(`${name} leaves pixels whose source is outside the source bounds untouched`, () => {
      const src = new RGBAImage(rect(0, 0, 4, 4));
      src.pix.fill(0xff);
      const dst = new RGBAImage(rect(0, 0, 4, 4));
      dst.pix.fill(0x40);
      // sr sticks out by 2 on the right; dr has the same size, so this is a Copy.
      q.scale(dst, rect(0, 0, 4, 4), src, rect(2, 0, 6, 4), 'src');
      expect(dst.rgbaAt(1, 0)).toEqual(new RGBA(0xff, 0xff, 0xff, 0xff));
      expect(dst.rgbaAt(2, 0)).toEqual(new RGBA(0x40, 0x40, 0x40, 0x40));
    });
  }
  test('a kernel scaler writes transparent there instead (it scales, it does not Copy)', () => {
    const src = new RGBAImage(rect(0, 0, 4, 4));
    src.pix.fill(0xff);
    const dst = new RGBAImage(rect(0, 0, 4, 4));
    dst.pix.fill(0x40);
    BiLinear.scale(dst, rect(0, 0, 4, 4), src, rect(2, 0, 6, 4), 'src');
    expect(dst.rgbaAt(1, 0)).toEqual(new RGBA(0xff, 0xff, 0xff, 0xff));
    expect(dst.rgbaAt(3, 0)).toEqual(new RGBA(0, 0, 0, 0));
  });
  test('NRGBA onto NRGBA with src copies the bytes, with no premultiplied round trip', () => {
    const src = new NRGBAImage(rect(0, 0, 3, 1));
    src.pix.set([200, 100, 50, 3, 1, 2, 3, 0, 9, 9, 9, 128]);
    const dst = new NRGBAImage(rect(0, 0, 3, 1));
    NearestNeighbor.scale(dst, dst.bounds(), src, src.bounds(), 'src');
    expect([...dst.pix]).toEqual([200, 100, 50, 3, 1, 2, 3, 0, 9, 9, 9, 128]);
  });
});

describe('Kernel scalers', () => {
  test("a scaler made for other sizes falls back to the kernel's own scale, as Go does", () => {
    const src = new NRGBAImage(rect(0, 0, 9, 7));
    fill(5, src.pix);
    const a = new RGBAImage(rect(0, 0, 4, 3));
    const b = new RGBAImage(rect(0, 0, 4, 3));
    CatmullRom.newScaler(10, 10, 10, 10).scale(a, a.bounds(), src, src.bounds(), 'src');
    CatmullRom.scale(b, b.bounds(), src, src.bounds(), 'src');
    expect([...a.pix]).toEqual([...b.pix]);
  });
  test('a uniform source fills the affected rectangle (Go draws it)', () => {
    const c = new RGBA(0x10, 0x20, 0x30, 0x80);
    for (const [, q] of ALL) {
      const dst = new RGBAImage(rect(0, 0, 5, 5));
      q.scale(dst, rect(1, 1, 9, 9), new UniformImage(c), rect(0, 0, 3, 3), 'src');
      expect(dst.rgbaAt(0, 0)).toEqual(new RGBA(0, 0, 0, 0));
      expect(dst.rgbaAt(4, 4)).toEqual(c);
    }
  });
  test("a bad op throws an OptionError naming 'op'", () => {
    const dst = new RGBAImage(rect(0, 0, 2, 2));
    for (const [, q] of ALL) {
      expect(() => q.scale(dst, dst.bounds(), dst, rect(0, 0, 1, 1), 'copy' as never)).toThrow(/op must be 'over' or 'src'/);
    }
  });
});
