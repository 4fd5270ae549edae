/**
 * The saved form of a model: a versioned plain object. Numbers go through JSON unchanged (JavaScript
 * prints the shortest string that reads back as the same double), so a reloaded model scores
 * bit-identically. Reading checks every field, since saved models travel and get edited.
 */
import { choleskyLower } from './linalg';
import type { ModelState } from './model-state';
import type { CovarianceType } from './types';

export const JSON_FORMAT = 'gmm-wasm';
export const JSON_VERSION = 1;

/** `GaussianMixture.toJSON()`'s shape. Covariances are in the compact form of the type (full: K×D×D). */
export interface GaussianMixtureJSON {
  readonly format: typeof JSON_FORMAT;
  readonly version: typeof JSON_VERSION;
  readonly covariance: CovarianceType;
  readonly components: number;
  readonly features: number;
  readonly weights: number[];
  readonly means: number[][];
  readonly covariances: number[][][];
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  readonly history: number[];
  readonly seed: number;
}

const FIELDS = [
  'format',
  'version',
  'covariance',
  'components',
  'features',
  'weights',
  'means',
  'covariances',
  'converged',
  'iterations',
  'logLikelihood',
  'history',
  'seed',
] as const;

/** How far the saved weights may sum from 1: a few rounding steps of K additions, no more. */
const WEIGHT_SUM_TOLERANCE = 1e-9;

export function modelStateToJSON(state: ModelState): GaussianMixtureJSON {
  const { weights, means, covariances } = state.parameters;
  const k = weights.length;
  const d = means.length / k;
  return {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    covariance: state.covariance,
    components: k,
    features: d,
    weights: Array.from(weights),
    means: Array.from({ length: k }, (_, c) => Array.from(means.subarray(c * d, (c + 1) * d))),
    covariances: Array.from({ length: k }, (_, c) =>
      Array.from({ length: d }, (_, j) =>
        Array.from(covariances.subarray((c * d + j) * d, (c * d + j + 1) * d)),
      ),
    ),
    converged: state.converged,
    iterations: state.iterations,
    logLikelihood: state.logLikelihood,
    history: state.history.slice(),
    seed: state.seed,
  };
}

/** @throws TypeError / RangeError naming the field and what was found. */
export function modelStateFromJSON(json: unknown): ModelState {
  if (typeof json === 'string') json = parseText(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(TypeError, `expected an object from toJSON(), got ${json === null ? 'null' : typeof json}`);
  }
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw invalid(TypeError, `unknown field '${key}'`);
  }
  for (const key of FIELDS) if (!(key in record)) throw invalid(TypeError, `missing field '${key}'`);
  if (record.format !== JSON_FORMAT)
    throw invalid(RangeError, `format must be '${JSON_FORMAT}', got ${show(record.format)}`);
  if (record.version !== JSON_VERSION) {
    throw invalid(
      RangeError,
      `version ${show(record.version)} is not supported; this gmm-wasm reads version ${JSON_VERSION}`,
    );
  }
  if (record.covariance !== 'full') {
    throw invalid(
      RangeError,
      `covariance ${show(record.covariance)} is not supported; this gmm-wasm reads 'full'`,
    );
  }
  const k = integerField(record, 'components', 1);
  const d = integerField(record, 'features', 1);
  const weights = numbers(record.weights, 'weights', [k]);
  const means = numbers(record.means, 'means', [k, d]);
  const covariances = numbers(record.covariances, 'covariances', [k, d, d]);
  checkWeights(weights);
  checkCovariances(covariances, k, d);
  if (typeof record.converged !== 'boolean')
    throw invalid(TypeError, `converged must be a boolean, got ${show(record.converged)}`);
  const iterations = integerField(record, 'iterations', 0);
  const logLikelihood = record.logLikelihood;
  if (typeof logLikelihood !== 'number' || Number.isNaN(logLikelihood)) {
    throw invalid(TypeError, `logLikelihood must be a number, got ${show(logLikelihood)}`);
  }
  const history = numbers(record.history, 'history', [iterations + 1]);
  const seed = integerField(record, 'seed', 0);
  if (seed > 0xffff_ffff) throw invalid(RangeError, `seed must be at most 4294967295, got ${seed}`);
  return {
    covariance: 'full',
    parameters: { weights, means, covariances },
    converged: record.converged,
    iterations,
    logLikelihood,
    history: Array.from(history),
    seed,
  };
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(TypeError, `the string is not JSON (${(error as Error).message})`);
  }
}

function invalid(Kind: typeof TypeError | typeof RangeError, message: string): Error {
  return new Kind(`GaussianMixture.fromJSON: ${message}`);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? 'an array' : String(value);
}

function integerField(record: Record<string, unknown>, key: string, min: number): number {
  const value = record[key];
  if (typeof value !== 'number') throw invalid(TypeError, `${key} must be a number, got ${show(value)}`);
  if (!Number.isInteger(value) || value < min)
    throw invalid(RangeError, `${key} must be an integer ≥ ${min}, got ${value}`);
  return value;
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
      const at = `${where}[${i}]`;
      if (depth + 1 < shape.length) {
        walk(child, at, depth + 1);
      } else if (typeof child === 'number' && Number.isFinite(child)) {
        out[next++] = child;
      } else {
        throw invalid(RangeError, `${at} must be a finite number, got ${show(child)}`);
      }
    });
  };
  walk(value, path, 0);
  return out;
}

function checkWeights(weights: Float64Array): void {
  let sum = 0;
  weights.forEach((w, c) => {
    if (w < 0) throw invalid(RangeError, `weights[${c}] is negative (${w})`);
    sum += w;
  });
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
    throw invalid(RangeError, `weights must sum to 1, got ${sum}`);
}

function checkCovariances(covariances: Float64Array, k: number, d: number): void {
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    for (let j = 0; j < d; j++) {
      for (let l = 0; l < j; l++) {
        if (covariances[base + j * d + l] !== covariances[base + l * d + j]) {
          throw invalid(RangeError, `covariances[${c}] is not symmetric at [${j}][${l}]`);
        }
      }
    }
    if (!choleskyLower(covariances, d, base))
      throw invalid(RangeError, `covariances[${c}] is not positive definite`);
  }
}
