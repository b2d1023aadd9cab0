import { describe, expect, test } from 'vitest';
import {
  Alpha,
  AlphaImage,
  Black,
  CMYK,
  CMYKImage,
  FloydSteinberg,
  Gray,
  Gray16,
  GrayImage,
  NRGBA,
  NRGBA64,
  NRGBAImage,
  NRGBA64Image,
  PalettedImage,
  RGBA,
  RGBA64,
  RGBAImage,
  UniformImage,
  White,
  YCbCrImage,
  draw,
  drawMask,
  pt,
  rect,
  type Color,
  type Image,
  type MutableImage,
  type Point,
  type Rectangle,
} from '../../src/index.js';
import { ZP } from '../../src/geom/point.js';
import { clip } from '../../src/draw/clip.js';
import { hideLayout } from '../helpers/hide-layout.js';

/*
 * Go's own tests from image/draw (draw_test.go and clip_test.go, Go 1.19), ported. The expected
 * pixels at (8, 8) are the values Go's authors worked out by hand; they are facts about the
 * Porter-Duff maths, not output of this code.
 */

const eq = (a: Color, b: Color) => expect(a.rgba()).toEqual(b.rgba());
/** Whether two colours are equal, for loops that count mismatches instead of asserting each. */
const same = (a: Color, b: Color) => a.rgba().join() === b.rgba().join();

const fillBlue = (alpha: number): Image => new UniformImage(new RGBA(0, 0, alpha, alpha));
const fillAlpha = (alpha: number): Image => new UniformImage(new Alpha(alpha));

function vgradGreen(alpha: number): Image {
  const m = new RGBAImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new RGBA(0, Math.trunc((y * alpha) / 15), 0, alpha));
  return m;
}
function vgradAlpha(alpha: number): Image {
  const m = new AlphaImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new Alpha(Math.trunc((y * alpha) / 15)));
  return m;
}
function vgradGreenNRGBA(alpha: number): Image {
  const m = new NRGBAImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new RGBA(0, y * 0x11, 0, alpha));
  return m;
}
function vgradCr(): Image {
  const m = new YCbCrImage(rect(0, 0, 16, 16), '444');
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.cr[y * m.cStride + x] = y * 0x11;
  return m;
}
function vgradGray(): Image {
  const m = new GrayImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new Gray(y * 0x11));
  return m;
}
function vgradMagenta(): Image {
  const m = new CMYKImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new CMYK(0, y * 0x11, 0, 0x3f));
  return m;
}
function hgradRed(alpha: number): RGBAImage {
  const m = new RGBAImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) m.set(x, y, new RGBA(Math.trunc((x * alpha) / 15), 0, 0, alpha));
  return m;
}
function gradYellow(alpha: number): RGBAImage {
  const m = new RGBAImage(rect(0, 0, 16, 16));
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) m.set(x, y, new RGBA(Math.trunc((x * alpha) / 15), Math.trunc((y * alpha) / 15), 0, alpha));
  }
  return m;
}
/** Go's convertToSlowerRGBA / convertToSlowestRGBA: an RGBA copy behind a type-hiding wrapper. */
function asRGBA(m: Image): RGBAImage {
  const out = new RGBAImage(m.bounds());
  draw(out, out.bounds(), m, m.bounds().min, 'src');
  return out;
}
const slower = (m: Image) => hideLayout(asRGBA(m), 'rgba64');
const slowest = (m: Image) => hideLayout(asRGBA(m), 'color');

