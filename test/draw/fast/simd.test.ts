import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { NRGBAImage, OptionError, RGBAImage, configureDraw, draw, drawBackend, pt, rect, type MutableImage } from '../../../src/index.js';
import { overTable, premul16Table } from '../../../src/draw/fast/luts.js';
import { overKernel, overKernelBytes } from '../../../src/draw/fast/simd/over-simd.js';
import { OVER_KERNEL_CHUNK } from '../../../src/draw/fast/simd/over-kernel.wasm.js';
import { hideLayout } from '../../helpers/hide-layout.js';
import { withWasmCompileRefused } from '../../helpers/refuse-wasm.js';

/*
 * The WebAssembly SIMD backend of NRGBA Over RGBA (src/draw/fast/simd/): the committed bytes are
 * what the generator writes; the kernel equals Go's formula for every (alpha, destination byte,
 * source byte), and the JavaScript loops and the generic path on every layout that reaches it
 * (row runs, single runs over several chunks, overlapping buffers); it leaves no pixel in its
 * memory; and the JavaScript loop takes over where it cannot compile.
 */

afterEach(() => configureDraw({ wasm: true }));

/** Both backends' results of one draw onto copies of dst: [wasm, js]. */
function bothBackends(make: () => RGBAImage, run: (dst: RGBAImage) => void): [RGBAImage, RGBAImage] {
  const a = make();
  const b = make();
  configureDraw({ wasm: true });
  run(a);
  configureDraw({ wasm: false });
  run(b);
  configureDraw({ wasm: true });
  return [a, b];
}

describe('the kernel bytes', () => {
  test('Node 20 compiles it: large draws here use the WebAssembly backend', () => {
    expect(drawBackend()).toBe('wasm-simd');
    configureDraw({ wasm: false });
    expect(drawBackend()).toBe('js');
  });
});

