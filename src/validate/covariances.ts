/**
 * Explicit starting covariances: the compact form of the chosen covariance type or K full D×D
 * matrices, told apart by nesting depth, checked, and expanded to K full D×D matrices.
 */

import { STORAGE_FORMS } from '../covariance/index';
import type { StorageForm } from '../internal-types';
import { choleskyLower } from '../linalg';
import type { CovarianceType } from '../types';
import { COMPUTED_SYMMETRY, firstAsymmetry, isPositiveDefinite } from './definite';
import { nestingDepth, readCount, readNumbers } from './lists';

/** What explicit starting parameters must match: K components of D features, of one covariance type. */
export interface Shape {
  /** K. */
  readonly components: number;
  /** D. */
  readonly features: number;
  /** The covariance type, whose compact form (or full matrices) the parameters must have. */
  readonly covariance: CovarianceType;
}

/** How each type's compact form is read, and which full matrices the type can represent. */
interface Form {
  /** Reads the compact form (full: K×D×D, tied: D×D, diag: K×D, spherical: K) and expands it. */
  readonly compact: (value: unknown, shape: Shape, name: string) => Float64Array;
  /** Throws unless the K full matrices, already read, have the structure of the type. */
  readonly representable: (covariances: Float64Array, shape: Shape, name: string) => void;
}

/** K×D×D: numbers sit three list levels deep. */
const FULL_DEPTH = 3;

const FORMS: { readonly [T in StorageForm]: Form } = {
  full: { compact: readFull, representable: () => {} },
  tied: { compact: readTied, representable: checkEqual },
  diag: { compact: readDiag, representable: checkDiagonal },
  spherical: { compact: readSpherical, representable: checkIsotropic },
};

/**
 * Reads `init.covariances` for `shape.covariance`: its compact form or K full D×D matrices, the
 * latter recognised by numbers three levels deep.
 *
 * @returns K full D×D matrices, row-major (K·D·D values): tied repeated K times, diag on the
 *   diagonal, spherical σ²·I.
 * @throws TypeError when a level is not a list or an entry is not a number.
 * @throws RangeError on a wrong count or length, a non-finite entry, a variance ≤ 0, full matrices
 *   the type cannot represent, or a matrix that is not symmetric positive definite.
 */
export function readCovariances(value: unknown, shape: Shape, name = 'init.covariances'): Float64Array {
  if (nestingDepth(value, FULL_DEPTH) === FULL_DEPTH) return readFull(value, shape, name);
  return FORMS[STORAGE_FORMS[shape.covariance]].compact(value, shape, name);
}

/**
 * Reads `init.precisions` — inverse covariances, in the same forms and under the same checks as
 * `readCovariances` — and returns the K full D×D covariance matrices they are the inverses of.
 */
export function readPrecisions(value: unknown, shape: Shape): Float64Array {
  const precisions = readCovariances(value, shape, 'init.precisions');
  const d = shape.features;
  const covariances = new Float64Array(precisions.length);
  for (let k = 0; k < shape.components; k++) {
    covariances.set(inverse(precisions.subarray(k * d * d, (k + 1) * d * d), d), k * d * d);
  }
  return covariances;
}

function readFull(value: unknown, shape: Shape, name: string): Float64Array {
  const { components, features: d } = shape;
  const matrices = readCount(value, name, components, 'matrices (components)');
  const covariances = new Float64Array(components * d * d);
  for (let k = 0; k < components; k++) {
    readMatrix(matrices[k], `${name}[${k}]`, d, covariances, k * d * d);
  }
  FORMS[STORAGE_FORMS[shape.covariance]].representable(covariances, shape, name);
  for (let k = 0; k < components; k++) {
    checkDefinite(covariances.subarray(k * d * d, (k + 1) * d * d), d, `${name}[${k}]`);
  }
  return covariances;
}

function readTied(value: unknown, { components, features: d }: Shape, name: string): Float64Array {
  const matrix = new Float64Array(d * d);
  readMatrix(value, name, d, matrix, 0);
  checkDefinite(matrix, d, name);
  const covariances = new Float64Array(components * d * d);
  for (let k = 0; k < components; k++) covariances.set(matrix, k * d * d);
  return covariances;
}

function readDiag(value: unknown, { components, features: d }: Shape, name: string): Float64Array {
  const rows = readCount(value, name, components, 'rows (components)');
  const variances = new Float64Array(d);
  const covariances = new Float64Array(components * d * d);
  for (let k = 0; k < components; k++) {
    readNumbers(rows[k], `${name}[${k}]`, d, 'columns of X', variances, 0);
    variances.forEach((variance, j) => {
      checkPositive(variance, `${name}[${k}][${j}]`);
      covariances[(k * d + j) * d + j] = variance;
    });
  }
  return covariances;
}

