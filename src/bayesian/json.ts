/**
 * The saved form of a `BayesianGaussianMixture`: a versioned plain object holding the priors and the
 * variational posterior, every number as JavaScript prints it (so a reloaded model scores
 * bit-identically). Reading checks every field, since saved models travel and get edited.
 */
import type { SklearnCovarianceType as CovarianceType } from '../types';
import { firstAsymmetry, isPositiveDefinite, SAVED_SYMMETRY } from '../validate/definite';
import { MAX_SEED } from '../validate/seed';
import type { Priors, VariationalParameters, WeightPrior } from './parameters';
import type { BayesianState } from './state';

export const BAYESIAN_JSON_FORMAT = 'gmm-wasm-bayesian';
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

const FIELDS = [
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
const OPTIONAL_FIELDS = ['missing'] as const;
const PRIOR_FIELDS = [
  'weightPrior',
  'weightConcentration',
  'meanPrecision',
  'meanPrior',
  'degreesOfFreedom',
  'covariancePrior',
] as const;

const COMPACT_SHAPE: Readonly<Record<CovarianceType, (k: number, d: number) => number[]>> = {
  full: (k, d) => [k, d, d],
  tied: (_k, d) => [d, d],
  diag: (k, d) => [k, d],
  spherical: (k) => [k],
};
const PRIOR_SHAPE: Readonly<Record<CovarianceType, (d: number) => number[]>> = {
  full: (d) => [d, d],
  tied: (d) => [d, d],
  diag: (d) => [d],
  spherical: () => [],
};

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
      covariancePrior: nest(priors.covariancePrior, PRIOR_SHAPE[covariance](d)) as
        | number[][]
        | number[]
        | number,
    },
    weightConcentration: params.weightConcentration.map((values) => Array.from(values)),
    meanPrecision: Array.from(params.meanPrecision),
    means: nest(params.means, [k, d]) as number[][],
    degreesOfFreedom: Array.from(params.degreesOfFreedom),
    covariances: nest(params.covariances, COMPACT_SHAPE[covariance](k, d)) as
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

/** @throws TypeError / RangeError naming the field and what was found. */
export function stateFromJSON(json: unknown): BayesianState {
  if (typeof json === 'string') json = parseText(json);
  const record = readRecord(json, FIELDS, 'the saved model', OPTIONAL_FIELDS);
  if (record.format !== BAYESIAN_JSON_FORMAT) {
    throw invalid(RangeError, `format must be '${BAYESIAN_JSON_FORMAT}', got ${show(record.format)}`);
  }
  if (record.version !== BAYESIAN_JSON_VERSION) {
    throw invalid(
      RangeError,
      `version ${show(record.version)} is not supported; this gmm-wasm reads version ${BAYESIAN_JSON_VERSION}`,
    );
  }
  const covariance = record.covariance as CovarianceType;
  if (typeof covariance !== 'string' || !Object.hasOwn(COMPACT_SHAPE, covariance)) {
    throw invalid(
      RangeError,
      `covariance must be one of 'full', 'diag', 'spherical', 'tied', got ${show(covariance)}`,
    );
  }
  const k = integer(record.components, 'components', 1);
  const d = integer(record.features, 'features', 1);
  const priors = readPriors(record.priors, covariance, d);
  const concentrationRows = priors.weightPrior === 'dirichlet-process' ? 2 : 1;
  const concentration = positives(
    numbers(record.weightConcentration, 'weightConcentration', [concentrationRows, k]),
    'weightConcentration',
  );
  const dof = numbers(record.degreesOfFreedom, 'degreesOfFreedom', [k]);
  dof.forEach((value, c) => {
    if (!(value > d - 1))
      throw invalid(RangeError, `degreesOfFreedom[${c}] must be > D − 1 = ${d - 1}, got ${value}`);
  });
  const params: VariationalParameters = {
    weightConcentration: Array.from({ length: concentrationRows }, (_, r) =>
      concentration.slice(r * k, (r + 1) * k),
    ),
    meanPrecision: positives(numbers(record.meanPrecision, 'meanPrecision', [k]), 'meanPrecision'),
    means: numbers(record.means, 'means', [k, d]),
    degreesOfFreedom: dof,
    covariances: numbers(record.covariances, 'covariances', COMPACT_SHAPE[covariance](k, d)),
  };
  checkCovariances(covariance, params.covariances, covariance === 'tied' ? 1 : k, d, 'covariances');
  if (typeof record.converged !== 'boolean')
    throw invalid(TypeError, `converged must be a boolean, got ${show(record.converged)}`);
  const iterations = integer(record.iterations, 'iterations', 0);
  const history = numbers(record.history, 'history', [iterations]);
  const lowerBound =
    record.lowerBound === null && iterations === 0 ? -Infinity : finite(record.lowerBound, 'lowerBound');
  const seed = integer(record.seed, 'seed', 0);
  if (seed > MAX_SEED) throw invalid(RangeError, `seed must be at most ${MAX_SEED}, got ${seed}`);
  const componentSizes = numbers(record.componentSizes, 'componentSizes', [k]);
  componentSizes.forEach((n, c) => {
    if (n < 0) throw invalid(RangeError, `componentSizes[${c}] must be ≥ 0, got ${n}`);
  });
  if (record.missing !== undefined && record.missing !== 'em')
    throw invalid(RangeError, `missing must be 'em' when present, got ${show(record.missing)}`);
  return {
    covariance,
    missing: record.missing === 'em' ? 'em' : 'error',
    priors,
    params,
    converged: record.converged,
    iterations,
    lowerBound,
    history: Array.from(history),
    seed,
    componentSizes,
  };
}

