/**
 * A fitted Gaussian mixture: its parameters in the user's units, how the fit went, and everything
 * computed from them (labels, responsibilities, densities, information criteria, samples, JSON).
 */

import { fitMixture } from './fit';
import type { FitOptions } from './fit-options';
import { FittedMixture } from './fitted-mixture';
import type { DenseMatrix } from './internal-types';
import { type GaussianMixtureJSON, modelStateToJSON } from './json';
import { modelStateFromJSON } from './json-read';
import { log } from './logarithm';
import { ModelScorer } from './model-scoring';
import type { ModelState } from './model-state';
import { OriginalParameters } from './original-units';
import { type PredictionOptions, pacedPrediction } from './paced-prediction';
import { sampleMixture } from './sample';
import { fitStreamMixture, type StreamFitOptions } from './stream/fit-stream';
import {
  type FromStatisticsOptions,
  modelStatistics,
  type StatisticsOptions,
  stateFromStatistics,
} from './stream/model-statistics';
import type { StreamSource } from './stream/source';
import type { MixtureStatistics } from './stream/statistics-format';
import type { Matrix } from './types';
import { checkColumns, readMatrix } from './validate/index';
import { runToEnd, type Steps } from './yield';

/** The private constructor, handed to this module's `modelFromState` by the class's static block. */
let construct: (state: ModelState) => GaussianMixture;

/**
 * A fitted mixture p(x) = Σₖ πₖ N(x | μₖ, Σₖ), immutable: made by {@link GaussianMixture.fit},
 * {@link GaussianMixture.fromJSON} or `selectModel`. Its parameters are in the user's units.
 */
export class GaussianMixture extends FittedMixture {
  readonly #state: ModelState;
  /** Means and covariances in the user's units. */
  readonly #original: OriginalParameters;
  /** Labels, responsibilities and densities of rows under the state. */
  readonly #scorer: ModelScorer;

  /** Use `GaussianMixture.fit` or `GaussianMixture.fromJSON`; the state is trusted as given. */
  private constructor(state: ModelState) {
    const original = new OriginalParameters(state);
    super(state, original);
    this.#state = state;
    this.#original = original;
    this.#scorer = new ModelScorer(state);
    Object.freeze(this);
  }

  /**
   * Fits a mixture of `options.components` Gaussians to the rows of X by EM.
   * @throws TypeError / RangeError for invalid data or options (the message names the option, row or
   *   column; an option's name is also the error's `option`); NumericalFailureError when a covariance
   *   cannot be kept positive definite or the data are beyond a double's range (its message and its
   *   `remedy` say what to change); the signal's reason when `options.signal` aborts.
   */
  static async fit(X: Matrix, options: FitOptions): Promise<GaussianMixture> {
    return new GaussianMixture(await fitMixture(X, options));
  }

  /**
   * Fits as `fit`, then labels the training rows: scikit-learn's `fit_predict`. The labels are the
   * fitted model's `predict(X)`, from its final E-step.
   * @throws as `fit`.
   */
  static async fitPredict(
    X: Matrix,
    options: FitOptions,
  ): Promise<{
    /** The fitted model. */
    model: GaussianMixture;
    /** `model.predict(X)`: N labels from 0 to K − 1. */
    labels: Int32Array;
  }> {
    const model = await GaussianMixture.fit(X, options);
    return { model, labels: model.predict(X) };
  }

  /**
   * Fits by exact EM over data read in passes: `source()` returns a fresh iterable or async iterable
   * of chunks (each a Matrix, or `{ X, sampleWeight }`) every time it is called, the same rows in the
   * same order. Passes: one to survey the stream (rows, column moments for `standardize`, a seeded
   * reservoir sample of `startSample` rows that every start but an explicit one is drawn from), then
   * per restart one per iteration and one for the final E-step, and one per re-seeded component.
   * Memory: one chunk on the JavaScript side, CHUNK_ROWS rows in wasm memory, the sample. From an
   * explicit start the model equals `fit` on the concatenated rows within 1e-12 relative.
   * @throws TypeError / RangeError for invalid options or a bad chunk (naming the chunk, its rows in
   *   the stream, and the row and column within it); Error when a later pass reads other data than
   *   the first, or a covariance cannot be kept positive definite; the signal's reason when aborted
   *   (also in the middle of a pass).
   */
  static async fitStream(source: StreamSource, options: StreamFitOptions): Promise<GaussianMixture> {
    return new GaussianMixture(await fitStreamMixture(source, options));
  }

  /**
   * Rebuilds a model saved with `toJSON`; scores are bit-identical to the original's. Works at once in
   * Node and workers; on a browser's main thread `await ready()` first.
   * @throws TypeError / RangeError naming the field when `json` is not a valid saved model.
   */
  static fromJSON(json: unknown): GaussianMixture {
    return new GaussianMixture(modelStateFromJSON(json));
  }

