/**
 * Symmetric positive definite matrices, the one rule for every covariance or precision a user or a
 * saved model gives: symmetric within a tolerance that says where the matrix came from, and
 * positive definite by the Cholesky factorisation the kernels use (../linalg.ts), so that what
 * validation accepts, the E-step can factorise.
 */
import { choleskyLower } from '../linalg';

/**
 * Asymmetry allowed in a matrix a user computed (an explicit start, a prior), relative to its
 * largest entry: a covariance estimated as XᵀX/n or inverted from a precision is symmetric only up
 * to rounding, and refusing that would refuse correct input.
 */
export const COMPUTED_SYMMETRY = 1e-10;

/**
 * Asymmetry allowed in a saved model's matrices: none. `toJSON` writes each matrix as the fit
 * computed it, symmetric to the bit, and numbers go through JSON unchanged, so any asymmetry is an
 * edit, and a model read back must score exactly as the one saved.
 */
export const SAVED_SYMMETRY = 0;

/**
 * The first pair of mirrored entries of the d×d matrix at `offset` in `matrix` that differ by more
 * than `tolerance` times the matrix's largest entry, scanning the lower triangle row by row.
 *
 * @returns `[i, j]` with i > j, or `undefined` when the matrix is symmetric within the tolerance.
 */
export function firstAsymmetry(
  matrix: ArrayLike<number>,
  d: number,
  offset: number,
  tolerance: number,
): [number, number] | undefined {
  let largest = 0;
  if (tolerance > 0) {
    for (let e = 0; e < d * d; e++) largest = Math.max(largest, Math.abs(matrix[offset + e] as number));
  }
  const allowed = tolerance * largest;
  for (let i = 1; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const lower = matrix[offset + i * d + j] as number;
      const upper = matrix[offset + j * d + i] as number;
      if (Math.abs(lower - upper) > allowed) return [i, j];
    }
  }
  return undefined;
}

/**
 * Whether the symmetric d×d matrix at `offset` is positive definite: its Cholesky factor exists,
 * with finite entries (the factorisation of the kernels, in the same order).
 */
export function isPositiveDefinite(matrix: ArrayLike<number>, d: number, offset = 0): boolean {
  return choleskyLower(matrix, d, offset) !== undefined;
}
