import { KernelSlot } from '../../../wasm/kernel.js';
import { OVER_KERNEL_CHUNK as CHUNK, OVER_KERNEL_WASM } from './over-kernel.wasm.js';

/*
 * The optional WebAssembly SIMD backend of NRGBA Over RGBA (spec/draw.md, "Backends"). The kernel
 * is generated from TypeScript (scripts/wasm/over-kernel.ts) and computes the same bytes as the
 * JavaScript word loop; it is compiled on first use, and where WebAssembly, SIMD or run-time
 * compilation is missing (Cloudflare Workers forbid compiling bytes; a page's CSP may) the
 * JavaScript loop runs instead.
 *
 * Memory: the instance owns one fixed 128 KiB memory (it cannot grow) for the life of the process.
 * Pixels pass through it a chunk at a time and it is zeroed before each call returns, so no
 * pixel of one draw survives into the next.
 */

/** A compiled kernel: its memory as words, and `over(dstByte, srcByte, pixels)`. */
export interface OverKernel {
  readonly words: Int32Array;
  readonly over: (d: number, s: number, n: number) => void;
}

function wrap(instance: WebAssembly.Instance): OverKernel {
  const memory = instance.exports.mem as WebAssembly.Memory;
  return { words: new Int32Array(memory.buffer), over: instance.exports.over as OverKernel['over'] };
}

/** The kernel of the process (configureDraw sets it up; see src/wasm/kernel.ts). */
export const overKernelSlot = new KernelSlot(OVER_KERNEL_WASM, ['function:over', 'memory:mem'], wrap);

/** The kernel if it is enabled and can run here (compiled on the first call), else null. */
export function overKernel(): OverKernel | null {
  return overKernelSlot.get();
}

/** The kernel's bytes, decoded from the generated base64. */
export function overKernelBytes(): Uint8Array<ArrayBuffer> {
  return overKernelSlot.bytes();
}

/**
 * NRGBA Over RGBA through the kernel: `rows` runs of n words each, the destination's at d0 in d32
 * and `dStep` words apart, the source's at s0 in s32 and `sStep` apart. Each chunk of a run is
 * copied into the kernel's memory (source and destination both before anything is written back),
 * blended there and copied back, in increasing address order: so, as the word loop, a source at
 * or after the destination in one buffer is read before it is overwritten. The memory the call
 * used is zeroed before it returns, also if it throws.
 */
export function overRunsSimd(k: OverKernel, d32: Int32Array, d0: number, dStep: number, s32: Int32Array, s0: number, sStep: number, rows: number, n: number): void {
  const m = k.words;
  const used = (Math.min(n, CHUNK) + 3) & ~3; // the kernel works in groups of four words (CHUNK is a multiple of 4)
  try {
    for (let y = 0; y < rows; y++, d0 += dStep, s0 += sStep) {
      for (let o = 0; o < n; o += CHUNK) {
        const c = Math.min(CHUNK, n - o);
        m.set(d32.subarray(d0 + o, d0 + o + c), 0);
        m.set(s32.subarray(s0 + o, s0 + o + c), CHUNK);
        k.over(0, CHUNK * 4, c);
        d32.set(m.subarray(0, c), d0 + o);
      }
    }
  } finally {
    m.fill(0, 0, used);
    m.fill(0, CHUNK, CHUNK + used);
  }
}
