/**
 * A fitted mixture on rows that may have missing values: per row, log p(x_o) under the marginal of
 * its observed coordinates and the responsibilities given them. Complete rows take the ordinary
 * kernels, rows with holes the pattern passes; a row with nothing observed has log p = 0 (the log
 * of a probability of one) and responsibilities equal to the weights.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import { log } from '../logarithm';
import type { Standardization } from '../standardize';
import { WasmData } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { Workspace } from '../wasm/workspace';
import { runToEnd, type Steps } from '../yield';
import { PatternPass } from './pattern-pass';
import { groupByPattern } from './patterns';

export interface RowScores {
  /** log p(x_o) per row, in the units of the parameters. */
  readonly logNorm: Float64Array;
  /** rows×K responsibilities. */
  readonly resp: Float64Array;
  /** How many rows have at least one observed value. */
  readonly informative: number;
}

/** Scores every row of X (NaN = missing) under `params` (compact covariances of `model`). */
export function scoreRows(
  kernels: Kernels,
  X: DenseMatrix,
  params: MixtureParameters,
  model: CovarianceModel,
): RowScores {
  return runToEnd(scoreRowsSteps(kernels, X, params, model));
}

/** As `scoreRows`, yielding between kernel calls (see ../yield.ts). */
export function* scoreRowsSteps(
  kernels: Kernels,
  X: DenseMatrix,
  params: MixtureParameters,
  model: CovarianceModel,
): Steps<RowScores> {
  const k = params.weights.length;
  const layout = groupByPattern(X);
  const logNorm = new Float64Array(X.rows);
  const resp = new Float64Array(X.rows * k);
  for (const row of layout.emptyRows) resp.set(params.weights, row * k);
  const complete = new WasmData(kernels, layout.complete);
  try {
    const workspace = new Workspace(complete, k, model);
    try {
      workspace.loadParameters(params);
      yield* workspace.forEachChunkSteps((start, rows, chunkLogNorm, chunkResp) => {
        for (let i = 0; i < rows; i++) {
          const row = layout.completeRows[start + i] as number;
          logNorm[row] = chunkLogNorm[i] as number;
          resp.set(chunkResp.subarray(i * k, (i + 1) * k), row * k);
        }
      });
    } finally {
      workspace.dispose();
    }
  } finally {
    complete.dispose();
  }
  const patterns = new PatternPass(kernels, layout.patterns, X.cols, k, model);
  try {
    yield* patterns.forEachChunkSteps(params, false, (pattern, start, chunkLogNorm, chunkResp) => {
      for (let i = 0; i < chunkLogNorm.length; i++) {
        const row = pattern.rows[start + i] as number;
        logNorm[row] = chunkLogNorm[i] as number;
        resp.set(chunkResp.subarray(i * k, (i + 1) * k), row * k);
      }
    });
  } finally {
    patterns.dispose();
  }
  return { logNorm, resp, informative: X.rows - layout.emptyRows.length };
}

/** Per row, −Σ_{j observed} log sⱼ: what turns a standardized log p(z_o) into the user's log p(x_o). */
export function observedLogJacobian(X: DenseMatrix, z: Standardization): Float64Array {
  const { data, rows, cols } = X;
  const logScale = Array.from(z.scale, (s) => log(s));
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) if (!Number.isNaN(data[i * cols + j])) sum -= logScale[j] as number;
    out[i] = sum;
  }
  return out;
}
