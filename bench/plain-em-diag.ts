/**
 * The diagonal-covariance twin of `test/reference/em.ts`'s `plainEm`, built from the diagonal
 * reference kernels: the plain TypeScript baseline for the benchmark's 'diag' and 'spherical' shapes.
 * A fixed number of iterations from a given start, then one final E-step; M-step as scikit-learn
 * (nk + 10·ε, regCovar added to every variance; spherical: the mean of a component's variances, held
 * as D equal variances so that the same diagonal kernels serve).
 */

import { normalizeLogProb } from '../test/reference/kernels';
import { accumulateDiag, logDensityDiag, precisionDiag } from '../test/reference/kernels-diagonal';

/** Diagonal mixture parameters: K weights, K×D means, K×D variances. */
export interface DiagParameters {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly variances: Float64Array;
}

function mStepDiag(
  stats: ReturnType<typeof accumulateDiag>,
  centers: Float64Array,
  d: number,
  k: number,
  regCovar: number,
  spherical: boolean,
): DiagParameters {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const variances = new Float64Array(k * d);
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const nk = stats.nk[c] ?? 0;
    const nkSafe = nk + 10 * Number.EPSILON;
    weights[c] = nkSafe;
    weightSum += nkSafe;
    for (let j = 0; j < d; j++) {
      const at = c * d + j;
      const first = stats.first[at] ?? 0;
      const center = centers[at] ?? 0;
      const mean = (first + nk * center) / nkSafe;
      const shift = mean - center;
      means[at] = mean;
      variances[at] = ((stats.squares[at] ?? 0) - 2 * first * shift + nk * shift * shift) / nkSafe + regCovar;
    }
  }
  for (let c = 0; c < k; c++) weights[c] = (weights[c] ?? 0) / weightSum;
  if (spherical) equalizeVariances(variances, d, k);
  return { weights, means, variances };
}

/** Replaces each component's D variances by their mean: the spherical variance, in diagonal form. */
function equalizeVariances(variances: Float64Array, d: number, k: number): void {
  for (let c = 0; c < k; c++) {
    const row = variances.subarray(c * d, (c + 1) * d);
    row.fill(row.reduce((sum, v) => sum + v, 0) / d);
  }
}

/**
 * Runs `iterations` EM iterations, then one final E-step; with `spherical`, the start's variances
 * are first replaced by their per-component means.
 * @returns the mean log-likelihood of the final parameters.
 * @throws Error if a variance is not positive and finite at some E-step.
 */
export function plainEmDiag(
  x: Float64Array,
  n: number,
  d: number,
  start: DiagParameters,
  options: { iterations: number; regCovar: number; spherical: boolean },
): number {
  const k = start.weights.length;
  const logWeights = new Float64Array(k);
  let params = start;
  if (options.spherical) {
    params = { ...start, variances: start.variances.slice() };
    equalizeVariances(params.variances, d, k);
  }
  for (let iteration = 0; ; iteration++) {
    const { precisions, logDet, status } = precisionDiag(params.variances, d, k);
    if (status !== 0) throw new Error(`plainEmDiag: bad variance of component ${status - 1}`);
    for (let c = 0; c < k; c++) logWeights[c] = Math.log(params.weights[c] ?? 0);
    const logProb = logDensityDiag(x, params.means, precisions, logDet, logWeights, n, d, k);
    const { resp, total } = normalizeLogProb(logProb, n, k);
    if (iteration === options.iterations) return total / n;
    const stats = accumulateDiag(x, resp, params.means, n, d, k);
    params = mStepDiag(stats, params.means, d, k, options.regCovar, options.spherical);
  }
}
