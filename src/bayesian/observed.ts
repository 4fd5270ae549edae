/**
 * What the variational fit reads from data with missing values (NaN) before it iterates: the
 * default priors' data moments from the observed values, and the given responsibilities of the rows
 * that take part (a row with nothing observed takes part in nothing: under missingness at random its
 * likelihood is 1 whatever the parameters, so the exact posterior does not depend on it).
 */

import type { DenseMatrix } from '../internal-types';
import { observedMoments } from '../missing/patterns';

/** The data's mean and covariance as the default priors use them. */
export interface DataMoments {
  /** D column means (weighted, of the observed values). */
  readonly mean: Float64Array;
  /** D×D, with N − 1 (Σw − 1 when weighted) in the denominator, as numpy's `np.cov`. */
  readonly covariance: Float64Array;
}

/** Whether row i of X has no observed value. */
function isEmptyRow(X: DenseMatrix, i: number): boolean {
  const { data, cols } = X;
  for (let j = 0; j < cols; j++) if (!Number.isNaN(data[i * cols + j])) return false;
  return true;
}

/** The rows of `resp` (N×K) whose row of X has an observed value, in order. */
export function informativeResponsibilities(X: DenseMatrix, resp: Float64Array): Float64Array {
  const k = resp.length / X.rows;
  const kept: number[] = [];
  for (let i = 0; i < X.rows; i++) if (!isEmptyRow(X, i)) kept.push(i);
  if (kept.length === X.rows) return resp;
  const out = new Float64Array(kept.length * k);
  kept.forEach((row, i) => {
    out.set(resp.subarray(row * k, (row + 1) * k), i * k);
  });
  return out;
}

/**
 * The data moments of X with missing values, over the rows with an observed value: each column's
 * observed mean and variance (Σw − 1 over its observed values in the denominator), and off the
 * diagonal the covariance of X with every hole filled by its column's observed mean (Σw − 1 over
 * the rows). Mean-filling shrinks each variance by (nⱼ − 1)/(N − 1), so the matrix is that of the
 * mean-filled data plus a diagonal ≥ 0: positive semi-definite, positive definite whenever the
 * filled data's is, and exactly the data covariance when nothing is missing.
 * @param withCovariance - false when only the mean is needed (a covariance prior was given).
 * @throws RangeError naming a column with no observed value, or (with the covariance) at most one
 *   observed value's weight (no variance).
 */
export function observedDataMoments(
  X: DenseMatrix,
  sampleWeight: Float64Array | undefined,
  withCovariance: boolean,
): DataMoments {
  const { data, rows, cols: d } = X;
  const { mean } = observedMoments(X, sampleWeight);
  if (!withCovariance) return { mean, covariance: new Float64Array(0) };
  const observedWeight = new Float64Array(d);
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    if (isEmptyRow(X, i)) continue;
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    total += w;
    for (let j = 0; j < d; j++) {
      const value = data[i * d + j] as number;
      // A filled hole sits on its column's mean: it adds nothing to any sum.
      centred[j] = Number.isNaN(value) ? 0 : value - (mean[j] as number);
      if (!Number.isNaN(value)) observedWeight[j] = (observedWeight[j] as number) + w;
    }
    for (let a = 0; a < d; a++)
      for (let b = a; b < d; b++)
        covariance[a * d + b] =
          (covariance[a * d + b] as number) + w * (centred[a] as number) * (centred[b] as number);
  }
  for (let a = 0; a < d; a++) {
    const seen = observedWeight[a] as number;
    if (!(seen > 1)) {
      throw new RangeError(
        `covariancePrior defaults to the data covariance, which needs more than one observed value in column ${a} (total sample weight ${seen}); give covariancePrior`,
      );
    }
    covariance[a * d + a] = (covariance[a * d + a] as number) / (seen - 1);
    for (let b = a + 1; b < d; b++) {
      const value = (covariance[a * d + b] as number) / (total - 1);
      covariance[a * d + b] = value;
      covariance[b * d + a] = value;
    }
  }
  return { mean, covariance };
}
