/**
 * What a fitted Gaussian mixture is, as `GaussianMixture` (./GaussianMixture.ts) shows it: its shape,
 * its parameters in the user's units and how the fit went, derived once from the fitted state. The
 * model class adds what is computed from them (scores, samples, JSON) and how models are made.
 */
import { COVARIANCE_MODELS, parameterCount } from './covariance/index';
import { publicPrior } from './covariance/prior';
import type { FittedPrior } from './fit-options';
import type { ModelState } from './model-state';
import type { OriginalParameters } from './original-units';
import type { CovarianceType, MissingValues, Precision } from './types';

/** The read-only fields of a fitted `GaussianMixture` (the class every model is). */
export class FittedMixture {
  /** K, the number of components. */
  readonly components: number;
  /** D, the number of features. */
  readonly features: number;
  /** The covariance type it was fitted with. */
  readonly covariance: CovarianceType;
  /** K mixing weights π, summing to 1. */
  readonly weights: readonly number[];
  /** K×D means, in the units of the data given to `fit`. */
  readonly means: readonly (readonly number[])[];
  /** Whether the kept restart stopped because its log-likelihood changed by less than `tol`. */
  readonly converged: boolean;
  /** EM iterations run by the kept restart. */
  readonly iterations: number;
  /** Mean per-sample log-likelihood of the final parameters on the training data. */
  readonly logLikelihood: number;
  /** Mean log-likelihood at each E-step of the kept restart, the final E-step last (iterations + 1 values). */
  readonly history: readonly number[];
  /** The seed of the fit: passing it again repeats the fit exactly. */
  readonly seed: number;
  /**
   * Free parameters, as scikit-learn's `_n_parameters`: K·D means, K − 1 weights, and K·D(D+1)/2
   * (full), D(D+1)/2 (tied), K·D (diag) or K (spherical) covariance parameters.
   */
  readonly nParameters: number;
  /** Components re-seeded during the kept run because they collapsed (see the README). */
  readonly reseeds: number;
  /**
   * The features' names, in order, when the model was loaded from JSON that carries them (the CLI
   * saves a CSV's header there); `undefined` otherwise. Informational: X is always read by position.
   */
  readonly columns: readonly string[] | undefined;
  /**
   * Components the data do not determine (ascending; empty for a sound fit): supported by fewer rows
   * than their covariance needs, or with a covariance held up by `regCovar` alone in some direction,
   * as when a component sits on rows that repeat one value. Their huge densities are artefacts; see
   * the README on degenerate solutions.
   */
  readonly degenerate: readonly number[];
  /** Restarts skipped because they failed numerically (a covariance no re-seed could rescue). */
  readonly failedRestarts: number;
  /** `'em'` when fitted with missing values by EM: then every method accepts NaN (missing) in X. */
  readonly missing: MissingValues;
  /**
   * `'float32'` when fitted with `precision: 'float32'`: `predict`, `predictProba`, `scoreSamples`,
   * `score`, `uncertainty`, `bic`, `aic` and `statistics` then evaluate in float32 too, so they
   * agree with the fit; `'float64'` otherwise.
   */
  readonly precision: Precision;
  /**
   * The conjugate prior of a MAP-EM fit (`prior` given to `fit`), every value filled in, in the
   * fit's units (standardized when it was); `undefined` for a maximum-likelihood fit.
   */
  readonly prior: FittedPrior | undefined;

  /** Means and covariances in the user's units, the covariances built when first asked for. */
  readonly #original: OriginalParameters;
  #covariances: readonly (readonly (readonly number[])[])[] | undefined;

  /** The fields of a trusted state whose parameters in the user's units are `original`. */
  protected constructor(state: ModelState, original: OriginalParameters) {
    const { weights } = state.parameters;
    const { k, d } = original;
    this.#original = original;
    this.components = k;
    this.features = d;
    this.covariance = state.covariance;
    this.weights = Object.freeze(Array.from(weights));
    this.means = original.meanRows();
    this.converged = state.converged;
    this.iterations = state.iterations;
    this.logLikelihood = state.logLikelihood;
    this.history = Object.freeze(state.history.slice());
    this.seed = state.seed;
    this.nParameters = parameterCount(COVARIANCE_MODELS[state.covariance], k, d);
    this.reseeds = state.reseeds;
    this.columns = state.columns;
    this.degenerate = Object.freeze(state.degenerate.slice());
    this.failedRestarts = state.failedRestarts;
    this.missing = state.missing ?? 'error';
    this.precision = state.precision ?? 'float64';
    this.prior = state.prior && publicPrior(state.prior);
  }

  /**
   * K full D×D covariance matrices, in the units of the data given to `fit` (tied: K equal copies).
   * Built on first access: the model itself keeps and evaluates the compact form of its type.
   */
  get covariances(): readonly (readonly (readonly number[])[])[] {
    this.#covariances ??= this.#original.covarianceRows();
    return this.#covariances;
  }
}
