import type { CovarianceType, MixtureParameters } from './types';

/** Everything a fitted model is: its parameters in the user's units and how the fit went. */
export interface ModelState {
  readonly covariance: CovarianceType;
  readonly parameters: MixtureParameters;
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  readonly history: readonly number[];
  readonly seed: number;
}

/** Free parameters of a full-covariance mixture, as scikit-learn's `_n_parameters`. */
export function parameterCount(k: number, d: number): number {
  return k * d + (k * d * (d + 1)) / 2 + k - 1;
}