type Op = 'over' | 'src';
const drawTests: [string, Image, Image | null, Op, RGBA][] = [
  // Uniform mask (0% opaque).
  ['nop', vgradGreen(255), fillAlpha(0), 'over', new RGBA(136, 0, 0, 255)],
  ['clear', vgradGreen(255), fillAlpha(0), 'src', new RGBA(0, 0, 0, 0)],
  // Uniform mask (100%, 75%, nil) and uniform source. dst (8, 8) = {136, 0, 0, 255}; src {0, 0, 90, 90}.
  ['fill', fillBlue(90), fillAlpha(255), 'over', new RGBA(88, 0, 90, 255)],
  ['fillSrc', fillBlue(90), fillAlpha(255), 'src', new RGBA(0, 0, 90, 90)],
  ['fillAlpha', fillBlue(90), fillAlpha(192), 'over', new RGBA(100, 0, 68, 255)],
  ['fillAlphaSrc', fillBlue(90), fillAlpha(192), 'src', new RGBA(0, 0, 68, 68)],
  ['fillNil', fillBlue(90), null, 'over', new RGBA(88, 0, 90, 255)],
  ['fillNilSrc', fillBlue(90), null, 'src', new RGBA(0, 0, 90, 90)],
  // Variable source {0, 48, 0, 90}.
  ['copy', vgradGreen(90), fillAlpha(255), 'over', new RGBA(88, 48, 0, 255)],
  ['copySrc', vgradGreen(90), fillAlpha(255), 'src', new RGBA(0, 48, 0, 90)],
  ['copyAlpha', vgradGreen(90), fillAlpha(192), 'over', new RGBA(100, 36, 0, 255)],
  ['copyAlphaSrc', vgradGreen(90), fillAlpha(192), 'src', new RGBA(0, 36, 0, 68)],
  ['copyNil', vgradGreen(90), null, 'over', new RGBA(88, 48, 0, 255)],
  ['copyNilSrc', vgradGreen(90), null, 'src', new RGBA(0, 48, 0, 90)],
  // NRGBA source {0, 136, 0, 90}, i.e. {0, 48, 0, 90} premultiplied, with rounding differences.
  ['nrgba', vgradGreenNRGBA(90), fillAlpha(255), 'over', new RGBA(88, 46, 0, 255)],
  ['nrgbaSrc', vgradGreenNRGBA(90), fillAlpha(255), 'src', new RGBA(0, 46, 0, 90)],
  ['nrgbaAlpha', vgradGreenNRGBA(90), fillAlpha(192), 'over', new RGBA(100, 34, 0, 255)],
  ['nrgbaAlphaSrc', vgradGreenNRGBA(90), fillAlpha(192), 'src', new RGBA(0, 34, 0, 68)],
  ['nrgbaNil', vgradGreenNRGBA(90), null, 'over', new RGBA(88, 46, 0, 255)],
  ['nrgbaNilSrc', vgradGreenNRGBA(90), null, 'src', new RGBA(0, 46, 0, 90)],
  // YCbCr source {0, 0, 136}, i.e. RGB {11, 38, 0}.
  ['ycbcr', vgradCr(), fillAlpha(255), 'over', new RGBA(11, 38, 0, 255)],
  ['ycbcrSrc', vgradCr(), fillAlpha(255), 'src', new RGBA(11, 38, 0, 255)],
  ['ycbcrAlpha', vgradCr(), fillAlpha(192), 'over', new RGBA(42, 28, 0, 255)],
  ['ycbcrAlphaSrc', vgradCr(), fillAlpha(192), 'src', new RGBA(8, 28, 0, 192)],
  ['ycbcrNil', vgradCr(), null, 'over', new RGBA(11, 38, 0, 255)],
  ['ycbcrNilSrc', vgradCr(), null, 'src', new RGBA(11, 38, 0, 255)],
  // Gray source {136}.
  ['gray', vgradGray(), fillAlpha(255), 'over', new RGBA(136, 136, 136, 255)],
  ['graySrc', vgradGray(), fillAlpha(255), 'src', new RGBA(136, 136, 136, 255)],
  ['grayAlpha', vgradGray(), fillAlpha(192), 'over', new RGBA(136, 102, 102, 255)],
  ['grayAlphaSrc', vgradGray(), fillAlpha(192), 'src', new RGBA(102, 102, 102, 192)],
  ['grayNil', vgradGray(), null, 'over', new RGBA(136, 136, 136, 255)],
  ['grayNilSrc', vgradGray(), null, 'src', new RGBA(136, 136, 136, 255)],
  ['graySlower', slower(vgradGray()), fillAlpha(255), 'over', new RGBA(136, 136, 136, 255)],
  ['graySrcSlower', slower(vgradGray()), fillAlpha(255), 'src', new RGBA(136, 136, 136, 255)],
  ['grayAlphaSlower', slower(vgradGray()), fillAlpha(192), 'over', new RGBA(136, 102, 102, 255)],
  ['grayAlphaSrcSlower', slower(vgradGray()), fillAlpha(192), 'src', new RGBA(102, 102, 102, 192)],
  ['grayNilSlower', slower(vgradGray()), null, 'over', new RGBA(136, 136, 136, 255)],
  ['grayNilSrcSlower', slower(vgradGray()), null, 'src', new RGBA(136, 136, 136, 255)],
  ['graySlowest', slowest(vgradGray()), fillAlpha(255), 'over', new RGBA(136, 136, 136, 255)],
  ['graySrcSlowest', slowest(vgradGray()), fillAlpha(255), 'src', new RGBA(136, 136, 136, 255)],
  ['grayAlphaSlowest', slowest(vgradGray()), fillAlpha(192), 'over', new RGBA(136, 102, 102, 255)],
  ['grayAlphaSrcSlowest', slowest(vgradGray()), fillAlpha(192), 'src', new RGBA(102, 102, 102, 192)],
  ['grayNilSlowest', slowest(vgradGray()), null, 'over', new RGBA(136, 136, 136, 255)],
  ['grayNilSrcSlowest', slowest(vgradGray()), null, 'src', new RGBA(136, 136, 136, 255)],
  // CMYK source {0, 136, 0, 63}, i.e. RGB {192, 89, 192}.
  ['cmyk', vgradMagenta(), fillAlpha(255), 'over', new RGBA(192, 89, 192, 255)],
  ['cmykSrc', vgradMagenta(), fillAlpha(255), 'src', new RGBA(192, 89, 192, 255)],
  ['cmykAlpha', vgradMagenta(), fillAlpha(192), 'over', new RGBA(178, 67, 145, 255)],
  ['cmykAlphaSrc', vgradMagenta(), fillAlpha(192), 'src', new RGBA(145, 67, 145, 192)],
  ['cmykNil', vgradMagenta(), null, 'over', new RGBA(192, 89, 192, 255)],
  ['cmykNilSrc', vgradMagenta(), null, 'src', new RGBA(192, 89, 192, 255)],
  // Variable mask (alpha 102 at (8, 8)) and uniform source {0, 0, 255, 255}.
  ['generic', fillBlue(255), vgradAlpha(192), 'over', new RGBA(81, 0, 102, 255)],
  ['genericSrc', fillBlue(255), vgradAlpha(192), 'src', new RGBA(0, 0, 102, 102)],
  ['genericSlower', fillBlue(255), slower(vgradAlpha(192)), 'over', new RGBA(81, 0, 102, 255)],
  ['genericSrcSlower', fillBlue(255), slower(vgradAlpha(192)), 'src', new RGBA(0, 0, 102, 102)],
  ['genericSlowest', fillBlue(255), slowest(vgradAlpha(192)), 'over', new RGBA(81, 0, 102, 255)],
  ['genericSrcSlowest', fillBlue(255), slowest(vgradAlpha(192)), 'src', new RGBA(0, 0, 102, 102)],
  // Variable mask and variable source.
  ['rgbaVariableMaskOver', vgradGreen(90), vgradAlpha(192), 'over', new RGBA(117, 19, 0, 255)],
  ['grayVariableMaskOver', vgradGray(), vgradAlpha(192), 'over', new RGBA(136, 54, 54, 255)],
];

