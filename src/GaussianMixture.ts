/**
 * A fitted Gaussian mixture: its parameters in the user's units, how the fit went, and everything
 * computed from them (labels, responsibilities, densities, information criteria, samples, JSON).
 */

import { argmaxLabels, responsibilityRows } from './chunk-outputs';
import { COVARIANCE_MODELS, parameterCount } from './covariance/index';
import { publicPrior } from './covariance/prior';
import { readingOption } from './errors';
import { fitMixture } from './fit';
import type { DenseMatrix } from './internal-types';
import { type GaussianMixtureJSON, modelStateToJSON } from './json';
import { modelStateFromJSON } from './json-read';
import { log } from './logarithm';
import { observedLogJacobian, type RowScores, scoreRowsSteps } from './missing/evaluate';
import { imputeRows } from './missing/impute';
import { hasMissing } from './missing/patterns';
import type { ModelState } from './model-state';
import { OriginalParameters } from './original-units';
import { type PredictionOptions, pacedPrediction } from './paced-prediction';
import { randomSeed } from './random';
import { drawSamples } from './sample';
import { logJacobian, standardizeMatrix } from './standardize';
import { fitStreamMixture, type StreamFitOptions } from './stream/fit-stream';
import {
  type FromStatisticsOptions,
  modelStatistics,
  type StatisticsOptions,
  stateFromStatistics,
} from './stream/model-statistics';
import type { StreamSource } from './stream/source';
import type { MixtureStatistics } from './stream/statistics-format';
import type { CovarianceType, FitOptions, FittedPrior, Matrix, MissingValues, Precision } from './types';
import { checkColumns, describeKind, readMatrix } from './validate/index';
import { readSeed } from './validate/seed';
import { WasmData } from './wasm/data';
import { kernelsSync } from './wasm/load';
import { type ChunkVisitor, Workspace } from './wasm/workspace';
import { runToEnd, type Steps } from './yield';

/** The private constructor, handed to this module's `modelFromState` by the class's static block. */
let construct: (state: ModelState) => GaussianMixture;

/**
 * A fitted mixture p(x) = Σₖ πₖ N(x | μₖ, Σₖ), immutable: made by {@link GaussianMixture.fit},
 * {@link GaussianMixture.fromJSON} or `selectModel`. Its parameters are in the user's units.
 */
export class GaussianMixture {
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
   * The conjugate prior of a MAP-EM fit (`prior` given to `fit`), every value filled in, in the
   * fit's units (standardized when it was); `undefined` for a maximum-likelihood fit.
   */
  readonly prior: FittedPrior | undefined;
  /**
   * `'float32'` when fitted with `precision: 'float32'`: `predict`, `predictProba`, `scoreSamples`,
   * `score`, `uncertainty`, `bic`, `aic` and `statistics` then evaluate in float32 too, so they
   * agree with the fit; `'float64'` otherwise.
   */
  readonly precision: Precision;

  readonly #state: ModelState;
  /** Means and covariances in the user's units, the covariances built when first asked for. */
  readonly #original: OriginalParameters;
  #covariances: readonly (readonly (readonly number[])[])[] | undefined;
  /** Added to every log-density computed in standardized units: −Σⱼ log sⱼ. */
  readonly #logJacobian: number;

