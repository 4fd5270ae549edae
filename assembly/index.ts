// The wasm module's exports: kernels over raw pointers, the scratch length they need, and the
// allocator. Nothing else.
export { simdBuild } from './build-info';
export { classificationEntropy } from './entropy';
export { expInPlace, logInPlace } from './exp';
export { symmetricEigens } from './jacobi';
export { accumulateCentroids, assignNearer } from './kmeans';
export { assignNearest } from './kmeans-nearest';
export { choleskyPrecisionFull, precisionDiag, precisionSpherical } from './linalg';
export { alloc, free } from './memory';
export { precisionOriented } from './oriented-factor';
export { accumulateDiag, accumulateFull, eStepDiag, eStepFull, eStepOriented, eStepSpherical, eStepTied } from './passes';
export { logDensityDiag, logDensityFull, logDensityOriented, logDensitySpherical, logDensityTied } from './passes';
export { normalizeLogProb, weightResponsibilities } from './responsibilities';
export { commonOrientation, orientationScratchLength } from './orientation';
export { scratchLength } from './scratch';
export { accumulateDiagF32, accumulateFullF32, eStepDiagF32, eStepFullF32, eStepSphericalF32, eStepTiedF32 } from './f32/passes';
export { logDensityDiagF32, logDensityFullF32, logDensitySphericalF32, logDensityTiedF32 } from './f32/passes';
export { scratchLengthF32 } from './f32/scratch';
export { accumulateCentroidsF32, assignNearerF32, assignNearestF32 } from './f32/kmeans';
