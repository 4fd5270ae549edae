// The wasm module's exports: kernels over raw pointers, and the allocator. Nothing else.
export { logDensityFull } from './density';
export { choleskyPrecisionFull } from './linalg';
export { alloc, free } from './memory';
export { normalizeLogProb } from './responsibilities';
export { accumulateFull } from './statistics';
