/**
 * Writes the generated WebAssembly SIMD kernels (base64 bytes plus the constants their callers
 * need) that scripts/wasm/*-kernel.ts describe: src/draw/fast/simd/over-kernel.wasm.ts and
 * src/resize/simd/block-sums.wasm.ts. Run from the project root after changing a kernel or the
 * encoder:
 *
 *   node scripts/run-ts.mjs scripts/wasm/generate.ts
 *
 * test/wasm/kernels.test.ts fails when the committed files and this output differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kernelFiles } from './source.js';

for (const f of kernelFiles()) {
  // From the project root: scripts/run-ts.mjs bundles this file elsewhere, so import.meta.url would mislead.
  const target = join(process.cwd(), f.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, f.text);
  console.log(`wrote ${f.path}`);
}
