import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import { copyRect } from './copy.js';
import { rowWriter } from './dest-rows.js';
import { fillUniform, isUniformSource, prepare } from './prepare.js';
import { checkOp, type ScaleOp, type Scaler } from './scaler.js';
import { scratchF64, scratchI32, scratchU16 } from './scratch.js';
import { sourceReader } from './source-rows.js';

/**
 * The source index pair and blend fractions of Go's ApproxBiLinear along one axis, for
 * destination index d: s = (d + 0.5)·scale − 0.5, s0 = trunc(s), f0 = s − s0, f1 = 1 − f0,
 * s1 = s0 + 1; before the first source pixel both indices are 0 (f0 = 0, f1 = 1), past the last
 * both are the last (f0 = 1, f1 = 0). Float64, operation for operation as Go.
 */
function axis(d: number, scale: number, last: number): [s0: number, s1: number, f0: number, f1: number] {
  const s = (d + 0.5) * scale - 0.5;
  let s0 = Math.trunc(s);
  let f0 = s - s0;
  let f1 = 1 - f0;
  let s1 = s0 + 1;
  if (s < 0) {
    s0 = s1 = 0;
    f0 = 0;
    f1 = 1;
  } else if (s1 > last) {
    s0 = s1 = last;
    f0 = 1;
    f1 = 0;
  }
  return [s0, s1, f0, f1];
}

/**
 * Go's `draw.ApproxBiLinear`: a bilinear blend of the 4 source pixels nearest to the destination
 * pixel's centre (so it ignores the rest of the source when shrinking). Bit-identical to
 * x/image/draw: float64 blends x first then y, truncated to 16 bits.
 */
class ApproxBiLinearScaler implements Scaler {
  readonly name = 'ApproxBiLinear';

  /** @throws OptionError for a bad op. */
  scale(dst: MutableImage, dr: Rectangle, src: Image, sr: Rectangle, op: ScaleOp): void {
    checkOp(op);
    if (dr.dx() === sr.dx() && dr.dy() === sr.dy()) {
      copyRect(dst, dr, src, sr, op);
      return;
    }
    const p = prepare(dst, dr, src, sr, op);
    if (p === undefined) return;
    const { adr } = p;
    if (isUniformSource(p.src, sr)) {
      fillUniform(dst, adr.add(dr.min), p.src, p.op);
      return;
    }
    const read = sourceReader(p.src, sr);
    const write = rowWriter(dst, p.op);
    const sw = sr.dx();
    const sh = sr.dy();
    const yscale = sh / dr.dy();
    const xscale = sw / dr.dx();
    const n = adr.dx();
    const c0 = scratchI32(n);
    const c1 = scratchI32(n);
    const xf0 = scratchF64(n);
    const xf1 = scratchF64(n);
    for (let i = 0; i < n; i++) {
      const [s0, s1, f0, f1] = axis(adr.min.x + i, xscale, sw - 1);
      c0[i] = sr.min.x + s0;
      c1[i] = sr.min.x + s1;
      xf0[i] = f0;
      xf1[i] = f1;
    }
    const p00 = scratchU16(4 * n);
    const p10 = scratchU16(4 * n);
    const p01 = scratchU16(4 * n);
    const p11 = scratchU16(4 * n);
    const out = scratchU16(4 * n);
    for (let dy = adr.min.y; dy < adr.max.y; dy++) {
      const [sy0, sy1, yf0, yf1] = axis(dy, yscale, sh - 1);
      read.gather(c0, n, sr.min.y + sy0, p00);
      read.gather(c1, n, sr.min.y + sy0, p10);
      read.gather(c0, n, sr.min.y + sy1, p01);
      read.gather(c1, n, sr.min.y + sy1, p11);
      for (let i = 0, j = 0; i < n; i++, j += 4) {
        const a = xf1[i];
        const b = xf0[i];
        for (let c = j; c < j + 4; c++) {
          const top = a * p00[c] + b * p10[c];
          const bottom = a * p01[c] + b * p11[c];
          out[c] = yf1 * top + yf0 * bottom; // Uint16Array stores truncate, as Go's uint32(f)
        }
      }
      write(dr.min.x + adr.min.x, dr.min.y + dy, out, n);
    }
  }

  toString(): string {
    return this.name;
  }
}

/** Go's `draw.ApproxBiLinear`: fast, medium quality; reads only 4 source pixels per pixel. */
export const ApproxBiLinear: Scaler = new ApproxBiLinearScaler();