/** Go's makeGolden: the slow but obviously correct composition, into a new RGBA image. */
function makeGolden(dst: Image, r: Rectangle, src: Image, sp: Point, mask: Image | null, mp: Point, op: Op): RGBAImage {
  const b = dst.bounds();
  const sb = src.bounds();
  const mb = mask === null ? rect(-1e9, -1e9, 1e9, 1e9) : mask.bounds();
  const golden = new RGBAImage(rect(0, 0, b.max.x, b.max.y));
  const M = 0xffff;
  for (let y = r.min.y; y < r.max.y; y++) {
    const sy = y + sp.y - r.min.y;
    const my = y + mp.y - r.min.y;
    for (let x = r.min.x; x < r.max.x; x++) {
      if (!pt(x, y).in(b)) continue;
      const sx = x + sp.x - r.min.x;
      if (!pt(sx, sy).in(sb)) continue;
      const mx = x + mp.x - r.min.x;
      if (!pt(mx, my).in(mb)) continue;
      const [dr, dg, db, da] = op === 'over' ? dst.at(x, y).rgba() : [0, 0, 0, 0];
      const [sr, sg, sbl, sa] = src.at(sx, sy).rgba();
      const ma = mask === null ? M : mask.at(mx, my).rgba()[3];
      const a = M - Math.floor((sa * ma) / M);
      golden.set(
        x,
        y,
        new RGBA64(
          Math.floor((dr * a + sr * ma) / M),
          Math.floor((dg * a + sg * ma) / M),
          Math.floor((db * a + sbl * ma) / M),
          Math.floor((da * a + sa * ma) / M),
        ),
      );
    }
  }
  return golden.subImage(b);
}

