import fc from 'fast-check';
import { expect, test } from 'vitest';
import { RGBAImage, pt, rect } from '../../../src/index.js';
import { copySameLayout } from '../../../src/draw/fast/copy.js';

test('copySameLayout on one buffer seen with two strides equals copying from a snapshot', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 400, maxLength: 400 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (bytes, dx, dy, extra) => {
      const a = new Uint8Array(bytes);
      const b = new Uint8Array(bytes);
      // Clipped arguments, as draw passes them: r and r moved to sp lie inside both 6 × 6 images.
      const r = rect(0, 0, 4, 4);
      const view = (buf: Uint8Array, stride: number) => new RGBAImage(rect(0, 0, 6, 6), buf, stride);
      // dst sees rows 24 bytes apart, src sees them 24 + 4 × extra bytes apart (a different image).
      const dstA = view(a, 24);
      const srcA = view(a, 24 + 4 * extra);
      copySameLayout(dstA, r, srcA, pt(dx, dy));
      const dstB = view(b, 24);
      const srcB = view(b, 24 + 4 * extra).clone();
      copySameLayout(dstB, r, srcB, pt(dx, dy));
      expect(Array.from(a)).toEqual(Array.from(b));
    }),
    { numRuns: 200 },
  );
});
