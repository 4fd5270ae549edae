// The one loop over a chunk of rows that every density, statistics and E-step export runs through,
// for f64 and f32 rows alike: transpose a panel of rows once, run the pass's panel kernels over its
// whole blocks, and after the last whole block run the row kernels over the rows left. Which
// covariance family and which parts of the E-step a pass computes are compile-time constants at
// every call site (passes.ts, f32/passes.ts), and so is the row type R: each export compiles to its
// own loop with no branch on any of them.
//
// f64 rows go in blocks of BLOCK (8) and panels of PANEL_ROWS (128) to the kernels beside this file,
// f32 rows in blocks of BLOCK32 (16) and panels of PANEL32_ROWS (256) to those in f32/, which round
// the f64 parameters to f32 inside and write f64 densities and statistics. The SIMD build
// instantiates the panel kernels with lanes T = v128, the scalar build with T = R (lanes.ts,
// f32/lanes.ts); both builds run the same panels, blocks and tail, so they give the same bits.
import { transposePanel } from './blocks';
import { densityPanelTriangular, densityRowsTriangular } from './density';
import { densityPanelDiagonal, densityRowsDiagonal } from './density-diagonal';
import { densityPanelSpherical, densityRowsSpherical } from './density-spherical';
import { transposePanel32 } from './f32/blocks';
import { densityPanelTriangular32, densityRowsTriangular32 } from './f32/density';
import { densityPanelDiagonal32, densityRowsDiagonal32 } from './f32/density-diagonal';
import { BLOCK32, PANEL32_ROWS } from './f32/scratch';
import { accumulatePanelFull32, accumulateRowsFull32 } from './f32/statistics';
import { accumulatePanelDiag32, accumulateRowsDiag32 } from './f32/statistics-diagonal';
import { meanOfMeans } from './origin';
import { normalizeLogProb, weightResponsibilities } from './responsibilities';
import { BLOCK, keptBlocks, originAt, PANEL_ROWS, panelAt } from './scratch';
import { densityPanelOriented, densityPanelTied, densityRowsOriented, densityRowsTied } from './shared-factor';
import { accumulatePanelFull, accumulateRowsFull } from './statistics';
import { accumulatePanelDiag, accumulateRowsDiag } from './statistics-diagonal';

/** Covariance families: one U per component, one U for all, k×d precisions, k precisions, shared axes. */
export const FULL: i32 = 0;
/** One U shared by every component. */
export const TIED: i32 = 1;
/** k×d precisions. */
export const DIAG: i32 = 2;
/** k precisions, one per component. */
export const SPHERICAL: i32 = 3;
/** One orientation D for all and k×d precisions along its axes (oriented-factor.ts): full statistics. */
export const ORIENTED: i32 = 4;

/** Parts of a pass, or-ed together: weighted log-densities into respPtr (n×k). */
export const DENSITIES: i32 = 1;
/** Those densities normalised in place into responsibilities (weighted, with weights), logNorm written. */
export const RESPONSIBILITIES: i32 = 2;
/** The sufficient statistics of respPtr's responsibilities, added to nk, first and scatter. */
export const STATISTICS: i32 = 4;

/**
 * Runs `parts` of one E-step pass over rows 0..n−1 of x for a mixture of covariance `family`, the
 * rows stored as R (f64 or f32). Every pointer but xPtr is to f64 values, whatever R.
 *
 * xPtr          n×d  rows, of R
 * meansPtr      k×d  μ: the densities' means and the statistics' centres
 * precisionsPtr      U (k×d×d or d×d), precisions (k×d or k), or D and k×d precisions, as the family stores them
 * logDetPtr, logWeightsPtr   k (1 for tied) and k
 * weightsPtr    n    sample weights, or 0 for none (read by RESPONSIBILITIES)
 * respPtr       n×k  densities written, then responsibilities (or read, for STATISTICS alone)
 * logNormPtr    n    log p(xᵢ), written by RESPONSIBILITIES
 * nkPtr, firstPtr, scatterPtr   added to by STATISTICS (scatter: squares for diag and spherical)
 * workPtr       scratchLength(d, family ≤ TIED) doubles (scratch.ts) for f64 rows,
 *               scratchLengthF32(d, family ≤ TIED) (f32/scratch.ts) for f32 rows
 *
 * Returns Σᵢ wᵢ log p(xᵢ) when RESPONSIBILITIES is among the parts, else 0.
 */
