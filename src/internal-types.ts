/**
 * The library's internal shapes: validated data, parameters in one flat layout, and options after
 * validation. Nothing here is part of the public API (./types.ts is).
 */

import type { InitMethod, IterationProgress } from './fit-options';
import type { CovarianceType, MissingValues, Precision, SklearnCovarianceType } from './types';

/** The form a type stores its covariances in: full K×D×D, tied D×D, diag K×D, spherical K. */
export type StorageForm = SklearnCovarianceType;

/**
 * A validated matrix's values, row-major: f64, or f32 when the caller gave f32 (a Float32Array is
 * kept as it came, not widened into a copy twice its size). Reading an element gives the same
 * double either way.
 */
export type MatrixValues = Float64Array | Float32Array;

/**
 * A validated matrix, row-major, in f64 or in the caller's f32. `data` may alias the caller's
 * array: never write to it.
 */
export interface DenseMatrix {
  /** rows×cols values, row by row (f64, or the caller's f32). */
  readonly data: MatrixValues;
  /** Rows (points); may be 0 where an empty input is allowed. */
  readonly rows: number;
  /** Columns (features, D). */
  readonly cols: number;
}

/** Mixture parameters in one flat, row-major layout: the form every internal stage passes on. */
export interface MixtureParameters {
  /** K mixing weights, summing to 1. */
  readonly weights: Float64Array;
  /** K×D means. */
  readonly means: Float64Array;
  /** Covariances in the compact form of their type: full K×D×D, tied D×D, diag K×D, spherical K. */
  readonly covariances: Float64Array;
}

/**
 * An explicit start (or a warm start from a fitted model) after validation, in the user's units.
 * Given weights are renormalised; covariances (or the inverses of given precisions) are expanded to
 * K full D×D matrices whatever form they came in; a part not given stays `undefined` and comes from
 * a `'kmeans'` start.
 */
export interface ExplicitStart {
  /** K weights summing to 1; `undefined` when not given. */
  readonly weights: Float64Array | undefined;
  /** K×D means, row-major; `undefined` when not given. */
  readonly means: Float64Array | undefined;
  /** K full D×D matrices, row-major; `undefined` when not given. */
  readonly covariances: Float64Array | undefined;
  /** A warm start's model's final mean log-likelihood, in the user's units; `undefined` otherwise. */
  readonly logLikelihood: number | undefined;
}

/** `FitOptions` after validation: every default filled in, every value checked. */
export interface ResolvedFitOptions {
  /** K: components, an integer ≥ 1 and at most the rows of X. */
  readonly components: number;
  /** The covariance type: one of scikit-learn's four or mclust's fourteen names. */
  readonly covariance: CovarianceType;
  /** Explicit starts and warm starts arrive flattened and checked against K and D. */
  readonly init: InitMethod | ExplicitStart;
  /** Runs from fresh starts (≥ 1); the best final log-likelihood wins. */
  readonly restarts: number;
  /** EM iterations per run at most (≥ 0; 0 evaluates the start). */
  readonly maxIter: number;
  /** Convergence threshold (≥ 0) on the change of the mean log-likelihood between iterations. */
  readonly tol: number;
  /** Added to every covariance diagonal (≥ 0), in fitting units. */
  readonly regCovar: number;
  /** The seed of every random choice, an integer in [0, 2³²): the given one, or one drawn when absent. */
  readonly seed: number;
  /** Whether the fit runs on z-scored columns and reports the model in the user's units. */
  readonly standardize: boolean;
  /** One weight ≥ 0 per row, not all zero; `undefined` when every row counts once. */
  readonly sampleWeight: Float64Array | undefined;
  /** Called after every EM iteration of every run; `undefined` when not given. */
  readonly onIteration: ((progress: IterationProgress) => void) | undefined;
  /** Aborts the fit between iterations and starts; `undefined` when not given. */
  readonly signal: AbortSignal | undefined;
  /** 0: every E-step on the calling thread; n: shards of rows in n workers. */
  readonly workers: number;
  /** The worker script to start workers from; undefined: the embedded one. */
  readonly workerUrl: URL | undefined;
  /** The inner-loop tolerance of the iterative M-steps (VEI, VEE, EVE, VVE, VEV), a finite number. */
  readonly innerTol: number;
  /** Inner iterations per M-step at most, an integer ≥ 1. */
  readonly innerMaxIter: number;
  /** What a NaN in X means: an error, or a missing value EM integrates over (`'em'`). */
  readonly missing: MissingValues;
  /** The E-step's arithmetic: rows and kernels in f64, or in f32. */
  readonly precision: Precision;
  /** MAP-EM's prior as given; `undefined`: maximum likelihood. */
  readonly prior: ResolvedPrior | undefined;
}

/** `prior` after validation: the parts given (copied), the rest filled in from the data at fit time. */
export interface ResolvedPrior {
  /** κ ≥ 0, the prior's weight on its mean (mclust's `shrinkage`). */
  readonly shrinkage?: number;
  /** D values: the prior mean. */
  readonly mean?: Float64Array;
  /** ν > 0, the degrees of freedom of the prior on the covariances. */
  readonly dof?: number;
  /** One value or D×D, row-major. */
  readonly scale?: Float64Array;
}
