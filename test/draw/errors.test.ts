import { describe, expect, test } from 'vitest';
import { Op, OptionError, RGBA, RGBAImage, UniformImage, YCbCrImage, draw, drawMask, pt, rect } from '../../src/index.js';

describe('draw argument errors', () => {
  const dst = new RGBAImage(rect(0, 0, 2, 2));
  const src = new UniformImage(new RGBA(1, 2, 3, 4));

  test('Op names the two operators', () => {
    expect(Op.Over).toBe('over');
    expect(Op.Src).toBe('src');
    expect(Object.isFrozen(Op)).toBe(true);
  });

  test('an unknown op throws OptionError naming op', () => {
    expect(() => draw(dst, dst.rect, src, pt(0, 0), 'xor' as never)).toThrow(OptionError);
    expect(() => draw(dst, dst.rect, src, pt(0, 0), 'xor' as never)).toThrow(/op must be 'over' or 'src', got xor/);
  });

  test('a destination without set throws OptionError naming dst', () => {
    const ycc = new YCbCrImage(rect(0, 0, 2, 2), '420');
    expect(() => draw(ycc as never, ycc.rect, src, pt(0, 0), 'src')).toThrow(/dst must be a mutable image.*YCbCrImage/);
  });

  test('non-integer coordinates throw OptionError naming the argument', () => {
    expect(() => draw(dst, rect(0, 0, 1.5, 2), src, pt(0, 0), 'src')).toThrow(/draw r must be/);
    expect(() => draw(dst, dst.rect, src, pt(0.5, 0), 'src')).toThrow(/draw sp must be/);
    expect(() => drawMask(dst, dst.rect, src, pt(0, 0), src, pt(0, NaN), 'src')).toThrow(/draw mp must be/);
  });

  test('a bad mask throws OptionError naming mask', () => {
    expect(() => drawMask(dst, dst.rect, src, pt(0, 0), 5 as never, pt(0, 0), 'src')).toThrow(/mask must be an image or null/);
  });

  test('an undefined mask means no mask', () => {
    const a = new RGBAImage(rect(0, 0, 2, 2));
    drawMask(a, a.rect, src, pt(0, 0), undefined as never, pt(0, 0), 'src');
    expect(Array.from(a.pix.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });
});
