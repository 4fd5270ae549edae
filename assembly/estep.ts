// One E-step pass over a chunk of rows in a single call: log-densities, responsibilities, sample
// weights and sufficient statistics, panel by panel. Each panel of rows is transposed once for both
// halves, and its responsibilities are still in cache when the statistics read them. The results
// are those of logDensity*, normalizeLogProb, weightResponsibilities and accumulate* called in turn.
import { densityPanelTriangular, densityRowsTriangular } from './density';
import { densityPanelDiagonal, densityRowsDiagonal } from './density-diagonal';
import { normalizeLogProb, weightResponsibilities } from './responsibilities';
import { BLOCK, PANEL_ROWS, transposePanel } from './simd';
import { accumulatePanelFull, accumulateRowsFull } from './statistics';
import { accumulatePanelDiag, accumulateRowsDiag } from './statistics-diagonal';

/**
 * The E-step of a full-covariance mixture over n rows.
 *
 * xPtr          n×d    rows
 * meansPtr      k×d    μ (also the centring points of the statistics)
 * precCholPtr   k×d×d  U from choleskyPrecisionFull; logDetPtr k; logWeightsPtr k (log π)
 * weightsPtr    n      sample weights, or 0 for none
 * respPtr       n×k    written: responsibilities, times the row's weight when weighted
 * logNormPtr    n      written: log p(xᵢ)
 * nkPtr, firstPtr, scatterPtr   added to, as accumulateFull
 * workPtr       138·d + 2·d·d  scratch
 *
 * Returns Σᵢ wᵢ log p(xᵢ) (wᵢ = 1 without weights).
 */
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
  return eStepPanels(
    xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr,
    scatterPtr, workPtr, n, d, k, true, true,
  );
}

/** As eStepFull, with one U (d×d) and one logDet shared by every component. */
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
  return eStepPanels(
    xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr,
    scatterPtr, workPtr, n, d, k, true, false,
  );
}

/**
 * As eStepFull for diagonal covariance: precisionsPtr k×d (1/σ²), squaresPtr k×d added to as
 * accumulateDiag; workPtr 132·d scratch.
 */
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
  return eStepPanels(
    xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr,
    squaresPtr, workPtr, n, d, k, false, true,
  );
}

/** As eStepDiag with one precision per component (precisionsPtr k). */
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
  return eStepPanels(
    xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr, nkPtr, firstPtr,
    squaresPtr, workPtr, n, d, k, false, false,
  );
}

/** Responsibilities of rows first..first+rows−1 in place, weighted when there are weights; Σ w·log p. */
@inline
function normalizeRows(respPtr: usize, logNormPtr: usize, weightsPtr: usize, first: i32, rows: i32, k: i32): f64 {
  const resp = respPtr + ((<usize>first * k) << 3);
  const logNorm = logNormPtr + (<usize>first << 3);
  const total = normalizeLogProb(resp, logNorm, rows, k);
  if (weightsPtr == 0) return total;
  return weightResponsibilities(resp, logNorm, weightsPtr + (<usize>first << 3), rows, k);
}

/**
 * Every panel: transpose once, densities, responsibilities, statistics; then the scalar tail. The
 * triangular family (full, tied: U per component or shared) or the diagonal one (diag, spherical:
 * precisions per feature or one per component), chosen at compile time.
 */
@inline
function eStepPanels(
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
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
  triangular: bool,
  perComponent: bool,
): f64 {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  let total = 0.0;
  if (ASC_FEATURE_SIMD) {
    for (let first = 0; first < blockEnd; first += PANEL_ROWS) {
      const rows = min(PANEL_ROWS, blockEnd - first);
      transposePanel(workPtr, xPtr, first, rows, d);
      if (triangular) {
        densityPanelTriangular(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, perComponent);
      } else {
        densityPanelDiagonal(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, perComponent);
      }
      total += normalizeRows(respPtr, logNormPtr, weightsPtr, first, rows, k);
      if (triangular) {
        accumulatePanelFull(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      } else {
        accumulatePanelDiag(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      }
    }
  }
  if (triangular) {
    densityRowsTriangular(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k, perComponent);
  } else {
    densityRowsDiagonal(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, perComponent);
  }
  total += normalizeRows(respPtr, logNormPtr, weightsPtr, blockEnd, n - blockEnd, k);
  if (triangular) {
    accumulateRowsFull(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
  } else {
    accumulateRowsDiag(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
  }
  return total;
}
