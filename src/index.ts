/**
 * imago: a pure-TypeScript imaging engine, bit-exact with Go's image packages.
 * This is the core entry. It imports no Node built-in and has no side effects.
 */
export * from './errors.js';
export * from './geom/index.js';
export * from './color/index.js';
export * from './image/index.js';
export { getAllocationLimits, setAllocationLimits, type AllocationLimits } from './lifetime/alloc.js';

// Drawing (spec/draw.md) and the palette cache (spec/palette-cache.md). Fast paths stay internal.
export { draw, drawMask, Op, FloydSteinberg, configureDraw, drawBackend, type Drawer, type Quantizer, type DrawOptions } from './draw/index.js';
export {
  PaletteCache,
  paletteCache,
  configurePaletteCache,
  paletteCacheStats,
  NearestTable,
  paletteKey,
  type PaletteCacheOptions,
  type PaletteCacheStats,
  type PaletteCacheEvictReason,
} from './cache/index.js';
// Codecs: the registry and the codec contract (no codec is included here; the default PNG and
// JPEG registry is the 'imago/codecs' entry).
export type { Codec, Limits, ImageConfig, DecodeOptions, EncodeOptions } from './codec/codec.js';
export {
  createRegistry,
  type Registry,
  type RegistryOptions,
  type DecodeCallOptions,
  type EncodeCallOptions,
  type ImageBytes,
} from './codec/registry.js';
export { DEFAULT_LIMITS, checkImageLimits, checkInputLimits, resolveLimits } from './codec/limits.js';
export { orient, type Orientation } from './codec/orient.js';
export { readExifOrientation } from './codec/exif.js';
// Lifetime: disposal, the buffer pool and the resource registry (spec/lifetime.md).
export { disposeAll } from './lifetime/dispose.js';
export { BufferPool, type BufferPoolOptions, type BufferPoolStats, type TypedArrayConstructor } from './lifetime/pool.js';
export { sizeClass } from './lifetime/size-class.js';
export {
  ResourceRegistry,
  ResourceRef,
  type ResourceOptions,
  type ResourceRegistryOptions,
  type LeakReport,
} from './lifetime/resources.js';

// Resize (Go's golang.org/x/image/draw scalers, Box, Lanczos3 and resize()) is its own entry,
// 'imago/resize' (src/resize/index.ts), as x/image/draw is a package apart from image/draw: the
// core stays within its size and cold-import budgets (spec/runtimes.md, `npm run size`).
