import { compileKernel, instantiateKernel, kernelBytes } from '../../wasm/kernel.js';
import { BLOCK_SUMS_OUT, BLOCK_SUMS_WASM } from './block-sums.wasm.js';

/*
 * The optional WebAssembly SIMD backend of resize's preshrink block sums (spec/resize.md,
 * "Preshrink"): the kernel that scripts/wasm/block-sums-kernel.ts describes, compiled on first
 * use, or instantiated from a module compiled ahead of time (Workers). Where it cannot run the
 * JavaScript lane sums of shrink.ts run instead; both give the same sums.
 *
 * Memory: the instance owns one fixed 256 KiB memory (it cannot grow) for the life of the
 * process. Rows pass through it a strip at a time; BlockMeans.release zeroes what it used before
 * resize returns.
 */

/** A compiled kernel: its memory as words and as 16-bit sums, and `blocks(...)`. */
export interface BlockSumsKernel {
  readonly words: Int32Array;
  readonly sums: Uint16Array;
  /** count blocks of bw pixels × rows rows from byte `in` (row stride in bytes); sums to byte `out`. */
  readonly blocks: (input: number, stride: number, rows: number, bw: number, count: number, out: number) => void;
}

const EXPORTS = ['function:blocks', 'memory:mem'];

/** The kernel, null where it cannot run, undefined before the first attempt. */
let kernel: BlockSumsKernel | null | undefined;
let enabled = true;

function wrap(instance: WebAssembly.Instance): BlockSumsKernel {
  const memory = instance.exports.mem as WebAssembly.Memory;
  return { words: new Int32Array(memory.buffer), sums: new Uint16Array(memory.buffer), blocks: instance.exports.blocks as BlockSumsKernel['blocks'] };
}

/** The kernel's bytes, decoded from the generated base64. */
export function blockSumsKernelBytes(): Uint8Array<ArrayBuffer> {
  return kernelBytes(BLOCK_SUMS_WASM);
}

/** The kernel if it is enabled and can run here (compiled on the first call), else null. */
export function blockSumsKernel(): BlockSumsKernel | null {
  if (!enabled) return null;
  if (kernel === undefined) {
    const instance = compileKernel(BLOCK_SUMS_WASM);
    kernel = instance === null ? null : wrap(instance);
  }
  return kernel;
}

/**
 * Uses a module compiled ahead of time (Workers: `imago/block-sums.wasm` imported as a module),
 * or goes back to compiling on first use (null).
 * @throws Error (configureResize wraps it in an OptionError) when the module is not the kernel.
 */
export function setBlockSumsModule(module: WebAssembly.Module | null): void {
  kernel = module === null ? undefined : wrap(instantiateKernel(module, EXPORTS));
}

/** Turns the WebAssembly backend of the block sums on or off (on by default). */
export function setBlockSumsWasm(on: boolean): void {
  enabled = on;
}

/** Whether the WebAssembly backend is on (it may still be unavailable). */
export function blockSumsWasm(): boolean {
  return enabled;
}

/** Where the kernel writes its sums, as an index of `sums`. */
export const SUMS_AT = BLOCK_SUMS_OUT >> 1;
