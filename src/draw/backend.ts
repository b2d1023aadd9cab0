import { OptionError } from '../errors.js';
import { isWasmModule } from '../wasm/kernel.js';
import { overKernel, setOverKernelModule, setWasmEnabled, wasmEnabled } from './fast/simd/over-simd.js';

/** Settings of the drawing functions (see {@link configureDraw}). */
export interface DrawOptions {
  /**
   * Whether large NRGBA-over-RGBA draws may use the WebAssembly SIMD kernel (default true). It
   * gives the same bytes as the JavaScript loop, about 2.5x faster; where WebAssembly SIMD or
   * run-time compilation is unavailable the JavaScript loop runs whatever this says.
   */
  readonly wasm?: boolean;
  /**
   * The kernel compiled ahead of time, for runtimes that forbid compiling bytes at run time but
   * can import a `.wasm` module (Cloudflare Workers): `import kernel from
   * 'imago/over-kernel.wasm'` (a `CompiledWasm` module in wrangler), then
   * `configureDraw({ wasmModule: kernel })`. `null` goes back to compiling on first use.
   */
  readonly wasmModule?: WebAssembly.Module | null;
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
  if (options.wasmModule !== undefined) {
    const m = options.wasmModule;
    if (m !== null && !isWasmModule(m)) {
      throw new OptionError(`configureDraw: option wasmModule must be a WebAssembly.Module (imago/over-kernel.wasm) or null, got ${Object.prototype.toString.call(m)}`);
    }
    try {
      setOverKernelModule(m);
    } catch (err) {
      throw new OptionError(`configureDraw: option wasmModule ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Which backend large NRGBA-over-RGBA draws use here and now: `'wasm-simd'` when the kernel is
 * enabled and compiles (compiling it on the first call, about a millisecond), else `'js'`.
 */
export function drawBackend(): 'wasm-simd' | 'js' {
  return wasmEnabled() && overKernel() !== null ? 'wasm-simd' : 'js';
}