@inline
export function runPanels<R>(
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
  if (!isFloat<R>()) ERROR('runPanels: rows are f64 or f32');
  // The scalar build's lanes are plain values of the row type: f64 for f64 rows, f32 for f32 rows.
  if (ASC_FEATURE_SIMD) {
    return panels<R, v128>(
      family, parts, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr,
      nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
    );
  }
  return panels<R, R>(
    family, parts, xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, weightsPtr, respPtr, logNormPtr,
    nkPtr, firstPtr, scatterPtr, workPtr, n, d, k,
  );
}

@inline
function panels<R, T>(
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
  const single = sizeof<R>() == 4;
  // Families with full-matrix statistics; with f32 rows, those with triangular densities (the
  // oriented family runs on f64 rows only: passes.ts).
  const triangular = family == FULL || family == TIED || family == ORIENTED;
  const blockEnd = n - (n % (single ? BLOCK32 : BLOCK));
  const panelRows = single ? PANEL32_ROWS : PANEL_ROWS;
  let total = 0.0;
  // The fused full-covariance E-step centres each block once, for its densities and its statistics.
  const kept = !single && family == FULL && parts & DENSITIES && parts & STATISTICS ? keptBlocks(d, k) : 0;
  // The f64 product-form densities expand around a shared origin, fixed by the means for the whole call.
  if (!single && parts & DENSITIES && (family == SPHERICAL || family == TIED || family == ORIENTED)) meanOfMeans(meansPtr, originAt(workPtr, d), d, k);
  for (let first = 0; first < blockEnd; first += panelRows) {
    const rows = min(panelRows, blockEnd - first);
    if (single) transposePanel32(panelAt(workPtr), xPtr, first, rows, d);
    else transposePanel(panelAt(workPtr), xPtr, first, rows, d);
    if (parts & DENSITIES) {
      if (single) {
        if (triangular) {
          densityPanelTriangular32<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, family == FULL);
        } else {
          densityPanelDiagonal32<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, family == DIAG);
        }
      } else if (family == FULL) {
        densityPanelTriangular<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k, kept);
      } else if (family == TIED) {
        densityPanelTied<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k);
      } else if (family == ORIENTED) {
        densityPanelOriented<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k);
      } else if (family == DIAG) {
        densityPanelDiagonal<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k);
      } else {
        densityPanelSpherical<T>(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k);
      }
    }
    // Normalised while the panel's densities are still in cache, for the statistics to read next.
    if (parts & RESPONSIBILITIES) total += normalizeRows(respPtr, logNormPtr, weightsPtr, first, rows, k);
    if (parts & STATISTICS) {
      if (single) {
        if (triangular) accumulatePanelFull32<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
        else accumulatePanelDiag32<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      } else if (triangular) {
        accumulatePanelFull<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k, kept);
      } else {
        accumulatePanelDiag<T>(workPtr, first, rows, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
      }
    }
  }
  if (parts & DENSITIES) {
    if (single) {
      if (triangular) {
        densityRowsTriangular32(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k, family == FULL);
      } else {
        densityRowsDiagonal32(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k, family == DIAG);
      }
    } else if (family == FULL) {
      densityRowsTriangular(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k);
    } else if (family == TIED) {
      densityRowsTied(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k);
    } else if (family == ORIENTED) {
      densityRowsOriented(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k);
    } else if (family == DIAG) {
      densityRowsDiagonal(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, d, k);
    } else {
      densityRowsSpherical(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, respPtr, workPtr, d, k);
    }
  }
  if (parts & RESPONSIBILITIES) total += normalizeRows(respPtr, logNormPtr, weightsPtr, blockEnd, n - blockEnd, k);
  if (parts & STATISTICS) {
    if (single) {
      if (triangular) accumulateRowsFull32(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
      else accumulateRowsDiag32(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
    } else if (triangular) {
      accumulateRowsFull(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
    } else {
      accumulateRowsDiag(xPtr, blockEnd, n, respPtr, meansPtr, nkPtr, firstPtr, scatterPtr, d, k);
    }
  }
  return total;
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
