/**
 * Reading `MixtureStatistics` back: every field checked, as `fromJSON` checks a saved model, since
 * statistics travel between machines and languages. Messages name the caller, the field and the
 * entry, and what was found.
 */
import { COVARIANCE_TYPES, quotedNames } from '../covariance/index';
import type { CovarianceType } from '../types';
import { describeKind } from '../validate/index';
import {
  type FlatStatistics,
  STATISTICS_FORMAT,
  STATISTICS_VERSION,
  scatterShape,
} from './statistics-format';

const FIELDS = [
  'format',
  'version',
  'model',
  'covariance',
  'components',
  'features',
  'standardization',
  'missing',
  'rows',
  'weight',
  'logLikelihood',
  'centers',
  'nk',
  'first',
  'scatter',
] as const;

/** Fields a statistics object may leave out: `missing` (version 2) when the model takes no missing values. */
const OPTIONAL: ReadonlySet<string> = new Set(['missing']);

/** How far Σₖ Nₖ may sit from Σᵢ wᵢ, relative: rounding of the sums, never a real disagreement. */
const COUNT_TOLERANCE = 1e-9;

type Fail = (Kind: typeof TypeError | typeof RangeError, message: string) => Error;

/**
 * Checks one statistics object (or its JSON text) and flattens it.
 * @param where - the prefix of every message, e.g. `mergeStatistics: argument 2`.
 * @throws TypeError / RangeError naming the field and what was found.
 */
