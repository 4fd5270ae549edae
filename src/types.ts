/**
 * The public shapes of gmm-wasm: the data, covariance types, parameters and environment objects
 * users pass in and get back. The options of a fit, and what it reports on the way, are
 * ./fit-options.ts.
 */

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

/** Flat row-major matrix: `data[r * cols + c]` is row r, column c. */
export interface FlatMatrix {
  /** `rows × cols` values, row after row. */
  readonly data: Float64Array | Float32Array | readonly number[];
  /** N, the number of rows (≥ 1). */
  readonly rows: number;
  /** D, the number of columns (≥ 1). */
  readonly cols: number;
}

/**
 * Data in: an array of rows (`number[][]`, or rows that are `Float64Array`/`Float32Array`), or a
 * flat row-major `{ data, rows, cols }`. Every row has the same length ≥ 1; every value is finite.
 * Input is never mutated.
 */
export type Matrix = readonly (readonly number[] | Float64Array | Float32Array)[] | FlatMatrix;
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
  /** K starting weights ≥ 0 (renormalised to sum to 1). */
  readonly weights?: ArrayLike<number>;
  /** K starting means of D values each. */
  readonly means?: readonly ArrayLike<number>[];
  /** Starting covariances, compact or K full D×D; symmetric positive definite. */
  readonly covariances?: CovarianceInput;
  /** Starting precisions (inverse covariances), in the same shapes; not with `covariances`. */
  readonly precisions?: CovarianceInput;
}

/** What a fitted model offers a warm start: its parameters, in the units of its training data. */
export interface WarmStartSource {
  /** K. */
  readonly components: number;
  /** D. */
  readonly features: number;
  /** K weights summing to 1. */
  readonly weights: readonly number[];
  /** K×D means. */
  readonly means: readonly (readonly number[])[];
  /** K full D×D covariance matrices. */
  readonly covariances: readonly (readonly (readonly number[])[])[];
  /**
   * The model's final mean log-likelihood: a warm start measures its first iteration's change
   * against it, as scikit-learn's `warm_start` does with `lower_bound_`.
   */
  readonly logLikelihood?: number;
}

/**
 * An `AbortSignal`, described by the part the library uses, so that the declarations compile without
 * DOM or Node types. Every real `AbortSignal` (`AbortController#signal`, `AbortSignal.timeout()`) is one.
 */
export interface AbortSignalLike {
  /** Whether the signal has aborted; the fit then rejects with `reason`. */
  readonly aborted: boolean;
  /** What the fit's promise rejects with once `aborted`. */
  readonly reason?: unknown;
  /** Registers `listener` for the abort. */
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  /** Removes a listener registered with `addEventListener`. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A `URL`, described by the part the library uses (no DOM or Node types needed). */
export interface UrlLike {
  /** The whole URL. */
  readonly href: string;
  /** Its scheme with the colon: `'https:'`, `'file:'`. */
  readonly protocol: string;
}

/** How a fit treats NaN entries of X: refuse them, or fit by EM with them missing at random. */
export type MissingValues = 'error' | 'em';

/** The arithmetic of a fit's E-steps: double precision throughout, or rows and kernels in single precision. */
export type Precision = 'float64' | 'float32';
