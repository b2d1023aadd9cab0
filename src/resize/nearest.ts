import type { Rectangle } from '../geom/rectangle.js';
import type { Image, MutableImage } from '../image/image.js';
import { copyRect } from './copy.js';
import { rowWriter } from './dest-rows.js';
import { fillUniform, isUniformSource, prepare } from './prepare.js';
import { checkOp, type ScaleOp, type Scaler } from './scaler.js';
import { scratchI32, scratchU16 } from './scratch.js';
import { sourceReader } from './source-rows.js';

/** floor(a / b) for non-negative integers, exact: float64 when a < 2^53, BigInt beyond. */
export function floorDiv(a: number, b: number): number {
  if (a < 2 ** 53) return Math.floor(a / b);
  return Number(BigInt(a) / BigInt(b));
}

/** (2i + 1) · s / (2d), floored, exactly: Go's uint64 maths, with the product formed in BigInt when large. */
function nnIndex(i: number, s: number, d2: number): number {
  const a = (2 * i + 1) * s;
  if (a < 2 ** 53) return Math.floor(a / d2);
  return Number(((2n * BigInt(i) + 1n) * BigInt(s)) / BigInt(d2));
}

/**
 * Go's `draw.NearestNeighbor`. Destination pixel (x, y), relative to dr.min, takes source pixel
 * (⌊(2x + 1)·sw / 2dw⌋, ⌊(2y + 1)·sh / 2dh⌋), relative to sr.min: the source pixel whose area
 * contains the destination pixel's centre, computed in integers. Bit-identical to x/image/draw,
 * including its same-size case, which is a `Copy` (see copy.ts).
 */
class NearestNeighborScaler implements Scaler {
  readonly name = 'NearestNeighbor';

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
    const dw2 = 2 * dr.dx();
    const dh2 = 2 * dr.dy();
    const sw = sr.dx();
    const sh = sr.dy();
    const n = adr.dx();
    const cols = scratchI32(n);
    for (let i = 0; i < n; i++) cols[i] = sr.min.x + nnIndex(adr.min.x + i, sw, dw2);
    const row = scratchU16(4 * n);
    let last = NaN;
    for (let dy = adr.min.y; dy < adr.max.y; dy++) {
      const sy = sr.min.y + nnIndex(dy, sh, dh2);
      if (sy !== last) read.gather(cols, n, sy, row);
      last = sy;
      write(dr.min.x + adr.min.x, dr.min.y + dy, row, n);
    }
  }

  toString(): string {
    return this.name;
  }
}

/** Nearest-neighbour scaling, Go's `draw.NearestNeighbor`. Fast, blocky when enlarging. */
export const NearestNeighbor: Scaler = new NearestNeighborScaler();
