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
  readonly data: MatrixValues;
  readonly rows: number;
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
  /** The worker script to start workers from; undefined: the embedded one. */
  readonly workerUrl: URL | undefined;
  readonly innerTol: number;
  readonly innerMaxIter: number;
  readonly missing: MissingValues;
  /** The E-step's arithmetic: rows and kernels in f64, or in f32. */
  readonly precision: Precision;
  /** MAP-EM's prior as given; `undefined`: maximum likelihood. */
  readonly prior: ResolvedPrior | undefined;
}

/** `prior` after validation: the parts given (copied), the rest filled in from the data at fit time. */
export interface ResolvedPrior {
  readonly shrinkage?: number;
  readonly mean?: Float64Array;
  readonly dof?: number;
  /** One value or D×D, row-major. */
  readonly scale?: Float64Array;
}
