/**
 * The predict path's engine: the density kernels over rows under a model's fixed parameters, on the
 * calling thread. The model classes (../GaussianMixture.ts through ../model-scoring.ts, the Bayesian
 * mixture) score rows through these and never touch wasm memory themselves: the rows are copied in,
 * the parameters loaded and factorised, every span of rows visited, and everything freed before the
 * walk returns.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import { type RowScores, scoreRowsSteps } from '../missing/evaluate';
import type { Precision } from '../types';
import { WasmData } from '../wasm/data';
import { kernelsSync } from '../wasm/load';
import { type ChunkVisitor, Workspace } from '../wasm/workspace';
import type { Steps } from '../yield';

export type { ChunkVisitor } from '../wasm/workspace';

/**
 * Visits every span of complete rows with log p(x) and the responsibilities under `parameters`
 * (compact covariances of `model`) in `precision`, yielding between kernel calls (see ../yield.ts).
 */
export function* visitRows(
  rows: DenseMatrix,
  parameters: MixtureParameters,
  model: CovarianceModel,
  visit: ChunkVisitor,
  precision: Precision = 'float64',
): Steps<void> {
  const wasm = new WasmData(kernelsSync(), rows, undefined, precision);
  try {
    const workspace = new Workspace(wasm, parameters.weights.length, model);
    try {
      workspace.loadParameters(parameters);
      // Copying the rows in is a step of its own.
      yield;
      yield* workspace.forEachChunkSteps(visit);
    } finally {
      workspace.dispose();
    }
  } finally {
    wasm.dispose();
  }
}

/** Per row of X (NaN = missing), log p(x_o) and the responsibilities given the observed values. */
export function scoreIncompleteRows(
  rows: DenseMatrix,
  parameters: MixtureParameters,
  model: CovarianceModel,
): Steps<RowScores> {
  return scoreRowsSteps(kernelsSync(), rows, parameters, model);
}
