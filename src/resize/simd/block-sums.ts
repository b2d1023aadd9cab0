import { KernelSlot } from '../../wasm/kernel.js';
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

function wrap(instance: WebAssembly.Instance): BlockSumsKernel {
  const memory = instance.exports.mem as WebAssembly.Memory;
  return { words: new Int32Array(memory.buffer), sums: new Uint16Array(memory.buffer), blocks: instance.exports.blocks as BlockSumsKernel['blocks'] };
}

/** The kernel of the process (configureResize sets it up; see src/wasm/kernel.ts). */
export const blockSumsSlot = new KernelSlot(BLOCK_SUMS_WASM, ['function:blocks', 'memory:mem'], wrap);

/** The kernel if it is enabled and can run here (compiled on the first call), else null. */
export function blockSumsKernel(): BlockSumsKernel | null {
  return blockSumsSlot.get();
}

/** The kernel's bytes, decoded from the generated base64. */
export function blockSumsKernelBytes(): Uint8Array<ArrayBuffer> {
  return blockSumsSlot.bytes();
}

/** Where the kernel writes its sums, as an index of `sums`. */
export const SUMS_AT = BLOCK_SUMS_OUT >> 1;
