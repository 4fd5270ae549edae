/**
 * The options of `GaussianMixture.fit` (shared by `selectModel`, `fitStream`, `OnlineGaussianMixture`
 * and, in part, `BayesianGaussianMixture`), the named starts, the conjugate prior's options and what
 * a MAP fit reports of it, and what `onIteration` receives.
 */
import type {
  AbortSignalLike,
  CovarianceType,
  InitParameters,
  MissingValues,
  Precision,
  UrlLike,
  WarmStartSource,
} from './types';

/**
 * Options of `GaussianMixture.fit` (and, except `components` and `covariance`, of `selectModel`).
 *
 * Conventions for whoever adds an option: the default of every option lives in one place,
 * `FIT_DEFAULTS` (`src/defaults.ts`), which validation fills absent options from; each field's doc
 * here states it in a `@defaultValue` tag, as the README's table does (a test checks both); give the meaning, the shape and the allowed range, and which error a bad value raises.
 * An option whose value is `undefined` counts as absent. Unknown option names are a `TypeError` with
 * the nearest known name suggested.
 */
export interface FitOptions {
  /**
   * K, the number of Gaussians: an integer ≥ 1, at most the number of rows (of positive weight).
   * Required. A `RangeError` names the value and the row count otherwise.
   */
  readonly components: number;
  /**
   * The covariance structure, as scikit-learn's `covariance_type`: `'full'` (one D×D matrix per
   * component), `'tied'` (one matrix shared by all), `'diag'` (per-feature variances per component),
   * `'spherical'` (one variance per component).
   * @defaultValue `'full'`
   */
  readonly covariance?: CovarianceType;
  /**
   * Where EM starts: a named {@link InitMethod}; explicit parameters `{ weights?, means,
   * covariances? }` ({@link InitParameters}); or a fitted model, which warm-starts from its parameters.
   * An explicit start runs once whatever `restarts` says.
   * @defaultValue `'random'`
   */
  readonly init?: InitMethod | InitParameters | WarmStartSource;
  /**
   * Independent starts, an integer ≥ 1; the one with the best final log-likelihood is kept
   * (scikit-learn's `n_init`).
   * @defaultValue `1`
   */
  readonly restarts?: number;
  /**
   * EM iterations at most, an integer ≥ 0 (one iteration = one E-step + one M-step). Not converging
   * within it is a result (`model.converged === false`), not an error.
   * @defaultValue `100`
   */
  readonly maxIter?: number;
  /**
   * Convergence threshold, a number ≥ 0: stop when the mean per-sample log-likelihood changes by less
   * between iterations; `0` runs exactly `maxIter` iterations.
   * @defaultValue `1e-3`
   */
  readonly tol?: number;
  /**
   * Added to every covariance diagonal after each M-step, a number ≥ 0 (in standardized units when
   * `standardize`). Raise it when a fit fails with a covariance that is not positive definite.
   * @defaultValue `1e-6`
   */
  readonly regCovar?: number;
  /**
   * Seeds every random choice: an integer in [0, 2³²). The seed used is reported as `model.seed`, so
   * any run can be repeated bit for bit.
   * @defaultValue a random seed
   */
  readonly seed?: number;
  /**
   * Z-score the features for the fit (population standard deviation; a constant column keeps scale
   * 1). The model reports its parameters in, and accepts, the original units.
   * @defaultValue `false`
   */
  readonly standardize?: boolean;
  /**
   * One weight ≥ 0 per row (length = rows), not all zero: integer weights act exactly like repeated
   * rows, a zero weight like a removed row.
   * @defaultValue every row counts once
   */
  readonly sampleWeight?: ArrayLike<number>;
  /**
   * Called after every EM iteration with its {@link IterationProgress} (log-likelihood in the user's
   * units). An exception thrown here rejects the fit.
   * @defaultValue none
   */
  readonly onIteration?: (progress: IterationProgress) => void;
  /**
   * Aborts the fit: the promise rejects with the signal's `reason`. The fit yields to the event loop
   * between chunks of work, so the signal is seen promptly.
   * @defaultValue none
   */
  readonly signal?: AbortSignalLike;
  /**
   * `0` fits on the calling thread; an integer `n ≥ 1` splits the rows into n shards whose E-step
   * statistics n workers (Web Workers in browsers, worker_threads in Node, Deno and Bun) compute;
   * the result equals the inline fit within 1e-12 relative. When a worker cannot start, the fit
   * rejects with an `Error` that says why (a CSP without `worker-src blob:`, no `Worker`).
   * @defaultValue `0`
   */
  readonly workers?: number;
  /**
   * VEI, VEE, EVE, VVE, VEV: stop an M-step's inner loop at this relative change, a finite number
   * (negative: run `innerMaxIter` inner iterations).
   * @defaultValue `√ε` ≈ 1.49e-8, mclust's `emControl()$tol[2]`
   */
  readonly innerTol?: number;
  /**
   * VEI, VEE, EVE, VVE, VEV: inner iterations per M-step at most, an integer ≥ 1.
   * @defaultValue `1000`
   */
  readonly innerMaxIter?: number;
  /**
   * Where to start workers from: the URL of the served file `gmm-wasm/worker.js` (absolute, or
   * relative to the page). Needed by `gmm-wasm/slim`, which embeds no worker, and by pages whose
   * Content Security Policy refuses `blob:` workers; in Node, a `file:` URL. A `TypeError` for a
   * value that is neither a string nor a URL, a `RangeError` for a string that is not a URL.
   * @defaultValue the worker source embedded in the full entry
   */
  readonly workerUrl?: string | UrlLike;
  /**
   * What a NaN in X means: `'error'` refuses it; `'em'` treats it as a value missing at random,
   * fitted by exact EM on the observed values (see the README's "Missing values").
   * @defaultValue `'error'`
   */
  readonly missing?: MissingValues;
  /**
   * The arithmetic of the E-step. `'float32'` stores the rows in WebAssembly memory as 32-bit
   * floats (a `Float32Array` as given, anything else rounded once) and runs the densities and
   * statistics four rows to a SIMD lane group instead of two: about twice the speed at D ≥ 32,
   * with the final log-likelihood within about 1e-5 relative of the float64 fit (see the README's
   * "Float32"). Parameters, Cholesky factors, sums and log-likelihoods stay float64. The model
   * remembers it: `predict` and friends evaluate in the same precision. Not with `workers` > 0 or
   * `missing: 'em'` (a `RangeError` naming `precision`).
   * @defaultValue `'float64'`
   */
  readonly precision?: Precision;
  /**
   * MAP-EM with mclust's conjugate prior (`priorControl()`): `'default'` takes mclust's
   * `defaultPrior()` values from the data; an object overrides some of them. For EII, VII, EEI, VEI,
   * EVI, VVI, EEE, EEV, VEV, VVV and the four aliases (mclust has no prior for VEE, EVE, VVE, EVV).
   * `regCovar` then defaults to 0. See the README's "The conjugate prior".
   * @defaultValue none: maximum likelihood
   */
  readonly prior?: 'default' | PriorOptions;
}

