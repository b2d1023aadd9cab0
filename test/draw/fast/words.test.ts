import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GrayImage, NRGBAImage, RGBAImage, draw, pt, rect, type MutableImage, type Rectangle } from '../../../src/index.js';
import { wordView } from '../../../src/image/words.js';
import { hideLayout } from '../../helpers/hide-layout.js';

/*
 * The 32-bit word loops of nrgbaOverRGBA and rgbaToGray against the generic path, on inputs that
 * reach every branch: runs of four transparent or four opaque source pixels (skipped / copied),
 * mixed quads, row tails of 1 to 3 pixels, Gray rows that start and end off a word boundary,
 * and buffers whose offset or stride is not a multiple of 4 (the byte loops).
 */

/** Alpha patterns, one per group of four pixels: 0 = all transparent, 1 = all opaque, 2 = mixed. */
function alphaAt(i: number, pattern: number[], bytes: Uint8Array): number {
  const kind = pattern[(i >> 2) % pattern.length];
  if (kind === 0) return 0;
  if (kind === 1) return 0xff;
  const b = bytes[i % bytes.length];
  return b < 32 ? 0 : b > 223 ? 0xff : b; // mixed quads still hold some 0 and 0xff pixels
}

/** A w × h image's pixels at byte offset `offset` of a fresh buffer, `pad` bytes after each row. */
function placed(w: number, h: number, bpp: number, offset: number, pad: number): { pix: Uint8Array; stride: number } {
  const stride = w * bpp + pad;
  const buf = new Uint8Array(offset + stride * h + 8);
  return { pix: buf.subarray(offset, offset + stride * h), stride };
}

const layout = fc.record({
  w: fc.integer({ min: 1, max: 13 }),
  h: fc.integer({ min: 1, max: 4 }),
  dOff: fc.constantFrom(0, 0, 4, 1, 2, 3),
  sOff: fc.constantFrom(0, 0, 8, 1, 2),
  dPad: fc.constantFrom(0, 0, 4, 8, 1, 3),
  sPad: fc.constantFrom(0, 0, 4, 2),
  x0: fc.integer({ min: 0, max: 3 }),
});

function clipRect(w: number, h: number, x0: number): Rectangle {
  return rect(Math.min(x0, w - 1), 0, w, h);
}

describe('nrgbaOverRGBA on words', () => {
  test('equals the generic path, for skipped, copied and blended quads and both buffer alignments', () => {
    fc.assert(
      fc.property(layout, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 6 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (l, pattern, bytes) => {
        const s = placed(l.w, l.h, 4, l.sOff, l.sPad);
        for (let i = 0; i < s.pix.length; i++) s.pix[i] = bytes[(i * 7) % 64] ^ i;
        for (let y = 0; y < l.h; y++) for (let x = 0; x < l.w; x++) s.pix[y * s.stride + 4 * x + 3] = alphaAt(y * l.w + x, pattern, bytes);
        const src = new NRGBAImage(rect(0, 0, l.w, l.h), s.pix, s.stride);
        const make = (): RGBAImage => {
          const d = placed(l.w, l.h, 4, l.dOff, l.dPad);
          for (let i = 0; i < d.pix.length; i++) d.pix[i] = (bytes[(i * 13) % 64] + i) & 0xff;
          // Valid premultiplied pixels: each colour channel at most alpha.
          for (let i = 0; i + 3 < d.pix.length; i += 4) for (let k = 0; k < 3; k++) d.pix[i + k] = Math.min(d.pix[i + k], d.pix[i + 3]);
          return new RGBAImage(rect(0, 0, l.w, l.h), d.pix, d.stride);
        };
        const fast = make();
        const slow = make();
        const r = clipRect(l.w, l.h, l.x0);
        draw(fast, r, src, r.min, 'over');
        draw(hideLayout(slow) as MutableImage, r, hideLayout(src), r.min, 'over');
        expect(Array.from(fast.pix)).toEqual(Array.from(slow.pix));
      }),
      { numRuns: 400 },
    );
  });

  test('both loops run: aligned buffers get a word view, others do not', () => {
    expect(wordView(new RGBAImage(rect(0, 0, 3, 2)))).not.toBeNull();
    const odd = placed(3, 2, 4, 1, 0);
    expect(wordView(new RGBAImage(rect(0, 0, 3, 2), odd.pix, odd.stride))).toBeNull();
    const padded = placed(3, 2, 4, 0, 2);
    expect(wordView(new RGBAImage(rect(0, 0, 3, 2), padded.pix, padded.stride))).toBeNull();
  });

  test('a source just after the destination in one buffer is read before it is overwritten', () => {
    for (let shift = 1; shift <= 9; shift++) {
      const n = 24;
      const buf = new Uint8Array(4 * (n + shift));
      for (let i = 0; i < buf.length; i++) buf[i] = (i * 37) & 0xff;
      for (let i = 3; i < buf.length; i += 4) buf[i] = [0, 0xff, 0x80, 0xff, 0, 0x40][(i >> 2) % 6];
      for (let i = 0; i < buf.length; i += 4) for (let k = 0; k < 3; k++) buf[i + k] = Math.min(buf[i + k], buf[i + 3]);
      const snap = new NRGBAImage(rect(0, 0, n, 1), buf.slice(4 * shift, 4 * (shift + n)));
      const ref = new RGBAImage(rect(0, 0, n, 1), buf.slice(0, 4 * n));
      draw(hideLayout(ref) as MutableImage, ref.rect, hideLayout(snap), pt(0, 0), 'over');
      const dst = new RGBAImage(rect(0, 0, n, 1), buf.subarray(0, 4 * n));
      const src = new NRGBAImage(rect(0, 0, n, 1), buf.subarray(4 * shift, 4 * (shift + n)));
      draw(dst, dst.rect, src, pt(0, 0), 'over');
      expect(Array.from(dst.pix), `shift ${shift}`).toEqual(Array.from(ref.pix));
    }
  });
});

describe('rgbaToGray on words', () => {
  test('equals the generic path, for Gray rows at every byte alignment and both source alignments', () => {
    fc.assert(
      fc.property(layout, fc.uint8Array({ minLength: 64, maxLength: 64 }), (l, bytes) => {
        const s = placed(l.w, l.h, 4, l.sOff, l.sPad);
        for (let i = 0; i < s.pix.length; i++) s.pix[i] = bytes[(i * 5) % 64] ^ (i * 3);
        const src = new RGBAImage(rect(0, 0, l.w, l.h), s.pix, s.stride);
        const make = (): GrayImage => {
          const d = placed(l.w, l.h, 1, l.dOff, l.dPad);
          d.pix.fill(0x5a);
          return new GrayImage(rect(0, 0, l.w, l.h), d.pix, d.stride);
        };
        const fast = make();
        const slow = make();
        const r = clipRect(l.w, l.h, l.x0);
        draw(fast, r, src, r.min, 'src');
        draw(hideLayout(slow) as MutableImage, r, hideLayout(src), r.min, 'src');
        expect(Array.from(fast.pix)).toEqual(Array.from(slow.pix));
      }),
      { numRuns: 400 },
    );
  });
});
