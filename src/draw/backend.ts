import { OptionError } from '../errors.js';
import { overKernel, setWasmEnabled, wasmEnabled } from './fast/simd/over-simd.js';

/** Settings of the drawing functions (see {@link configureDraw}). */
export interface DrawOptions {
  /**
   * Whether large NRGBA-over-RGBA draws may use the WebAssembly SIMD kernel (default true). It
   * gives the same bytes as the JavaScript loop, about 2.5x faster; where WebAssembly SIMD or
   * run-time compilation is unavailable the JavaScript loop runs whatever this says.
   */
  readonly wasm?: boolean;
}

/**
 * Changes settings of {@link draw} and {@link drawMask} for the whole process (omitted fields are
 * kept). Pinning `wasm: false` lets tests and cautious deployments run the JavaScript loops only.
 * @throws OptionError when an option has the wrong type.
 */
export function configureDraw(options: DrawOptions): void {
  if (typeof options !== 'object' || options === null) throw new OptionError(`configureDraw: options must be an object, got ${String(options)}`);
  if (options.wasm !== undefined) {
    if (typeof options.wasm !== 'boolean') throw new OptionError(`configureDraw: option wasm must be a boolean, got ${String(options.wasm)}`);
    setWasmEnabled(options.wasm);
  }
}

/**
 * Which backend large NRGBA-over-RGBA draws use here and now: `'wasm-simd'` when the kernel is
 * enabled and compiles (compiling it on the first call, about a millisecond), else `'js'`.
 */
export function drawBackend(): 'wasm-simd' | 'js' {
  return wasmEnabled() && overKernel() !== null ? 'wasm-simd' : 'js';
}
