// The f32 panel driver: ../panels.ts's loop over a chunk of rows for f32 rows. Transpose a panel of
// up to PANEL32_ROWS f32 rows once, run the pass's f32 panel kernels over its blocks of 16, and after
// the last whole block the f32 row kernels over the n % 16 rows left. Densities come out in f64
// (n×k), so the responsibilities are ../responsibilities.ts's, unchanged; the statistics are the
// f64 sums of ./statistics.ts. Parameters (means, factors, precisions, log-determinants) arrive in
// f64, as the f64 kernels take them, and are rounded to f32 inside, panel by panel.
import { DENSITIES, DIAG, FULL, normalizeRows, RESPONSIBILITIES, STATISTICS, TIED } from '../panels';
import { transposePanel32, wholeBlocks32 } from './blocks';
import { densityPanelTriangular32, densityRowsTriangular32 } from './density';
import { densityPanelDiagonal32, densityRowsDiagonal32 } from './density-diagonal';
import { PANEL32_ROWS, panel32At } from './scratch';
import { accumulatePanelFull32, accumulateRowsFull32 } from './statistics';
import { accumulatePanelDiag32, accumulateRowsDiag32 } from './statistics-diagonal';

/**
 * Runs `parts` of one E-step pass over f32 rows 0..n−1 of x, with ../panels.ts's runPanels
 * arguments (every pointer but xPtr f64, as there) and scratchLengthF32(d, family ≤ TIED) doubles
 * of work. Returns Σᵢ wᵢ log p(xᵢ) when RESPONSIBILITIES is among the parts, else 0.
 */
@inline
export function runPanels32(
  family: i32,
  parts: i32,
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
): f64 {
  if (ASC_FEATURE_SIMD) {
    return panels32<v128>(
      family, parts, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr,
      nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
    );
  }
  return panels32<f32>(
    family, parts, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr,
    nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
  );
}

@inline
function panels32<T>(
  family: i32,
  parts: i32,
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
): f64 {
  const triangular = family == FULL || family == TIED;
  const blockEnd = wholeBlocks32(n);
  let total = 0.0;
  for (let first = 0; first < blockEnd; first += PANEL32_ROWS) {
    const rows = min(PANEL32_ROWS, blockEnd - first);
    transposePanel32(panel32At(workPtr), xPtr, first, rows, d);
    if (parts & DENSITIES) {
      if (triangular) {
        densityPanelTriangular32<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, family == FULL);
      } else {
        densityPanelDiagonal32<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, family == DIAG);
      }
    }
    // Normalised while the panel's densities are still in cache, for the statistics to read next.
    if (parts & RESPONSIBILITIES) total += normalizeRows(respPtr, logNormPtr, weightsPtr, first, rows, k);
    if (parts & STATISTICS) {
      if (triangular) {
        accumulatePanelFull32<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      } else {
        accumulatePanelDiag32<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      }
    }
  }
  if (parts & DENSITIES) {
    if (triangular) {
      densityRowsTriangular32(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k, family == FULL);
    } else {
      densityRowsDiagonal32(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k, family == DIAG);
    }
  }
  if (parts & RESPONSIBILITIES) total += normalizeRows(respPtr, logNormPtr, weightsPtr, blockEnd, n - blockEnd, k);
  if (parts & STATISTICS) {
    if (triangular) {
      accumulateRowsFull32(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
    } else {
      accumulateRowsDiag32(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
    }
  }
  return total;
}
