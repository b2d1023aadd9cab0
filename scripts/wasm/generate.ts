/**
 * Writes src/draw/fast/simd/over-kernel.wasm.ts, the base64 bytes of the WebAssembly SIMD kernel
 * that scripts/wasm/over-kernel.ts describes. Run after changing the kernel or the encoder:
 *
 *   node scripts/run-ts.mjs scripts/wasm/generate.ts
 *
 * test/draw/fast/simd.test.ts fails when the committed bytes and this output differ.
 */
import { writeFileSync } from 'node:fs';
import { overKernelSource } from './source.js';

// Run from the project root (scripts/run-ts.mjs bundles this file elsewhere, so import.meta.url would mislead).
const target = new URL('src/draw/fast/simd/over-kernel.wasm.ts', `file://${process.cwd()}/`);
writeFileSync(target, overKernelSource());
console.log(`wrote ${target.pathname}`);