  /**
   * The M-step from statistics (usually merged with `mergeStatistics`): the model one EM iteration
   * after the one the statistics were computed under. Its `logLikelihood` is the mean log-likelihood
   * the statistics report. The covariances come from the statistics' type's own M-step, the one `fit`
   * runs (mclust's models included, their inner loops at `fit`'s defaults). Works at once in Node and
   * workers; on a browser's main thread `await ready()` first.
   * @throws TypeError / RangeError naming the field when `stats` are not valid statistics, or for
   *   `regCovar`; NumericalFailureError when a covariance is not positive definite (increase `regCovar`).
   */
  static fromStatistics(stats: MixtureStatistics, options: FromStatisticsOptions = {}): GaussianMixture {
    return new GaussianMixture(stateFromStatistics(stats, options));
  }

  static {
    construct = (state) => new GaussianMixture(state);
  }

  /** A versioned plain object that `JSON.stringify` writes exactly and `fromJSON` reads back. */
  toJSON(): GaussianMixtureJSON {
    return modelStateToJSON(this.#state);
  }

  /**
   * The E-step's sufficient statistics of X's rows under this model: a versioned, JSON-safe object
   * that `mergeStatistics` adds to others and `GaussianMixture.fromStatistics` turns into the next
   * model. An empty array gives zero statistics (an empty partition).
   * @throws TypeError / RangeError for invalid X (or a column count other than `features`) or sample weights.
   */
  statistics(X: Matrix | readonly [], options: StatisticsOptions = {}): MixtureStatistics {
    return modelStatistics(this.#state, X, options);
  }

  /** The most responsible component of each row (argmax of `predictProba`). */
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

  /** Responsibilities: one row of K probabilities per row of X, each summing to 1. */
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
   * How unsure the classification of each row is: 1 − its largest responsibility (mclust's
   * `uncertainty`), from 0 (certain) to at most 1 − 1/K.
   */
  uncertainty(X: Matrix): Float64Array {
    return runToEnd(this.#scorer.uncertainties(this.#read(X)));
  }

  /** log p(xᵢ) for every row. */
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
   * Mean log-likelihood per row (with missing values: of the observed values, over the rows that
   * have one).
   * @throws RangeError when no row of X has an observed value.
   */
  score(X: Matrix): number {
    return runToEnd(this.#scorer.meanLogLikelihood(this.#read(X))).mean;
  }

  /**
   * `score`, yielding to the event loop every few milliseconds: the same value, bit for bit.
   * @throws (rejects) as `score`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  async scoreAsync(X: Matrix, options?: PredictionOptions): Promise<number> {
    return (await this.#paced('scoreAsync', X, options, (data) => this.#scorer.meanLogLikelihood(data))).mean;
  }

  /**
   * Bayesian information criterion: −2·N·score + nParameters·ln N (lower is better); N counts the
   * rows with an observed value.
   */
  bic(X: Matrix): number {
    const { mean, rows } = runToEnd(this.#scorer.meanLogLikelihood(this.#read(X)));
    return -2 * mean * rows + this.nParameters * log(rows);
  }

  /** Akaike information criterion: −2·N·score + 2·nParameters (lower is better). */
  aic(X: Matrix): number {
    const { mean, rows } = runToEnd(this.#scorer.meanLogLikelihood(this.#read(X)));
    return -2 * mean * rows + 2 * this.nParameters;
  }

  /**
   * X with each NaN replaced by its conditional expectation under the mixture given the row's
   * observed values: Σₖ γₖ(x_o)·(μₖ,m + Σₖ,mo Σₖ,oo⁻¹ (x_o − μₖ,o)); a row with nothing observed
   * becomes Σₖ πₖ μₖ. Any model can impute, however it was fitted. Observed values are kept as given.
   * @throws TypeError / RangeError for a malformed X (±Infinity is refused; NaN is what gets filled).
   */
  impute(X: Matrix): Float64Array[] {
    const data = readMatrix(X, 'X', true);
    checkColumns(data, this.features);
    return this.#scorer.impute(data, this.#original);
  }

  /**
   * n exact draws from the mixture: a component by weight, then μ + L·z with L·Lᵀ = Σ and z standard
   * normal. Seeded like `fit`; without a seed, a random one.
   * @throws TypeError when n or the seed is not a number.
   * @throws RangeError when n is not an integer ≥ 1 or the seed is not a 32-bit unsigned integer.
   */
  sample(
    n: number,
    options: {
      /** Seeds the draws; a random seed when absent. */
      seed?: number;
    } = {},
  ): {
    /** n rows of D values. */
    X: Float64Array[];
    /** The component each row was drawn from. */
    labels: Int32Array;
  } {
    return sampleMixture(this.#state.parameters.weights, this.#original, n, options);
  }

  /** Validates X once, at the boundary: NaN (missing) is accepted when the fit was with `missing: 'em'`. */
  #read(X: Matrix): DenseMatrix {
    const data = readMatrix(X, 'X', this.missing === 'em');
    checkColumns(data, this.features);
    return data;
  }

  /** An asynchronous prediction: X read at the boundary, then `steps` paced (see ./paced-prediction.ts). */
  #paced<T>(method: string, X: Matrix, options: unknown, steps: (data: DenseMatrix) => Steps<T>): Promise<T> {
    return pacedPrediction(method, X, options, (X) => this.#read(X), steps);
  }
}

/** A model from a fitted state; for `selectModel`, which fits many and keeps one. */
export function modelFromState(state: ModelState): GaussianMixture {
  return construct(state);
}
