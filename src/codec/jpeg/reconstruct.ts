import { allocBytes, checkPixelCount } from '../../lifetime/alloc.js';
import type { BufferPool } from '../../lifetime/pool.js';
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
 * shift > 0.
 *
 * With the decoder's `pool`, the pixel buffer and the coefficient stores are acquired from it
 * (zeroed, as fresh allocations are). {@link finish} returns every pooled buffer the decode still
 * holds, except the pixel buffer once {@link tieBuffer} gave it to the result image. @internal
 */
export class Planes {
  /** The one pixel allocation; `plane[i]` are views into it. */
  readonly buffer: Uint8Array;
  /** Where the pooled buffers come from and go back to; null: plain allocations. */
  readonly pool: BufferPool | null;
  /** Whether the result image took `buffer` (so {@link finish} must not release it). */
  #bufferTaken = false;
  #finished = false;
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
    this.pool = d.pool;
    this.buffer = this.pool === null ? allocBytes('JPEG image', total) : this.pool.acquire(total);
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
      if (this.coefDC[ci] === null) this.coefDC[ci] = this.#store(Int16Array, blocks, 'JPEG DC coefficients');
    } else if (this.coef[ci] === null) {
      this.coef[ci] = this.d.wideCoefficients
        ? this.#store(Int32Array, blocks * 64, 'JPEG coefficients')
        : this.#store(Int16Array, blocks * 64, 'JPEG coefficients');
    }
  }

  /** A zeroed store of n elements: from the pool when there is one. */
  #store<T extends Int16Array | Int32Array>(ctor: { new (b: ArrayBuffer, o: number, n: number): T; readonly BYTES_PER_ELEMENT: number }, n: number, what: string): T {
    if (this.pool !== null) return this.pool.acquireAs(ctor, n);
    const b = allocBytes(what, n * ctor.BYTES_PER_ELEMENT);
    return new ctor(b.buffer as ArrayBuffer, b.byteOffset, n);
  }

  /**
   * Hands the pixel buffer to `img`, the result image that wraps it: with a pool, disposing `img`
   * returns the buffer (BufferPool.tie). Returns `img`.
   */
  tieBuffer<T extends object>(img: T): T {
    if (this.pool === null) return img;
    this.pool.tie(this.buffer, img);
    this.#bufferTaken = true;
    return img;
  }

  /**
   * Ends the decode's use of pooled buffers: returns the coefficient stores, and the pixel buffer
   * unless the result image took it. Runs on success and on error; idempotent. Without a pool it
   * only drops the coefficient stores.
   */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    const pool = this.pool;
    for (let i = 0; i < 4; i++) {
      const c = this.coef[i];
      const dc = this.coefDC[i];
      this.coef[i] = null;
      this.coefDC[i] = null;
      if (pool !== null) {
        if (c !== null) pool.release(c);
        if (dc !== null) pool.release(dc);
      }
    }
    if (pool !== null && !this.#bufferTaken) pool.release(this.buffer);
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