describe("Go's TestDraw", () => {
  const rr = [rect(0, 0, 0, 0), rect(0, 0, 16, 16), rect(3, 5, 12, 10), rect(0, 0, 9, 9), rect(8, 8, 16, 16), rect(8, 0, 9, 16), rect(0, 8, 16, 9), rect(8, 8, 9, 9), rect(8, 8, 8, 8)];
  for (const [desc, src, mask, op, expected] of drawTests) {
    test(desc, () => {
      for (const r of rr) {
        for (let i = 0; i < 3; i++) {
          const base = hgradRed(255).subImage(r);
          const dst = (i === 0 ? base : i === 1 ? slower(base) : slowest(base)) as MutableImage;
          const golden = makeGolden(dst, rect(0, 0, 16, 16), src, ZP, mask, ZP, op);
          expect(dst.bounds().eq(golden.bounds())).toBe(true);
          drawMask(dst, rect(0, 0, 16, 16), src, ZP, mask, ZP, op);
          if (pt(8, 8).in(r)) eq(dst.at(8, 8), expected);
          const b = dst.bounds();
          let bad = 0;
          for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) if (!same(dst.at(x, y), golden.at(x, y))) bad++;
          expect(bad, `${r} dst ${i}`).toBe(0);
        }
      }
    });
  }
});

describe("Go's TestDrawOverlap", () => {
  test('sub-images of one image, moved by up to 2 pixels each way, equal the golden', () => {
    for (const op of ['over', 'src'] as const) {
      for (let yoff = -2; yoff <= 2; yoff++) {
        for (let xoff = -2; xoff <= 2; xoff++) {
          const m = gradYellow(127);
          const dst = m.subImage(rect(5, 5, 10, 10));
          const src = m.subImage(rect(5 + xoff, 5 + yoff, 10 + xoff, 10 + yoff));
          const b = dst.bounds();
          const golden = makeGolden(dst, b, src, src.bounds().min, null, ZP, op);
          drawMask(dst, b, src, src.bounds().min, null, ZP, op);
          let bad = 0;
          for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) if (!same(dst.at(x, y), golden.at(x, y))) bad++;
          expect(bad, `${op} ${xoff},${yoff}`).toBe(0);
        }
      }
    }
  });
});

test("Go's TestNonZeroSrcPt", () => {
  const a = new RGBAImage(rect(0, 0, 1, 1));
  const b = new RGBAImage(rect(0, 0, 2, 2));
  b.set(0, 0, new RGBA(0, 0, 0, 5));
  b.set(1, 0, new RGBA(0, 0, 5, 5));
  b.set(0, 1, new RGBA(0, 5, 0, 5));
  b.set(1, 1, new RGBA(5, 0, 0, 5));
  draw(a, rect(0, 0, 1, 1), b, pt(1, 1), 'over');
  eq(a.at(0, 0), new RGBA(5, 0, 0, 5));
});

test("Go's TestFill: by pixel, row, column and whole", () => {
  const rr = [
    rect(0, 0, 0, 0), rect(0, 0, 40, 30), rect(10, 0, 40, 30), rect(0, 20, 40, 30), rect(10, 20, 40, 30), rect(10, 20, 15, 25),
    rect(10, 0, 35, 30), rect(0, 15, 40, 16), rect(24, 24, 25, 25), rect(23, 23, 26, 26), rect(22, 22, 27, 27),
    rect(21, 21, 28, 28), rect(20, 20, 29, 29),
  ];
  for (const r of rr) {
    const m = new RGBAImage(rect(0, 0, 40, 30)).subImage(r);
    const b = m.bounds();
    const check = (c: Color) => {
      let bad = 0;
      for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) if (!same(m.at(x, y), c)) bad++;
      expect(bad).toBe(0);
    };
    let c = new RGBA(11, 0, 0, 255);
    for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) drawMask(m, rect(x, y, x + 1, y + 1), new UniformImage(c), ZP, null, ZP, 'src');
    check(c);
    c = new RGBA(0, 22, 0, 255);
    for (let y = b.min.y; y < b.max.y; y++) drawMask(m, rect(b.min.x, y, b.max.x, y + 1), new UniformImage(c), ZP, null, ZP, 'src');
    check(c);
    c = new RGBA(0, 0, 33, 255);
    for (let x = b.min.x; x < b.max.x; x++) drawMask(m, rect(x, b.min.y, x + 1, b.max.y), new UniformImage(c), ZP, null, ZP, 'src');
    check(c);
    c = new RGBA(44, 55, 66, 77);
    drawMask(m, b, new UniformImage(c), ZP, null, ZP, 'src');
    check(c);
  }
});

