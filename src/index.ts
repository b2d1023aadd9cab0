/**
 * imago: a pure-TypeScript imaging engine, bit-exact with Go's image packages.
 * This is the core entry. It imports no Node built-in and has no side effects.
 */
export * from './errors.js';
export * from './geom/index.js';
export * from './color/index.js';
export * from './image/index.js';
export { getAllocationLimits, setAllocationLimits, type AllocationLimits } from './lifetime/alloc.js';

// Resize (issue 4): Go's scalers, Box and Lanczos3, resize().
export * from './resize/index.js';
