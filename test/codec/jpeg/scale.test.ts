import { describe, expect, test } from 'vitest';
import { chromaSize, getAllocationLimits, GrayImage, LimitError, OptionError, setAllocationLimits, YCbCrImage } from '../../../src/index.js';
import { decodeJpeg, jpegScaleFor, type JpegImage } from '../../../src/codec/jpeg/index.js';
import { readFixtureFile } from './helpers.js';

/**
 * DCT-domain downscaling: a decode at 1/g must match the full decode followed by an exact g×g box
 * average (the mean of the in-bounds samples of each box, not rounded) within PSNR 38 dB on the
 * photos. Measured: 52 to 73 dB (see spec/jpeg.md); rounding alone limits it to about 59 dB.
 */

type Plane = [pix: Uint8Array, stride: number, width: number, height: number];

function planesOf(img: JpegImage): Plane[] {
  const r = img.rect;
  if (img instanceof YCbCrImage) {
    const [cw, ch] = chromaSize(r, img.subsampleRatio);
    return [
      [img.y, img.yStride, r.dx(), r.dy()],
      [img.cb, img.cStride, cw, ch],
      [img.cr, img.cStride, cw, ch],
    ];
  }
  // Interleaved samples: one plane per channel.
  const n = img.bytesPerPixel;
  const out: Plane[] = [];
  for (let c = 0; c < n; c++) {
    const p = new Uint8Array(r.dx() * r.dy());
    for (let y = 0; y < r.dy(); y++) for (let x = 0; x < r.dx(); x++) p[y * r.dx() + x] = img.pix[y * img.stride + x * n + c];
    out.push([p, r.dx(), r.dx(), r.dy()]);
  }
  return out;
}

/** PSNR of `small` against the exact g×g box average of `full`, pooled over all planes. */
function boxPSNR(full: JpegImage, small: JpegImage, g: number): number {
  const F = planesOf(full);
  const S = planesOf(small);
  let se = 0;
  let n = 0;
  for (let k = 0; k < F.length; k++) {
    const [fp, fs, fw, fh] = F[k];
    const [sp, ss, sw, sh] = S[k];
    expect([sw, sh]).toEqual([Math.ceil(fw / g), Math.ceil(fh / g)]);
    for (let Y = 0; Y < sh; Y++) {
      for (let X = 0; X < sw; X++) {
        let sum = 0;
        let c = 0;
        const y1 = Math.min(Y * g + g, fh);
        const x1 = Math.min(X * g + g, fw);
        for (let y = Y * g; y < y1; y++) for (let x = X * g; x < x1; x++, c++) sum += fp[y * fs + x];
        const d = sp[Y * ss + X] - sum / c;
        se += d * d;
      }
    }
    n += sw * sh;
  }
  return 10 * Math.log10((255 * 255) / (se / n));
}

const PHOTOS = [
  'photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg',
  'photos/plasma-ColorfulCups-2560x1600.jpg', // progressive 4:2:2
  'photos/plasma-EveningGlow-2560x1600.jpg',
  'photos/plasma-FallenLeaf-2560x1600.jpg',
  'photos/plasma-Grey-2560x1600.jpg',
  'photos/plasma-Path-2560x1600.jpg',
  'photos/skimage-hubble_deep_field.jpg',
  'photos/skimage-retina.jpg',
  'photos/skimage-rocket.jpg',
];

describe('scaled decode matches full decode + exact box average (PSNR >= 38 dB)', () => {
  for (const name of PHOTOS) {
    test(name, () => {
      const bytes = readFixtureFile(name);
      const full = decodeJpeg(bytes);
      for (const g of [2, 4, 8]) {
        const small = decodeJpeg(bytes, { scale: 1 / g });
        expect(small.constructor).toBe(full.constructor);
        if (small instanceof YCbCrImage) expect(small.subsampleRatio).toBe((full as YCbCrImage).subsampleRatio);
        expect(boxPSNR(full, small, g), `1/${g}`).toBeGreaterThanOrEqual(38);
      }
    });
  }

  test('every subsampling, CMYK, YCCK, RGB, grey and progressive variant of the Go test picture', () => {
    const files = [
      'gotestdata/video-001.q50.410.jpeg',
      'gotestdata/video-001.q50.411.progressive.jpeg',
      'gotestdata/video-001.q50.420.jpeg',
      'gotestdata/video-001.q50.422.progressive.jpeg',
      'gotestdata/video-001.q50.440.jpeg',
      'gotestdata/video-001.q50.444.progressive.jpeg',
      'gotestdata/video-001.cmyk.jpeg',
      'gotestdata/video-001.rgb.jpeg',
      'gotestdata/video-005.gray.q50.progressive.jpeg',
      'gotestdata/video-001.restart2.jpeg',
      'jpeg/jpeg-js/tree-cmyk.jpg',
    ];
    for (const name of files) {
      const bytes = readFixtureFile(name);
      const full = decodeJpeg(bytes);
      for (const g of [2, 4, 8]) {
        const small = decodeJpeg(bytes, { scale: 1 / g });
        expect(small.constructor, name).toBe(full.constructor);
        // A 150x103 picture with many edge boxes: the bound is looser than on photos. The RGB
        // file stores G and B at half resolution, and Go's RGBA output repeats them; scaled, they
        // stay at half the output's resolution, so its box average keeps detail ours cannot have.
        const bound = name.endsWith('rgb.jpeg') ? 20 : 30;
        const psnr = boxPSNR(full, small, g);
        expect(psnr, `${name} at 1/${g}`).toBeGreaterThanOrEqual(bound);
      }
    }
  });
});

