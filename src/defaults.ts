/**
 * The default of every option, in one place. Validation fills in absent options from these tables
 * (src/validate/options.ts, src/select.ts), the TSDoc `@defaultValue` of each `FitOptions` field
 * and the README's option table state the same values, and `test/defaults.test.ts` checks both
 * against them. Options without a value default (`seed`: a random one; `sampleWeight`, `onIteration`,
 * `signal`, `workerUrl`: none) are not listed.
 */

import type { InitMethod } from './fit-options';
import type { CovarianceType, MissingValues, Precision } from './types';

/** What `GaussianMixture.fit` uses for an option that is absent (or `undefined`). */
export const FIT_DEFAULTS: {
  /** scikit-learn's default `covariance_type`. */
  readonly covariance: CovarianceType;
  /** Random rows and scaled diagonal covariances, seeded. */
  readonly init: InitMethod;
  /** One start, as scikit-learn's `n_init`. */
  readonly restarts: number;
  /** scikit-learn's `max_iter`. */
  readonly maxIter: number;
  /** scikit-learn's `tol`, on the mean log-likelihood per sample. */
  readonly tol: number;
  /** scikit-learn's `reg_covar`. */
  readonly regCovar: number;
  /** Fit in the user's units. */
  readonly standardize: boolean;
  /** Every E-step on the calling thread. */
  readonly workers: number;
  /** √ε, mclust's `emControl()$tol[2]`: the inner loop of VEI, VEE, EVE, VVE and VEV. */
  readonly innerTol: number;
  /** Inner iterations per M-step at most (mclust has no limit). */
  readonly innerMaxIter: number;
  /** A NaN in X is an error. */
  readonly missing: MissingValues;
  /** Double precision throughout. */
  readonly precision: Precision;
} = Object.freeze({
  covariance: 'full',
  init: 'random',
  restarts: 1,
  maxIter: 100,
  tol: 1e-3,
  regCovar: 1e-6,
  standardize: false,
  workers: 0,
  innerTol: Math.sqrt(Number.EPSILON),
  innerMaxIter: 1000,
  missing: 'error',
  precision: 'float64',
});

/**
 * What `selectModel` uses where its defaults differ from `fit`'s. EM crawls across saddles: on Old
 * Faithful, 3-component tied EM passes the 2-component solution (mean log-likelihood −4.1914) with
 * per-iteration changes of 1e-4 to 1e-5 before climbing to −4.1409, and a `tol` of 1e-3 stops it
 * there, so that the wrong K wins. 1e-6 lets those runs through (see the README's "Choosing K"),
 * and `maxIter` makes room for it.
 */
export const SELECTION_DEFAULTS: {
  /** The stricter stopping rule every candidate runs to. */
  readonly tol: number;
  /** Room for the stricter `tol`. */
  readonly maxIter: number;
  /** The candidate covariance types. */
  readonly covariance: readonly CovarianceType[];
  /** BIC, lowest best. */
  readonly criterion: 'bic';
} = Object.freeze({
  tol: 1e-6,
  maxIter: 1000,
  covariance: Object.freeze(['full'] as const),
  criterion: 'bic',
});
