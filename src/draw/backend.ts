import { overKernelSlot } from './fast/simd/over-simd.js';
import type { KernelOptions } from '../wasm/kernel.js';

/**
 * Settings of the drawing functions (see {@link configureDraw}):
 * - `wasm`: whether large NRGBA-over-RGBA draws may use the WebAssembly SIMD kernel (default
 *   true). It gives the same bytes as the JavaScript loop, about 2.5x faster; where WebAssembly
 *   SIMD or run-time compilation is unavailable the JavaScript loop runs whatever this says.
 * - `wasmModule`: the kernel compiled ahead of time, for runtimes that forbid compiling bytes at
 *   run time but can import a `.wasm` module (Cloudflare Workers): `import kernel from
 *   'imago/over-kernel.wasm'` (a `CompiledWasm` module in wrangler), then
 *   `configureDraw({ wasmModule: kernel })`. `null` goes back to compiling on first use.
 */
export type DrawOptions = KernelOptions;

/**
 * Changes settings of {@link draw} and {@link drawMask} for the whole process (omitted fields are
 * kept). Pinning `wasm: false` lets tests and cautious deployments run the JavaScript loops only.
 * @throws OptionError when an option has the wrong type or the module is not the kernel.
 */
export function configureDraw(options: DrawOptions): void {
  overKernelSlot.configure('configureDraw', 'imago/over-kernel.wasm', options);
}

/**
 * Which backend large NRGBA-over-RGBA draws use here and now: `'wasm-simd'` when the kernel is
 * enabled and compiles (compiling it on the first call, about a millisecond), else `'js'`.
 */
export function drawBackend(): 'wasm-simd' | 'js' {
  return overKernelSlot.backend();
}
