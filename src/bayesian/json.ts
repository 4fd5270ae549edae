/**
 * The saved form of a `BayesianGaussianMixture`: a versioned plain object holding the priors and the
 * variational posterior, every number as JavaScript prints it (so a reloaded model scores
 * bit-identically). Reading it back checks every field (./json-read.ts).
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import type { WeightPrior } from './parameters';
import type { BayesianState } from './state';

/** The `format` of every saved Bayesian mixture: what tells it from a `GaussianMixture`'s. */
export const BAYESIAN_JSON_FORMAT = 'gmm-wasm-bayesian';
/** The schema version this gmm-wasm writes and reads. */
export const BAYESIAN_JSON_VERSION = 1;

/** `BayesianGaussianMixture.toJSON()`'s shape. Covariances in the compact form of the type. */
export interface BayesianGaussianMixtureJSON {
  /** Always `'gmm-wasm-bayesian'`: what this object is. */
  readonly format: typeof BAYESIAN_JSON_FORMAT;
  /** The version of this layout (1); `fromJSON` refuses versions it does not know. */
  readonly version: typeof BAYESIAN_JSON_VERSION;
  /** The covariance type (scikit-learn's four). */
  readonly covariance: CovarianceType;
  /** K, the number of components. */
  readonly components: number;
  /** D, the number of features. */
  readonly features: number;
  /** The priors the fit used, defaults filled in. */
  readonly priors: {
    /** The prior over the weights. */
    readonly weightPrior: WeightPrior;
    /** γ (Dirichlet process) or α₀ (Dirichlet distribution), > 0. */
    readonly weightConcentration: number;
    /** β₀ > 0. */
    readonly meanPrecision: number;
    /** m₀, D values. */
    readonly meanPrior: number[];
    /** ν₀ > D − 1. */
    readonly degreesOfFreedom: number;
    /** W₀⁻¹ in the compact form of the type: D×D (full, tied), D values (diag) or one (spherical). */
    readonly covariancePrior: number[][] | number[] | number;
  };
  /** Dirichlet process: [a, b]; Dirichlet distribution: [α]. */
  readonly weightConcentration: number[][];
  /** K posterior mean precisions βₖ. */
  readonly meanPrecision: number[];
  /** K×D posterior means mₖ. */
  readonly means: number[][];
  /** K posterior degrees of freedom νₖ (tied: K copies). */
  readonly degreesOfFreedom: number[];
  /**
   * The expected covariances Wₖ⁻¹/νₖ in the compact form of the type: K×D×D (full), D×D (tied),
   * K×D (diag) or K values (spherical).
   */
  readonly covariances: number[][][] | number[][] | number[];
  /** Whether the kept restart converged. */
  readonly converged: boolean;
  /** Variational iterations run by the kept restart. */
  readonly iterations: number;
  /** `null` when no iteration ran (a lower bound of −∞). */
  readonly lowerBound: number | null;
  /** The lower bound per unit of sample weight after each iteration. */
  readonly history: number[];
  /** The seed of the fit. */
  readonly seed: number;
  /** Nₖ = Σᵢ wᵢ rᵢₖ of each component on the training data. */
  readonly componentSizes: number[];
  /** Present (as `'em'`) for a model fitted with `missing: 'em'`: it accepts NaN in X. */
  readonly missing?: 'em';
}

/** The fields every saved model has. */
export const FIELDS = [
  'format',
  'version',
  'covariance',
  'components',
  'features',
  'priors',
  'weightConcentration',
  'meanPrecision',
  'means',
  'degreesOfFreedom',
  'covariances',
  'converged',
  'iterations',
  'lowerBound',
  'history',
  'seed',
  'componentSizes',
] as const;
/** Written only when it applies: a model fitted without missing values leaves it out. */
export const OPTIONAL_FIELDS = ['missing'] as const;
/** The fields of `priors`. */
export const PRIOR_FIELDS = [
  'weightPrior',
  'weightConcentration',
  'meanPrecision',
  'meanPrior',
  'degreesOfFreedom',
  'covariancePrior',
] as const;

/** The nested shape of the saved covariances (the type's compact shape). */
export function compactShape(covariance: CovarianceType, k: number, d: number): number[] {
  return COVARIANCE_MODELS[covariance].compactShape(d, k);
}

/**
 * The nested shape of `priors.covariancePrior`: one covariance of the compact form (D×D full and
 * tied, D diag, a bare number spherical: []).
 */
export function priorShape(covariance: CovarianceType, d: number): number[] {
  const model = COVARIANCE_MODELS[covariance];
  const one = model.compactShape(d, 1);
  return model.sharedCovariance ? one : one.slice(1);
}

/** The saved form of a fitted state. */
export function stateToJSON(state: BayesianState): BayesianGaussianMixtureJSON {
  const { params, priors, covariance } = state;
  const k = params.meanPrecision.length;
  const d = params.means.length / k;
  return {
    format: BAYESIAN_JSON_FORMAT,
    version: BAYESIAN_JSON_VERSION,
    covariance,
    components: k,
    features: d,
    priors: {
      weightPrior: priors.weightPrior,
      weightConcentration: priors.weightConcentration,
      meanPrecision: priors.meanPrecision,
      meanPrior: Array.from(priors.meanPrior),
      degreesOfFreedom: priors.degreesOfFreedom,
      covariancePrior: nest(priors.covariancePrior, priorShape(covariance, d)) as
        | number[][]
        | number[]
        | number,
    },
    weightConcentration: params.weightConcentration.map((values) => Array.from(values)),
    meanPrecision: Array.from(params.meanPrecision),
    means: nest(params.means, [k, d]) as number[][],
    degreesOfFreedom: Array.from(params.degreesOfFreedom),
    covariances: nest(params.covariances, compactShape(covariance, k, d)) as
      | number[][][]
      | number[][]
      | number[],
    converged: state.converged,
    iterations: state.iterations,
    lowerBound: Number.isFinite(state.lowerBound) ? state.lowerBound : null,
    history: state.history.slice(),
    seed: state.seed,
    componentSizes: Array.from(state.componentSizes),
    ...(state.missing === 'em' ? { missing: 'em' as const } : {}),
  };
}

/** A flat array as nested arrays of `shape` (a bare number for the empty shape). */
function nest(flat: Float64Array, shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0];
  const [size, ...rest] = shape as [number, ...number[]];
  if (rest.length === 0) return Array.from(flat.subarray(0, size));
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(flat.subarray(i * stride, (i + 1) * stride), rest));
}
