/** The public shapes of gmm-wasm: what users pass in and what they get back. */

/**
 * mclust's fourteen models Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ, named by volume λ, shape A and orientation D, each
 * Equal across components, Variable, or the Identity.
 */
export type MclustModelName =
  | 'EII'
  | 'VII'
  | 'EEI'
  | 'VEI'
  | 'EVI'
  | 'VVI'
  | 'EEE'
  | 'VEE'
  | 'EVE'
  | 'VVE'
  | 'EEV'
  | 'VEV'
  | 'EVV'
  | 'VVV';

/**
 * A covariance structure: scikit-learn's four names or mclust's fourteen. The four are aliases:
 * `spherical` = VII, `diag` = VVI, `tied` = EEE, `full` = VVV.
 */
export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied' | MclustModelName;

/** The form a type stores its covariances in: full K×D×D, tied D×D, diag K×D, spherical K. */
export type StorageForm = 'full' | 'diag' | 'spherical' | 'tied';

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

/**
 * Explicit starting parameters. `covariances` in the compact form of the chosen covariance type
 * (full: K×D×D, tied: D×D, diag: K×D, spherical: K) or as K full D×D matrices.
 */
export interface InitParameters {
  readonly weights?: ArrayLike<number>;
  readonly means: readonly ArrayLike<number>[];
  readonly covariances?:
    | readonly (readonly ArrayLike<number>[])[]
    | readonly ArrayLike<number>[]
    | ArrayLike<number>;
}

/** What a fitted model offers a warm start: its parameters, in the units of its training data. */
export interface WarmStartSource {
  readonly components: number;
  readonly features: number;
  readonly weights: readonly number[];
  readonly means: readonly (readonly number[])[];
  readonly covariances: readonly (readonly (readonly number[])[])[];
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
  /** During `selectModel`: the candidate being fitted. */
  readonly candidate?: { readonly components: number; readonly covariance: CovarianceType };
}

export type InitMethod = 'random' | 'kmeans++' | 'kmeans' | 'random-from-data';

/** Options of `GaussianMixture.fit`; see the README for each one's meaning. */
export interface FitOptions {
  readonly components: number;
  readonly covariance?: CovarianceType;
  readonly init?: InitMethod | InitParameters | WarmStartSource;
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
  /** VEI, VEE, EVE, VVE, VEV: stop an M-step's inner loop at this relative change (default √ε). */
  readonly innerTol?: number;
  /** VEI, VEE, EVE, VVE, VEV: inner iterations per M-step at most (default 1000). */
  readonly innerMaxIter?: number;
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
 * Missing weights become uniform; covariances are expanded to K full D×D matrices whatever form
 * they came in; missing covariances stay `undefined` and are filled by the initialiser (the data's
 * per-feature variance on the diagonal).
 */
export interface ExplicitStart {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array | undefined;
}

/** `FitOptions` after validation: every default filled in, every value checked. */
export interface ResolvedFitOptions {
  readonly components: number;
  readonly covariance: CovarianceType;
  /** Explicit starts and warm starts arrive flattened and checked against K and D. */
  readonly init: InitMethod | ExplicitStart;
  readonly restarts: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly regCovar: number;
  readonly seed: number;
  readonly standardize: boolean;
  /** One weight ≥ 0 per row, not all zero; `undefined` when every row counts once. */
  readonly sampleWeight: Float64Array | undefined;
  readonly onIteration: ((progress: IterationProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  /** 0: every E-step on the calling thread; n: shards of rows in n workers. */
  readonly workers: number;
  readonly innerTol: number;
  readonly innerMaxIter: number;
}
