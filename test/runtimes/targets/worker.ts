/**
 * The smoke entry for workerd (run by miniflare in matrix.ts): a module worker whose fetch runs
 * every check and answers with the JSON report. workerd cannot force GC, so retention checks skip.
 */
import { configureDraw } from '../../../src/draw/index.js';
import { fixtures } from '../fixtures.js';
// workerd forbids compiling Wasm bytes at run time; a module imported as CompiledWasm is allowed,
// which is how a Worker gets imago's SIMD kernel (the file `imago/over-kernel.wasm`).
import overKernel from './over-kernel.wasm';
import blockSums from './block-sums.wasm';
import { configureResize } from '../../../src/resize/index.js';
import { detectRuntime, findGC, runChecks } from '../harness.js';
import * as checks from '../smoke.js';

/** Whether Node built-ins can be imported here (workerd's nodejs_compat flag). */
async function hasNodeCompat(): Promise<boolean> {
  try {
    await import('node:buffer');
    return true;
  } catch {
    return false;
  }
}

export default {
  async fetch(): Promise<Response> {
    configureDraw({ wasmModule: overKernel });
    configureResize({ wasmModule: blockSums });
    const runtime = { ...detectRuntime(), nodeCompat: await hasNodeCompat() };
    const report = await runChecks(checks, { runtime, gc: findGC(), fixtures });
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } });
  },
};