describe('NRGBA Over RGBA through the kernel', () => {
  test("equals Go's formula for every source alpha, destination byte and source byte (16.7 million triples)", () => {
    // For each alpha, PER pixels cover its 65,536 (d, s) pairs three at a time (pair q = 3i + k in
    // channel k, d = q >> 8, s = q & 0xff; the last pixel repeats pair 65,535), and the
    // destination's alpha byte runs over every value too.
    const PER = Math.ceil(65536 / 3);
    const w = 4096;
    const h = Math.ceil((256 * PER) / w);
    const src = new NRGBAImage(rect(0, 0, w, h));
    const dst = new RGBAImage(rect(0, 0, w, h));
    const alphaOf = new Uint8Array(w * h);
    for (let p = 0; p < 256 * PER; p++) {
      const alpha = Math.floor(p / PER);
      const i = p - alpha * PER;
      alphaOf[p] = alpha;
      for (let k = 0; k < 3; k++) {
        const q = Math.min(3 * i + k, 65535);
        dst.pix[4 * p + k] = q >>> 8;
        src.pix[4 * p + k] = q & 0xff;
      }
      dst.pix[4 * p + 3] = p & 0xff;
      src.pix[4 * p + 3] = alpha;
    }
    const before = dst.pix.slice();
    expect(drawBackend()).toBe('wasm-simd');
    draw(dst, dst.rect, src, pt(0, 0), 'over');
    const over = overTable();
    const premul = premul16Table();
    let bad = 0;
    let first = '';
    for (let p = 0; p < w * h; p++) {
      const row = alphaOf[p] << 8;
      for (let k = 0; k < 4; k++) {
        const d = before[4 * p + k];
        const s = k === 3 ? -1 : src.pix[4 * p + k];
        const want = k === 3 ? (over[row | d] + alphaOf[p] * 0x101) >>> 8 : (over[row | d] + premul[row | s]) >>> 8;
        if (dst.pix[4 * p + k] !== want) {
          if (bad++ === 0) first = `pixel ${p} channel ${k}: alpha ${alphaOf[p]} d ${d} s ${s}: got ${dst.pix[4 * p + k]}, want ${want}`;
        }
      }
    }
    expect(first).toBe('');
    expect(bad).toBe(0);
  });

  test('equals the JavaScript loop and the generic path on row runs, sub-rectangles, strides and offsets', () => {
    fc.assert(
      fc.property(
        fc.record({
          w: fc.integer({ min: 64, max: 300 }),
          h: fc.integer({ min: 14, max: 40 }),
          dPad: fc.constantFrom(0, 4, 64),
          sPad: fc.constantFrom(0, 8),
          dOff: fc.constantFrom(0, 16, 4),
          x0: fc.integer({ min: 0, max: 7 }),
          seed: fc.integer(),
        }),
        ({ w, h, dPad, sPad, dOff, x0, seed }) => {
          const rnd = (i: number) => (Math.imul(i ^ seed, 0x9e3779b1) >>> 13) & 0xff;
          const sStride = 4 * w + sPad;
          const spix = new Uint8Array(sStride * h);
          for (let i = 0; i < spix.length; i++) spix[i] = rnd(i);
          for (let i = 3; i < spix.length; i += 4) spix[i] = [0, 0xff, rnd(i), rnd(i + 1), rnd(i + 2)][rnd(i * 3) % 5];
          const src = new NRGBAImage(rect(0, 0, w, h), spix, sStride);
          const dStride = 4 * w + dPad;
          const make = () => {
            const buf = new Uint8Array(dOff + dStride * h);
            for (let i = 0; i < buf.length; i++) buf[i] = rnd(i + 7777);
            return new RGBAImage(rect(0, 0, w, h), buf.subarray(dOff), dStride);
          };
          const r = rect(x0, 0, w, h);
          const [wasm, js] = bothBackends(make, (d) => draw(d, r, src, r.min, 'over'));
          const slow = make();
          draw(hideLayout(slow) as MutableImage, r, hideLayout(src), r.min, 'over');
          expect(Buffer.from(wasm.pix).equals(Buffer.from(js.pix))).toBe(true);
          expect(Buffer.from(wasm.pix).equals(Buffer.from(slow.pix))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('one contiguous run over several chunks, with a tail that is not a multiple of four', () => {
    const w = 257;
    const h = Math.ceil((2.5 * OVER_KERNEL_CHUNK) / w); // 2.5 chunks
    const src = new NRGBAImage(rect(0, 0, w, h));
    for (let i = 0; i < src.pix.length; i++) src.pix[i] = (i * 193) ^ (i >>> 7);
    const make = () => {
      const d = new RGBAImage(rect(0, 0, w, h));
      for (let i = 0; i < d.pix.length; i++) d.pix[i] = (i * 71) ^ (i >>> 9);
      return d;
    };
    const [wasm, js] = bothBackends(make, (d) => draw(d, d.rect, src, pt(0, 0), 'over'));
    expect(Buffer.from(wasm.pix).equals(Buffer.from(js.pix))).toBe(true);
  });

  test('a source just after the destination in one buffer is read before it is overwritten, across chunks', () => {
    for (const shift of [1, 3, 4, 5, 4099, OVER_KERNEL_CHUNK - 1, OVER_KERNEL_CHUNK + 2]) {
      const n = 2 * OVER_KERNEL_CHUNK + 123;
      const fill = () => {
        const buf = new Uint8Array(4 * (n + shift));
        for (let i = 0; i < buf.length; i++) buf[i] = (i * 37) ^ (i >>> 8);
        return buf;
      };
      // Reference: the generic path from a snapshot of the source.
      const ref = fill();
      const refDst = new RGBAImage(rect(0, 0, n, 1), ref.slice(0, 4 * n));
      draw(hideLayout(refDst) as MutableImage, refDst.rect, hideLayout(new NRGBAImage(rect(0, 0, n, 1), ref.slice(4 * shift, 4 * (shift + n)))), pt(0, 0), 'over');
      const buf = fill();
      const dst = new RGBAImage(rect(0, 0, n, 1), buf.subarray(0, 4 * n));
      expect(drawBackend()).toBe('wasm-simd');
      draw(dst, dst.rect, new NRGBAImage(rect(0, 0, n, 1), buf.subarray(4 * shift, 4 * (shift + n))), pt(0, 0), 'over');
      expect(Buffer.from(dst.pix).equals(Buffer.from(refDst.pix)), `shift ${shift}`).toBe(true);
    }
  });

  test('overlapping views in every direction (source before, after, above, below the destination) equal a snapshot draw', () => {
    const W = 300;
    const H = 60;
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
      [5, 3],
      [-7, -2],
    ]) {
      const make = () => {
        const m = new RGBAImage(rect(0, 0, W, H));
        for (let i = 0; i < m.pix.length; i++) m.pix[i] = (i * 37) ^ (i >>> 8);
        return m;
      };
      const r = rect(10, 10, W - 10, H - 10);
      const sp = r.min.add(pt(dx, dy));
      // The same bytes seen as NRGBA: another view of dst's buffer, so the draw overlaps itself.
      const dst = make();
      const view = new NRGBAImage(dst.rect, dst.pix, dst.stride);
      expect(drawBackend()).toBe('wasm-simd');
      draw(dst, r, view, sp, 'over');
      const ref = make();
      const snap = new NRGBAImage(ref.rect, ref.pix.slice(), ref.stride);
      draw(hideLayout(ref) as MutableImage, r, hideLayout(snap), sp, 'over');
      expect(Buffer.from(dst.pix).equals(Buffer.from(ref.pix)), `offset ${dx},${dy}`).toBe(true);
    }
  });

  test('leaves no pixel in its memory', () => {
    const src = new NRGBAImage(rect(0, 0, 300, 300));
    src.pix.fill(0x9c);
    const dst = new RGBAImage(rect(0, 0, 300, 300));
    dst.pix.fill(0x5a);
    draw(dst, dst.rect, src, pt(0, 0), 'over');
    const k = overKernel();
    expect(k).not.toBeNull();
    expect(dst.pix[0]).not.toBe(0x5a); // the draw did run
    expect(k!.words.every((v) => v === 0)).toBe(true);
  });

  test('small draws stay in JavaScript (the copies would cost more than they save), with the same bytes', () => {
    const src = new NRGBAImage(rect(0, 0, 63, 63));
    for (let i = 0; i < src.pix.length; i++) src.pix[i] = i * 29;
    const make = () => new RGBAImage(rect(0, 0, 63, 63), new Uint8Array(63 * 63 * 4).map((_, i) => i * 13));
    const [wasm, js] = bothBackends(make, (d) => draw(d, d.rect, src, pt(0, 0), 'over'));
    expect(Buffer.from(wasm.pix).equals(Buffer.from(js.pix))).toBe(true);
  });
});

describe('configureDraw and the fallback', () => {
  test('rejects options of the wrong type, naming them', () => {
    expect(() => configureDraw({ wasm: 'yes' as never })).toThrow(OptionError);
    expect(() => configureDraw({ wasm: 'yes' as never })).toThrow(/wasm must be a boolean, got yes/);
    expect(() => configureDraw(null as never)).toThrow(OptionError);
  });

  test('wasmModule: a kernel compiled ahead of time (as Workers import dist/over-kernel.wasm) is used; anything else is an OptionError', () => {
    const before = overKernel();
    try {
      configureDraw({ wasmModule: new WebAssembly.Module(overKernelBytes()) });
      const k = overKernel();
      expect(k).not.toBeNull();
      expect(k).not.toBe(before); // a new instance, of the given module
      expect(drawBackend()).toBe('wasm-simd');
      const src = new NRGBAImage(rect(0, 0, 128, 64));
      for (let i = 0; i < src.pix.length; i++) src.pix[i] = i * 29;
      const make = () => new RGBAImage(rect(0, 0, 128, 64), new Uint8Array(128 * 64 * 4).map((_, i) => i * 13));
      const [wasm, js] = bothBackends(make, (d) => draw(d, d.rect, src, pt(0, 0), 'over'));
      expect(Buffer.from(wasm.pix).equals(Buffer.from(js.pix))).toBe(true);

      const empty = new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
      expect(() => configureDraw({ wasmModule: empty })).toThrow(OptionError);
      expect(() => configureDraw({ wasmModule: empty })).toThrow(/option wasmModule exports nothing, not the kernel \(function:over, memory:mem\)/);
      expect(() => configureDraw({ wasmModule: overKernelBytes() as never })).toThrow(/wasmModule must be a WebAssembly.Module .* got \[object Uint8Array\]/);
    } finally {
      configureDraw({ wasmModule: null });
    }
    expect(drawBackend()).toBe('wasm-simd'); // compiled again on first use
  });

  test('where WebAssembly cannot compile (as in Workers), the JavaScript loop runs with the same bytes', async () => {
    await withWasmCompileRefused(async () => {
      const fresh = await import('../../../src/index.js');
      expect(fresh.drawBackend()).toBe('js');
      const src = new fresh.NRGBAImage(fresh.rect(0, 0, 200, 100));
      for (let i = 0; i < src.pix.length; i++) src.pix[i] = i * 29;
      const dst = new fresh.RGBAImage(fresh.rect(0, 0, 200, 100));
      for (let i = 0; i < dst.pix.length; i++) dst.pix[i] = i * 13;
      fresh.draw(dst, dst.rect, src, fresh.pt(0, 0), 'over');
      const want = new RGBAImage(rect(0, 0, 200, 100));
      for (let i = 0; i < want.pix.length; i++) want.pix[i] = i * 13;
      draw(hideLayout(want) as MutableImage, want.rect, hideLayout(new NRGBAImage(rect(0, 0, 200, 100), src.pix)), pt(0, 0), 'over');
      expect(Buffer.from(dst.pix).equals(Buffer.from(want.pix))).toBe(true);
    });
  });
});
