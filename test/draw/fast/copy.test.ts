import fc from 'fast-check';
import { expect, test } from 'vitest';
import { RGBAImage, pt, rect } from '../../../src/index.js';
import { copySameLayout } from '../../../src/draw/fast/copy.js';

test('copySameLayout on one buffer seen with two strides equals copying from a snapshot', () => {
  const stride = fc.integer({ min: 0, max: 3 }).map((k) => 24 + 4 * k);
  const off = fc.integer({ min: 0, max: 2 });
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 400, maxLength: 400 }), off, off, stride, stride, (bytes, dx, dy, ds, ss) => {
      const a = new Uint8Array(bytes);
      const b = new Uint8Array(bytes);
      // Clipped arguments, as draw passes them: r and r moved to sp lie inside both 6 × 6 images.
      const r = rect(0, 0, 4, 4);
      const view = (buf: Uint8Array, s: number) => new RGBAImage(rect(0, 0, 6, 6), buf, s);
      copySameLayout(view(a, ds), r, view(a, ss), pt(dx, dy));
      copySameLayout(view(b, ds), r, view(b, ss).clone(), pt(dx, dy));
      expect(Array.from(a)).toEqual(Array.from(b));
    }),
    { numRuns: 300 },
  );
});