function readPriors(value: unknown, covariance: CovarianceType, d: number): Priors {
  const record = readRecord(value, PRIOR_FIELDS, 'priors');
  const weightPrior = record.weightPrior;
  if (weightPrior !== 'dirichlet-process' && weightPrior !== 'dirichlet-distribution') {
    throw invalid(
      RangeError,
      `priors.weightPrior must be 'dirichlet-process' or 'dirichlet-distribution', got ${show(weightPrior)}`,
    );
  }
  const degreesOfFreedom = finite(record.degreesOfFreedom, 'priors.degreesOfFreedom');
  if (!(degreesOfFreedom > d - 1)) {
    throw invalid(RangeError, `priors.degreesOfFreedom must be > D − 1 = ${d - 1}, got ${degreesOfFreedom}`);
  }
  const shape = PRIOR_SHAPE[covariance](d);
  const covariancePrior =
    shape.length === 0
      ? new Float64Array([positive(record.covariancePrior, 'priors.covariancePrior')])
      : numbers(record.covariancePrior, 'priors.covariancePrior', shape);
  checkCovariances(
    covariance,
    covariancePrior,
    1,
    covariance === 'spherical' ? 1 : d,
    'priors.covariancePrior',
  );
  return {
    weightPrior,
    weightConcentration: positive(record.weightConcentration, 'priors.weightConcentration'),
    meanPrecision: positive(record.meanPrecision, 'priors.meanPrecision'),
    meanPrior: numbers(record.meanPrior, 'priors.meanPrior', [d]),
    degreesOfFreedom,
    covariancePrior,
  };
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(TypeError, `the string is not JSON (${(error as Error).message})`);
  }
}

function readRecord(
  value: unknown,
  fields: readonly string[],
  name: string,
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(TypeError, `${name} must be an object, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!fields.includes(key) && !optional.includes(key))
      throw invalid(TypeError, `unknown field '${key}' in ${name}`);
  for (const key of fields)
    if (!(key in record)) throw invalid(TypeError, `missing field '${key}' in ${name}`);
  return record;
}

function invalid(Kind: typeof TypeError | typeof RangeError, message: string): Error {
  return new Kind(`BayesianGaussianMixture.fromJSON: ${message}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalid(TypeError, `${name} must be a number, got ${show(value)}`);
  if (!Number.isFinite(value)) throw invalid(RangeError, `${name} must be finite, got ${value}`);
  return value;
}

function integer(value: unknown, name: string, min: number): number {
  const n = finite(value, name);
  if (!Number.isInteger(n) || n < min)
    throw invalid(RangeError, `${name} must be an integer ≥ ${min}, got ${n}`);
  return n;
}

function positive(value: unknown, name: string): number {
  const n = finite(value, name);
  if (!(n > 0)) throw invalid(RangeError, `${name} must be > 0, got ${n}`);
  return n;
}

function positives(values: Float64Array, name: string): Float64Array {
  values.forEach((value, i) => {
    if (!(value > 0)) throw invalid(RangeError, `${name}[${i}] must be > 0, got ${value}`);
  });
  return values;
}

/** Flattens a nested array of finite numbers of exactly `shape`, naming the first entry that is off. */
function numbers(value: unknown, path: string, shape: readonly number[]): Float64Array {
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let next = 0;
  const walk = (node: unknown, where: string, depth: number): void => {
    const expected = shape[depth] as number;
    if (!Array.isArray(node)) throw invalid(TypeError, `${where} must be an array, got ${show(node)}`);
    if (node.length !== expected)
      throw invalid(RangeError, `${where} has ${node.length} entries, expected ${expected}`);
    node.forEach((child, i) => {
      if (depth + 1 < shape.length) walk(child, `${where}[${i}]`, depth + 1);
      else out[next++] = finite(child, `${where}[${i}]`);
    });
  };
  walk(value, path, 0);
  return out;
}

/** Variances > 0 (diag, spherical), or `count` symmetric positive definite d×d matrices. */
function checkCovariances(
  type: CovarianceType,
  values: Float64Array,
  count: number,
  d: number,
  name: string,
): void {
  if (type === 'diag' || type === 'spherical') {
    positives(values, name);
    return;
  }
  for (let c = 0; c < count; c++) {
    const base = c * d * d;
    const at = count === 1 ? name : `${name}[${c}]`;
    const asymmetry = firstAsymmetry(values, d, base, SAVED_SYMMETRY);
    if (asymmetry) throw invalid(RangeError, `${at} is not symmetric at [${asymmetry[0]}][${asymmetry[1]}]`);
    if (!isPositiveDefinite(values, d, base)) throw invalid(RangeError, `${at} is not positive definite`);
  }
}
