/**
 * What `BayesianGaussianMixture`'s scoring methods compute from a fitted posterior — labels,
 * variational responsibilities, scikit-learn's `score_samples` and their mean — through the predict
 * engine (../engine/prediction.ts) with the variational E-step constants loaded as the kernels'
 * parameters (./state.ts). Every method returns the steps of its walk, so that the synchronous methods
 * run them to the end and the asynchronous ones pace them.
 */
import { argmaxLabels, responsibilityRows } from '../chunk-outputs';
import { COVARIANCE_MODELS } from '../covariance/index';
import { type ChunkVisitor, visitRows } from '../engine/prediction';
import type { DenseMatrix } from '../internal-types';
import { hasMissing } from '../missing/patterns';
import type { Steps } from '../yield';
import { variationalScores } from './missing-scores';
import { type BayesianState, kernelParameters } from './state';

/**
 * The scoring of a fitted variational posterior (labels, responsibilities, `score_samples`), each as steps
 * that the synchronous methods run to the end and the asynchronous ones pace.
 */
export class VariationalScorer {
  readonly #k: number;

  constructor(private readonly state: BayesianState) {
    this.#k = state.params.meanPrecision.length;
  }

  /** The most responsible component of each row. */
  labels(data: DenseMatrix): Steps<Int32Array> {
    return argmaxLabels(data.rows, this.#k, (visit) => this.walk(data, visit));
  }

  /** One row of K variational responsibilities per row. */
  responsibilities(data: DenseMatrix): Steps<Float64Array[]> {
    return responsibilityRows(data.rows, this.#k, (visit) => this.walk(data, visit));
  }

  /** scikit-learn's `score_samples` of every row. */
  *logDensities(data: DenseMatrix): Steps<Float64Array> {
    const out = new Float64Array(data.rows);
    yield* this.walk(data, (start, rows, logNorm) => out.set(logNorm.subarray(0, rows), start));
    return out;
  }

  /**
   * The mean of the rows' scores (with missing values: over the rows that have an observed value).
   * @throws RangeError when every entry is NaN.
   */
  *mean(data: DenseMatrix): Steps<number> {
    if (hasMissing(data)) {
      const { logNorm, informative } = variationalScores(data, this.state.params, this.state.covariance);
      if (informative === 0) throw new RangeError('X has no observed value: every entry is NaN');
      let total = 0;
      for (let i = 0; i < data.rows; i++) if (!isEmpty(data, i)) total += logNorm[i] as number;
      return total / informative;
    }
    let total = 0;
    const values = yield* this.logDensities(data);
    for (const value of values) total += value;
    return total / values.length;
  }

  /** The variational E-step over the rows, chunk by chunk; `logNorm` in the visitor is shifted back. */
  *walk(data: DenseMatrix, visit: ChunkVisitor): Steps<void> {
    const { params, covariance } = this.state;
    if (hasMissing(data)) {
      const { logNorm, resp } = variationalScores(data, params, covariance);
      visit(0, data.rows, logNorm, resp);
      return;
    }
    const { mixture, shift } = kernelParameters(params, data.cols);
    yield* visitRows(data, mixture, COVARIANCE_MODELS[covariance], (start, rows, logNorm, resp) => {
      const shifted = logNorm.map((value) => value + shift);
      visit(start, rows, shifted, resp);
    });
  }
}

function isEmpty(data: DenseMatrix, i: number): boolean {
  for (let j = 0; j < data.cols; j++) if (!Number.isNaN(data.data[i * data.cols + j])) return false;
  return true;
}
