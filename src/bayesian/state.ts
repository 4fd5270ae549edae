/** Everything a fitted `BayesianGaussianMixture` is, and the engine-facing form of its parameters. */
import type { EStepEngine } from '../engine';
import { NumericalFailureError } from '../errors';
import type { SklearnCovarianceType as CovarianceType, MissingValues, MixtureParameters } from '../types';
import { eStepOffsets } from './bound';
import { exp } from './exp';
import type { Priors, VariationalParameters } from './parameters';

export interface BayesianState {
  readonly covariance: CovarianceType;
  /** `'em'`: fitted with missing values as latent variables; the model then accepts NaN in X. */
  readonly missing: MissingValues;
  readonly priors: Priors;
  readonly params: VariationalParameters;
  readonly converged: boolean;
  readonly iterations: number;
  /** The last of `history`; −∞ when no iteration ran (maxIter 0). */
  readonly lowerBound: number;
  /** The evidence lower bound per unit of sample weight after each iteration. */
  readonly history: readonly number[];
  readonly seed: number;
  /** Nₖ = Σᵢ wᵢ rᵢₖ under the final parameters, on the training data. */
  readonly componentSizes: Float64Array;
}

/**
 * Where a component's relative weight is floored: one whose E-step constant lies more than ~690
 * below the largest has responsibilities below 1e-300 either way, and the kernels take logarithms.
 */
const SMALLEST_RELATIVE_WEIGHT = 1e-300;

/**
 * The variational parameters as EM's kernels take them: weights exp(cₖ − max c) (so that their
 * logarithms are the E-step constants cₖ shifted by one number for all), means mₖ and covariances
 * Wₖ⁻¹/νₖ. `shift` (max c) is added back to every log-density the kernels report.
 */
export function kernelParameters(
  params: VariationalParameters,
  d: number,
): { mixture: MixtureParameters; shift: number; offsets: Float64Array } {
  const offsets = eStepOffsets(params, d);
  let shift = -Infinity;
  for (const value of offsets) shift = Math.max(shift, value);
  const weights = offsets.map((value) => Math.max(exp(value - shift), SMALLEST_RELATIVE_WEIGHT));
  return { mixture: { weights, means: params.means, covariances: params.covariances }, shift, offsets };
}

/**
 * Loads the variational parameters into an engine.
 * @returns the E-step constants cₖ, and the shift to add to the engine's log-densities.
 * @throws Error when a covariance is not positive definite (a singular covariance prior).
 */
export function loadVariational(
  engine: EStepEngine,
  params: VariationalParameters,
): { shift: number; offsets: Float64Array } {
  const { mixture, shift, offsets } = kernelParameters(params, engine.d);
  const failed = engine.setParameters(mixture);
  if (failed >= 0) throw notDefinite(failed);
  return { shift, offsets };
}

export function notDefinite(component: number): NumericalFailureError {
  const remedy =
    'give a positive definite covariancePrior (the default, the data covariance, is singular when a column is constant or columns are collinear) or a larger regCovar';
  return new NumericalFailureError(
    `the expected covariance of component ${component} is not positive definite: ${remedy}`,
    { component, remedy },
  );
}
