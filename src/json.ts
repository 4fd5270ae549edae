/**
 * The saved form of a model: a versioned plain object. Numbers go through JSON unchanged (JavaScript
 * prints the shortest string that reads back as the same double), so a reloaded model scores
 * bit-identically. Reading checks every field, since saved models travel and get edited.
 */

import { COVARIANCE_MODELS } from './covariance/index';
import { type PriorJSON, priorToJSON } from './covariance/prior-json';
import type { ModelState } from './model-state';
import type { CovarianceType } from './types';

/** The `format` of every saved model: what identifies one. */
export const JSON_FORMAT = 'gmm-wasm';
/**
 * The schema version this gmm-wasm writes; it reads this one only (fields added within it are optional on
 * reading).
 */
export const JSON_VERSION = 1;

/**
 * `GaussianMixture.toJSON()`'s shape. `means` and `covariances` are in the units the model was fitted
 * in: standardized when `standardization` is set (the model applies it to every X), else the
 * user's. Covariances are in the compact form of the type: full K×D×D, tied D×D, diag K×D, spherical K.
 */
export interface GaussianMixtureJSON {
  /** Always `'gmm-wasm'`: what the object is. */
  readonly format: typeof JSON_FORMAT;
  /** The schema's version; `fromJSON` reads exactly this one. */
  readonly version: typeof JSON_VERSION;
  /** The covariance type. */
  readonly covariance: CovarianceType;
  /** K. */
  readonly components: number;
  /** D. */
  readonly features: number;
  /** K mixing weights, ≥ 0, summing to 1. */
  readonly weights: number[];
  /** K×D means, in the fitting units (see `standardization`). */
  readonly means: number[][];
  /** The compact covariances of the type: full K×D×D, tied D×D, diag K×D, spherical K. */
  readonly covariances: number[][][] | number[][] | number[];
  /**
   * The z-scoring applied to every X before the parameters see it (D means and D positive scales),
   * or null when the model was fitted in the user's units.
   */
  readonly standardization: {
    /** D column means subtracted. */
    readonly mean: number[];
    /** D column scales divided by, each > 0. */
    readonly scale: number[];
  } | null;
  /** Whether the kept restart converged within `maxIter`. */
  readonly converged: boolean;
  /** EM iterations the kept restart ran. */
  readonly iterations: number;
  /** Mean per-sample log-likelihood of the final parameters on the training data. */
  readonly logLikelihood: number;
  /** The mean log-likelihood at every E-step of the kept restart: `iterations + 1` values. */
  readonly history: number[];
  /** The seed the fit used. */
  readonly seed: number;
  /** Components re-seeded during the kept restart because they collapsed. */
  readonly reseeds: number;
  /** The features' names, in order, when the data had them (the CLI records a CSV's header). */
  readonly columns?: string[];
  /** Added after the first release: models saved before it read back with `[]`. */
  readonly degenerate?: number[];
  /** Added after the first release: models saved before it read back with 0. */
  readonly failedRestarts?: number;
  /** Present (as `'em'`) for a model fitted with `missing: 'em'`: it accepts NaN in X. */
  readonly missing?: 'em';
  /** Present for a MAP-EM fit: the conjugate prior, every value, in the fitting units. */
  readonly prior?: PriorJSON;
  /** Present (as `'float32'`) for a model fitted with `precision: 'float32'`, which it evaluates in. */
  readonly precision?: 'float32';
}

/** The fields every saved model has, in the order `toJSON` writes them. */
export const FIELDS = [
  'format',
  'version',
  'covariance',
  'components',
  'features',
  'weights',
  'means',
  'covariances',
  'standardization',
  'converged',
  'iterations',
  'logLikelihood',
  'history',
  'seed',
  'reseeds',
] as const;

/** Fields added within version 1: written always, read when present (older saves lack them). */
export const ADDED_FIELDS = ['degenerate', 'failedRestarts'] as const;

/** Fields written only when they apply: a model that never saw missing values leaves out `missing`. */
export const OPTIONAL_FIELDS = ['missing', 'columns', 'prior', 'precision'] as const;

/**
 * A model's saved form: parameters in the user's units (standardized models undo their z-scoring, keeping it
 * in `standardization`), covariances in their type's compact nested shape, every number a plain double.
 */
export function modelStateToJSON(state: ModelState): GaussianMixtureJSON {
  const { weights, means, covariances } = state.parameters;
  const k = weights.length;
  const d = means.length / k;
  const z = state.standardization;
  return {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    covariance: state.covariance,
    components: k,
    features: d,
    weights: Array.from(weights),
    means: nest(means, [k, d]) as number[][],
    covariances: nest(
      covariances,
      COVARIANCE_MODELS[state.covariance].compactShape(d, k),
    ) as GaussianMixtureJSON['covariances'],
    standardization: z ? { mean: Array.from(z.mean), scale: Array.from(z.scale) } : null,
    converged: state.converged,
    iterations: state.iterations,
    logLikelihood: state.logLikelihood,
    history: state.history.slice(),
    seed: state.seed,
    reseeds: state.reseeds,
    ...(state.columns ? { columns: state.columns.slice() } : {}),
    degenerate: state.degenerate.slice(),
    failedRestarts: state.failedRestarts,
    ...(state.missing === 'em' ? { missing: 'em' as const } : {}),
    ...(state.prior ? { prior: priorToJSON(state.prior) } : {}),
    ...(state.precision === 'float32' ? { precision: 'float32' as const } : {}),
  };
}

/** A flat array as nested arrays of `shape`. */
function nest(flat: Float64Array, shape: readonly number[]): unknown[] {
  const [size, ...rest] = shape as [number, ...number[]];
  if (rest.length === 0) return Array.from(flat.subarray(0, size));
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(flat.subarray(i * stride, (i + 1) * stride), rest));
}
