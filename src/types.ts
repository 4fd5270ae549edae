/** The public shapes of gmm-wasm: what users pass in and what they get back. */

/** scikit-learn's four covariance structures. */
export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/** Flat row-major matrix: `data[r * cols + c]` is row r, column c. */
export interface FlatMatrix {
  readonly data: Float64Array | Float32Array | readonly number[];
  readonly rows: number;
  readonly cols: number;
}

/**
 * Data in: an array of rows (`number[][]`, or rows that are `Float64Array`/`Float32Array`), or a
 * flat row-major `{ data, rows, cols }`. Every row has the same length ≥ 1; every value is finite.
 * Input is never mutated.
 */
export type Matrix = readonly (readonly number[] | Float64Array | Float32Array)[] | FlatMatrix;

/** A validated matrix in row-major f64. `data` may alias the caller's array: never write to it. */
export interface DenseMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Explicit starting parameters; covariances are full K×D×D matrices. */
export interface InitParameters {
  readonly weights?: ArrayLike<number>;
  readonly means: readonly ArrayLike<number>[];
  readonly covariances?: readonly (readonly ArrayLike<number>[])[];
}

/** What `onIteration` receives after every EM iteration. */
export interface IterationProgress {
  /** Index of the restart, from 0. */
  readonly restart: number;
  /** Iterations completed in this restart, from 1. */
  readonly iteration: number;
  /** Mean per-sample log-likelihood computed by this iteration's E-step. */
  readonly logLikelihood: number;
  /** Change from the previous iteration's value (Infinity on the first). */
  readonly change: number;
}

export type InitMethod = 'random' | 'kmeans++' | 'kmeans' | 'random-from-data';

/** Options of `GaussianMixture.fit`; see the README for each one's meaning. */
export interface FitOptions {
  readonly components: number;
  readonly covariance?: CovarianceType;
  readonly init?: InitMethod | InitParameters;
  readonly restarts?: number;
  readonly maxIter?: number;
  readonly tol?: number;
  readonly regCovar?: number;
  readonly seed?: number;
  readonly standardize?: boolean;
  readonly sampleWeight?: ArrayLike<number>;
  readonly onIteration?: (progress: IterationProgress) => void;
  readonly signal?: AbortSignal;
  readonly workers?: number;
}

/** Mixture parameters in one flat, row-major layout: the form every internal stage passes on. */
export interface MixtureParameters {
  /** K mixing weights, summing to 1. */
  readonly weights: Float64Array;
  /** K×D means. */
  readonly means: Float64Array;
  /** K×D×D full covariance matrices. */
  readonly covariances: Float64Array;
}

/**
 * An explicit start after validation. Missing weights become uniform; missing covariances stay
 * `undefined` and are filled by the initialiser (the data's per-feature variance on the diagonal).
 */
export interface ExplicitStart {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array | undefined;
}

/** `FitOptions` after validation: every default filled in, every value checked. */
export interface ResolvedFitOptions {
  readonly components: number;
  readonly covariance: 'full';
  /** Explicit starts arrive flattened and checked against K and D. */
  readonly init: 'random' | 'kmeans++' | ExplicitStart;
  readonly restarts: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly regCovar: number;
  readonly seed: number;
  readonly standardize: boolean;
  readonly onIteration: ((progress: IterationProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}
