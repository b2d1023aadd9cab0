import type { KernelWeights } from './axis-weights.js';
import { boxWeights } from './fixed-weights.js';
import { Kernel } from './kernel.js';

/*
 * The built-in kernels, as data: a support and a function of the distance t >= 0 from the sample
 * point (in destination pixels when enlarging, stretched by sw/dw when shrinking).
 */

/**
 * The tent kernel, Go's `draw.BiLinear`: 1 − t on [0, 1). Go's float64 arithmetic, so results are
 * bit-identical to x/image/draw.
 */
export const BiLinear: Kernel = new Kernel(1, (t) => 1 - t, { name: 'BiLinear' });

/**
 * The Catmull-Rom kernel, Go's `draw.CatmullRom`: the cubic BC-spline with B = 0, C = 0.5
 * (Mitchell and Netravali 1988), support 2. Its negative lobes can overshoot; results are clamped
 * to valid premultiplied colour, as Go does. Bit-identical to x/image/draw.
 */
export const CatmullRom: Kernel = new Kernel(
  2,
  (t) => {
    if (t < 1) return (1.5 * t - 2.5) * t * t + 1;
    return ((-0.5 * t + 2.5) * t - 4) * t + 2;
  },
  { name: 'CatmullRom' },
);

/** sin(πx) / (πx), with sinc(0) = 1. */
function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/**
 * The Lanczos kernel with a = 3: sinc(t) · sinc(t / 3) on [0, 3). Fixed-point arithmetic with
 * 14-bit weights (spec/resize.md); results are clamped as for CatmullRom. Not in Go.
 */
export const Lanczos3: Kernel = new Kernel(3, (t) => sinc(t) * sinc(t / 3), { name: 'Lanczos3', arithmetic: 'fixed' });

/**
 * The box kernel as an exact area average. Each destination pixel is the mean of the source area
 * it covers, each source pixel weighted by the exact fraction of it that is covered, in exact
 * integer arithmetic with one rounding (half up) at the end. For an integer shrink factor k that is
 * the plain mean of each k × k block. `at` describes the kernel (1 on [0, 0.5)); the weights come
 * from coverage, not from sampling `at`. Not in Go.
 */
export class BoxKernel extends Kernel {
  constructor() {
    super(0.5, () => 1, { name: 'Box', arithmetic: 'fixed' });
  }

  override axisWeights(dw: number, sw: number): KernelWeights {
    return boxWeights(dw, sw);
  }
}

/** The exact area average ({@link BoxKernel}). The default kernel of `resize` for shrinking. */
export const Box: Kernel = new BoxKernel();
