// esbuild's `binary` loader turns these imports into Uint8Arrays (test/runtimes/matrix.ts).
declare module '*.png' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
declare module '*.jpeg' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
// workerd imports the SIMD kernel as a compiled module (wrangler's CompiledWasm rule; matrix.ts).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
