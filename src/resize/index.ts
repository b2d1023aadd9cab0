/** Scaling: Go's scalers (x/image/draw) plus Box and Lanczos3, and the `resize` convenience. */
export type { ScaleOp, Scaler } from './scaler.js';
export { NearestNeighbor } from './nearest.js';
export { ApproxBiLinear } from './approx-bilinear.js';
export { Kernel, KernelScaler, type KernelArithmetic, type KernelOptions } from './kernel.js';
export { BiLinear, CatmullRom, Lanczos3, Box, BoxKernel } from './kernels.js';
export { resize, type Fit, type KernelName, type ResizeOptions } from './resize.js';
export { configureResize, resizeBackend, type ResizeSettings } from './backend.js';