describe('scale option', () => {
  const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg'); // 150x103

  test('sizes round up', () => {
    expect(decodeJpeg(bytes, { scale: 1 / 2 }).rect.size()).toMatchObject({ x: 75, y: 52 });
    expect(decodeJpeg(bytes, { scale: 1 / 4 }).rect.size()).toMatchObject({ x: 38, y: 26 });
    expect(decodeJpeg(bytes, { scale: 1 / 8 }).rect.size()).toMatchObject({ x: 19, y: 13 });
    expect(decodeJpeg(bytes, { scale: 1 }).rect.size()).toMatchObject({ x: 150, y: 103 });
  });

  test('bad scales are OptionErrors naming the option', () => {
    for (const s of [0, 1 / 3, 2, 0.2, Number.NaN, '1/2']) {
      expect(() => decodeJpeg(bytes, { scale: s as number })).toThrow(OptionError);
      expect(() => decodeJpeg(bytes, { scale: s as number })).toThrow(/scale/);
    }
  });

  test('a flat block decodes to the same value at every scale', () => {
    const img = decodeJpeg(readFixtureFile('jpeg/jpeg-decoder/reftest/blank_800x280.jpg')) as GrayImage;
    const v = img.pix[0];
    for (const g of [2, 4, 8]) {
      const s = decodeJpeg(readFixtureFile('jpeg/jpeg-decoder/reftest/blank_800x280.jpg'), { scale: 1 / g }) as GrayImage;
      for (let y = 0; y < s.rect.dy(); y++) for (let x = 0; x < s.rect.dx(); x++) expect(s.pix[y * s.stride + x]).toBe(v);
    }
  });

  test('no full-resolution plane is allocated at 1/8: the pixel limit of the scaled size suffices', () => {
    const big = readFixtureFile('photos/plasma-ColorfulCups-2560x1600.jpg'); // progressive
    const base = readFixtureFile('photos/plasma-Path-2560x1600.jpg'); // baseline 4:4:4
    const prev = getAllocationLimits();
    try {
      // Room for a 1/8 plane (320x200, MCU-padded) but not for a 1/4 one.
      setAllocationLimits({ maxPixels: 330 * 210 });
      const limits = { maxPixels: Number.POSITIVE_INFINITY };
      expect(decodeJpeg(big, { scale: 1 / 8, limits }).rect.dx()).toBe(320);
      expect(decodeJpeg(base, { scale: 1 / 8, limits }).rect.dx()).toBe(320);
      expect(() => decodeJpeg(base, { scale: 1 / 4, limits })).toThrow(LimitError);
    } finally {
      setAllocationLimits(prev);
    }
  });

  test('progressive at 1/8 skips the AC scans: corrupting them changes nothing', () => {
    const bytes = readFixtureFile('photos/plasma-ColorfulCups-2560x1600.jpg').slice();
    const before = decodeJpeg(bytes, { scale: 1 / 8 }) as YCbCrImage;
    // Find the SOS segments; an AC scan has Ss > 0. Overwrite the middle of each AC scan's data.
    let corrupted = 0;
    for (let i = 2; i + 1 < bytes.length; i++) {
      if (bytes[i] !== 0xff || bytes[i + 1] !== 0xda) continue;
      const len = (bytes[i + 2] << 8) | bytes[i + 3];
      const ns = bytes[i + 4];
      const ss = bytes[i + 5 + 2 * ns];
      const data = i + 2 + len;
      let end = data;
      while (end + 1 < bytes.length && !(bytes[end] === 0xff && bytes[end + 1] !== 0 && (bytes[end + 1] < 0xd0 || bytes[end + 1] > 0xd7))) end++;
      if (ss > 0 && end - data > 100) {
        for (let k = data + 10; k < end - 10; k++) {
          const nb = bytes[k] ^ 0x5a;
          if (bytes[k] !== 0xff && bytes[k - 1] !== 0xff && nb !== 0xff) bytes[k] = nb;
        }
        corrupted++;
      }
      i = end - 1;
    }
    expect(corrupted).toBeGreaterThan(3);
    const after = decodeJpeg(bytes, { scale: 1 / 8 }) as YCbCrImage;
    expect(after.y).toEqual(before.y);
    expect(after.cb).toEqual(before.cb);
    // The full decode does read those scans, and now fails or differs.
    let differs: boolean;
    try {
      differs = !(decodeJpeg(bytes) as YCbCrImage).y.every((v, i) => v === (decodeJpeg(readFixtureFile('photos/plasma-ColorfulCups-2560x1600.jpg')) as YCbCrImage).y[i]);
    } catch {
      differs = true;
    }
    expect(differs).toBe(true);
  });
});

describe('jpegScaleFor picks the smallest scale that still covers the target', () => {
  test.each([
    [6028, 3391, 320, 0, 1 / 8],
    [6028, 3391, 800, 0, 1 / 4],
    [6028, 3391, 754, 424, 1 / 8],
    [6028, 3391, 755, 0, 1 / 4],
    [6028, 3391, 3014, 0, 1 / 2],
    [6028, 3391, 3015, 0, 1],
    [100, 100, 200, 200, 1],
  ])('%i x %i to at least %i x %i: %d', (w, h, tw, th, want) => {
    expect(jpegScaleFor(w, h, tw, th)).toBe(want);
  });
});
