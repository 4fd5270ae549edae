// The module's f32 passes: ../passes.ts's densities, statistics and E-steps over rows stored as
// f32, each one call of the panel driver (../panels.ts) with R = f32. Every argument is as in the
// f64 export of the same name without the suffix, except xPtr (n×d f32) and workPtr
// (scratchLengthF32(d, 1) doubles for full and tied, scratchLengthF32(d, 0) for diag and spherical).
import { DENSITIES, DIAG, FULL, RESPONSIBILITIES, runPanels, SPHERICAL, STATISTICS, TIED } from '../panels';

const ESTEP = DENSITIES | RESPONSIBILITIES | STATISTICS;

/** logDensityFull for f32 rows. */
export function logDensityFullF32(xPtr: usize, meansPtr: usize, precCholPtr: usize, logDetPtr: usize, logWeightsPtr: usize, outPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(FULL, DENSITIES, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** logDensityTied for f32 rows. */
export function logDensityTiedF32(xPtr: usize, meansPtr: usize, precCholPtr: usize, logDetPtr: usize, logWeightsPtr: usize, outPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(TIED, DENSITIES, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** logDensityDiag for f32 rows. */
export function logDensityDiagF32(xPtr: usize, meansPtr: usize, precisionsPtr: usize, logDetPtr: usize, logWeightsPtr: usize, outPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(DIAG, DENSITIES, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** logDensitySpherical for f32 rows. */
export function logDensitySphericalF32(xPtr: usize, meansPtr: usize, precisionsPtr: usize, logDetPtr: usize, logWeightsPtr: usize, outPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(SPHERICAL, DENSITIES, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** accumulateFull for f32 rows: the f64 sums of ./statistics.ts. */
export function accumulateFullF32(xPtr: usize, respPtr: usize, centersPtr: usize, nkPtr: usize, firstPtr: usize, scatterPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(FULL, STATISTICS, xPtr, centersPtr, 0, 0, 0, 0, respPtr, 0, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k);
}

/** accumulateDiag for f32 rows: the f64 sums of ./statistics-diagonal.ts. */
export function accumulateDiagF32(xPtr: usize, respPtr: usize, centersPtr: usize, nkPtr: usize, firstPtr: usize, squaresPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): void {
  runPanels<f32>(DIAG, STATISTICS, xPtr, centersPtr, 0, 0, 0, 0, respPtr, 0, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k);
}

/** eStepFull for f32 rows; returns Σᵢ wᵢ log p(xᵢ), summed in f64. */
export function eStepFullF32(xPtr: usize, meansPtr: usize, precCholPtr: usize, logDetPtr: usize, logWeightsPtr: usize, weightsPtr: usize, respPtr: usize, logNormPtr: usize, nkPtr: usize, firstPtr: usize, scatterPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): f64 {
  return runPanels<f32>(FULL, ESTEP, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k);
}

/** eStepTied for f32 rows. */
export function eStepTiedF32(xPtr: usize, meansPtr: usize, precCholPtr: usize, logDetPtr: usize, logWeightsPtr: usize, weightsPtr: usize, respPtr: usize, logNormPtr: usize, nkPtr: usize, firstPtr: usize, scatterPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): f64 {
  return runPanels<f32>(TIED, ESTEP, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k);
}

/** eStepDiag for f32 rows. */
export function eStepDiagF32(xPtr: usize, meansPtr: usize, precisionsPtr: usize, logDetPtr: usize, logWeightsPtr: usize, weightsPtr: usize, respPtr: usize, logNormPtr: usize, nkPtr: usize, firstPtr: usize, squaresPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): f64 {
  return runPanels<f32>(DIAG, ESTEP, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k);
}

/** eStepSpherical for f32 rows. */
export function eStepSphericalF32(xPtr: usize, meansPtr: usize, precisionsPtr: usize, logDetPtr: usize, logWeightsPtr: usize, weightsPtr: usize, respPtr: usize, logNormPtr: usize, nkPtr: usize, firstPtr: usize, squaresPtr: usize, workPtr: usize, n: i32, d: i32, k: i32): f64 {
  return runPanels<f32>(SPHERICAL, ESTEP, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k);
}
