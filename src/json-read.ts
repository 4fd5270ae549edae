/**
 * Reading a saved `GaussianMixture` back: every field is checked, since saved models travel and
 * get edited, and a shape from a hostile file is refused by the arrays actually there, never
 * allocated. The format itself is ./json.ts.
 */
import { STORAGE_FORMS } from './covariance/index';
import { priorFromJSON } from './covariance/prior-json';
import type { StorageForm } from './internal-types';
import { ADDED_FIELDS, COMPACT_SHAPE, FIELDS, JSON_FORMAT, JSON_VERSION, OPTIONAL_FIELDS } from './json';
import { readColumns } from './json-columns';
import { hasFinitePrecision } from './linalg';
import type { ModelState } from './model-state';
import { overflowInOriginalUnits } from './original-units';
import type { Standardization } from './standardize';
import { logJacobian } from './standardize';
import type { CovarianceType } from './types';
import { firstAsymmetry, isPositiveDefinite, SAVED_SYMMETRY } from './validate/definite';
import { describeKind } from './validate/index';
import { checkProbabilities, SAVED_SUM_TOLERANCE } from './validate/probabilities';
import { MAX_SEED } from './validate/seed';

/** @throws TypeError / RangeError naming the field and what was found. */
export function modelStateFromJSON(json: unknown): ModelState {
  if (typeof json === 'string') json = parseText(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(TypeError, `expected an object from toJSON(), got ${describeKind(json)}`);
  }
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (
      !(FIELDS as readonly string[]).includes(key) &&
      !(ADDED_FIELDS as readonly string[]).includes(key) &&
      !(OPTIONAL_FIELDS as readonly string[]).includes(key)
    )
      throw invalid(TypeError, `unknown field '${key}'`);
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
  const covariance = record.covariance as CovarianceType;
  if (typeof covariance !== 'string' || !Object.hasOwn(STORAGE_FORMS, covariance)) {
    throw invalid(
      RangeError,
      `covariance must be one of ${Object.keys(STORAGE_FORMS)
        .map((name) => `'${name}'`)
        .join(', ')}, got ${show(covariance)}`,
    );
  }
  const form = STORAGE_FORMS[covariance];
  const k = integerField(record, 'components', 1);
  const d = integerField(record, 'features', 1);
  const weights = numbers(record.weights, 'weights', [k]);
  const means = numbers(record.means, 'means', [k, d]);
  const covariances = numbers(record.covariances, 'covariances', COMPACT_SHAPE[form](k, d));
  checkWeights(weights);
  checkCovariances(form, covariances, k, d);
  const standardization = readStandardization(record.standardization, d);
  if (typeof record.converged !== 'boolean')
    throw invalid(TypeError, `converged must be a boolean, got ${show(record.converged)}`);
  const iterations = integerField(record, 'iterations', 0);
  const logLikelihood = record.logLikelihood;
  if (typeof logLikelihood !== 'number' || Number.isNaN(logLikelihood))
    throw invalid(TypeError, `logLikelihood must be a number, got ${show(logLikelihood)}`);
  if (!Number.isFinite(logLikelihood))
    throw invalid(RangeError, `logLikelihood must be a finite number, got ${logLikelihood}`);
  const history = numbers(record.history, 'history', [iterations + 1]);
  const seed = integerField(record, 'seed', 0);
  if (seed > MAX_SEED) throw invalid(RangeError, `seed must be at most ${MAX_SEED}, got ${seed}`);
  const reseeds = integerField(record, 'reseeds', 0);
  if (record.missing !== undefined && record.missing !== 'em')
    throw invalid(RangeError, `missing must be 'em' when present, got ${show(record.missing)}`);
  if (record.precision !== undefined && record.precision !== 'float32')
    throw invalid(RangeError, `precision must be 'float32' when present, got ${show(record.precision)}`);
  const overflow =
    standardization && overflowInOriginalUnits(covariance, means, covariances, standardization);
  if (overflow) throw invalid(RangeError, overflow);
  const degenerate = 'degenerate' in record ? componentList(record.degenerate, 'degenerate', k) : [];
  const failedRestarts = 'failedRestarts' in record ? integerField(record, 'failedRestarts', 0) : 0;
  return {
    covariance,
    parameters: { weights, means, covariances },
    standardization,
    converged: record.converged,
    iterations,
    logLikelihood,
    history: Array.from(history),
    seed,
    reseeds,
    columns: readColumns(record.columns, d),
    degenerate,
    failedRestarts,
    missing: record.missing === 'em' ? 'em' : 'error',
    ...(record.prior === undefined ? {} : { prior: priorFromJSON(record.prior, covariance, d, invalid) }),
    ...(record.precision === 'float32' ? { precision: 'float32' as const } : {}),
  };
}

export function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(TypeError, `the string is not JSON (${(error as Error).message})`);
  }
}

export function invalid(Kind: typeof TypeError | typeof RangeError, message: string): Error {
  return new Kind(`GaussianMixture.fromJSON: ${message}`);
}

