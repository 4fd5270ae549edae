/**
 * Sufficient statistics of the E-step and the M-step that turns them into parameters.
 *
 * Statistics are centred on fixed points (the means the E-step used), which keeps the scatter sums
 * small and accurate, and makes the statistics of any two sets of rows add: chunks, workers and
 * streams all meet here.
 */
import { type CovarianceModel, type MStepControl, regularisedCount } from './covariance/model';
import { PRIOR_MODELS } from './covariance/prior';
import { mapStep } from './covariance/prior-step';
import type { MixtureParameters } from './types';

export interface SufficientStatistics {
  /** Σᵢ wᵢ: the rows summarised, each counted with its sample weight (1 without weights). */
  weight: number;
  /** Σᵢ wᵢ log p(xᵢ) under the parameters of the E-step. */
  logLikelihood: number;
  /** K: Nₖ = Σᵢ wᵢ γᵢₖ. */
  readonly nk: Float64Array;
  /** K×D: Σᵢ wᵢ γᵢₖ (xᵢ − cₖ). */
  readonly first: Float64Array;
  /** The covariance type's scatter: K×D×D upper triangles (full, tied) or K×D squares (diag, spherical). */
  readonly scatter: Float64Array;
  /** K×D: the centring points cₖ. */
  readonly centers: Float64Array;
}

/** Adds `other` into `into`; both must be centred on the same points. */
export function addStatistics(into: SufficientStatistics, other: SufficientStatistics): void {
  into.weight += other.weight;
  into.logLikelihood += other.logLikelihood;
  addInto(into.nk, other.nk);
  addInto(into.first, other.first);
  addInto(into.scatter, other.scatter);
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number);
}

/**
 * The M-step, as scikit-learn's `_estimate_gaussian_parameters`: Nₖ' = Nₖ + 10ε, μₖ = Σγx / Nₖ',
 * πₖ = Nₖ' / Σⱼ Nⱼ', and the covariances of the model's type (with `regCovar` on the diagonal;
 * `control` bounds the inner loop of the iterative models). With `control.prior`, the MAP M-step of
 * mclust's conjugate prior instead (./covariance/prior-step.ts).
 */
export function mStep(
  stats: SufficientStatistics,
  d: number,
  regCovar: number,
  model: CovarianceModel,
  control?: MStepControl,
): MixtureParameters {
  const priorModel = control?.prior && PRIOR_MODELS[model.type];
  if (control?.prior && priorModel) return mapStep(stats, d, regCovar, priorModel, control.prior, control);
  const { nk, first, centers } = stats;
  const k = nk.length;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  let total = 0;
  for (let c = 0; c < k; c++) {
    const count = nk[c] as number;
    const regularised = regularisedCount(count);
    weights[c] = regularised;
    total += regularised;
    for (let j = 0; j < d; j++) {
      const i = c * d + j;
      means[i] = ((first[i] as number) + count * (centers[i] as number)) / regularised;
    }
  }
  for (let c = 0; c < k; c++) weights[c] = (weights[c] as number) / total;
  return { weights, means, covariances: model.covariances(stats, means, d, regCovar, control) };
}
