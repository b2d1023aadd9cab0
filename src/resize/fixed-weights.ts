import { axisBuilder, builtWeights, setTaps, type AxisBuilder, type FixedAxisWeights } from './axis-weights.js';

/**
 * Integer weights for the fixed-point arithmetic (Box, Lanczos3, and any kernel made with
 * `arithmetic: 'fixed'`). Every destination index's weights sum to exactly the axis denominator D,
 * so a horizontal then vertical pass over integer samples gives an exact integer S, and the result
 * is S / (Dx · Dy) rounded once, half up. See spec/resize.md, "Fixed-point arithmetic".
 */

/** Bits of a sampled kernel's weights: D = 2^14 = 16384, so each weight is within 2^-15 of exact. */
export const FIXED_BITS = 14;
const ONE = 1 << FIXED_BITS;

/**
 * A sampled kernel in fixed point. The taps are chosen as Go's `newDistrib` chooses them (pixel
 * centres, support widened by sw/dw when shrinking, cut at the source edges), each weight is
 * divided by the index's total and rounded to a multiple of 2^-14, and the rounding residue is
 * added to the largest weight so that the weights sum to exactly 2^14. `span`: as for
 * floatAxisWeights (the source extent, default sw).
 */
export function sampledFixedWeights(support: number, at: (t: number) => number, dw: number, sw: number, span: number = sw): FixedAxisWeights {
  const scale = span / dw;
  let halfWidth = support;
  let argScale = 1;
  if (scale > 1) {
    halfWidth *= scale;
    argScale = 1 / scale;
  }
  // Taps per index: ⌈c + h⌉ − ⌊c − h⌋ <= 2h + 2, and at most sw.
  const b = axisBuilder(dw, dw * Math.min(sw, Math.floor(2 * halfWidth) + 2));
  const coords: number[] = [];
  const ws: number[] = [];
  let maxAbsSum = 0;
  for (let x = 0; x < dw; x++) {
    const center = (x + 0.5) * scale - 0.5;
    const i = Math.max(0, Math.floor(center - halfWidth));
    const j = Math.max(i, Math.min(sw, Math.ceil(center + halfWidth)));
    let m = 0;
    let total = 0;
    for (let c = i; c < j; c++) {
      const t = Math.abs((center - c) * argScale);
      if (t >= support) continue;
      const w = at(t);
      if (w === 0) continue;
      total += w;
      coords[m] = c;
      ws[m] = w;
      m++;
    }
    const abs = quantize(ws, m, total, ONE);
    maxAbsSum = Math.max(maxAbsSum, abs);
    setTaps(b, x, coords, ws, abs === 0 ? 0 : m);
  }
  return finish(b, dw, sw, ONE, maxAbsSum);
}

/**
 * Rounds ws[0 .. n) (in place) to integers summing to `one`, proportionally to ws / total; the residue goes
 * to the weight of largest magnitude (the first of equals). Returns the sum of |weight|. A list
 * whose total is zero or not finite becomes all zeros; the caller then records no taps, and the
 * pixel comes out transparent black.
 */
function quantize(ws: number[], n: number, total: number, one: number): number {
  if (n === 0) return 0;
  if (total === 0 || !Number.isFinite(total)) {
    ws.fill(0, 0, n);
    return 0;
  }
  let sum = 0;
  let big = 0;
  for (let k = 0; k < n; k++) {
    if (Math.abs(ws[k]) > Math.abs(ws[big])) big = k;
  }
  for (let k = 0; k < n; k++) {
    ws[k] = Math.round((ws[k] / total) * one);
    sum += ws[k];
  }
  ws[big] += one - sum;
  let abs = 0;
  for (let k = 0; k < n; k++) abs += Math.abs(ws[k]);
  return abs;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Box (area-average) weights, exact. Destination index x covers the source interval
 * [x·sw/dw, (x+1)·sw/dw). Measured in units of g/dw source pixels (g = gcd(sw, dw)), the overlap of
 * that interval with source pixel c is an integer, and the overlaps of one index sum to sw/g, the
 * denominator. For an integer shrink factor k (sw = k·dw) every weight is 1 and D = k.
 */
export function boxWeights(dw: number, sw: number): FixedAxisWeights {
  // Pixels per index: ⌈(x+1)·sw/dw⌉ − ⌊x·sw/dw⌋ <= sw/dw + 2, and at most sw.
  const b = axisBuilder(dw, dw * Math.min(sw, Math.floor(sw / Math.max(dw, 1)) + 2));
  if (dw === 0 || sw === 0) return finish(b, dw, sw, 1, 0);
  const g = gcd(sw, dw);
  // The denominator, sw/g; inner pixels are covered whole: weight sw/g each. Computed before the
  // loop: V8 compiles the loop on its first run (on-stack replacement), before the code after it
  // has run, and arithmetic there without type feedback sent every call back to the interpreter.
  const D = sw / g;
  const coords: number[] = [];
  const ws: number[] = [];
  for (let x = 0; x < dw; x++) {
    // The interval [x·sw, (x+1)·sw) against pixel c's [c·dw, (c+1)·dw), all in units of 1/dw.
    const lo = x * sw;
    const hi = lo + sw;
    const c0 = Math.floor(lo / dw);
    const c1 = Math.ceil(hi / dw);
    let m = 0;
    for (let c = c0; c < c1; c++) {
      const overlap = Math.min(hi, (c + 1) * dw) - Math.max(lo, c * dw);
      if (overlap <= 0) continue;
      coords[m] = c;
      ws[m] = overlap / g;
      m++;
    }
    setTaps(b, x, coords, ws, m);
  }
  return finish(b, dw, sw, D, D, true);
}

/**
 * The same weights re-expressed over 2^14 (rounded, residue on the largest weight), for when
 * the exact denominators are too large for the sums to stay below 2^53.
 */
export function requantize(a: FixedAxisWeights): FixedAxisWeights {
  if (a.denominator === ONE) return a;
  const b = axisBuilder(a.dw, a.weights.length);
  const coords: number[] = [];
  const ws: number[] = [];
  let maxAbsSum = 0;
  for (let x = 0; x < a.dw; x++) {
    let m = 0;
    for (let k = 0; k < a.count[x]; k++) {
      const w = a.weights[a.offset[x] + k];
      if (w === 0) continue;
      coords[m] = a.start[x] + k;
      ws[m] = w;
      m++;
    }
    const abs = quantize(ws, m, a.denominator, ONE);
    maxAbsSum = Math.max(maxAbsSum, abs);
    setTaps(b, x, coords, ws, abs === 0 ? 0 : m);
  }
  return finish(b, a.dw, a.sw, ONE, maxAbsSum);
}

function finish(b: AxisBuilder, dw: number, sw: number, denominator: number, maxAbsSum: number, uniformInterior = false): FixedAxisWeights {
  return {
    kind: 'fixed',
    dw,
    sw,
    start: b.start,
    count: b.count,
    offset: b.offset,
    weights: builtWeights(b),
    maxCount: b.maxCount,
    denominator,
    maxAbsSum,
    uniformInterior,
  };
}
