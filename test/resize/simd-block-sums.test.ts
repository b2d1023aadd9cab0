import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { OptionError, RGBAImage, rect } from '../../src/index.js';
import { configureResize, resize, resizeBackend } from '../../src/resize/index.js';
import { BLOCK_SUMS_IN_BYTES } from '../../src/resize/simd/block-sums.wasm.js';
import { SUMS_AT, blockSumsKernel, blockSumsKernelBytes } from '../../src/resize/simd/block-sums.js';
import { blockShrink } from '../../src/resize/shrink.js';
import { fill } from './helpers.js';
import { withWasmCompileRefused } from '../helpers/refuse-wasm.js';

/*
 * The WebAssembly SIMD backend of preshrink's block sums (src/resize/simd/): the same bytes as
 * the JavaScript lane sums for every factor, edge and strip split (test/resize/shrink.test.ts
 * checks the default backend against the block-mean definition itself); its memory is zero after
 * a resize; configureResize pins or feeds it; and JavaScript takes over where it cannot compile.
 */

afterEach(() => configureResize({ wasm: true }));

/** blockShrink's bytes with the kernel and with the JavaScript loop. */
function both(src: RGBAImage, sr = src.rect, fx: number, fy: number): [Uint8Array, Uint8Array] {
  configureResize({ wasm: true });
  const a = blockShrink(src, sr, fx, fy).pix;
  configureResize({ wasm: false });
  const b = blockShrink(src, sr, fx, fy).pix;
  configureResize({ wasm: true });
  return [a, b];
}

function image(w: number, h: number, seed: number, x0 = 0, y0 = 0): RGBAImage {
  const m = new RGBAImage(rect(x0, y0, x0 + w, y0 + h));
  fill(seed, m.pix);
  return m;
}

describe('preshrink block sums through the kernel', () => {
  test('Node 20 compiles the kernel', () => {
    expect(resizeBackend()).toBe('wasm-simd');
    configureResize({ wasm: false });
    expect(resizeBackend()).toBe('js');
  });

  test('equal to the JavaScript lane sums for random sizes, factors (n up to 257), offsets and sub-rectangles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 3 }),
        (w, h, fx, fy, seed, inset) => {
          fc.pre(fx * fy <= 257);
          const src = image(w + 2 * inset, h + 2 * inset, seed, -3, 5);
          const sr = rect(-3 + inset, 5 + inset, -3 + inset + w, 5 + inset + h);
          const [a, b] = both(src, sr, fx, fy);
          expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('rows wider than one strip (split into several kernel calls), the narrower last block, n = 257 exactly', () => {
    // 4 × 64 blocks: BLOCK_SUMS_IN_BYTES / (4 · 4 · 64) = 192 blocks a call, so 2000 px is 3 strips and a tail.
    for (const [w, h, fx, fy, strips] of [
      [2002, 130, 4, 64, 3],
      [1000, 600, 1, 257, 6],
      [1300, 3, 257, 1, 1],
      [777, 41, 3, 5, 1],
    ]) {
      const perCall = Math.floor(BLOCK_SUMS_IN_BYTES / (4 * fx * fy));
      expect(Math.ceil(Math.floor(w / fx) / perCall), `${w}x${h} ${fx}x${fy}: strips of full blocks`).toBe(strips);
      const [a, b] = both(image(w, h, w * h), undefined, fx, fy);
      expect(Buffer.from(a).equals(Buffer.from(b)), `${w}x${h} ${fx}x${fy}`).toBe(true);
    }
  });

  test('all-white and all-zero sources: lanes at their largest sums do not carry', () => {
    for (const v of [0xff, 0]) {
      const src = new RGBAImage(rect(0, 0, 300, 300));
      src.pix.fill(v);
      const [a, b] = both(src, undefined, 16, 16);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(a.every((x) => x === v)).toBe(true);
    }
  });

  test('resize({ preshrink }) gives the same bytes with either backend, and leaves the kernel memory zero', () => {
    const src = image(1203, 677, 7);
    for (const kernel of ['bilinear', 'lanczos3', 'catmull-rom'] as const) {
      configureResize({ wasm: false });
      const js = resize(src, { width: 120, height: 67, kernel, preshrink: true });
      configureResize({ wasm: true });
      const wasm = resize(src, { width: 120, height: 67, kernel, preshrink: true });
      expect(Buffer.from(wasm.pix).equals(Buffer.from(js.pix)), kernel).toBe(true);
      const k = blockSumsKernel()!;
      expect(k.words.every((x) => x === 0)).toBe(true);
      expect(k.sums.subarray(SUMS_AT).every((x) => x === 0)).toBe(true);
    }
  });
});

describe('configureResize and the fallback', () => {
  test('rejects options of the wrong type, naming them', () => {
    expect(() => configureResize({ wasm: 1 as never })).toThrow(OptionError);
    expect(() => configureResize({ wasm: 1 as never })).toThrow(/option wasm must be a boolean, got 1/);
    expect(() => configureResize(undefined as never)).toThrow(OptionError);
    expect(() => configureResize({ wasmModule: {} as never })).toThrow(/wasmModule must be a WebAssembly.Module .*got \[object Object\]/);
    const empty = new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    expect(() => configureResize({ wasmModule: empty })).toThrow(/option wasmModule exports nothing, not the kernel \(function:blocks, memory:mem\)/);
  });

  test('wasmModule: a kernel compiled ahead of time (as Workers import dist/block-sums.wasm) is used', () => {
    const before = blockSumsKernel();
    try {
      configureResize({ wasmModule: new WebAssembly.Module(blockSumsKernelBytes()) });
      expect(blockSumsKernel()).not.toBe(before);
      expect(resizeBackend()).toBe('wasm-simd');
      const [a, b] = both(image(333, 222, 3), undefined, 5, 4);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      configureResize({ wasmModule: null });
    }
    expect(resizeBackend()).toBe('wasm-simd');
  });

  test('where WebAssembly cannot compile (as in Workers), the JavaScript loop runs with the same bytes', async () => {
    const src = image(400, 300, 11);
    const want = resize(src, { width: 40, height: 30, kernel: 'bilinear', preshrink: true }).pix;
    await withWasmCompileRefused(async () => {
      const fresh = await import('../../src/resize/index.js');
      const core = await import('../../src/index.js');
      expect(fresh.resizeBackend()).toBe('js');
      const copy = new core.RGBAImage(core.rect(0, 0, 400, 300), src.pix.slice());
      const got = fresh.resize(copy, { width: 40, height: 30, kernel: 'bilinear', preshrink: true }).pix;
      expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
    });
  });
});
