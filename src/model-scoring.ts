/**
 * What `GaussianMixture`'s scoring methods compute from a fitted state — labels, responsibilities,
 * uncertainties, log-densities, the mean log-likelihood, imputed values — in the user's units: the
 * rows standardized as the fit's were, scored through the predict engine (./engine/prediction.ts),
 * and the standardization's log-Jacobian added back. Every method returns the steps of its walk, so
 * that the synchronous methods run them to the end and the asynchronous ones pace them.
 */
import { argmaxLabels, responsibilityRows } from './chunk-outputs';
import { COVARIANCE_MODELS } from './covariance/index';
import { type ChunkVisitor, type RowScores, scoreIncompleteRows, visitRows } from './engine/prediction';
import type { DenseMatrix } from './internal-types';
import { imputeRows } from './missing/impute';
import { observedLogJacobian } from './missing/observed-jacobian';
import { hasMissing } from './missing/patterns';
import type { ModelState } from './model-state';
import type { OriginalParameters } from './original-units';
import { logJacobian, standardizeMatrix } from './standardize';
import { runToEnd, type Steps } from './yield';

/**
 * The scoring of a fitted `GaussianMixture` in the user's units: each method returns the steps of its walk
 * over the rows, which the synchronous methods run to the end and the asynchronous ones pace.
 */
export class ModelScorer {
  /** Added to every log-density computed in standardized units: −Σⱼ log sⱼ. */
  readonly #logJacobian: number;
  readonly #k: number;

  constructor(private readonly state: ModelState) {
    const z = state.standardization;
    this.#logJacobian = z ? logJacobian(z) : 0;
    this.#k = state.parameters.weights.length;
  }

  /** The most responsible component of each row. */
  labels(data: DenseMatrix): Steps<Int32Array> {
    return argmaxLabels(data.rows, this.#k, (visit) => this.walk(data, visit));
  }

  /** One row of K responsibilities per row. */
  responsibilities(data: DenseMatrix): Steps<Float64Array[]> {
    return responsibilityRows(data.rows, this.#k, (visit) => this.walk(data, visit));
  }

  /** 1 − each row's largest responsibility. */
  *uncertainties(data: DenseMatrix): Steps<Float64Array> {
    const k = this.#k;
    const out = new Float64Array(data.rows);
    yield* this.walk(data, (start, rows, _logNorm, resp) => {
      for (let i = 0; i < rows; i++) {
        let largest = 0;
        for (let c = 0; c < k; c++) largest = Math.max(largest, resp[i * k + c] as number);
        out[start + i] = 1 - largest;
      }
    });
    return out;
  }

  /** log p(xᵢ) of every row, in the user's units. */
  *logDensities(data: DenseMatrix): Steps<Float64Array> {
    const out = new Float64Array(data.rows);
    const shift = this.#logJacobian;
    yield* this.walk(data, (start, rows, logNorm) => {
      for (let i = 0; i < rows; i++) out[start + i] = (logNorm[i] as number) + shift;
    });
    return out;
  }

  /** The mean log-likelihood and the rows it averages over (those with an observed value). */
  *meanLogLikelihood(data: DenseMatrix): Steps<{ mean: number; rows: number }> {
    if (hasMissing(data)) {
      const scores = yield* this.#scores(data);
      if (scores.informative === 0) throw new RangeError('X has no observed value: every entry is NaN');
      const shift = this.state.standardization
        ? observedLogJacobian(data, this.state.standardization)
        : new Float64Array(data.rows);
      let total = 0;
      for (let i = 0; i < data.rows; i++) total += (scores.logNorm[i] as number) + (shift[i] as number);
      return { mean: total / scores.informative, rows: scores.informative };
    }
    let total = 0;
    yield* this.walk(data, (_start, rows, logNorm) => {
      for (let i = 0; i < rows; i++) total += logNorm[i] as number;
    });
    return { mean: total / data.rows + this.#logJacobian, rows: data.rows };
  }

  /** The rows (NaN = missing) with each NaN replaced by its conditional expectation, one view per row. */
  impute(data: DenseMatrix, original: OriginalParameters): Float64Array[] {
    const d = data.cols;
    const filled = hasMissing(data)
      ? imputeRows(data, runToEnd(this.#scores(data)).resp, original.means, original.full())
      : new Float64Array(data.data);
    return Array.from({ length: data.rows }, (_, i) => filled.subarray(i * d, (i + 1) * d));
  }

  /**
   * Runs the E-step kernels over the rows chunk by chunk, standardized first if the fit was. Rows
   * with missing values are scored on their observed coordinates, with log p shifted so that the
   * visitors' `+ logJacobian` gives each row its own Jacobian (0 for a row with nothing observed).
   */
  *walk(data: DenseMatrix, visit: ChunkVisitor): Steps<void> {
    if (hasMissing(data)) {
      const scores = yield* this.#scores(data);
      const z = this.state.standardization;
      const shift = z ? observedLogJacobian(data, z) : undefined;
      const logNorm = scores.logNorm.map((value, i) => {
        const observed = value + (shift ? (shift[i] as number) : 0);
        return observed - this.#logJacobian;
      });
      visit(0, data.rows, logNorm, scores.resp);
      return;
    }
    const { standardization, covariance, parameters } = this.state;
    const rows = standardization ? standardizeMatrix(data, standardization) : data;
    yield* visitRows(rows, parameters, COVARIANCE_MODELS[covariance], visit, this.state.precision);
  }

  /** Per-row log p(x_o) (in the fit's units) and responsibilities, for rows with missing values. */
  #scores(data: DenseMatrix): Steps<RowScores> {
    const { standardization, covariance, parameters } = this.state;
    const rows = standardization ? standardizeMatrix(data, standardization) : data;
    return scoreIncompleteRows(rows, parameters, COVARIANCE_MODELS[covariance]);
  }
}
