/** The covariance-type table: every type-specific choice the library makes is looked up here. */
import type { CovarianceType } from '../types';
import { diag, spherical } from './diagonal';
import { full } from './full';
import type { CovarianceModel } from './model';
import { tied } from './tied';

export const COVARIANCE_MODELS: Readonly<Record<CovarianceType, CovarianceModel>> = {
  full,
  tied,
  diag,
  spherical,
};

export type { CovarianceModel } from './model';

/** Free parameters of a mixture, as scikit-learn's `_n_parameters`: means, covariances, K − 1 weights. */
export function parameterCount(model: CovarianceModel, k: number, d: number): number {
  return k * d + model.covarianceParameters(d, k) + k - 1;
}
