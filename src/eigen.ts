/**
 * Eigen-decomposition of small symmetric matrices on the TypeScript side, for the checks that look
 * at a covariance's weakest directions once per run (not the hot path). Cyclic Jacobi rotations:
 * slow for large D, but accurate to the last bits for every eigenvalue, tiny ones included, which
 * is what a test against `regCovar` needs.
 */

/** Eigenvalues and unit eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** D eigenvalues, in no particular order. */
  readonly values: Float64Array;
  /** D×D row-major: column i is the unit eigenvector of `values[i]`. */
  readonly vectors: Float64Array;
}

/** Sweeps after which the off-diagonal part is far below rounding for any matrix met here. */
const MAX_SWEEPS = 60;

/**
 * Eigen-decomposition of the symmetric d×d matrix stored row-major in `a` from element `offset`
 * (both triangles are read; they should agree).
 */
export function symmetricEigen(a: ArrayLike<number>, d: number, offset = 0): SymmetricEigen {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) m[i] = a[offset + i] as number;
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < d; i++) {
      scale += (m[i * d + i] as number) ** 2;
      for (let j = i + 1; j < d; j++) off += (m[i * d + j] as number) ** 2;
    }
    if (!(off > Number.EPSILON ** 2 * 1e-4 * scale)) break;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) rotate(m, v, d, p, q);
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = m[i * d + i] as number;
  return { values, vectors: v };
}

/** One Jacobi rotation that zeroes m[p][q], applied to m on both sides and to v on the right. */
function rotate(m: Float64Array, v: Float64Array, d: number, p: number, q: number): void {
  const apq = m[p * d + q] as number;
  if (apq === 0) return;
  const theta = ((m[q * d + q] as number) - (m[p * d + p] as number)) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < d; k++) {
    const mkp = m[k * d + p] as number;
    const mkq = m[k * d + q] as number;
    m[k * d + p] = c * mkp - s * mkq;
    m[k * d + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < d; k++) {
    const mpk = m[p * d + k] as number;
    const mqk = m[q * d + k] as number;
    m[p * d + k] = c * mpk - s * mqk;
    m[q * d + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < d; k++) {
    const vkp = v[k * d + p] as number;
    const vkq = v[k * d + q] as number;
    v[k * d + p] = c * vkp - s * vkq;
    v[k * d + q] = s * vkp + c * vkq;
  }
}
