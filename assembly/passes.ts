// The module's passes over rows: densities, statistics and whole E-steps for each covariance
// family, each one call of the panel driver (panels.ts) with R = f64 and its family and parts as
// constants.
// Scratch: scratchLength(d, 1) doubles for full, tied and oriented, scratchLength(d, 0) for diag and spherical.
import { orientedFlagAt } from './oriented-factor';
import { DENSITIES, DIAG, FULL, ORIENTED, RESPONSIBILITIES, runPanels, SPHERICAL, STATISTICS, TIED } from './panels';

/**
 * out[i·k + c] = −½(d·ln 2π + ‖U_cᵀ(xᵢ − μ_c)‖²) + logDet[c] + logWeights[c], full covariance.
 *
 * xPtr n×d rows; meansPtr k×d μ; precCholPtr k×d×d U (upper triangular, U·Uᵀ = Σ⁻¹, from
 * choleskyPrecisionFull); logDetPtr k Σᵢ log Uᵢᵢ; logWeightsPtr k log π; outPtr n×k (written).
 */
export function logDensityFull(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(FULL, DENSITIES, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** Tied covariance: as logDensityFull, but every component shares one U (d×d) and one logDet (1). */
export function logDensityTied(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(TIED, DENSITIES, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/**
 * The models with one orientation (VEE, EVE, VVE): as logDensityFull, from precisionOriented's
 * factors, which say by their flag whether they are the oriented ones (shared-factor.ts) or
 * the full kernel's.
 */
export function logDensityOriented(
  xPtr: usize,
  meansPtr: usize,
  factorsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  // The full path by a call of its export, not a second inlined copy of it: the same bits, less wasm.
  if (load<f64>(orientedFlagAt(factorsPtr, d, k)) == 0.0) {
    logDensityFull(xPtr, meansPtr, factorsPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, n, d, k);
  } else {
    runPanels<f64>(ORIENTED, DENSITIES, xPtr, meansPtr, factorsPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
  }
}

/**
 * out[i·k + c] = −½(d·ln 2π + Σⱼ p_cj (xᵢⱼ − μ_cj)²) + logDet[c] + logWeights[c], diagonal
 * covariance: precisionsPtr k×d p = 1/σ² and logDetPtr k −½ Σⱼ log σ²_cj, from precisionDiag.
 */
export function logDensityDiag(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(DIAG, DENSITIES, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/** Spherical covariance: as logDensityDiag with one precision per component (precisionsPtr: k values). */
export function logDensitySpherical(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(SPHERICAL, DENSITIES, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, 0, outPtr, 0, 0, 0, 0, workPtr, n, d, k);
}

/**
 * Adds to (does not reset) the statistics of rows x under responsibilities γ (respPtr n×k), centred
 * on centersPtr (k×d, the current means, so the sums stay small and accurate): nk k, first k×d, and
 * the upper triangle of scatter k×d×d (statistics.ts states the sums).
 */
export function accumulateFull(
  xPtr: usize,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(FULL, STATISTICS, xPtr, centersPtr, 0, 0, 0, 0, respPtr, 0, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k);
}

/** As accumulateFull with squares (k×d) in place of the scatter: the diagonal and spherical statistics. */
export function accumulateDiag(
  xPtr: usize,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  runPanels<f64>(DIAG, STATISTICS, xPtr, centersPtr, 0, 0, 0, 0, respPtr, 0, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k);
}

// The E-step of a mixture over n rows in a single call: log-densities, responsibilities, sample
// weights and sufficient statistics, panel by panel. Each panel is transposed once for both halves,
// and its responsibilities are still in cache when the statistics read them. The results are those
// of logDensity*, normalizeLogProb, weightResponsibilities and accumulate* called in turn.
//
// xPtr n×d rows; meansPtr k×d μ (also the statistics' centres); precisions and logDet as the
// family's logDensity*; logWeightsPtr k; weightsPtr n sample weights, or 0 for none; respPtr n×k
// written: responsibilities, times the row's weight when weighted; logNormPtr n written: log p(xᵢ);
// nk, first, scatter (squares for diag and spherical) added to, as accumulate*. Each returns
// Σᵢ wᵢ log p(xᵢ) (wᵢ = 1 without weights).

/** The E-step of a full-covariance mixture. */
export function eStepFull(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  weightsPtr: usize,
  respPtr: usize,
  logNormPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): f64 {
  return runPanels<f64>(
    FULL, DENSITIES | RESPONSIBILITIES | STATISTICS, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr,
    weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
  );
}

/** The E-step of a mixture with one orientation: logDensityOriented's factors, full statistics. */
export function eStepOriented(
  xPtr: usize,
  meansPtr: usize,
  factorsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  weightsPtr: usize,
  respPtr: usize,
  logNormPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): f64 {
  if (load<f64>(orientedFlagAt(factorsPtr, d, k)) == 0.0) {
    return eStepFull(
      xPtr, meansPtr, factorsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
    );
  }
  const parts = DENSITIES | RESPONSIBILITIES | STATISTICS;
  return runPanels<f64>(
    ORIENTED, parts, xPtr, meansPtr, factorsPtr, logDetPtr, logWeightsPtr,
    weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
  );
}

/** The E-step of a tied-covariance mixture: one U (d×d) and one logDet. */
export function eStepTied(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  weightsPtr: usize,
  respPtr: usize,
  logNormPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): f64 {
  return runPanels<f64>(
    TIED, DENSITIES | RESPONSIBILITIES | STATISTICS, xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr,
    weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
  );
}

/** The E-step of a diagonal-covariance mixture: precisions k×d, squares k×d. */
export function eStepDiag(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  weightsPtr: usize,
  respPtr: usize,
  logNormPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): f64 {
  return runPanels<f64>(
    DIAG, DENSITIES | RESPONSIBILITIES | STATISTICS, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr,
    weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k,
  );
}

/** The E-step of a spherical-covariance mixture: precisions k, squares k×d. */
export function eStepSpherical(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  weightsPtr: usize,
  respPtr: usize,
  logNormPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): f64 {
  return runPanels<f64>(
    SPHERICAL, DENSITIES | RESPONSIBILITIES | STATISTICS, xPtr, meansPtr, precisionsPtr, logDetPtr,
    logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr, squaresPtr, workPtr, n, d, k,
  );
}
