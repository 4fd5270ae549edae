/**
 * A fitted variational Bayesian Gaussian mixture: the posterior over weights, means and precisions
 * that scikit-learn's `BayesianGaussianMixture` computes, and everything computed from it (the
 * variational responsibilities, labels and scores, samples from the expected mixture, JSON).
 */

import { type GaussianMixture, modelFromState } from '../GaussianMixture';
import type { DenseMatrix } from '../internal-types';
import { hasMissing } from '../missing/patterns';
import { type PredictionOptions, pacedPrediction } from '../paced-prediction';
import type { SklearnCovarianceType as CovarianceType, Matrix, MissingValues } from '../types';
import { checkColumns, readMatrix } from '../validate/index';
import { runToEnd, type Steps } from '../yield';
import { expectedWeights } from './bound';
import { activeIndices, fitBayesian } from './fit';
import { type BayesianGaussianMixtureJSON, stateToJSON } from './json';
import { stateFromJSON } from './json-read';
import { imputeVariational } from './missing-scores';
import { registerFitted } from './options';
import type { WeightPrior } from './parameters';
import { VariationalScorer } from './scoring';
import type { BayesianState } from './state';
import type { BayesianFitOptions } from './types';

/**
 * A variational Bayesian Gaussian mixture, as scikit-learn's `BayesianGaussianMixture`: fitted by
 * `BayesianGaussianMixture.fit(X, options)` (see `BayesianFitOptions`) or read back by `fromJSON`.
 * Its fields are the posterior; its methods are scikit-learn's variational versions of
 * `predict`, `predictProba`, `scoreSamples` and `score`. Immutable.
 */
export class BayesianGaussianMixture {
  /** K, the number of components (after pruning, when `prune` was asked for). */
  readonly components: number;
  /** D, the number of features. */
  readonly features: number;
  /** The covariance type the model was fitted with (scikit-learn's four). */
  readonly covariance: CovarianceType;
  /** The prior over the weights the fit used (`options.weightPrior`, default `'dirichlet-process'`). */
  readonly weightPrior: WeightPrior;
  /**
   * `'em'` when fitted with `missing: 'em'` (NaN = a value missing at random, latent in the
   * variational posterior): then every method accepts NaN in X.
   */
  readonly missing: MissingValues;
  /** K expected mixing weights E[π] under the posterior (scikit-learn's `weights_`), summing to 1. */
  readonly weights: readonly number[];
  /** K×D posterior means mₖ of the component means. */
  readonly means: readonly (readonly number[])[];
  /** K full D×D expected covariances Wₖ⁻¹/νₖ (scikit-learn's `covariances_`). */
  readonly covariances: readonly (readonly (readonly number[])[])[];
  /** Dirichlet process: `[a, b]`, the K Beta parameters of the sticks; Dirichlet distribution: K values αₖ. */
  readonly weightConcentration: readonly [readonly number[], readonly number[]] | readonly number[];
  /** K posterior mean precisions βₖ. */
  readonly meanPrecision: readonly number[];
  /** K posterior degrees of freedom νₖ (tied: K copies of the shared value). */
  readonly degreesOfFreedom: readonly number[];
  /** Nₖ = Σᵢ wᵢ rᵢₖ of each component on the training data, under the final parameters. */
  readonly componentSizes: readonly number[];
  /** The components with Nₖ ≥ 1: those the data have not switched off. */
  readonly activeComponents: readonly number[];
  /** Whether the kept restart stopped because its lower bound changed by less than `tol`. */
  readonly converged: boolean;
  /** Variational iterations run by the kept restart (and after pruning). */
  readonly iterations: number;
  /** The evidence lower bound per unit of sample weight after the last iteration (−∞ with maxIter 0). */
  readonly lowerBound: number;
  /** The lower bound per unit of sample weight after each iteration (`iterations` values). */
  readonly history: readonly number[];
  /** The seed of the fit: passing it again repeats the fit exactly. */
  readonly seed: number;
  /** The priors the fit used, defaults filled in (covariancePrior in the compact form of the type). */
  readonly priors: BayesianGaussianMixtureJSON['priors'];

