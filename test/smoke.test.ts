import { describe, expect, test } from 'vitest';
import { NRGBA, NRGBAImage, RGBA, RGBAImage, rect } from '../src/index.js';

describe('smoke', () => {
  test('an image stores and returns a colour', () => {
    const m = new RGBAImage(rect(0, 0, 2, 2));
    m.set(1, 1, new RGBA(10, 20, 30, 40));
    expect(m.rgbaAt(1, 1)).toEqual(new RGBA(10, 20, 30, 40));
    expect(m.pix[m.pixOffset(1, 1)]).toBe(10);
  });

  test('NRGBA premultiplies through rgba()', () => {
    const m = new NRGBAImage(rect(0, 0, 1, 1));
    m.set(0, 0, new NRGBA(0xff, 0, 0, 0x80));
    expect(m.at(0, 0).rgba()).toEqual([0x8080, 0, 0, 0x8080]);
  });
});
