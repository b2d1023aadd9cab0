import { deepStrictEqual, notDeepStrictEqual } from 'node:assert';
import { describe, expect, test } from 'vitest';
import { NYCbCrAImage, RGBA, UniformImage, rect } from '../../src/index.js';
import { ALL_KINDS, fillSeeded } from '../helpers/images.js';

// The checked accessors (pix, rect, planes, c) are own enumerable properties, so structural
// comparisons still see pixels, as they did when these were plain fields.
describe('structural equality still compares pixels and bounds', () => {
  for (const kind of ALL_KINDS) {
    test(kind.name, () => {
      const a = kind.make(rect(0, 0, 4, 4));
      const b = kind.make(rect(0, 0, 4, 4));
      expect(a).toEqual(b);
      deepStrictEqual(a, b);
      fillSeeded(b, 3);
      expect(a).not.toEqual(b);
      notDeepStrictEqual(a, b);
      expect(kind.make(rect(1, 0, 5, 4))).not.toEqual(a); // same size, other bounds
      expect(a.clone()).toEqual(a);
    });
  }

  test('the alpha plane of NYCbCrA and the colour of a uniform image count too', () => {
    const a = new NYCbCrAImage(rect(0, 0, 2, 2), '444');
    const b = new NYCbCrAImage(rect(0, 0, 2, 2), '444');
    b.a[3] = 1;
    expect(a).not.toEqual(b);
    expect(new UniformImage(new RGBA(1, 2, 3, 4))).not.toEqual(new UniformImage(new RGBA(1, 2, 3, 5)));
    expect(new UniformImage(new RGBA(1, 2, 3, 4))).toEqual(new UniformImage(new RGBA(1, 2, 3, 4)));
  });
});
