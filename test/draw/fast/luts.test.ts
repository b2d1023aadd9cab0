import { describe, expect, test } from 'vitest';
import { NRGBA, NRGBAImage, rect } from '../../../src/index.js';
import { lumaRGTable, overScaleTable, overTable, premul16Table, premul8Table, unpremul8Table } from '../../../src/draw/fast/luts.js';

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

  test("OVER_SCALE: one multiply and shift per term equals Go's two divisions, for every alpha and byte", () => {
    const k = overScaleTable();
    const bad: string[] = [];
    for (let sa = 0; sa < 256; sa++) {
      const sa16 = sa * 0x101;
      const a = (0xffff - sa16) * 0x101;
      for (let v = 0; v < 256; v++) {
        // Go's drawNRGBAOver: uint32(d)*a/m and uint32(s)*sa/0xff, with d, s the 8-bit values.
        if (Math.imul(v, k[sa]) >>> 16 !== Math.floor((v * a) / 0xffff)) bad.push(`over ${sa} ${v}`);
        if (Math.imul(v, k[256 + sa]) >>> 16 !== Math.floor((v * sa16) / 0xff)) bad.push(`premul ${sa} ${v}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test("LUMA_RG: Go's red and green luma terms", () => {
    const t = lumaRGTable();
    const bad: number[] = [];
    for (let i = 0; i < 65536; i++) if (t[i] !== 19595 * (i & 0xff) + 38470 * (i >>> 8)) bad.push(i);
    expect(bad).toEqual([]);
  });
});
