/*
 * The WebAssembly SIMD kernel of resize's preshrink block sums (src/resize/shrink.ts): for
 * `count` blocks of `bw` pixels × `rows` rows of RGBA bytes side by side, the sum of each channel
 * over each block, as four 16-bit lanes (r, g, b, a; 8 bytes per block).
 *
 * Each pixel's bytes are widened to 16-bit lanes and added, two pixels per step (a 64-bit load
 * into lanes 0-7: pixel k's channels in lanes 4k .. 4k + 3), the odd one alone (a 32-bit load);
 * at the end the two halves are folded (lanes 4-7 added onto lanes 0-3). Every sum is at most
 * 255 × bw × rows, which the caller keeps at most 255 × 257 = 65535: no lane wraps, and the sums
 * are exact. Wasm SIMD lanes wrap on overflow, so past that bound they would be wrong, never
 * undefined; the JavaScript path has the same bound (its 16-bit lanes in 32-bit words).
 *
 * Memory: 4 pages (256 KiB), fixed. The caller places the rows at byte 0 (row r at r × stride)
 * and reads the sums from OUT.
 */
import { I32, V128, block, br, brIf, i16x8, i32, i64, i64x2, i8x16, ifThen, local, loop, module, v128, type FunctionDef } from './encoder.js';

/** Bytes of the row area (from byte 0) and where the sums start. */
export const BLOCK_SUMS_IN_BYTES = 196608;
export const BLOCK_SUMS_OUT = 196608;
/** Blocks per call: the 64 KiB after OUT holds 8 bytes per block. */
export const BLOCK_SUMS_MAX_BLOCKS = 8192;

const blocks: FunctionDef = {
  exportName: 'blocks',
  params: ['in', 'stride', 'rows', 'bw', 'count', 'out'],
  locals: { i: I32, r: I32, p: I32, e: I32, col: I32, bwb: I32, acc: V128 },
  body: (L) => {
    const get = (n: string) => local.get(L(n));
    const set = (n: string, v: number[]) => local.set(L(n), v);
    const widen = (load: number[]) => set('acc', i16x8.add(get('acc'), i16x8.extend_low_i8x16_u(load)));
    const high = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
    return [
      ...set('bwb', i32.shl(get('bw'), i32.const(2))),
      ...set('col', get('in')),
      ...block(
        loop(
          brIf(1, i32.ge_u(get('i'), get('count'))),
          set('acc', v128.const(new Array(16).fill(0))),
          set('r', i32.const(0)),
          set('p', get('col')),
          block(
            loop(
              brIf(1, i32.ge_u(get('r'), get('rows'))),
              set('e', i32.add(get('p'), get('bwb'))),
              block(
                loop(
                  brIf(1, i32.gt_u(i32.add(get('p'), i32.const(8)), get('e'))),
                  widen(v128.load64_zero(get('p'))),
                  set('p', i32.add(get('p'), i32.const(8))),
                  br(0),
                ),
              ),
              ifThen(i32.lt_u(get('p'), get('e')), widen(v128.load32_zero(get('p')))),
              // The next row of this block: back to its first byte, one stride down.
              set('p', i32.add(i32.sub(get('e'), get('bwb')), get('stride'))),
              set('r', i32.add(get('r'), i32.const(1))),
              br(0),
            ),
          ),
          set('acc', i16x8.add(get('acc'), i8x16.shuffle(high, get('acc'), get('acc')))),
          i64.store(get('out'), i64x2.extract_lane(0, get('acc'))),
          set('out', i32.add(get('out'), i32.const(8))),
          set('col', i32.add(get('col'), get('bwb'))),
          set('i', i32.add(get('i'), i32.const(1))),
          br(0),
        ),
      ),
    ];
  },
};

/** The kernel module's bytes: memory `mem` (4 pages, fixed) and `blocks(in, stride, rows, bw, count, out)`. */
export function blockSumsKernel(): Uint8Array {
  return module(4, 'mem', [blocks]);
}
