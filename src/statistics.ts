/**
 * The M-step that turns the E-step's sufficient statistics (./sufficient-statistics.ts) into
 * parameters.
 */
import { type CovarianceModel, type MStepControl, regularisedCount } from './covariance/model';
import { PRIOR_MODELS } from './covariance/prior';
import { mapStep } from './covariance/prior-step';
import type { SufficientStatistics } from './sufficient-statistics';
import type { MixtureParameters } from './types';

export { addStatistics, type SufficientStatistics } from './sufficient-statistics';

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