describe("Go's TestDrawSrcNonpremultiplied", () => {
  test('NRGBA Src keeps the colour of transparent pixels', () => {
    const opaqueGray = new NRGBA(0x99, 0x99, 0x99, 0xff);
    const dst = new NRGBAImage(rect(0, 10, 3, 11));
    dst.setNRGBA(0, 10, opaqueGray);
    const src = new NRGBAImage(rect(1, 20, 4, 21));
    src.setNRGBA(1, 20, new NRGBA(0, 0, 0xff, 0));
    src.setNRGBA(2, 20, new NRGBA(0, 0xff, 0, 0));
    src.setNRGBA(3, 20, new NRGBA(0xff, 0, 0, 0));
    draw(dst, rect(1, 10, 3, 11), src, pt(1, 20), 'src');
    expect(dst.at(0, 10)).toEqual(opaqueGray);
    expect(dst.at(1, 10)).toEqual(new NRGBA(0, 0, 0xff, 0));
    expect(dst.at(2, 10)).toEqual(new NRGBA(0, 0xff, 0, 0));
  });
  test('NRGBA64 Src likewise', () => {
    const dst = new NRGBA64Image(rect(0, 0, 1, 1));
    dst.setNRGBA64(0, 0, new NRGBA64(0x9999, 0x9999, 0x9999, 0xffff));
    const src = new NRGBA64Image(rect(0, 0, 1, 1));
    src.setNRGBA64(0, 0, new NRGBA64(0xfedc, 0, 0x7654, 0));
    draw(dst, dst.bounds(), src, pt(0, 0), 'src');
    expect(dst.at(0, 0)).toEqual(new NRGBA64(0xfedc, 0, 0x7654, 0));
  });
});

test("Go's TestFloydSteinbergCheckerboard: 50% grey on black and white is a checkerboard", () => {
  const b = rect(0, 0, 640, 480);
  const dst = new PalettedImage(b, [Black, White]);
  FloydSteinberg.draw(dst, b, new UniformImage(new Gray16(0x7fff)), ZP);
  let errors = 0;
  for (let y = b.min.y; y < b.max.y; y++) for (let x = b.min.x; x < b.max.x; x++) if (dst.pix[dst.pixOffset(x, y)] !== (x + y) % 2) errors++;
  expect(errors).toBe(0);
});

describe("Go's TestPaletted: a Paletted image behind a wrapper gives the same pixels", () => {
  const cga = [new RGBA(0, 0, 0, 0xff), new RGBA(0x55, 0xff, 0xff, 0xff), new RGBA(0xff, 0x55, 0xff, 0xff), new RGBA(0xff, 0xff, 0xff, 0xff)];
  // Go decodes testdata/video-001.png here; a synthetic photo-like gradient stands in for it.
  const video = new RGBAImage(rect(0, 0, 150, 103));
  for (let y = 0; y < 103; y++) {
    for (let x = 0; x < 150; x++) video.set(x, y, new RGBA(Math.trunc((x * 255) / 149), Math.trunc((y * 255) / 102), ((x ^ y) * 7) & 0xff, 0xff));
  }
  const sources: [string, Image][] = [['uniform', new UniformImage(new RGBA(0xff, 0x7f, 0xff, 0xff))], ['video', video]];
  for (const [sName, src] of sources) {
    for (const dName of ['src', 'floyd-steinberg']) {
      test(`${dName} / ${sName}`, () => {
        const b = video.bounds();
        const dst0 = new PalettedImage(b, cga);
        const dst1 = new PalettedImage(b, cga);
        const hidden = hideLayout(dst1, 'color') as MutableImage;
        if (dName === 'src') {
          draw(dst0, b, src, ZP, 'src');
          draw(hidden, b, src, ZP, 'src');
        } else {
          FloydSteinberg.draw(dst0, b, src, ZP);
          FloydSteinberg.draw(hidden, b, src, ZP);
        }
        expect(Array.from(dst1.pix)).toEqual(Array.from(dst0.pix));
      });
    }
  }
});

