import { vi } from 'vitest';

/**
 * Runs `fn` with fresh module instances (vi.resetModules) in a world where WebAssembly exists but
 * refuses to compile bytes, as workerd does ("Wasm code generation disallowed by embedder"), so
 * the modules `fn` imports find their kernels unavailable. Restores everything afterwards.
 */
export async function withWasmCompileRefused<T>(fn: () => Promise<T>): Promise<T> {
  vi.resetModules();
  const real = globalThis.WebAssembly;
  vi.stubGlobal('WebAssembly', {
    ...real,
    validate: real.validate,
    Module: function Module() {
      throw new Error('WebAssembly.Module(): Wasm code generation disallowed by embedder');
    },
  });
  try {
    return await fn();
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
}
