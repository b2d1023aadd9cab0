/**
 * Reduced inverse DCTs for DCT-domain downscaling ("shrink on load") at 1/2 and 1/4.
 *
 * The 8-point inverse DCT of T.81 A.3.3 is f(n) = Σ_k ½·C(k)·F(k)·cos((2n+1)kπ/16), with
 * C(0) = 1/√2 and C(k) = 1 otherwise. The mean of g adjacent outputs f(g·m) … f(g·m + g − 1) is
 * therefore also linear in F: Σ_k M[m][k]·F(k) with
 *
 *     M[m][k] = (1/g) Σ_{n = g·m}^{g·m+g−1} ½·C(k)·cos((2n+1)kπ/16).
 *
 * Applying M to the rows and then the columns of a block gives, in one step, the exact g×g box
 * average of the block's real-valued inverse DCT: an (8/g)×(8/g) block at 1/g scale. The only
 * differences from "decode at full size, then box-average" are rounding (once here, per pixel
 * there) and clamping (here after averaging, there before). spec/jpeg.md gives the measured PSNR.
 *
 * 1/8 needs no matrix: M is then [1/8, 0, …, 0], the DC term alone (see idct.ts dcOnlyValue).
 *
 * The matrices are integers scaled by 2^13; products and sums are exact in doubles for every
 * dequantized coefficient an 8-bit JPEG can hold, so results do not depend on the runtime.
 */

const FRACTION_BITS = 13;
const SCALE = 2 ** FRACTION_BITS;
/** Two passes of 2^13 each: the final sum carries 2^26. */
const OUT_SCALE = SCALE * SCALE;
const OUT_HALF = OUT_SCALE / 2;

/** A reduced transform: `n` outputs per dimension and its n×8 matrix, row-major. */
export interface Reduced {
  readonly n: number;
  readonly m: Float64Array;
}

function matrix(n: number): Reduced {
  const g = 8 / n;
  const m = new Float64Array(n * 8);
  for (let out = 0; out < n; out++) {
    for (let k = 0; k < 8; k++) {
      let s = 0;
      for (let x = g * out; x < g * out + g; x++) s += Math.cos(((2 * x + 1) * k * Math.PI) / 16);
      const c = k === 0 ? Math.SQRT1_2 : 1;
      m[out * 8 + k] = Math.round((SCALE * 0.5 * c * s) / g);
    }
  }
  return { n, m };
}

/** REDUCED[shift] for shift 1 (1/2: 4×4 per block) and 2 (1/4: 2×2 per block). */
export const REDUCED: readonly Reduced[] = [matrix(8), matrix(4), matrix(2)];

/**
 * Writes the (n×n) box-averaged block of the dequantized coefficients `blk` (natural order) to
 * `dst` at `off`, level-shifted and clamped, and zeroes `blk`. `t` is 64 scratch.
 */
export function reducedStore(blk: Int32Array, t: Float64Array, r: Reduced, dst: Uint8Array, off: number, stride: number): void {
  const n = r.n;
  const m = r.m;
  // Rows: t[v][x] = Σ_u M[x][u] · F[v][u].
  for (let v = 0; v < 8; v++) {
    const row = v * 8;
    const f0 = blk[row];
    const f1 = blk[row + 1];
    const f2 = blk[row + 2];
    const f3 = blk[row + 3];
    const f4 = blk[row + 4];
    const f5 = blk[row + 5];
    const f6 = blk[row + 6];
    const f7 = blk[row + 7];
    if ((f0 | f1 | f2 | f3 | f4 | f5 | f6 | f7) === 0) {
      for (let x = 0; x < n; x++) t[v * n + x] = 0;
      continue;
    }
    blk.fill(0, row, row + 8);
    for (let x = 0; x < n; x++) {
      const k = x * 8;
      t[v * n + x] =
        m[k] * f0 + m[k + 1] * f1 + m[k + 2] * f2 + m[k + 3] * f3 + m[k + 4] * f4 + m[k + 5] * f5 + m[k + 6] * f6 + m[k + 7] * f7;
    }
  }
  // Columns: out[y][x] = Σ_v M[y][v] · t[v][x].
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      const k = y * 8;
      const s =
        m[k] * t[x] +
        m[k + 1] * t[n + x] +
        m[k + 2] * t[2 * n + x] +
        m[k + 3] * t[3 * n + x] +
        m[k + 4] * t[4 * n + x] +
        m[k + 5] * t[5 * n + x] +
        m[k + 6] * t[6 * n + x] +
        m[k + 7] * t[7 * n + x];
      const c = Math.floor((s + OUT_HALF) / OUT_SCALE) + 128;
      dst[off + y * stride + x] = c < 0 ? 0 : c > 255 ? 255 : c;
    }
  }
}
