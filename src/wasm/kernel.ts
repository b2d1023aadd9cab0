import { OptionError } from '../errors.js';

/*
 * Loading imago's optional WebAssembly SIMD kernels (spec/draw.md, "The WebAssembly SIMD
 * backend"; spec/resize.md, "Preshrink"). Each kernel is generated from TypeScript by
 * scripts/wasm/ and shipped as base64; it is compiled on first use, or instantiated from a module
 * the application compiled ahead of time (Workers import `imago/<kernel>.wasm`). Where
 * WebAssembly, SIMD or run-time compilation is missing, callers get null and use JavaScript.
 */

/** A kernel's bytes, decoded from base64. */
export function kernelBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates a kernel, or null where that cannot be done here: no WebAssembly, an
 * engine without SIMD (validation fails), or compilation from bytes forbidden ("code generation
 * disallowed" in workerd; a page's CSP without 'wasm-unsafe-eval').
 */
export function compileKernel(base64: string): WebAssembly.Instance | null {
  if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
  const bytes = kernelBytes(base64);
  try {
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes));
  } catch {
    return null;
  }
}

/**
 * Instantiates a module compiled ahead of time after checking that its exports are exactly
 * `exports` (as `kind:name`, e.g. `'function:over'`).
 * @throws Error saying what the module exports instead (callers wrap it in an OptionError).
 */
export function instantiateKernel(module: WebAssembly.Module, exports: readonly string[]): WebAssembly.Instance {
  const names = WebAssembly.Module.exports(module).map((e) => `${e.kind}:${e.name}`).sort();
  const want = [...exports].sort();
  if (names.join() !== want.join()) {
    throw new Error(`exports ${names.join(', ') || 'nothing'}, not the kernel (${want.join(', ')})`);
  }
  return new WebAssembly.Instance(module);
}

/** Whether `m` is a compiled WebAssembly module (false where WebAssembly is missing). */
export function isWasmModule(m: unknown): m is WebAssembly.Module {
  return typeof WebAssembly === 'object' && m instanceof WebAssembly.Module;
}

/** The options every kernel's `configure…` function takes (configureDraw, configureResize). */
export interface KernelOptions {
  /** Whether the kernel may be used (default true); false pins the JavaScript loops. */
  readonly wasm?: boolean;
  /** The kernel compiled ahead of time (Workers import its `.wasm` file); null: compile on first use. */
  readonly wasmModule?: WebAssembly.Module | null;
}

/**
 * One optional kernel of the process: compiled on first use (or instantiated from a module given
 * with {@link configure}), null where it cannot run, and switchable off. `wrap` turns the
 * instance into what callers use (views of its memory and its function).
 */
export class KernelSlot<T> {
  #kernel: T | null | undefined;
  #enabled = true;
  readonly #base64: string;
  readonly #exports: readonly string[];
  readonly #wrap: (instance: WebAssembly.Instance) => T;

  constructor(base64: string, exports: readonly string[], wrap: (instance: WebAssembly.Instance) => T) {
    this.#base64 = base64;
    this.#exports = exports;
    this.#wrap = wrap;
  }

  /** The kernel if it is enabled and can run here (compiled on the first call), else null. */
  get(): T | null {
    if (!this.#enabled) return null;
    if (this.#kernel === undefined) {
      const instance = compileKernel(this.#base64);
      this.#kernel = instance === null ? null : this.#wrap(instance);
    }
    return this.#kernel;
  }

  /** 'wasm-simd' when {@link get} gives a kernel, else 'js'. */
  backend(): 'wasm-simd' | 'js' {
    return this.get() !== null ? 'wasm-simd' : 'js';
  }

  /** The kernel's bytes. */
  bytes(): Uint8Array<ArrayBuffer> {
    return kernelBytes(this.#base64);
  }

  /**
   * Applies {@link KernelOptions} (omitted fields are kept). `who` names the function in errors,
   * `file` the package file a Worker imports.
   * @throws OptionError naming the bad option: not an object, `wasm` not a boolean, `wasmModule`
   *   neither a WebAssembly.Module nor null, or a module whose exports are not the kernel's.
   */
  configure(who: string, file: string, options: KernelOptions): void {
    if (typeof options !== 'object' || options === null) throw new OptionError(`${who}: options must be an object, got ${String(options)}`);
    if (options.wasm !== undefined) {
      if (typeof options.wasm !== 'boolean') throw new OptionError(`${who}: option wasm must be a boolean, got ${String(options.wasm)}`);
      this.#enabled = options.wasm;
    }
    const m = options.wasmModule;
    if (m === undefined) return;
    if (m === null) {
      this.#kernel = undefined;
      return;
    }
    if (!isWasmModule(m)) throw new OptionError(`${who}: option wasmModule must be a WebAssembly.Module (${file}) or null, got ${Object.prototype.toString.call(m)}`);
    let instance: WebAssembly.Instance;
    try {
      instance = instantiateKernel(m, this.#exports);
    } catch (err) {
      throw new OptionError(`${who}: option wasmModule ${(err as Error).message}`, { cause: err });
    }
    this.#kernel = this.#wrap(instance);
  }
}
