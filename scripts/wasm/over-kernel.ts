/*
 * The WebAssembly SIMD kernel of Go's drawNRGBAOver (NRGBA source Over an RGBA destination),
 * four pixels per step, computing exactly what the JavaScript word loop of
 * src/draw/fast/nrgba-to-rgba.ts computes (and so what Go computes):
 *
 *   per colour channel  d' = ((d × ka) >>> 16) + ((s × kp) >>> 16)) >>> 8
 *   alpha               d' = ((d × ka) >>> 16) + α × 0x101) >>> 8
 *
 * with α the source alpha, ka = OVER_SCALE[α] = ceil(257 (255 - α) 2^16 / 255) and
 * kp = OVER_SCALE[256 + α] = ceil(257 α 2^16 / 255) (src/draw/fast/luts.ts derives both). SIMD has
 * no table lookup, so the kernel computes the multipliers: 257 × 2^16 = 255 × 66050 + 2, so for
 * x in [0, 255], ceil(257 x 2^16 / 255) = 66050 x + ceil(2x / 255), and ceil(2x / 255) is 0 for
 * x = 0, 1 for x in [1, 127] and 2 for x in [128, 255]: (x >>> 7) + (x ≠ 0). Every product stays
 * below 2^32 (luts.ts), so 32-bit lanes hold it exactly.
 *
 * Memory: 2 pages (128 KiB), fixed (maximum = minimum). The caller places up to CHUNK destination
 * pixels at byte 0 and the matching source pixels at byte CHUNK × 4, and calls
 * `over(0, CHUNK * 4, n)`; the kernel rewrites the destination words in place, in groups of four
 * (so it may compute up to three words past n, inside the chunk; the caller copies back n).
 */
import { I32, V128, doWhile, i32, i32x4, local, module, v128, type FunctionDef } from './encoder.js';

/** Pixels per chunk: half of the 128 KiB memory holds the destination words, half the source. */
export const CHUNK = 16384;

const over: FunctionDef = {
  exportName: 'over',
  params: ['d', 's', 'n'],
  locals: { end: I32, dv: V128, sv: V128, sa: V128, ia: V128, ka: V128, kp: V128, out: V128, c255: V128, cff00: V128, c66050: V128, c257: V128, zero: V128 },
  body: (L) => {
    const get = (n: string) => local.get(L(n));
    const set = (n: string, v: number[]) => local.set(L(n), v);
    const k = (c: number) => i32x4.splat(i32.const(c));
    // ceil(257 x 2^16 / 255) for each lane x in [0, 255] (see above).
    const scale = (x: string) => i32x4.add(i32x4.mul(get(x), get('c66050')), i32x4.sub(i32x4.shr_u(get(x), i32.const(7)), i32x4.ne(get(x), get('zero'))));
    // (v × k) >>> 16 for the byte of each lane's word at bit `shift`.
    const term = (w: string, shift: number, kk: string) => {
      const byte = shift === 24 ? i32x4.shr_u(get(w), i32.const(24)) : i32x4.shr_u(get(w), i32.const(shift));
      const v = shift === 24 ? byte : v128.and(shift === 0 ? get(w) : byte, get('c255'));
      return i32x4.shr_u(i32x4.mul(v, get(kk)), i32.const(16));
    };
    const sum = (shift: number) => i32x4.add(term('dv', shift, 'ka'), term('sv', shift, 'kp'));
    return [
      ...set('end', i32.add(get('d'), i32.shl(get('n'), i32.const(2)))),
      ...set('c255', k(255)),
      ...set('cff00', k(0xff00)),
      ...set('c66050', k(66050)),
      ...set('c257', k(257)),
      ...set('zero', k(0)),
      ...doWhile(
        [
          ...set('dv', v128.load(get('d'))),
          ...set('sv', v128.load(get('s'))),
          ...set('sa', i32x4.shr_u(get('sv'), i32.const(24))),
          ...set('ia', i32x4.sub(get('c255'), get('sa'))),
          ...set('ka', scale('ia')),
          ...set('kp', scale('sa')),
          // red: bits 0-7
          ...set('out', i32x4.shr_u(sum(0), i32.const(8))),
          // green: (sum >>> 8) << 8
          ...set('out', v128.or(get('out'), v128.and(sum(8), get('cff00')))),
          // blue: (sum >>> 8) << 16
          ...set('out', v128.or(get('out'), i32x4.shl(v128.and(sum(16), get('cff00')), i32.const(8)))),
          // alpha: ((d × ka) >>> 16) + α × 0x101, then >>> 8 << 24
          ...set('out', v128.or(get('out'), i32x4.shl(v128.and(i32x4.add(term('dv', 24, 'ka'), i32x4.mul(get('sa'), get('c257'))), get('cff00')), i32.const(16)))),
          ...v128.store(get('d'), get('out')),
          ...set('d', i32.add(get('d'), i32.const(16))),
          ...set('s', i32.add(get('s'), i32.const(16))),
        ],
        i32.lt_u(get('d'), get('end')),
      ),
    ];
  },
};

/** The kernel module's bytes: memory `mem` (2 pages, fixed) and `over(d, s, n)`. */
export function overKernel(): Uint8Array {
  return module(2, 'mem', [over]);
}
