import { describe, expect, test } from 'vitest';
import { NRGBAImage, RGBAImage, YCbCrImage, rect, type Image } from '../../src/index.js';
import { ApproxBiLinear, BiLinear, Box, CatmullRom, Lanczos3, NearestNeighbor, resize, type Scaler } from '../../src/resize/index.js';
import { isCollected } from '../helpers/gc.js';
import { fill } from './helpers.js';

/**
 * Nothing keeps the source alive: not the result of resize, not a scaler kept for reuse. Built in
 * helper functions so no test frame holds a stray reference.
 */

function makeSource(kind: 'rgba' | 'nrgba' | 'ycbcr'): Image {
  if (kind === 'ycbcr') {
    const m = new YCbCrImage(rect(0, 0, 300, 200), '420');
    fill(7, m.y, m.cb, m.cr);
    return m;
  }
  const m = kind === 'rgba' ? new RGBAImage(rect(0, 0, 300, 200)) : new NRGBAImage(rect(0, 0, 300, 200));
  fill(7, m.pix);
  return m;
}

function bufferOf(m: Image): ArrayBuffer {
  const o = m as { pix?: Uint8Array; y?: Uint8Array };
  return (o.pix ?? o.y)!.buffer as ArrayBuffer;
}

/** Resizes a fresh source and returns only the result and a weak reference to the source's buffer. */
function resizeAndDrop(kind: 'rgba' | 'nrgba' | 'ycbcr', options: Parameters<typeof resize>[1]): [Image & { pix: Uint8Array }, WeakRef<ArrayBuffer>] {
  const src = makeSource(kind);
  return [resize(src, options), new WeakRef(bufferOf(src))];
}

describe('retention', () => {
  for (const kind of ['rgba', 'nrgba', 'ycbcr'] as const) {
    for (const options of [{ width: 30 }, { width: 900 }, { width: 300, height: 200 }, { width: 50, height: 50, fit: 'contain' as const }, { width: 50, height: 50, fit: 'cover' as const }]) {
      test(`resize of ${kind} ${JSON.stringify(options)}: the source buffer is collected while the result lives`, async () => {
        const [out, ref] = resizeAndDrop(kind, options);
        expect(await isCollected(ref)).toBe(true);
        // The result is intact and owns its pixels.
        expect(out.pix.length).toBe(out.bounds().dx() * out.bounds().dy() * 4);
        expect(out.pix.some((v) => v !== 0)).toBe(true);
      });
    }
  }

  const SCALERS: Array<[string, () => Scaler]> = [
    ['NearestNeighbor', () => NearestNeighbor],
    ['ApproxBiLinear', () => ApproxBiLinear],
    ['BiLinear.newScaler', () => BiLinear.newScaler(40, 30, 300, 200)],
    ['CatmullRom.newScaler', () => CatmullRom.newScaler(40, 30, 300, 200)],
    ['Box.newScaler', () => Box.newScaler(40, 30, 300, 200)],
    ['Lanczos3.newScaler', () => Lanczos3.newScaler(40, 30, 300, 200)],
  ];
  for (const [name, make] of SCALERS) {
    test(`${name} kept for reuse keeps neither the last source nor the last destination`, async () => {
      const scaler = make();
      const use = (): [WeakRef<ArrayBuffer>, WeakRef<ArrayBuffer>] => {
        const src = makeSource('rgba');
        const dst = new RGBAImage(rect(0, 0, 40, 30));
        scaler.scale(dst, dst.rect, src, src.bounds(), 'over');
        return [new WeakRef(bufferOf(src)), new WeakRef(dst.pix.buffer as ArrayBuffer)];
      };
      const [s, d] = use();
      expect(await isCollected(s)).toBe(true);
      expect(await isCollected(d)).toBe(true);
      expect(scaler).toBeDefined();
    });
  }

  test('the check can fail: a result that kept its source alive would be caught', async () => {
    const [keep, ref] = ((): [Image, WeakRef<ArrayBuffer>] => {
      const src = makeSource('rgba');
      return [src, new WeakRef(bufferOf(src))];
    })();
    expect(await isCollected(ref)).toBe(false);
    expect(keep).toBeDefined();
  });
});
