import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { kernelFiles } from '../../scripts/wasm/source.js';
import { compileKernel, instantiateKernel, kernelBytes } from '../../src/wasm/kernel.js';

/*
 * The generated WebAssembly SIMD kernels: the committed files are what the generator writes (so
 * the TypeScript description in scripts/wasm/ is the source of truth), and each module is valid
 * and has exactly the exports its caller expects.
 */
describe('generated kernels', () => {
  test.each(kernelFiles().map((f) => [f.path, f.text]))('%s is what scripts/wasm/generate.ts writes (regenerate after changing a kernel)', (path, text) => {
    expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(text);
  });

  test.each(kernelFiles().map((f) => [f.path, f.text]))('%s compiles in Node 20 and exports one memory and one function', (_path, text) => {
    const b64 = [...text.matchAll(/^ {2}'([A-Za-z0-9+/=]+)'/gm)].map((m) => m[1]).join('');
    expect(WebAssembly.validate(kernelBytes(b64))).toBe(true);
    expect(compileKernel(b64)).not.toBeNull();
    const kinds = WebAssembly.Module.exports(new WebAssembly.Module(kernelBytes(b64))).map((e) => e.kind).sort();
    expect(kinds).toEqual(['function', 'memory']);
  });

  test('instantiateKernel refuses a module with other exports, saying what it has', () => {
    const empty = new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    expect(() => instantiateKernel(empty, ['function:f', 'memory:mem'])).toThrow('exports nothing, not the kernel (function:f, memory:mem)');
  });
});
