/**
 * Expectation–maximisation for full covariances in plain TypeScript, built only from the reference
 * kernels: an independent implementation for tests and the baseline the benchmark times the wasm EM
 * against. No convergence test and no restarts: a fixed number of iterations from a given start.
 */

import {
  accumulateFull,
  choleskyPrecisionFull,
  logDensityFull,
  mStepFull,
  normalizeLogProb,
} from './kernels';

/** Full-covariance mixture parameters: K weights, K×D means, K×D×D covariances. */
export interface PlainParameters {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/** What {@link plainEm} returns. */
export interface PlainEmResult extends PlainParameters {
  /** Mean log-likelihood of every E-step, the last one after the final M-step: `iterations + 1` values. */
  readonly history: number[];
  /** The last entry of `history`: the mean log-likelihood of the returned parameters. */
  readonly logLikelihood: number;
}

/**
 * Runs `iterations` EM iterations over all rows at once, then one final E-step.
 *
 * Each iteration: precision Cholesky → weighted log-densities → log-sum-exp/responsibilities →
 * statistics about the current means → M-step. The start is not modified.
 * @param x - N×D points. @param start - K weights, K×D means, K×D×D covariances; K = weights.length.
 * @throws Error if a covariance is not positive definite at some E-step.
 */
export function plainEm(
  x: Float64Array,
  n: number,
  d: number,
  start: PlainParameters,
  options: { iterations: number; regCovar: number },
): PlainEmResult {
  const k = start.weights.length;
  const logWeights = new Float64Array(k);
  const history: number[] = [];
  let params: PlainParameters = start;
  for (let iteration = 0; ; iteration++) {
    const { precChol, logDet, status } = choleskyPrecisionFull(params.covariances, d, k);
    if (status !== 0) {
      throw new Error(
        `plainEm: covariance of component ${status - 1} is not positive definite at E-step ${iteration}`,
      );
    }
    for (let c = 0; c < k; c++) logWeights[c] = Math.log(params.weights[c] ?? 0);
    const logProb = logDensityFull(x, params.means, precChol, logDet, logWeights, n, d, k);
    const { resp, total } = normalizeLogProb(logProb, n, k);
    history.push(total / n);
    if (iteration === options.iterations) break;
    const stats = accumulateFull(x, resp, params.means, n, d, k);
    params = mStepFull(stats, params.means, n, d, k, options.regCovar);
  }
  return {
    weights: params.weights.slice(),
    means: params.means.slice(),
    covariances: params.covariances.slice(),
    history,
    logLikelihood: history[history.length - 1] ?? Number.NaN,
  };
}