  readonly #state: BayesianState;
  /** The expected mixture, for sampling. */
  readonly #mixture: GaussianMixture;
  /** Labels, responsibilities and scores of rows under the posterior. */
  readonly #scorer: VariationalScorer;

  /** Use `BayesianGaussianMixture.fit` or `BayesianGaussianMixture.fromJSON`. */
  private constructor(state: BayesianState) {
    if (!state) throw new TypeError('use BayesianGaussianMixture.fit or BayesianGaussianMixture.fromJSON');
    const { params } = state;
    const k = params.meanPrecision.length;
    const d = params.means.length / k;
    const weights = expectedWeights(params);
    this.#state = state;
    this.#scorer = new VariationalScorer(state);
    this.#mixture = modelFromState({
      covariance: state.covariance,
      parameters: { weights, means: params.means, covariances: params.covariances },
      standardization: undefined,
      converged: state.converged,
      iterations: state.iterations,
      logLikelihood: 0,
      history: [],
      seed: state.seed,
      reseeds: 0,
      degenerate: [],
      failedRestarts: 0,
    });
    this.components = k;
    this.features = d;
    this.covariance = state.covariance;
    this.weightPrior = state.priors.weightPrior;
    this.missing = state.missing;
    this.weights = Object.freeze(Array.from(weights));
    this.means = this.#mixture.means;
    this.covariances = this.#mixture.covariances;
    const [a, b] = params.weightConcentration.map((values) => Object.freeze(Array.from(values)));
    this.weightConcentration = b ? Object.freeze([a as number[], b] as const) : (a as number[]);
    this.meanPrecision = Object.freeze(Array.from(params.meanPrecision));
    this.degreesOfFreedom = Object.freeze(Array.from(params.degreesOfFreedom));
    this.componentSizes = Object.freeze(Array.from(state.componentSizes));
    this.activeComponents = Object.freeze(
      state.componentSizes.some((n) => n >= 1) ? activeIndices(state.componentSizes) : [],
    );
    this.converged = state.converged;
    this.iterations = state.iterations;
    this.lowerBound = state.lowerBound;
    this.history = Object.freeze(state.history.slice());
    this.seed = state.seed;
    this.priors = deepFreeze(stateToJSON(state).priors);
    registerFitted(this, state);
    Object.freeze(this);
  }

  /**
   * Fits a variational Bayesian mixture of at most `options.components` Gaussians to the rows of X.
   * @throws TypeError / RangeError for invalid data or options (the message names the option, row or
   *   column); Error when an expected covariance is not positive definite (a singular covariance
   *   prior); the signal's reason when `options.signal` aborts.
   */
  static async fit(X: Matrix, options: BayesianFitOptions): Promise<BayesianGaussianMixture> {
    return new BayesianGaussianMixture(await fitBayesian(X, options));
  }

  /**
   * Rebuilds a model saved with `toJSON`; scores are bit-identical to the original's.
   * @throws TypeError / RangeError naming the field when `json` is not a valid saved model.
   */
  static fromJSON(json: unknown): BayesianGaussianMixture {
    return new BayesianGaussianMixture(stateFromJSON(json));
  }

  /** A versioned plain object that `JSON.stringify` writes exactly and `fromJSON` reads back. */
  toJSON(): BayesianGaussianMixtureJSON {
    return stateToJSON(this.#state);
  }

  /** The most responsible component of each row under the variational posterior. */
  predict(X: Matrix): Int32Array {
    return runToEnd(this.#scorer.labels(this.#read(X)));
  }

  /**
   * `predict`, yielding to the event loop every few milliseconds: the same labels, bit for bit.
   * @throws (rejects) as `predict`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  predictAsync(X: Matrix, options?: PredictionOptions): Promise<Int32Array> {
    return this.#paced('predictAsync', X, options, (data) => this.#scorer.labels(data));
  }

  /** The variational responsibilities: one row of K probabilities per row of X, each summing to 1. */
  predictProba(X: Matrix): Float64Array[] {
    return runToEnd(this.#scorer.responsibilities(this.#read(X)));
  }

  /**
   * `predictProba`, yielding to the event loop every few milliseconds: the same values, bit for bit.
   * @throws (rejects) as `predictProba`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  predictProbaAsync(X: Matrix, options?: PredictionOptions): Promise<Float64Array[]> {
    return this.#paced('predictProbaAsync', X, options, (data) => this.#scorer.responsibilities(data));
  }

  /**
   * scikit-learn's `score_samples`: log Σₖ exp(E[log πₖ] + E[log N(xᵢ | μₖ, Λₖ⁻¹)]) under the
   * posterior, for every row (a lower bound on the log predictive density, not a log-density).
   */
  scoreSamples(X: Matrix): Float64Array {
    return runToEnd(this.#scorer.logDensities(this.#read(X)));
  }

  /**
   * `scoreSamples`, yielding to the event loop every few milliseconds: the same values, bit for bit.
   * @throws (rejects) as `scoreSamples`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  scoreSamplesAsync(X: Matrix, options?: PredictionOptions): Promise<Float64Array> {
    return this.#paced('scoreSamplesAsync', X, options, (data) => this.#scorer.logDensities(data));
  }

  /**
   * The mean of `scoreSamples` (with missing values: over the rows that have an observed value).
   * @throws RangeError when every entry of X is NaN.
   */
  score(X: Matrix): number {
    return runToEnd(this.#scorer.mean(this.#read(X)));
  }

  /**
   * `score`, yielding to the event loop every few milliseconds: the same value, bit for bit.
   * @throws (rejects) as `score`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  scoreAsync(X: Matrix, options?: PredictionOptions): Promise<number> {
    return this.#paced('scoreAsync', X, options, (data) => this.#scorer.mean(data));
  }

  /**
   * X with each NaN replaced by its expectation under the variational posterior given the row's
   * observed values: Σₖ rₖ·(mₖ,m + Σ̃ₖ,mo Σ̃ₖ,oo⁻¹ (x_o − mₖ,o)), with Σ̃ₖ the expected covariances
   * (`covariances`) and rₖ the variational responsibilities (`predictProba`). Every model can impute,
   * however it was fitted; observed values are kept as given.
   * @throws TypeError / RangeError for a malformed X (±Infinity is refused; NaN is what gets filled).
   */
  impute(X: Matrix): Float64Array[] {
    const data = readMatrix(X, 'X', true);
    checkColumns(data, this.features);
    const d = this.features;
    const filled = hasMissing(data)
      ? imputeVariational(data, this.#state.params, this.covariance)
      : new Float64Array(data.data);
    return Array.from({ length: data.rows }, (_, i) => filled.subarray(i * d, (i + 1) * d));
  }

  /**
   * n draws from the expected mixture (weights `weights`, means `means`, covariances
   * `covariances`), as scikit-learn's `sample`. Seeded like `fit`; without a seed, a random one.
   * @throws RangeError when n is not an integer ≥ 1 or the seed is not a 32-bit unsigned integer.
   */
  sample(
    n: number,
    options: { seed?: number } = {},
  ): {
    /** n rows of D values. */
    X: Float64Array[];
    /** The component each row was drawn from. */
    labels: Int32Array;
  } {
    return this.#mixture.sample(n, options);
  }

  /** Validates X once, at the boundary: NaN (missing) is accepted when the fit was with `missing: 'em'`. */
  #read(X: Matrix): DenseMatrix {
    const data = readMatrix(X, 'X', this.missing === 'em');
    checkColumns(data, this.features);
    return data;
  }

  /** An asynchronous prediction: X read at the boundary, then `steps` paced (see ../paced-prediction.ts). */
  #paced<T>(method: string, X: Matrix, options: unknown, steps: (data: DenseMatrix) => Steps<T>): Promise<T> {
    return pacedPrediction(method, X, options, (X) => this.#read(X), steps);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