/**
 * A named initialisation method (see {@link FitOptions.init}): `'random'` (π uniform, μ = K distinct
 * random rows, Σ a random positive diagonal scaled to each feature's variance), `'kmeans++'` (k-means++
 * seeds, every row assigned to its nearest seed, one M-step), `'kmeans'` (k-means++ then Lloyd
 * iterations, one M-step from the labels, as scikit-learn), `'random-from-data'` (scikit-learn's: K
 * random rows, Σ = regCovar·I), or `'hierarchical'` (mclust's: model-based hierarchical clustering of
 * at most 2000 rows drawn by the seed, cut into K clusters; see the README).
 */
export type InitMethod = 'random' | 'kmeans++' | 'kmeans' | 'random-from-data' | 'hierarchical';

/** What `onIteration` receives after every EM iteration. */
export interface IterationProgress {
  /** Index of the restart, from 0. */
  readonly restart: number;
  /** Iterations completed in this restart, from 1. */
  readonly iteration: number;
  /** Mean per-sample log-likelihood computed by this iteration's E-step. */
  readonly logLikelihood: number;
  /**
   * Change from the previous iteration's value; on the first, from a warm start's model's
   * `logLikelihood`, else Infinity.
   */
  readonly change: number;
  /** During `selectModel`: the candidate being fitted. */
  readonly candidate?: {
    /** The candidate's K. */
    readonly components: number;
    /** The candidate's covariance type. */
    readonly covariance: CovarianceType;
  };
}

/**
 * Overrides of mclust's `defaultPrior()` (each absent part keeps its default): `shrinkage` κ ≥ 0
 * (default 0.01), `mean` μₚ (D values; default the column means), `dof` ν > 0 (default D + 2),
 * `scale` Λ — one number > 0 for EII, VII, EEI, VEI, EVI, VVI (default (1/K)^(2/D)·Σⱼ var(xⱼ)/D),
 * else a symmetric positive-definite D×D matrix (default (1/K)^(2/D)·var(X)). In the fit's units:
 * standardized ones when `standardize` is set.
 */
export interface PriorOptions {
  /** κ ≥ 0: the prior mean's weight, in rows (0 leaves the means alone). @defaultValue `0.01` */
  readonly shrinkage?: number;
  /** μₚ, one value per feature. @defaultValue the column means */
  readonly mean?: ArrayLike<number>;
  /** ν > 0, the degrees of freedom of the covariance prior. @defaultValue D + 2 */
  readonly dof?: number;
  /** Λ: one number > 0 (spherical and diagonal models) or a D×D matrix (the others). */
  readonly scale?: number | ArrayLike<ArrayLike<number>>;
}

/** The conjugate prior a model was fitted with, every value filled in (in the fit's units). */
export interface FittedPrior {
  /** κ: the prior mean's weight, in rows. */
  readonly shrinkage: number;
  /** μₚ, D values. */
  readonly mean: readonly number[];
  /** ν, the degrees of freedom of the covariance prior. */
  readonly dof: number;
  /** One number (EII, VII, EEI, VEI, EVI, VVI) or D×D. */
  readonly scale: number | readonly (readonly number[])[];
}
