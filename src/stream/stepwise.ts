/**
 * The arithmetic of stepwise EM (Cappé & Moulines 2009; Liang & Klein 2009): running sufficient
 * statistics per unit weight, s ← (1 − η)·s + η·ŝ, then the M-step. The running statistics are
 * kept as the parameters they give: centred on the current means, s is exactly (π, 0, π·(Σ − regCovar·I)),
 * so a re-seeded component changes both at once and nothing else needs to be stored.
 */
import type { CovarianceModel } from '../covariance/model';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { MixtureParameters } from '../types';

/** The step size of update t (from 0): (t + 2)^−α, in (0, 1) for α ∈ (0.5, 1]. */
export function stepSize(t: number, stepDecay: number): number {
  return (t + 2) ** -stepDecay;
}

/** Statistics per unit weight whose M-step returns `params`, centred on their means. */
export function statisticsOfParameters(
  params: MixtureParameters,
  model: CovarianceModel,
  d: number,
  regCovar: number,
): SufficientStatistics {
  const k = params.weights.length;
  const full = model.toFull(params.covariances, d, k);
  const matrix = model.scatterLength(d, k) === k * d * d;
  const scatter = new Float64Array(model.scatterLength(d, k));
  for (let c = 0; c < k; c++) {
    const weight = params.weights[c] as number;
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const value = (full[c * d * d + j * d + l] as number) - (j === l ? regCovar : 0);
        if (matrix) scatter[c * d * d + j * d + l] = weight * value;
        else if (j === l) scatter[c * d + j] = weight * value;
      }
    }
  }
  return {
    weight: 1,
    logLikelihood: 0,
    nk: params.weights.slice(),
    first: new Float64Array(k * d),
    scatter,
    centers: params.means.slice(),
  };
}

/** (1 − η)·running + η·chunk/W, both centred on the same means; chunk per unit of its weight W. */
export function blend(
  running: SufficientStatistics,
  chunk: SufficientStatistics,
  eta: number,
): SufficientStatistics {
  const scale = eta / chunk.weight;
  const mix = (a: Float64Array, b: Float64Array) =>
    a.map((value, i) => (1 - eta) * value + scale * (b[i] as number));
  return {
    weight: 1,
    logLikelihood: chunk.logLikelihood / chunk.weight,
    nk: mix(running.nk, chunk.nk),
    first: mix(running.first, chunk.first),
    scatter: mix(running.scatter, chunk.scatter),
    centers: running.centers,
  };
}
