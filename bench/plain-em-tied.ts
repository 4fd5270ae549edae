/**
 * The tied-covariance twin of `test/reference/em.ts`'s `plainEm`, from the same reference kernels:
 * the plain TypeScript baseline for the benchmark's 'tied' shapes. A fixed number of iterations from
 * a given start, then one final E-step; M-step as scikit-learn's: the means as for full covariances,
 * one covariance Σₖ Sₖ / Σₖ nₖ + regCovar·I, Sₖ the scatter of component k about its new mean.
 */

import {
  accumulateFull,
  choleskyPrecisionFull,
  logDensityTied,
  mStepFull,
  normalizeLogProb,
} from '../test/reference/kernels';

/** Tied mixture parameters: K weights, K×D means, one D×D covariance. */
export interface TiedParameters {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariance: Float64Array;
}

/** The tied covariance from the full M-step's per-component ones, which carry Sₖ / (nₖ + 10ε) + reg. */
function tiedCovariance(full: Float64Array, nk: Float64Array, d: number, k: number, regCovar: number) {
  const tied = new Float64Array(d * d);
  let total = 0;
  for (let c = 0; c < k; c++) {
    const count = nk[c] ?? 0;
    total += count;
    for (let j = 0; j < d * d; j++) {
      const regularised = full[c * d * d + j] ?? 0;
      const scatter = (regularised - (j % (d + 1) === 0 ? regCovar : 0)) * (count + 10 * Number.EPSILON);
      tied[j] = (tied[j] ?? 0) + scatter;
    }
  }
  for (let j = 0; j < d * d; j++) tied[j] = (tied[j] ?? 0) / total + (j % (d + 1) === 0 ? regCovar : 0);
  return tied;
}

/**
 * Runs `iterations` EM iterations, then one final E-step.
 * @returns the mean log-likelihood of the final parameters.
 * @throws Error if the covariance is not positive definite at some E-step.
 */
export function plainEmTied(
  x: Float64Array,
  n: number,
  d: number,
  start: TiedParameters,
  options: { iterations: number; regCovar: number },
): number {
  const k = start.weights.length;
  const logWeights = new Float64Array(k);
  let params = start;
  for (let iteration = 0; ; iteration++) {
    const { precChol, logDet, status } = choleskyPrecisionFull(params.covariance, d, 1);
    if (status !== 0) throw new Error(`plainEmTied: covariance not positive definite at E-step ${iteration}`);
    for (let c = 0; c < k; c++) logWeights[c] = Math.log(params.weights[c] ?? 0);
    const logProb = logDensityTied(x, params.means, precChol, logDet, logWeights, n, d, k);
    const { resp, total } = normalizeLogProb(logProb, n, k);
    if (iteration === options.iterations) return total / n;
    const stats = accumulateFull(x, resp, params.means, n, d, k);
    const full = mStepFull(stats, params.means, n, d, k, options.regCovar);
    const covariance = tiedCovariance(full.covariances, stats.nk, d, k, options.regCovar);
    params = { weights: full.weights, means: full.means, covariance };
  }
}
