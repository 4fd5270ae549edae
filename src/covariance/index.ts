/** The covariance-type table: every type-specific choice the library makes is looked up here. */

import type { StorageForm } from '../internal-types';
import type { CovarianceType } from '../types';
import { diag, spherical } from './diagonal';
import { EEI, EVI, VEI } from './diagonal-constrained';
import { full } from './full';
import type { CovarianceModel } from './model';
import { EVE, VEE, VVE } from './orientation-equal';
import { EEV, EVV, VEV } from './orientation-variable';
import { EII } from './spherical-equal';
import { tied } from './tied';

/**
 * scikit-learn's four names and mclust's fourteen (volume, shape, orientation: Equal, Variable or
 * Identity). The four are aliases: spherical = VII, diag = VVI, tied = EEE, full = VVV.
 */
export const COVARIANCE_MODELS: Readonly<Record<CovarianceType, CovarianceModel>> = {
  full,
  diag,
  spherical,
  tied,
  EII,
  VII: spherical,
  EEI,
  VEI,
  EVI,
  VVI: diag,
  EEE: tied,
  VEE,
  EVE,
  VVE,
  EEV,
  VEV,
  EVV,
  VVV: full,
};

/** Every covariance type's name, in the table's order (the order messages list them in). */
export const COVARIANCE_TYPES = Object.keys(COVARIANCE_MODELS) as readonly CovarianceType[];

/** How each type stores its covariances: the compact form of the unconstrained type it is evaluated as. */
export const STORAGE_FORMS = Object.fromEntries(
  COVARIANCE_TYPES.map((type) => [type, COVARIANCE_MODELS[type].storage]),
) as Readonly<Record<CovarianceType, StorageForm>>;

/** scikit-learn's four types, the storage forms of all the others (and the Bayesian mixture's types). */
export const SKLEARN_TYPES = ['full', 'diag', 'spherical', 'tied'] as const satisfies readonly StorageForm[];

/** Names as a message lists them: `'full', 'diag', 'spherical'`. */
export function quotedNames(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}

/** mclust's fourteen models in the order of its `mclust.options("emModelNames")`. */
export const MCLUST_MODELS = [
  'EII',
  'VII',
  'EEI',
  'VEI',
  'EVI',
  'VVI',
  'EEE',
  'VEE',
  'EVE',
  'VVE',
  'EEV',
  'VEV',
  'EVV',
  'VVV',
] as const satisfies readonly CovarianceType[];

export type { CovarianceModel } from './model';

/**
 * Free parameters of a mixture, as scikit-learn's `_n_parameters` and mclust's `nMclustParams`:
 * means, covariances, K − 1 weights.
 */
export function parameterCount(model: CovarianceModel, k: number, d: number): number {
  return k * d + model.covarianceParameters(d, k) + k - 1;
}
