import { OptionError } from '../errors.js';
import { isWasmModule } from '../wasm/kernel.js';
import { blockSumsKernel, blockSumsWasm, setBlockSumsModule, setBlockSumsWasm } from './simd/block-sums.js';

/** Settings of imago/resize (see {@link configureResize}). */
export interface ResizeSettings {
  /**
   * Whether `resize({ preshrink: true })` may sum its blocks with the WebAssembly SIMD kernel
   * (default true). Same sums as the JavaScript loop; where WebAssembly SIMD or run-time
   * compilation is unavailable the JavaScript loop runs whatever this says.
   */
  readonly wasm?: boolean;
  /**
   * The kernel compiled ahead of time, for runtimes that forbid compiling bytes at run time but
   * can import a `.wasm` module (Cloudflare Workers): `import kernel from
   * 'imago/block-sums.wasm'`, then `configureResize({ wasmModule: kernel })`. `null` goes back to
   * compiling on first use.
   */
  readonly wasmModule?: WebAssembly.Module | null;
}

/**
 * Changes settings of imago/resize for the whole process (omitted fields are kept).
 * @throws OptionError when an option has the wrong type or the module is not the kernel.
 */
export function configureResize(options: ResizeSettings): void {
  if (typeof options !== 'object' || options === null) throw new OptionError(`configureResize: options must be an object, got ${String(options)}`);
  if (options.wasm !== undefined) {
    if (typeof options.wasm !== 'boolean') throw new OptionError(`configureResize: option wasm must be a boolean, got ${String(options.wasm)}`);
    setBlockSumsWasm(options.wasm);
  }
  if (options.wasmModule !== undefined) {
    const m = options.wasmModule;
    if (m !== null && !isWasmModule(m)) {
      throw new OptionError(`configureResize: option wasmModule must be a WebAssembly.Module (imago/block-sums.wasm) or null, got ${Object.prototype.toString.call(m)}`);
    }
    try {
      setBlockSumsModule(m);
    } catch (err) {
      throw new OptionError(`configureResize: option wasmModule ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Which backend preshrink's block sums use here and now: `'wasm-simd'` when the kernel is enabled
 * and compiles (compiling it on the first call), else `'js'`.
 */
export function resizeBackend(): 'wasm-simd' | 'js' {
  return blockSumsWasm() && blockSumsKernel() !== null ? 'wasm-simd' : 'js';
}