describe("Go's TestClip", () => {
  const R = (x0: number, y0: number, x1: number, y1: number) => rect(x0, y0, x1, y1);
  const ZR = R(0, 0, 0, 0);
  // [desc, r, dr, sr, mr, sp, mp, nilMask, r0, sp0, mp0]
  const cases: [string, Rectangle, Rectangle, Rectangle, Rectangle, Point, Point, boolean, Rectangle, Point, Point][] = [
    ['basic', R(0, 0, 100, 100), R(0, 0, 100, 100), R(0, 0, 100, 100), ZR, ZP, ZP, true, R(0, 0, 100, 100), ZP, ZP],
    ['clip dr', R(0, 0, 100, 100), R(40, 40, 60, 60), R(0, 0, 100, 100), ZR, ZP, ZP, true, R(40, 40, 60, 60), pt(40, 40), ZP],
    ['clip sr', R(0, 0, 100, 100), R(0, 0, 100, 100), R(20, 20, 80, 80), ZR, ZP, ZP, true, R(20, 20, 80, 80), pt(20, 20), ZP],
    ['clip dr and sr', R(0, 0, 100, 100), R(0, 0, 50, 100), R(20, 20, 80, 80), ZR, ZP, ZP, true, R(20, 20, 50, 80), pt(20, 20), ZP],
    ['sp outside sr (top-left)', R(0, 0, 100, 100), R(0, 0, 50, 100), R(20, 20, 80, 80), ZR, pt(15, 8), ZP, true, R(5, 12, 50, 72), pt(20, 20), ZP],
    ['sp outside sr (middle-left)', R(0, 0, 100, 100), R(0, 0, 50, 100), R(20, 20, 80, 80), ZR, pt(15, 66), ZP, true, R(5, 0, 50, 14), pt(20, 66), ZP],
    ['sp outside sr (bottom-left)', R(0, 0, 100, 100), R(0, 0, 50, 100), R(20, 20, 80, 80), ZR, pt(15, 91), ZP, true, ZR, pt(15, 91), ZP],
    ['sp inside sr', R(0, 0, 100, 100), R(0, 0, 50, 100), R(20, 20, 80, 80), ZR, pt(44, 33), ZP, true, R(0, 0, 36, 47), pt(44, 33), ZP],
    ['basic mask', R(0, 0, 80, 80), R(20, 0, 100, 80), R(0, 0, 50, 49), R(0, 0, 46, 47), ZP, ZP, false, R(20, 0, 46, 47), pt(20, 0), pt(20, 0)],
    ['clip sr and mr', R(0, 0, 100, 100), R(0, 0, 100, 100), R(23, 23, 55, 86), R(44, 44, 87, 58), pt(10, 10), pt(11, 11), false, R(33, 33, 45, 47), pt(43, 43), pt(44, 44)],
  ];
  const dst0 = new RGBAImage(R(0, 0, 100, 100));
  const src0 = new RGBAImage(R(0, 0, 100, 100));
  const mask0 = new RGBAImage(R(0, 0, 100, 100));
  for (const [desc, r, dr, sr, mr, sp, mp, nilMask, r0, sp0, mp0] of cases) {
    test(desc, () => {
      const c = clip(dst0.subImage(dr), r, src0.subImage(sr), sp, nilMask ? null : mask0.subImage(mr), mp);
      expect(c.r.eq(r0), `${c.r} vs ${r0}`).toBe(true);
      expect(c.sp.eq(sp0), `${c.sp} vs ${sp0}`).toBe(true);
      if (!nilMask) expect(c.mp.eq(mp0)).toBe(true);
      expect(c.r.in(dr)).toBe(true);
      expect(c.r.add(sp.sub(dr.min)).in(sr)).toBe(true);
      if (!nilMask) expect(c.r.add(mp.sub(dr.min)).in(mr)).toBe(true);
    });
  }
});