export function readStatistics(value: unknown, where: string): FlatStatistics {
  const fail: Fail = (Kind, message) => new Kind(`${where}: ${message}`);
  if (typeof value === 'string') value = parseText(value, fail);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(TypeError, `expected statistics from model.statistics(), got ${describeKind(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw fail(TypeError, `unknown field '${key}'`);
  }
  for (const key of FIELDS) {
    if (!(key in record) && !OPTIONAL.has(key)) throw fail(TypeError, `missing field '${key}'`);
  }
  if (record.format !== STATISTICS_FORMAT) {
    throw fail(RangeError, `format must be '${STATISTICS_FORMAT}', got ${show(record.format)}`);
  }
  if (record.version !== 1 && record.version !== STATISTICS_VERSION) {
    throw fail(
      RangeError,
      `version ${show(record.version)} is not supported; this gmm-wasm reads versions 1 to ${STATISTICS_VERSION}`,
    );
  }
  const missing = readMissing(record, fail);
  if (typeof record.model !== 'string' || !/^[0-9a-f]{16}$/.test(record.model)) {
    throw fail(TypeError, `model must be the 16-hex-digit fingerprint, got ${show(record.model)}`);
  }
  const covariance = record.covariance as CovarianceType;
  if (!(COVARIANCE_TYPES as readonly unknown[]).includes(covariance)) {
    throw fail(
      RangeError,
      `covariance must be one of ${quotedNames(COVARIANCE_TYPES)}, got ${show(covariance)}`,
    );
  }
  const k = integer(record, 'components', 1, fail);
  const d = integer(record, 'features', 1, fail);
  const standardization = readStandardization(record.standardization, d, fail);
  const rows = integer(record, 'rows', 0, fail);
  const weight = finite(record, 'weight', fail);
  if (weight < 0) throw fail(RangeError, `weight must be ≥ 0, got ${weight}`);
  const logLikelihood = finite(record, 'logLikelihood', fail);
  const centers = numbers(record.centers, 'centers', [k, d], fail);
  const nk = numbers(record.nk, 'nk', [k], fail);
  const first = numbers(record.first, 'first', [k, d], fail);
  const shape = scatterShape(covariance, d, k);
  const matrix = shape.length === 3;
  const scatterFull = numbers(record.scatter, 'scatter', shape, fail);
  let total = 0;
  nk.forEach((count, c) => {
    if (count < 0) throw fail(RangeError, `nk[${c}] is negative (${count})`);
    total += count;
  });
  if (Math.abs(total - weight) > COUNT_TOLERANCE * Math.max(weight, 1)) {
    throw fail(RangeError, `nk sums to ${total}, but weight is ${weight}: they must agree`);
  }
  const scatter = matrix ? upperTriangles(scatterFull, k, d, fail) : scatterFull;
  const diagonal = (c: number, j: number) => (matrix ? c * d * d + j * d + j : c * d + j);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      const square = scatter[diagonal(c, j)] as number;
      const at = matrix ? `scatter[${c}][${j}][${j}]` : `scatter[${c}][${j}]`;
      if (square < 0) throw fail(RangeError, `${at} is a sum of squares and cannot be negative (${square})`);
    }
  }
  return {
    header: { model: record.model, covariance, components: k, features: d, standardization, missing },
    rows,
    sums: { weight, logLikelihood, nk, first, scatter, centers },
  };
}

/** `missing`: absent, or `'em'` in version 2. */
function readMissing(record: Record<string, unknown>, fail: Fail): 'em' | undefined {
  if (!('missing' in record)) return undefined;
  if (record.version === 1) {
    throw fail(TypeError, "field 'missing' needs version 2; version 1 statistics have no missing values");
  }
  if (record.missing !== 'em')
    throw fail(RangeError, `missing must be 'em' when present, got ${show(record.missing)}`);
  return 'em';
}

function parseText(text: string, fail: Fail): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(TypeError, `the string is not JSON (${(error as Error).message})`);
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? 'an array' : String(value);
}

function integer(record: Record<string, unknown>, key: string, min: number, fail: Fail): number {
  const value = record[key];
  if (typeof value !== 'number') throw fail(TypeError, `${key} must be a number, got ${show(value)}`);
  if (!Number.isSafeInteger(value) || value < min) {
    throw fail(RangeError, `${key} must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

function finite(record: Record<string, unknown>, key: string, fail: Fail): number {
  const value = record[key];
  if (typeof value !== 'number') throw fail(TypeError, `${key} must be a number, got ${show(value)}`);
  if (!Number.isFinite(value)) throw fail(RangeError, `${key} must be finite, got ${value}`);
  return value;
}

/** Flattens a nested array of finite numbers of exactly `shape`, naming the first entry that is off. */
function numbers(value: unknown, path: string, shape: readonly number[], fail: Fail): Float64Array {
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let next = 0;
  const walk = (node: unknown, where: string, depth: number): void => {
    const expected = shape[depth] as number;
    if (!Array.isArray(node)) throw fail(TypeError, `${where} must be an array, got ${show(node)}`);
    if (node.length !== expected)
      throw fail(RangeError, `${where} has ${node.length} entries, expected ${expected}`);
    node.forEach((child, i) => {
      const at = `${where}[${i}]`;
      if (depth + 1 < shape.length) walk(child, at, depth + 1);
      else if (typeof child === 'number' && Number.isFinite(child)) out[next++] = child;
      else {
        const Kind = typeof child === 'number' ? RangeError : TypeError;
        throw fail(Kind, `${at} must be a finite number, got ${show(child)}`);
      }
    });
  };
  walk(value, path, 0);
  return out;
}

/** K symmetric D×D matrices to the internal form, which keeps each upper triangle. */
function upperTriangles(matrices: Float64Array, k: number, d: number, fail: Fail): Float64Array {
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const upper = matrices[base + j * d + l] as number;
        if (upper !== matrices[base + l * d + j]) {
          throw fail(RangeError, `scatter[${c}] is not symmetric at [${l}][${j}]`);
        }
        out[base + j * d + l] = upper;
      }
    }
  }
  return out;
}

function readStandardization(
  value: unknown,
  d: number,
  fail: Fail,
): FlatStatistics['header']['standardization'] {
  if (value === null) return null;
  if (typeof value !== 'object' || value === undefined || Array.isArray(value)) {
    throw fail(TypeError, `standardization must be null or { mean, scale }, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (Object.keys(record).sort().join(',') !== 'mean,scale') {
    throw fail(TypeError, 'standardization must have exactly the fields mean and scale');
  }
  const mean = Array.from(numbers(record.mean, 'standardization.mean', [d], fail));
  const scale = Array.from(numbers(record.scale, 'standardization.scale', [d], fail));
  scale.forEach((s, j) => {
    if (!(s > 0)) throw fail(RangeError, `standardization.scale[${j}] must be > 0, got ${s}`);
  });
  return { mean, scale };
}
