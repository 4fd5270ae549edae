/**
 * E-steps under a model's fixed parameters, on this thread, for `model.statistics` and
 * `GaussianMixture.fromStatistics` (../stream/model-statistics.ts): the statistics of some rows, and
 * whether a set of parameters factorises. Each call copies what it needs into wasm memory and frees
 * it before returning. The module must be loaded (a model exists, so it is).
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { Precision } from '../types';
import { WasmData } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { kernelsSync } from '../wasm/load';
import { Workspace } from '../wasm/workspace';
import { ChunkStep } from './chunk-step';

/** The statistics of complete rows under `parameters` (compact covariances of `model`), centred on their means. */
export function rowStatistics(
  rows: DenseMatrix,
  weights: Float64Array | undefined,
  parameters: MixtureParameters,
  model: CovarianceModel,
  precision: Precision | undefined,
): SufficientStatistics {
  const wasm = new WasmData(kernelsSync(), rows, weights, precision);
  try {
    const workspace = new Workspace(wasm, parameters.weights.length, model);
    try {
      workspace.loadParameters(parameters);
      return workspace.eStep();
    } finally {
      workspace.dispose();
    }
  } finally {
    wasm.dispose();
  }
}

/**
 * As `rowStatistics` for rows with missing values (NaN): each row with holes adds its expected
 * complete-data statistics given its observed values, a row with nothing observed adds nothing.
 */
export function incompleteRowStatistics(
  rows: DenseMatrix,
  weights: Float64Array | undefined,
  parameters: MixtureParameters,
  model: CovarianceModel,
): SufficientStatistics {
  const step = new ChunkStep(kernelsSync(), rows.cols, parameters.weights.length, model, true);
  try {
    step.loadParameters(parameters);
    return step.statistics(rows, weights);
  } finally {
    step.dispose();
  }
}

/**
 * A workspace over no rows, to factorise parameters in: `loadParameters` says which covariance is
 * not positive definite. The pool engine keeps one on this thread; its data hold nothing to free.
 */
export function parameterChecker(kernels: Kernels, d: number, k: number, model: CovarianceModel): Workspace {
  return new Workspace(new WasmData(kernels, { data: new Float64Array(0), rows: 0, cols: d }), k, model);
}

/** −1 when every covariance of `parameters` is positive definite, else the first that is not (0 for tied). */
export function firstSingularComponent(
  parameters: MixtureParameters,
  model: CovarianceModel,
  d: number,
): number {
  const checker = parameterChecker(kernelsSync(), d, parameters.weights.length, model);
  try {
    return checker.loadParameters(parameters);
  } finally {
    checker.dispose();
  }
}