function readSpherical(value: unknown, { components, features: d }: Shape, name: string): Float64Array {
  const variances = new Float64Array(components);
  readNumbers(value, name, components, 'components', variances, 0);
  const covariances = new Float64Array(components * d * d);
  variances.forEach((variance, k) => {
    checkPositive(variance, `${name}[${k}]`);
    for (let j = 0; j < d; j++) covariances[(k * d + j) * d + j] = variance;
  });
  return covariances;
}

/** Reads a d×d matrix, row by row, into `target` at `offset`. */
function readMatrix(value: unknown, name: string, d: number, target: Float64Array, offset: number): void {
  const rows = readCount(value, name, d, 'rows (columns of X)');
  for (let i = 0; i < d; i++)
    readNumbers(rows[i], `${name}[${i}]`, d, 'columns of X', target, offset + i * d);
}

function checkPositive(variance: number, name: string): void {
  if (!(variance > 0)) throw new RangeError(`${name} must be > 0, got ${variance}`);
}

function checkEqual(
  covariances: Float64Array,
  { components, features: d, covariance }: Shape,
  name: string,
): void {
  const size = d * d;
  for (let k = 1; k < components; k++) {
    for (let e = 0; e < size; e++) {
      if (covariances[k * size + e] !== covariances[e]) {
        throw new RangeError(
          `${name} for covariance '${covariance}' must be one D×D matrix or ${components} equal ones; ` +
            `matrix ${k} differs from matrix 0`,
        );
      }
    }
  }
}

function checkDiagonal(
  covariances: Float64Array,
  { components, features: d, covariance }: Shape,
  name: string,
): void {
  for (let k = 0; k < components; k++) {
    const offDiagonal = firstOffDiagonal(covariances, k, d);
    if (offDiagonal !== undefined) {
      const [i, j, value] = offDiagonal;
      throw new RangeError(
        `${name}[${k}] has a nonzero off-diagonal entry [${i}][${j}] = ${value}, ` +
          `which covariance '${covariance}' cannot represent`,
      );
    }
  }
}

function checkIsotropic(
  covariances: Float64Array,
  { components, features: d, covariance }: Shape,
  name: string,
): void {
  for (let k = 0; k < components; k++) {
    const first = covariances[k * d * d];
    let isotropic = firstOffDiagonal(covariances, k, d) === undefined;
    for (let j = 1; j < d && isotropic; j++) isotropic = covariances[(k * d + j) * d + j] === first;
    if (!isotropic) {
      throw new RangeError(
        `${name}[${k}] is not a multiple of the identity, which covariance '${covariance}' cannot represent`,
      );
    }
  }
}

/** Row, column and value of the first nonzero off-diagonal entry of matrix k, row by row. */
function firstOffDiagonal(
  covariances: Float64Array,
  k: number,
  d: number,
): [number, number, number] | undefined {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const value = covariances[(k * d + i) * d + j] as number;
      if (i !== j && value !== 0) return [i, j, value];
    }
  }
  return undefined;
}

/** Throws unless `matrix` (d×d) is symmetric, up to rounding, and positive definite. */
function checkDefinite(matrix: Float64Array, d: number, name: string): void {
  const asymmetry = firstAsymmetry(matrix, d, 0, COMPUTED_SYMMETRY);
  if (asymmetry) {
    const [j, i] = asymmetry;
    const entry = (r: number, c: number) => matrix[r * d + c] as number;
    throw new RangeError(
      `${name} is not symmetric: [${i}][${j}] = ${entry(i, j)} but [${j}][${i}] = ${entry(j, i)}`,
    );
  }
  if (!isPositiveDefinite(matrix, d)) throw new RangeError(`${name} is not positive definite`);
}

/**
 * The inverse of a symmetric positive definite d×d matrix, already checked, from its Cholesky factor
 * (A⁻¹ = L⁻ᵀ·L⁻¹); a diagonal matrix is inverted entry by entry, so that diagonal precisions give
 * exactly their reciprocals.
 */
function inverse(matrix: Float64Array, d: number): Float64Array {
  const result = new Float64Array(d * d);
  if (firstOffDiagonal(matrix, 0, d) === undefined) {
    for (let j = 0; j < d; j++) result[j * d + j] = 1 / (matrix[j * d + j] as number);
    return result;
  }
  const lower = choleskyLower(matrix, d) as Float64Array;
  // Columns of L⁻¹ by forward substitution, then A⁻¹ = (L⁻¹)ᵀ·L⁻¹.
  const inv = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let sum = i === c ? 1 : 0;
      for (let t = c; t < i; t++) sum -= (lower[i * d + t] as number) * (inv[t * d + c] as number);
      inv[i * d + c] = sum / (lower[i * d + i] as number);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let t = i; t < d; t++) sum += (inv[t * d + i] as number) * (inv[t * d + j] as number);
      result[i * d + j] = sum;
      result[j * d + i] = sum;
    }
  }
  return result;
}
