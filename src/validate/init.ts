/**
 * Explicit starting parameters `{ weights?, means, covariances? }`: checked against K and D and
 * flattened, row-major, into an `ExplicitStart`.
 */
import type { ExplicitStart } from '../types';
import { describeKind, entryError } from './matrix';

/** The sizes an explicit start must match: K components of D features. */
export interface Shape {
  readonly components: number;
  readonly features: number;
}

const INIT_KEYS = ['weights', 'means', 'covariances'];
/** How far from 1 given weights may sum before they are refused rather than renormalised. */
const WEIGHT_SUM_TOLERANCE = 1e-6;
/** Asymmetry allowed in a covariance, relative to its largest entry: rounding, not a mistake. */
const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Checks an explicit init against K and D and flattens it. Missing weights become uniform 1/K;
 * given weights are renormalised to sum to 1; missing covariances stay `undefined`.
 *
 * @param init - the user's `{ weights?, means, covariances? }`, already known to be an object.
 * @param shape - K (components) and D (columns of X).
 * @returns the frozen start: weights (K), means (K×D), covariances (K×D×D) or `undefined`.
 * @throws TypeError on an unknown key, a missing `means`, or an entry of the wrong kind.
 * @throws RangeError on a wrong count or length, a non-finite entry, a negative weight, weights not
 *   summing to 1 within 1e-6, or a covariance that is not symmetric positive definite.
 */
export function readExplicitStart(init: Readonly<Record<string, unknown>>, shape: Shape): ExplicitStart {
  for (const key of Object.keys(init)) {
    if (!INIT_KEYS.includes(key)) {
      throw new TypeError(`unknown key '${key}' in init; expected weights, means, covariances`);
    }
  }
  const { components, features } = shape;
  if (init.means === undefined) {
    throw new TypeError(`init.means is required: ${components} rows (components) of ${features} values`);
  }
  const means = readMeans(init.means, shape);
  const weights =
    init.weights === undefined
      ? new Float64Array(components).fill(1 / components)
      : readWeights(init.weights, components);
  const covariances = init.covariances === undefined ? undefined : readCovariances(init.covariances, shape);
  return Object.freeze({ weights, means, covariances });
}

function readMeans(value: unknown, { components, features }: Shape): Float64Array {
  const rows = readCount(value, 'init.means', components, 'rows (components)');
  const means = new Float64Array(components * features);
  for (let k = 0; k < components; k++) {
    readNumbers(rows[k], `init.means[${k}]`, features, 'columns of X', means, k * features);
  }
  return means;
}

function readWeights(value: unknown, components: number): Float64Array {
  const weights = new Float64Array(components);
  readNumbers(value, 'init.weights', components, 'components', weights, 0);
  let sum = 0;
  weights.forEach((weight, k) => {
    if (weight < 0) throw new RangeError(`init.weights[${k}] must be ≥ 0, got ${weight}`);
    sum += weight;
  });
  if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
    throw new RangeError(`init.weights must sum to 1, got ${sum}`);
  }
  return weights.map((weight) => weight / sum);
}

function readCovariances(value: unknown, { components, features: d }: Shape): Float64Array {
  const matrices = readCount(value, 'init.covariances', components, 'matrices (components)');
  const covariances = new Float64Array(components * d * d);
  for (let k = 0; k < components; k++) {
    const name = `init.covariances[${k}]`;
    const rows = readCount(matrices[k], name, d, 'rows (columns of X)');
    for (let i = 0; i < d; i++) {
      readNumbers(rows[i], `${name}[${i}]`, d, 'columns of X', covariances, (k * d + i) * d);
    }
    const matrix = covariances.subarray(k * d * d, (k + 1) * d * d);
    checkSymmetric(matrix, d, name);
    if (!isPositiveDefinite(matrix, d)) throw new RangeError(`${name} is not positive definite`);
  }
  return covariances;
}

/** Accepts the list forms of `Matrix` rows: an array, a Float64Array or a Float32Array. */
function readList(value: unknown, name: string, expected: string): ArrayLike<unknown> {
  if (Array.isArray(value) || value instanceof Float64Array || value instanceof Float32Array) return value;
  throw new TypeError(`${name} must be ${expected}, got ${describeKind(value)}`);
}

/** A list of `count` sub-lists: rows of means, covariance matrices, rows of a covariance. */
function readCount(value: unknown, name: string, count: number, what: string): ArrayLike<unknown> {
  const list = readList(value, name, 'an array');
  if (list.length !== count) throw new RangeError(`${name} must have ${count} ${what}, got ${list.length}`);
  return list;
}

/** Copies `length` finite numbers from `value` into `target` at `offset`. */
function readNumbers(
  value: unknown,
  name: string,
  length: number,
  what: string,
  target: Float64Array,
  offset: number,
): void {
  const list = readList(value, name, 'an array of numbers');
  if (list.length !== length) {
    throw new RangeError(`${name} has ${list.length} values, expected ${length} (${what})`);
  }
  for (let j = 0; j < length; j++) {
    const entry = list[j];
    if (typeof entry !== 'number' || !Number.isFinite(entry)) throw entryError(entry, `${name}[${j}]`);
    target[offset + j] = entry;
  }
}

function checkSymmetric(matrix: Float64Array, d: number, name: string): void {
  const tolerance = SYMMETRY_TOLERANCE * matrix.reduce((largest, v) => Math.max(largest, Math.abs(v)), 0);
  const entry = (i: number, j: number) => matrix[i * d + j] as number;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      if (Math.abs(entry(i, j) - entry(j, i)) > tolerance) {
        throw new RangeError(
          `${name} is not symmetric: [${i}][${j}] = ${entry(i, j)} but [${j}][${i}] = ${entry(j, i)}`,
        );
      }
    }
  }
}

/** Attempts the Cholesky factorisation A = L·Lᵀ, which exists exactly when A is positive definite. */
function isPositiveDefinite(matrix: Float64Array, d: number): boolean {
  const lower = new Float64Array(d * d);
  const a = (i: number, j: number) => matrix[i * d + j] as number;
  const l = (i: number, j: number) => lower[i * d + j] as number;
  for (let j = 0; j < d; j++) {
    let pivot = a(j, j);
    for (let p = 0; p < j; p++) pivot -= l(j, p) ** 2;
    if (!(pivot > 0)) return false;
    const root = Math.sqrt(pivot);
    lower[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let sum = a(i, j);
      for (let p = 0; p < j; p++) sum -= l(i, p) * l(j, p);
      lower[i * d + j] = sum / root;
    }
  }
  return true;
}
