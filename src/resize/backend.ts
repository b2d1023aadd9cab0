import type { KernelOptions } from '../wasm/kernel.js';
import { blockSumsSlot } from './simd/block-sums.js';

/**
 * Settings of imago/resize (see {@link configureResize}):
 * - `wasm`: whether `resize({ preshrink: true })` may sum its blocks with the WebAssembly SIMD
 *   kernel (default true). Same sums as the JavaScript loop; where WebAssembly SIMD or run-time
 *   compilation is unavailable the JavaScript loop runs whatever this says.
 * - `wasmModule`: the kernel compiled ahead of time, for runtimes that forbid compiling bytes at
 *   run time but can import a `.wasm` module (Cloudflare Workers): `import kernel from
 *   'imago/block-sums.wasm'`, then `configureResize({ wasmModule: kernel })`. `null` goes back to
 *   compiling on first use.
 */
export type ResizeSettings = KernelOptions;

/**
 * Changes settings of imago/resize for the whole process (omitted fields are kept).
 * @throws OptionError when an option has the wrong type or the module is not the kernel.
 */
export function configureResize(options: ResizeSettings): void {
  blockSumsSlot.configure('configureResize', 'imago/block-sums.wasm', options);
}

/**
 * Which backend preshrink's block sums use here and now: `'wasm-simd'` when the kernel is enabled
 * and compiles (compiling it on the first call), else `'js'`.
 */
export function resizeBackend(): 'wasm-simd' | 'js' {
  return blockSumsSlot.backend();
}
