import { describe, expect, test } from 'vitest';
import { NRGBA, NRGBAImage, rect } from '../../../src/index.js';
import { overTable, premul16Table, premul8Table, unpremul8Table } from '../../../src/draw/fast/luts.js';

/* Each lookup table against the independent code it stands for. */

describe('lookup tables', () => {
  test('OVER: the 8-bit d widened to 16 bits, times (0xffff - sa16), over 0xffff', () => {
    const t = overTable();
    const bad: number[] = [];
    for (let sa = 0; sa < 256; sa++) {
      for (let d = 0; d < 256; d++) if (t[(sa << 8) | d] !== Math.floor((d * 0x101 * (0xffff - sa * 0x101)) / 0xffff)) bad.push((sa << 8) | d);
    }
    expect(bad).toEqual([]);
  });

  test('PREMUL16 and PREMUL8: NRGBA.rgba(), Go colour maths', () => {
    const p16 = premul16Table();
    const p8 = premul8Table();
    const bad: number[] = [];
    for (let a = 0; a < 256; a++) {
      for (let c = 0; c < 256; c++) {
        const [r] = new NRGBA(c, 0, 0, a).rgba();
        if (p16[(a << 8) | c] !== r || p8[(a << 8) | c] !== r >>> 8) bad.push((a << 8) | c);
      }
    }
    expect(bad).toEqual([]);
  });

  test('UNPREMUL8: what NRGBAImage.storeRGBA64 writes for an 8-bit premultiplied colour', () => {
    const u = unpremul8Table();
    const m = new NRGBAImage(rect(0, 0, 1, 1));
    const bad: number[] = [];
    for (let a = 0; a < 256; a++) {
      for (let c = 0; c < 256; c++) {
        m.storeRGBA64(0, 0, c * 0x101, 0, 0, a * 0x101);
        if (u[(a << 8) | c] !== m.pix[0]) bad.push((a << 8) | c);
      }
    }
    expect(bad).toEqual([]);
  });
});
