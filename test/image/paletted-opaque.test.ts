import { describe, expect, test } from 'vitest';
import { PalettedImage, RGBA, rect } from '../../src/index.js';

describe('PalettedImage.opaque', () => {
  test('an index past the end of the palette reads as transparent, so the image is not opaque', () => {
    const m = new PalettedImage(rect(0, 0, 2, 1), [new RGBA(1, 2, 3, 255)]);
    expect(m.opaque()).toBe(true);
    m.setColorIndex(1, 0, 5);
    expect(m.at(1, 0).rgba()[3]).toBe(0);
    expect(m.opaque()).toBe(false);
  });
});
