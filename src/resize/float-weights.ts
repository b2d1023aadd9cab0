import { axisBuilder, builtWeights, setTaps, type FloatAxisWeights } from './axis-weights.js';

/**
 * Go's `newDistrib`, reproduced operation for operation in float64 so that the scaled pixels are
 * bit-identical to x/image/draw's `Kernel.Scale`.
 *
 * Pixel centres: destination index x sits at source coordinate (x + 0.5) · sw/dw − 0.5. When
 * shrinking (sw > dw) the kernel is widened by sw/dw so every source pixel contributes. Source
 * indices outside [0, sw) are dropped (the kernel is cut at the edges and renormalised).
 * Indices with t >= support or a zero weight are skipped, exactly as Go skips them.
 *
 * `span` (default sw, which is Go's case) is the extent the sw source samples stand for, in their
 * own units: resize's preshrink passes sw_original / f, so that block means sit at their blocks'
 * centres (scale = span / dw). Only the cut at the edges uses sw.
 */
export function floatAxisWeights(support: number, at: (t: number) => number, dw: number, sw: number, span: number = sw): FloatAxisWeights {
  const scale = span / dw;
  let halfWidth = support;
  let argScale = 1;
  if (scale > 1) {
    halfWidth *= scale;
    argScale = 1 / scale;
  }
  // Taps per index: ⌈c + h⌉ − ⌊c − h⌋ <= 2h + 2, and at most sw.
  const b = axisBuilder(dw, dw * Math.min(sw, Math.floor(2 * halfWidth) + 2));
  const inv = new Float64Array(dw);
  const invFFFF = new Float64Array(dw);
  const coords: number[] = [];
  const ws: number[] = [];
  for (let x = 0; x < dw; x++) {
    const center = (x + 0.5) * scale - 0.5;
    let i = Math.floor(center - halfWidth);
    if (i < 0) i = 0;
    let j = Math.ceil(center + halfWidth);
    if (j > sw) {
      j = sw;
      if (j < i) j = i;
    }
    let m = 0;
    let total = 0;
    for (let c = i; c < j; c++) {
      let t = (center - c) * argScale;
      if (t < 0) t = -t;
      if (t >= support) continue;
      const w = at(t);
      if (w === 0) continue;
      total += w;
      coords[m] = c;
      ws[m] = w;
      m++;
    }
    setTaps(b, x, coords, ws, m);
    const itw = 1 / total;
    inv[x] = itw;
    invFFFF[x] = itw / 0xffff;
  }
  return {
    kind: 'float64',
    dw,
    sw,
    start: b.start,
    count: b.count,
    offset: b.offset,
    weights: builtWeights(b),
    maxCount: b.maxCount,
    inv,
    invFFFF,
  };
}