  /** Use `GaussianMixture.fit` or `GaussianMixture.fromJSON`; the state is trusted as given. */
  private constructor(state: ModelState) {
    const { weights, means } = state.parameters;
    const model = COVARIANCE_MODELS[state.covariance];
    const k = weights.length;
    const d = means.length / k;
    const z = state.standardization;
    this.#state = state;
    this.#original = new OriginalParameters(state);
    this.#logJacobian = z ? logJacobian(z) : 0;
    this.components = k;
    this.features = d;
    this.covariance = state.covariance;
    this.weights = Object.freeze(Array.from(weights));
    this.means = Object.freeze(rowsOf(this.#original.means, k, d));
    this.converged = state.converged;
    this.iterations = state.iterations;
    this.logLikelihood = state.logLikelihood;
    this.history = Object.freeze(state.history.slice());
    this.seed = state.seed;
    this.nParameters = parameterCount(model, k, d);
    this.reseeds = state.reseeds;
    this.columns = state.columns;
    this.degenerate = Object.freeze(state.degenerate.slice());
    this.failedRestarts = state.failedRestarts;
    this.missing = state.missing ?? 'error';
    this.prior = state.prior && publicPrior(state.prior);
    this.precision = state.precision ?? 'float64';
    Object.freeze(this);
  }

  /**
   * K full D×D covariance matrices, in the units of the data given to `fit` (tied: K equal copies).
   * Built on first access: the model itself keeps and evaluates the compact form of its type.
   */
  get covariances(): readonly (readonly (readonly number[])[])[] {
    if (!this.#covariances) {
      const { components: k, features: d } = this;
      const full = this.#original.full();
      this.#covariances = Object.freeze(
        Array.from({ length: k }, (_, c) =>
          Object.freeze(rowsOf(full.subarray(c * d * d, (c + 1) * d * d), d, d)),
        ),
      );
    }
    return this.#covariances;
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
   * the statistics report. Works at once in Node and workers; on a browser's main thread `await ready()` first.
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
    return runToEnd(this.#labels(this.#read(X)));
  }

  /**
   * `predict`, yielding to the event loop every few milliseconds: the same labels, bit for bit.
   * @throws (rejects) as `predict`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  predictAsync(X: Matrix, options?: PredictionOptions): Promise<Int32Array> {
    return pacedPrediction(
      'predictAsync',
      X,
      options,
      (X) => this.#read(X),
      (data) => this.#labels(data),
    );
  }

  /** Responsibilities: one row of K probabilities per row of X, each summing to 1. */
  predictProba(X: Matrix): Float64Array[] {
    return runToEnd(this.#responsibilities(this.#read(X)));
  }

  /**
   * `predictProba`, yielding to the event loop every few milliseconds: the same values, bit for bit.
   * @throws (rejects) as `predictProba`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  predictProbaAsync(X: Matrix, options?: PredictionOptions): Promise<Float64Array[]> {
    return pacedPrediction(
      'predictProbaAsync',
      X,
      options,
      (X) => this.#read(X),
      (data) => this.#responsibilities(data),
    );
  }

  /**
   * How unsure the classification of each row is: 1 − its largest responsibility (mclust's
   * `uncertainty`), from 0 (certain) to at most 1 − 1/K.
   */
  uncertainty(X: Matrix): Float64Array {
    const data = this.#read(X);
    const k = this.components;
    const out = new Float64Array(data.rows);
    runToEnd(
      this.#evaluate(data, (start, rows, _logNorm, resp) => {
        for (let i = 0; i < rows; i++) {
          let largest = 0;
          for (let c = 0; c < k; c++) largest = Math.max(largest, resp[i * k + c] as number);
          out[start + i] = 1 - largest;
        }
      }),
    );
    return out;
  }

  /** log p(xᵢ) for every row. */
  scoreSamples(X: Matrix): Float64Array {
    return runToEnd(this.#logDensities(this.#read(X)));
  }

  /**
   * `scoreSamples`, yielding to the event loop every few milliseconds: the same values, bit for bit.
   * @throws (rejects) as `scoreSamples`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  scoreSamplesAsync(X: Matrix, options?: PredictionOptions): Promise<Float64Array> {
    return pacedPrediction(
      'scoreSamplesAsync',
      X,
      options,
      (X) => this.#read(X),
      (data) => this.#logDensities(data),
    );
  }

  /**
   * Mean log-likelihood per row (with missing values: of the observed values, over the rows that
   * have one).
   * @throws RangeError when no row of X has an observed value.
   */
  score(X: Matrix): number {
    return runToEnd(this.#meanLogLikelihood(this.#read(X))).mean;
  }

  /**
   * `score`, yielding to the event loop every few milliseconds: the same value, bit for bit.
   * @throws (rejects) as `score`; TypeError for options other than `{ signal }`; the signal's reason when it aborts.
   */
  async scoreAsync(X: Matrix, options?: PredictionOptions): Promise<number> {
    const read = (X: Matrix) => this.#read(X);
    return (await pacedPrediction('scoreAsync', X, options, read, (data) => this.#meanLogLikelihood(data)))
      .mean;
  }

  /**
   * Bayesian information criterion: −2·N·score + nParameters·ln N (lower is better); N counts the
   * rows with an observed value.
   */
  bic(X: Matrix): number {
    const { mean, rows } = runToEnd(this.#meanLogLikelihood(this.#read(X)));
    return -2 * mean * rows + this.nParameters * log(rows);
  }

  /** Akaike information criterion: −2·N·score + 2·nParameters (lower is better). */
  aic(X: Matrix): number {
    const { mean, rows } = runToEnd(this.#meanLogLikelihood(this.#read(X)));
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
    const d = this.features;
    const filled = hasMissing(data)
      ? imputeRows(data, runToEnd(this.#scores(data)).resp, this.#original.means, this.#original.full())
      : data.data.slice();
    return Array.from({ length: data.rows }, (_, i) => filled.subarray(i * d, (i + 1) * d));
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
    if (typeof n !== 'number') throw new TypeError(`n must be a number, got ${describeKind(n)}`);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
    const seed = readingOption('seed', () => readSeed(options.seed ?? randomSeed()));
    const factors = Array.from({ length: this.components }, (_, c) => this.#original.samplingFactor(c));
    return drawSamples(this.#state.parameters.weights, this.#original.means, factors, n, seed);
  }

  /** Validates X once, at the boundary: NaN (missing) is accepted when the fit was with `missing: 'em'`. */
  #read(X: Matrix): DenseMatrix {
    const data = readMatrix(X, 'X', this.missing === 'em');
    checkColumns(data, this.features);
    return data;
  }

  #labels(data: DenseMatrix): Steps<Int32Array> {
    return argmaxLabels(data.rows, this.components, (visit) => this.#evaluate(data, visit));
  }

  #responsibilities(data: DenseMatrix): Steps<Float64Array[]> {
    return responsibilityRows(data.rows, this.components, (visit) => this.#evaluate(data, visit));
  }

  *#logDensities(data: DenseMatrix): Steps<Float64Array> {
    const out = new Float64Array(data.rows);
    const shift = this.#logJacobian;
    yield* this.#evaluate(data, (start, rows, logNorm) => {
      for (let i = 0; i < rows; i++) out[start + i] = (logNorm[i] as number) + shift;
    });
    return out;
  }

  /** The mean log-likelihood and the rows it averages over (those with an observed value). */
  *#meanLogLikelihood(data: DenseMatrix): Steps<{ mean: number; rows: number }> {
    if (hasMissing(data)) {
      const scores = yield* this.#scores(data);
      if (scores.informative === 0) throw new RangeError('X has no observed value: every entry is NaN');
      const shift = this.#state.standardization
        ? observedLogJacobian(data, this.#state.standardization)
        : new Float64Array(data.rows);
      let total = 0;
      for (let i = 0; i < data.rows; i++) total += (scores.logNorm[i] as number) + (shift[i] as number);
      return { mean: total / scores.informative, rows: scores.informative };
    }
    let total = 0;
    yield* this.#evaluate(data, (_start, rows, logNorm) => {
      for (let i = 0; i < rows; i++) total += logNorm[i] as number;
    });
    return { mean: total / data.rows + this.#logJacobian, rows: data.rows };
  }

  /** Per-row log p(x_o) (in the fit's units) and responsibilities, for rows with missing values. */
  #scores(data: DenseMatrix): Steps<RowScores> {
    const { standardization, covariance, parameters } = this.#state;
    const rows = standardization ? standardizeMatrix(data, standardization) : data;
    return scoreRowsSteps(kernelsSync(), rows, parameters, COVARIANCE_MODELS[covariance]);
  }

  /**
   * Runs the E-step kernels over the rows chunk by chunk, standardized first if the fit was. Rows
   * with missing values are scored on their observed coordinates, with log p shifted so that the
   * visitors' `+ logJacobian` gives each row its own Jacobian (0 for a row with nothing observed).
   */
  *#evaluate(data: DenseMatrix, visit: ChunkVisitor): Steps<void> {
    if (hasMissing(data)) {
      const scores = yield* this.#scores(data);
      const z = this.#state.standardization;
      const shift = z ? observedLogJacobian(data, z) : undefined;
      const logNorm = scores.logNorm.map((value, i) => {
        const observed = value + (shift ? (shift[i] as number) : 0);
        return observed - this.#logJacobian;
      });
      visit(0, data.rows, logNorm, scores.resp);
      return;
    }
    const { standardization, covariance, parameters } = this.#state;
    const rows = standardization ? standardizeMatrix(data, standardization) : data;
    const wasm = new WasmData(kernelsSync(), rows, undefined, this.precision);
    try {
      const workspace = new Workspace(wasm, this.components, COVARIANCE_MODELS[covariance]);
      try {
        workspace.loadParameters(parameters);
        // Copying the rows in is a step of its own.
        yield;
        yield* workspace.forEachChunkSteps(visit);
      } finally {
        workspace.dispose();
      }
    } finally {
      wasm.dispose();
    }
  }
}

function rowsOf(flat: Float64Array, rows: number, cols: number): readonly number[][] {
  return Array.from(
    { length: rows },
    (_, r) => Object.freeze(Array.from(flat.subarray(r * cols, (r + 1) * cols))) as number[],
  );
}

/** A model from a fitted state; for `selectModel`, which fits many and keeps one. */
export function modelFromState(state: ModelState): GaussianMixture {
  return construct(state);
}
