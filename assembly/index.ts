// The wasm module's exports: kernels over raw pointers, and the allocator. Nothing else.
export { logDensityFull, logDensityTied } from './density';
export { logDensityDiag, logDensitySpherical } from './density-diagonal';
export { eStepDiag, eStepFull, eStepSpherical, eStepTied } from './estep';
export { accumulateCentroids, assignNearer } from './kmeans';
export { choleskyPrecisionFull, precisionDiag, precisionSpherical } from './linalg';
export { alloc, free } from './memory';
export { expInPlace, logInPlace } from './exp';
export { normalizeLogProb, weightResponsibilities } from './responsibilities';
export { accumulateFull } from './statistics';
export { accumulateDiag } from './statistics-diagonal';
export { simdBuild } from './build-info';
