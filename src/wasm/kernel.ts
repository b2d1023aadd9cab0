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