/** Longest prefix of a bad string that a message quotes: saved models can hold anything, of any size. */
export const QUOTED_CHARACTERS = 40;

export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTED_CHARACTERS) return `'${value}'`;
    return `'${value.slice(0, QUOTED_CHARACTERS)}…' (${value.length} characters)`;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  return describeKind(value);
}

export function integerField(record: Record<string, unknown>, key: string, min: number): number {
  const value = record[key];
  if (typeof value !== 'number') throw invalid(TypeError, `${key} must be a number, got ${show(value)}`);
  if (!Number.isInteger(value) || value < min)
    throw invalid(RangeError, `${key} must be an integer ≥ ${min}, got ${value}`);
  if (!Number.isSafeInteger(value))
    throw invalid(RangeError, `${key} must be at most 2^53 − 1, got ${value}`);
  return value;
}

/**
 * Flattens a nested array of finite numbers of exactly `shape`, naming the first entry that is off.
 * The arrays are walked before anything is allocated, so a shape from a hostile file (components
 * of 2^32, iterations of 2^53) is refused by the arrays actually there, never allocated.
 */
export function numbers(value: unknown, path: string, shape: readonly number[]): Float64Array {
  const values: number[] = [];
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
        values.push(child);
      } else {
        // A wrong kind is a TypeError, a number out of range a RangeError, as everywhere else.
        const Kind = typeof child === 'number' ? RangeError : TypeError;
        throw invalid(Kind, `${at} must be a finite number, got ${show(child)}`);
      }
    });
  };
  walk(value, path, 0);
  return Float64Array.from(values);
}

/** Distinct component indices in ascending order, each an integer from 0 to k − 1. */
export function componentList(value: unknown, key: string, k: number): number[] {
  if (!Array.isArray(value)) throw invalid(TypeError, `${key} must be an array, got ${show(value)}`);
  value.forEach((entry, i) => {
    if (typeof entry !== 'number')
      throw invalid(TypeError, `${key}[${i}] must be a number, got ${show(entry)}`);
    const previous = i > 0 ? (value[i - 1] as number) : -1;
    if (!Number.isInteger(entry) || entry <= previous || entry >= k) {
      throw invalid(
        RangeError,
        `${key}[${i}] must be a component index from ${previous + 1} to ${k - 1} (ascending), got ${entry}`,
      );
    }
  });
  return value.slice() as number[];
}

export function checkWeights(weights: Float64Array): void {
  checkProbabilities(weights, SAVED_SUM_TOLERANCE, {
    negative: (c, w) => invalid(RangeError, `weights[${c}] is negative (${w})`),
    sum: (sum) => invalid(RangeError, `weights must sum to 1, got ${sum}`),
  });
}

export function checkCovariances(type: StorageForm, covariances: Float64Array, k: number, d: number): void {
  if (type === 'diag' || type === 'spherical') {
    covariances.forEach((variance, i) => {
      const at = type === 'diag' ? `[${Math.floor(i / d)}][${i % d}]` : `[${i}]`;
      if (!(variance > 0)) throw invalid(RangeError, `covariances${at} must be > 0, got ${variance}`);
      // The kernels' rule: a variance whose precision 1/σ² overflows makes every score −∞.
      if (!Number.isFinite(1 / variance))
        throw invalid(
          RangeError,
          `covariances${at} (${variance}) is too small: its precision 1/σ² overflows`,
        );
    });
    return;
  }
  const matrices = type === 'tied' ? 1 : k;
  for (let c = 0; c < matrices; c++) {
    const base = c * d * d;
    const name = type === 'tied' ? 'covariances' : `covariances[${c}]`;
    const asymmetry = firstAsymmetry(covariances, d, base, SAVED_SYMMETRY);
    if (asymmetry)
      throw invalid(RangeError, `${name} is not symmetric at [${asymmetry[0]}][${asymmetry[1]}]`);
    if (!isPositiveDefinite(covariances, d, base))
      throw invalid(RangeError, `${name} is not positive definite`);
    if (!hasFinitePrecision(covariances, d, base))
      throw invalid(RangeError, `${name} is so near singular that its precision overflows`);
  }
}

export function readStandardization(value: unknown, d: number): Standardization | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value === undefined) {
    throw invalid(TypeError, `standardization must be null or { mean, scale }, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== 'mean,scale')
    throw invalid(TypeError, `standardization must have exactly the fields mean and scale`);
  const mean = numbers(record.mean, 'standardization.mean', [d]);
  const scale = numbers(record.scale, 'standardization.scale', [d]);
  scale.forEach((s, j) => {
    if (!(s > 0)) throw invalid(RangeError, `standardization.scale[${j}] must be > 0, got ${s}`);
  });
  if (!Number.isFinite(logJacobian({ mean, scale })))
    throw invalid(RangeError, 'standardization.scale overflows: Σ log scale is not finite');
  return { mean, scale };
}
