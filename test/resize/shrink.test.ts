import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RGBAImage, UniformImage, RGBA, rect, type Image, type Rectangle } from '../../src/index.js';
import { Box } from '../../src/resize/index.js';
import { BlockMeans, blockMeanReader, blockShrink } from '../../src/resize/shrink.js';
import { SOURCE_KINDS, makeImage } from './arb.js';
import { fill, hideSource } from './helpers.js';

/**
 * blockShrink, the first step of resize({ preshrink: true }): block means over fx × fy blocks
 * (narrower at the right and bottom edges). Checked against a straightforward reference written
 * here from the definition, and against Box.scale where the factors divide the sizes.
 */

/** The definition: per block, S = Σ 16-bit premultiplied values via at().rgba(); ⌊(2S + n) / 2n⌋, r, g, b <= a, >> 8. */
function reference(src: Image, sr: Rectangle, fx: number, fy: number): Uint8Array {
  const mw = Math.ceil(sr.dx() / fx);
  const mh = Math.ceil(sr.dy() / fy);
  const out = new Uint8Array(4 * mw * mh);
  for (let j = 0; j < mh; j++) {
    for (let i = 0; i < mw; i++) {
      const s = [0, 0, 0, 0];
      let n = 0;
      for (let y = sr.min.y + j * fy; y < Math.min(sr.max.y, sr.min.y + (j + 1) * fy); y++) {
        for (let x = sr.min.x + i * fx; x < Math.min(sr.max.x, sr.min.x + (i + 1) * fx); x++) {
          const c = src.at(x, y).rgba();
          for (let k = 0; k < 4; k++) s[k] += c[k];
          n++;
        }
      }
      const v = s.map((t) => Math.floor((2 * t + n) / (2 * n)));
      for (let k = 0; k < 3; k++) v[k] = Math.min(v[k], v[3]);
      for (let k = 0; k < 4; k++) out[4 * (j * mw + i) + k] = v[k] >> 8;
    }
  }
  return out;
}

/** An RGBA image whose pix starts 1 byte into its buffer: no 32-bit view, the 16-bit row path. */
function unaligned(r: Rectangle, seed: number): RGBAImage {
  const buf = new ArrayBuffer(4 * r.dx() * r.dy() + 1);
  const pix = new Uint8Array(buf, 1, 4 * r.dx() * r.dy());
  fill(seed, pix);
  return new RGBAImage(r, pix);
}

describe('blockShrink', () => {
  test('equals the block-mean definition for every source layout, factor and edge (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCE_KINDS, 'rgba-opaque' as const),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: -5, max: 5 }),
        (kind, w, h, fx, fy, seed, o) => {
          const r = rect(o, -o, o + w, -o + h);
          const m = makeImage(kind, r, seed, 2);
          expect(blockShrink(m, r, fx, fy).pix).toEqual(reference(m, r, fx, fy));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the 16-bit row path (unaligned RGBA, hidden layout, more than 257 pixels a block) equals the definition', () => {
    const r = rect(0, 0, 61, 45);
    const m = unaligned(r, 7);
    for (const [fx, fy] of [[2, 2], [3, 5], [4, 4], [7, 3]] as const) {
      expect(blockShrink(m, r, fx, fy).pix).toEqual(reference(m, r, fx, fy));
      expect(blockShrink(hideSource(m), r, fx, fy).pix).toEqual(reference(m, r, fx, fy));
    }
    const big = makeImage('rgba', rect(0, 0, 40, 37), 3);
    expect(blockShrink(big, big.bounds(), 17, 17).pix).toEqual(reference(big, big.bounds(), 17, 17));
    expect(blockShrink(big, big.bounds(), 257, 1).pix).toEqual(reference(big, big.bounds(), 257, 1));
  });

  test('a sub-rectangle reads only its own pixels', () => {
    const m = makeImage('rgba', rect(-3, 2, 50, 41), 11);
    const sr = rect(1, 5, 44, 38);
    expect(blockShrink(m, sr, 3, 4).pix).toEqual(reference(m, sr, 3, 4));
  });

  test('with factors that divide the sizes it is Box.scale to that size, byte for byte', () => {
    for (const kind of [...SOURCE_KINDS, 'rgba-opaque' as const]) {
      for (const [w, h, fx, fy] of [[24, 20, 4, 5], [30, 18, 2, 3], [16, 16, 16, 1], [9, 28, 1, 7]] as const) {
        const r = rect(2, -1, 2 + w, -1 + h);
        const m = makeImage(kind, r, w * 31 + fy, 1);
        const box = new RGBAImage(rect(0, 0, w / fx, h / fy));
        Box.scale(box, box.rect, m, r, 'src');
        expect(blockShrink(m, r, fx, fy).pix, `${kind} ${w}x${h} / ${fx}x${fy}`).toEqual(box.pix);
      }
    }
  });

  test('laws: uniform stays uniform (partial blocks too), opaque stays opaque, factor 1 is a copy', () => {
    const c = new RGBA(40, 90, 7, 200);
    const u = new RGBAImage(rect(0, 0, 23, 17));
    for (let i = 0; i < u.pix.length; i += 4) u.pix.set([c.r, c.g, c.b, c.a], i);
    const s = blockShrink(u, u.rect, 5, 4);
    for (let i = 0; i < s.pix.length; i += 4) expect([...s.pix.subarray(i, i + 4)]).toEqual([40, 90, 7, 200]);
    const opaque = makeImage('rgba-opaque', rect(0, 0, 33, 21), 5) as RGBAImage;
    const o = blockShrink(opaque, opaque.rect, 4, 3);
    for (let i = 3; i < o.pix.length; i += 4) expect(o.pix[i]).toBe(0xff);
    const m = makeImage('rgba', rect(0, 0, 13, 9), 9) as RGBAImage;
    const same = blockShrink(m, m.rect, 1, 1);
    expect(same.pix).toEqual(m.pix);
    expect(same.pix.buffer).not.toBe(m.pix.buffer);
    // A UniformImage source goes through the generic reader.
    const uni = blockShrink(new UniformImage(c), rect(0, 0, 7, 5), 3, 2);
    expect(uni.rect.dx()).toBe(3);
    for (let i = 0; i < uni.pix.length; i += 4) expect([...uni.pix.subarray(i, i + 4)]).toEqual([40, 90, 7, 200]);
  });

  test('the lazy reader gives the rows of blockShrink in any order, holding two rows', () => {
    const m = makeImage('rgba', rect(0, 0, 37, 29), 21);
    const whole = blockShrink(m, m.bounds(), 3, 4);
    const r = blockMeanReader(new BlockMeans(m, m.bounds(), 3, 4));
    expect(r.pix.length).toBe(2 * 4 * 13);
    const w = 4 * 13;
    for (const y of [0, 1, 5, 3, 5, 4, 7, 6, 0, 7]) {
      const b = r.rowBase(y);
      expect(r.pix.subarray(b, b + w), `row ${y}`).toEqual(whole.pix.subarray(y * w, (y + 1) * w));
    }
    // Rows y and y + 1 are there together (the passes read pairs).
    const b0 = r.rowBase(2);
    const b1 = r.rowBase(3);
    expect(r.pix.subarray(b0, b0 + w)).toEqual(whole.pix.subarray(2 * w, 3 * w));
    expect(r.pix.subarray(b1, b1 + w)).toEqual(whole.pix.subarray(3 * w, 4 * w));
  });
});
