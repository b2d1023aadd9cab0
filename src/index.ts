/**
 * imago: a pure-TypeScript imaging engine, bit-exact with Go's image packages.
 * This is the core entry. It imports no Node built-in and has no side effects.
 */
export * from './errors.js';
export * from './geom/index.js';
export * from './color/index.js';
export * from './image/index.js';
export { getAllocationLimits, setAllocationLimits, type AllocationLimits } from './lifetime/alloc.js';
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
