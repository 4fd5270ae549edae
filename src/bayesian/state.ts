import type { EStepEngine } from '../engine/estep-engine';
import { NumericalFailureError } from '../errors';
import type { MixtureParameters } from '../internal-types';
import type { SklearnCovarianceType as CovarianceType, MissingValues } from '../types';
import { eStepOffsets } from './bound';
import { exp } from './exp';
import type { Priors, VariationalParameters } from './parameters';

/** A fitted variational Bayesian mixture: what `BayesianGaussianMixture` wraps, saves and restores. */
export interface BayesianState {
  /** One of scikit-learn's four types (the variational mixture has no mclust models). */
  readonly covariance: CovarianceType;
  /** `'em'`: fitted with missing values as latent variables; the model then accepts NaN in X. */
  readonly missing: MissingValues;
  /** The priors the fit used, filled in from the data where not given. */
  readonly priors: Priors;
  /** The variational posterior's parameters after the last iteration. */
  readonly params: VariationalParameters;
  /** Whether the lower bound changed by less than `tol` before `maxIter`. */
  readonly converged: boolean;
  /** Variational iterations run, at most `maxIter`. */
  readonly iterations: number;
  /** The last of `history`; −∞ when no iteration ran (maxIter 0). */
  readonly lowerBound: number;
  /** The evidence lower bound per unit of sample weight after each iteration. */
  readonly history: readonly number[];
  /** The seed of the fit's random choices, reported so that the fit can be repeated. */
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
  const failed = engine.loadParameters(mixture);
  if (failed >= 0) throw notDefinite(failed);
  return { shift, offsets };
}

/**
 * The error for a component whose expected covariance is not positive definite, saying what prior or regCovar
 * to give.
 */
export function notDefinite(component: number): NumericalFailureError {
  const remedy =
    'give a positive definite covariancePrior (the default, the data covariance, is singular when a column is constant or columns are collinear) or a larger regCovar';
  return new NumericalFailureError(
    `the expected covariance of component ${component} is not positive definite: ${remedy}`,
    { component, remedy },
  );
}
