import { allocBytes, checkPixelCount } from '../../lifetime/alloc.js';
import type { JpegDecoder } from './decoder.js';
import type { CoefficientStore } from './entropy.js';
import { dcOnlyValue, fillBlock, idctStore } from './idct.js';
import { UNZIG } from './markers.js';
import { reducedStore, REDUCED } from './scaled-idct.js';

/**
 * The decoder's buffers, all sized once from the frame header (after the limits are checked) and
 * reused for every block: the component planes (one allocation, Go's MCU-padded layout, divided by
 * the scale), the progressive coefficient stores, and two 64-entry scratch blocks.
 *
 * At scale 1/2^shift a block becomes (8 >> shift)² samples, so no full-resolution plane exists at
 * shift > 0. @internal
 */
export class Planes {
  /** The one pixel allocation; `plane[i]` are views into it. */
  readonly buffer: Uint8Array;
  /** Component planes: views into `buffer`. */
  readonly plane: Uint8Array[] = [];
  readonly stride: number[] = [];
  readonly rows: number[] = [];
  /**
   * Progressive coefficients per component: 64 per block, natural order, not dequantized; 16-bit
   * unless the decoder was restarted with `wideCoefficients` (see entropy.ts WIDEN).
   */
  readonly coef: (CoefficientStore | null)[] = [null, null, null, null];
  /** Progressive DC terms per component at 1/8 scale: one per block. */
  readonly coefDC: (Int16Array | null)[] = [null, null, null, null];
  /** The block being decoded (dequantized coefficients); all zero between blocks. */
  readonly block = new Int32Array(64);
  readonly tmp = new Int32Array(64);
  readonly tmpF = new Float64Array(64);

  constructor(
    readonly d: JpegDecoder,
    readonly mxx: number,
    readonly myy: number,
    readonly shift: number,
  ) {
    let total = 0;
    const n = d.nComp;
    for (let i = 0; i < n; i++) {
      const c = d.comp[i];
      this.stride.push((8 * c.h * mxx) >> shift);
      this.rows.push((8 * c.v * myy) >> shift);
      total += this.stride[i] * this.rows[i];
    }
    // The process-wide pixel limit applies to the padded first plane.
    checkPixelCount('JPEG image', this.stride[0], this.rows[0]);
    this.buffer = allocBytes('JPEG image', total);
    let off = 0;
    for (let i = 0; i < n; i++) {
      const len = this.stride[i] * this.rows[i];
      this.plane.push(this.buffer.subarray(off, off + len));
      off += len;
    }
  }

  /** Allocates component ci's coefficient store at its first progressive scan (as Go does). */
  ensureCoefficients(ci: number, dcOnly: boolean): void {
    const c = this.d.comp[ci];
    const blocks = this.mxx * this.myy * c.h * c.v;
    if (dcOnly) {
      if (this.coefDC[ci] === null) {
        const b = allocBytes('JPEG DC coefficients', blocks * 2);
        this.coefDC[ci] = new Int16Array(b.buffer, b.byteOffset, blocks);
      }
    } else if (this.coef[ci] === null) {
      if (this.d.wideCoefficients) {
        const b = allocBytes('JPEG coefficients', blocks * 64 * 4);
        this.coef[ci] = new Int32Array(b.buffer, b.byteOffset, blocks * 64);
      } else {
        const b = allocBytes('JPEG coefficients', blocks * 64 * 2);
        this.coef[ci] = new Int16Array(b.buffer, b.byteOffset, blocks * 64);
      }
    }
  }
}

/** Go's makeImg: the planes for an mxx × myy MCU frame (the limits were checked at SOF). */
export function allocatePlanes(d: JpegDecoder, mxx: number, myy: number): Planes {
  return new Planes(d, mxx, myy, d.scaleShift);
}

/**
 * Writes the dequantized block in `p.block` to component ci at block (bx, by), at the planes'
 * scale, and leaves the block zeroed. `rows` has bit k set for each row k holding a non-zero AC
 * term (0: only DC, which takes the flat-block shortcut).
 */
export function storeBlock(p: Planes, ci: number, bx: number, by: number, rows: number): void {
  const blk = p.block;
  const stride = p.stride[ci];
  const plane = p.plane[ci];
  const shift = p.shift;
  const size = 8 >> shift;
  const off = (by * stride + bx) * size;
  if (rows === 0) {
    const v = dcOnlyValue(blk[0]);
    blk[0] = 0;
    if (shift === 0) fillBlock(plane, off, stride, v);
    else for (let y = 0, o = off; y < size; y++, o += stride) plane.fill(v, o, o + size);
  } else if (shift === 0) {
    idctStore(blk, p.tmp, plane, off, stride, rows);
  } else {
    reducedStore(blk, p.tmpF, REDUCED[shift], plane, off, stride);
  }
}

/** Writes the 1/8-scale sample of block (bx, by) from its dequantized DC term. */
export function storeDC(p: Planes, ci: number, bx: number, by: number, dc: number): void {
  p.plane[ci][by * p.stride[ci] + bx] = dcOnlyValue(dc);
}

/**
 * Go's reconstructProgressiveImage: dequantizes and transforms every stored block inside the image
 * (blocks wholly in the MCU padding are left zero, as in Go), with the quantization tables in force
 * at the end of the image.
 */
export function reconstructProgressive(d: JpegDecoder): void {
  const p = d.planes!;
  const h0 = d.comp[0].h;
  const v0 = d.comp[0].v;
  const mxx = p.mxx;
  const blk = p.block;
  for (let i = 0; i < d.nComp; i++) {
    const c = d.comp[i];
    const coef = p.coef[i];
    const coefDC = p.coefDC[i];
    if (coef === null && coefDC === null) continue;
    const v = (8 * v0) / c.v;
    const h = (8 * h0) / c.h;
    const stride = mxx * c.h;
    const q = d.quant[c.tq];
    // The table in natural order, to walk each block's coefficients in memory order.
    const qn = new Int32Array(64);
    for (let zig = 0; zig < 64; zig++) qn[UNZIG[zig]] = q[zig];
    for (let by = 0; by * v < d.height; by++) {
      d.abortCheck();
      for (let bx = 0; bx * h < d.width; bx++) {
        const b = by * stride + bx;
        if (coefDC !== null) {
          storeDC(p, i, bx, by, Math.imul(coefDC[b], q[0]));
          continue;
        }
        const o = b * 64;
        const cf = coef!;
        let rows = 0;
        blk[0] = Math.imul(cf[o], qn[0]);
        for (let u = 1; u < 64; u++) {
          const x = cf[o + u];
          if (x !== 0) {
            blk[u] = Math.imul(x, qn[u]);
            rows |= 1 << (u >> 3);
          }
        }
        storeBlock(p, i, bx, by, rows);
      }
    }
  }
}

/**
 * The offset of the next marker that ends a scan's entropy-coded data: a 0xFF followed by neither
 * a stuffing zero, nor a restart marker, nor another 0xFF. The input's length if there is none.
 */
export function skipEntropyData(data: Uint8Array, pos: number): number {
  const end = data.length;
  for (;;) {
    const i = data.indexOf(0xff, pos);
    if (i < 0 || i + 1 >= end) return end;
    const m = data[i + 1];
    if (m !== 0 && m !== 0xff && (m < 0xd0 || m > 0xd7)) return i;
    pos = i + 1;
  }
}
