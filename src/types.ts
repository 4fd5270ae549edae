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
export type CovarianceType = SklearnCovarianceType | MclustModelName;

/** scikit-learn's four covariance structures. */
export type SklearnCovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/** The form a type stores its covariances in: full K×D×D, tied D×D, diag K×D, spherical K. */
export type StorageForm = SklearnCovarianceType;

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

/** Covariances (or precisions) in the compact form of a covariance type, or as K full D×D matrices. */
export type CovarianceInput =
  | readonly (readonly ArrayLike<number>[])[]
  | readonly ArrayLike<number>[]
  | ArrayLike<number>;

/**
 * Explicit starting parameters, any of them (scikit-learn's `weights_init`, `means_init`,
 * `precisions_init`): the parts not given come from a `'kmeans'` start, which the given parts then
 * replace. `covariances` or `precisions` (their inverses, in the same shapes), not both: in the
 * compact form of the chosen covariance type (full: K×D×D, tied: D×D, diag: K×D, spherical: K) or
 * as K full D×D matrices.
 */
export interface InitParameters {
  readonly weights?: ArrayLike<number>;
  readonly means?: readonly ArrayLike<number>[];
  readonly covariances?: CovarianceInput;
  readonly precisions?: CovarianceInput;
}

/** What a fitted model offers a warm start: its parameters, in the units of its training data. */
export interface WarmStartSource {
  readonly components: number;
  readonly features: number;
  readonly weights: readonly number[];
  readonly means: readonly (readonly number[])[];
  readonly covariances: readonly (readonly (readonly number[])[])[];
  /**
   * The model's final mean log-likelihood: a warm start measures its first iteration's change
   * against it, as scikit-learn's `warm_start` does with `lower_bound_`.
   */
  readonly logLikelihood?: number;
}

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
  readonly candidate?: { readonly components: number; readonly covariance: CovarianceType };
}

/**
 * How a fit starts: `'random'` (the default), `'kmeans++'`, `'kmeans'`, `'random-from-data'`
 * (scikit-learn's), or `'hierarchical'` (mclust's: model-based hierarchical clustering of at most
 * 2000 rows drawn by the seed, cut into K clusters; see the README).
 */
export type InitMethod = 'random' | 'kmeans++' | 'kmeans' | 'random-from-data' | 'hierarchical';

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
  /**
   * What a NaN in X means: `'error'` (default) refuses it; `'em'` treats it as a value missing at
   * random, fitted by exact EM on the observed values (see the README's "Missing values").
   */
  readonly missing?: MissingValues;
}

/** How a fit treats NaN entries of X: refuse them, or fit by EM with them missing at random. */
export type MissingValues = 'error' | 'em';

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
  readonly weights: Float64Array | undefined;
  readonly means: Float64Array | undefined;
  readonly covariances: Float64Array | undefined;
  /** A warm start's model's final mean log-likelihood, in the user's units; `undefined` otherwise. */
  readonly logLikelihood: number | undefined;
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
  readonly missing: MissingValues;
}
