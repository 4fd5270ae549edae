/** The options of `BayesianGaussianMixture.fit`. */

import type { FitOptions, InitMethod } from '../fit-options';
import type { InitParameters, Matrix, WarmStartSource } from '../types';
import type { WeightPrior } from './parameters';

export type { WeightPrior } from './parameters';

/** Responsibilities to start from: N×K, entries ≥ 0, each row summing to 1. */
export interface InitResponsibilities {
  /**
   * N×K responsibilities (the rows of X in order, one column per component), entries ≥ 0, each
   * row summing to 1: the fit starts with one variational M-step from them, as scikit-learn's
   * `_initialize` does.
   * @throws RangeError (from `fit`) for a wrong shape, a negative or non-finite entry, or a row
   *   that does not sum to 1.
   */
  readonly responsibilities: Matrix;
}

/**
 * `GaussianMixture.fit`'s options (without `standardize`), a start from responsibilities or from
 * a fitted `BayesianGaussianMixture` (a warm start), and the priors, with scikit-learn's meanings
 * and defaults (see the README). Not mclust's `prior`: the variational mixture has priors of its own
 * (given from JavaScript anyway, it is refused with a RangeError that names them).
 */
export interface BayesianFitOptions extends Omit<FitOptions, 'init' | 'standardize' | 'prior'> {
  /**
   * Where the fit starts: a method or explicit parameters as for `GaussianMixture.fit` (default
   * `'random'`, as there), `{ responsibilities }`, or a fitted `BayesianGaussianMixture` of the same
   * shape and priors to continue from (its first change measured against its `lowerBound`).
   * @throws TypeError or RangeError (from `fit`) naming what in the start is malformed.
   */
  readonly init?: InitMethod | InitParameters | WarmStartSource | InitResponsibilities;
  /** Default `'dirichlet-process'`. */
  readonly weightPrior?: WeightPrior;
  /** γ (Dirichlet process) or α₀ (Dirichlet distribution), > 0; default 1/K. */
  readonly weightConcentration?: number;
  /** β₀ > 0; default 1. */
  readonly meanPrecision?: number;
  /** m₀, D values; default the column means of X. */
  readonly meanPrior?: ArrayLike<number>;
  /** ν₀ > D − 1; default D. */
  readonly degreesOfFreedom?: number;
  /**
   * W₀⁻¹ in the compact form of the type (full and tied: a D×D symmetric positive definite
   * matrix; diag: D variances; spherical: one variance); default the data covariance.
   */
  readonly covariancePrior?: readonly ArrayLike<number>[] | ArrayLike<number> | number;
  /** Drop the components with Nₖ < 1 and refit the rest; default false. */
  readonly prune?: boolean;
}
