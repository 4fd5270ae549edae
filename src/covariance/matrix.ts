/**
 * Small dense symmetric and orthogonal matrix tools for the constrained M-steps (D×D, row-major):
 * the eigen-decomposition that splits a scatter matrix into orientation and shape, the orthogonal
 * factor of a polar decomposition that the equal-orientation models' MM steps need, inverses and
 * log-determinants. Once per M-step, never per row: clarity over speed.
 */
import { log } from '../math';
import { exp } from './exp';

/** Sweeps of the cyclic Jacobi method at most; it converges quadratically, in well under 20 for D ≤ 100. */
const JACOBI_SWEEPS = 60;
/** Newton iterations for the polar factor at most (quadratic convergence: ~10 in practice). */
const POLAR_ITERATIONS = 100;

/** Eigenvalues in decreasing order and their eigenvectors as the columns of `vectors`. */
export interface Eigen {
  readonly values: Float64Array;
  /** D×D, row-major: column j is the unit eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
}

/**
 * The eigen-decomposition of the symmetric d×d matrix at `offset` in `a` by the cyclic Jacobi
 * method (accurate to rounding in every eigenvalue, which matters for the shape parameters), values
 * sorted decreasing as LAPACK's SVD of the weighted data gives them to mclust.
 */
export function symmetricEigen(a: ArrayLike<number>, d: number, offset = 0): Eigen {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) m[i] = a[offset + i] as number;
  const v = identity(d);
  for (let sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < d; i++) {
      diagonal += (m[i * d + i] as number) ** 2;
      for (let j = i + 1; j < d; j++) off += (m[i * d + j] as number) ** 2;
    }
    if (off <= 1e-32 * diagonal || off === 0) break;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) rotate(m, v, d, p, q);
  }
  const order = Array.from({ length: d }, (_, j) => j).sort(
    (x, y) => (m[y * d + y] as number) - (m[x * d + x] as number),
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((from, to) => {
    values[to] = m[from * d + from] as number;
    for (let i = 0; i < d; i++) vectors[i * d + to] = v[i * d + from] as number;
  });
  return { values, vectors };
}

/** One Jacobi rotation zeroing m[p][q], accumulated into the eigenvectors v. */
function rotate(m: Float64Array, v: Float64Array, d: number, p: number, q: number): void {
  const apq = m[p * d + q] as number;
  if (apq === 0) return;
  const app = m[p * d + p] as number;
  const aqq = m[q * d + q] as number;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let r = 0; r < d; r++) {
    const mrp = m[r * d + p] as number;
    const mrq = m[r * d + q] as number;
    m[r * d + p] = c * mrp - s * mrq;
    m[r * d + q] = s * mrp + c * mrq;
  }
  for (let r = 0; r < d; r++) {
    const mpr = m[p * d + r] as number;
    const mqr = m[q * d + r] as number;
    m[p * d + r] = c * mpr - s * mqr;
    m[q * d + r] = s * mpr + c * mqr;
  }
  m[p * d + q] = 0;
  m[q * d + p] = 0;
  for (let r = 0; r < d; r++) {
    const vrp = v[r * d + p] as number;
    const vrq = v[r * d + q] as number;
    v[r * d + p] = c * vrp - s * vrq;
    v[r * d + q] = s * vrp + c * vrq;
  }
}

export function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) out[j * d + j] = 1;
  return out;
}

/** A·B for d×d matrices (`b` from `offset`). */
export function multiply(a: Float64Array, b: ArrayLike<number>, d: number, offset = 0): Float64Array {
  return multiplyInto(a, b, d, offset, new Float64Array(d * d));
}

/** A·B into `out` (d×d, overwritten; not `a` or `b`), for loops that run it many times. */
export function multiplyInto(
  a: Float64Array,
  b: ArrayLike<number>,
  d: number,
  offset: number,
  out: Float64Array,
): Float64Array {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    for (let l = 0; l < d; l++) {
      const ail = a[i * d + l] as number;
      if (ail === 0) continue;
      for (let j = 0; j < d; j++)
        out[i * d + j] = (out[i * d + j] as number) + ail * (b[offset + l * d + j] as number);
    }
  }
  return out;
}

export function transpose(a: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[j * d + i] = a[i * d + j] as number;
  return out;
}

/** V·diag(values)·Vᵀ·factor, symmetric by construction, written into `out` at `offset`. */
export function compose(
  vectors: Float64Array,
  values: ArrayLike<number>,
  factor: number,
  d: number,
  out: Float64Array,
  offset: number,
): void {
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let sum = 0;
      for (let l = 0; l < d; l++)
        sum += (vectors[i * d + l] as number) * (values[l] as number) * (vectors[j * d + l] as number);
      out[offset + i * d + j] = sum * factor;
      out[offset + j * d + i] = sum * factor;
    }
  }
}

/** exp(mean of the logs): the geometric mean, |A|^(1/d) of a diagonal A; 0 when any value is ≤ 0. */
export function geometricMean(values: ArrayLike<number>, from = 0, length = values.length - from): number {
  let sum = 0;
  for (let j = 0; j < length; j++) {
    const value = values[from + j] as number;
    if (!(value > 0)) return 0;
    sum += log(value);
  }
  return exp(sum / length);
}

/**
 * The inverse of a d×d matrix by Gauss–Jordan elimination with partial pivoting; `undefined` when
 * a pivot vanishes (the matrix is singular to working precision).
 */
export function inverse(a: ArrayLike<number>, d: number, offset = 0): Float64Array | undefined {
  return inverseInto(a, d, offset, new Float64Array(d * d), new Float64Array(d * d));
}

/** `inverse` into `out`, with `m` (d×d) as its scratch: no allocation, for inner loops. */
function inverseInto(
  a: ArrayLike<number>,
  d: number,
  offset: number,
  out: Float64Array,
  m: Float64Array,
): Float64Array | undefined {
  for (let i = 0; i < d * d; i++) m[i] = a[offset + i] as number;
  out.fill(0);
  for (let j = 0; j < d; j++) out[j * d + j] = 1;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++)
      if (Math.abs(m[r * d + col] as number) > Math.abs(m[pivot * d + col] as number)) pivot = r;
    const p = m[pivot * d + col] as number;
    if (!(Math.abs(p) > 0) || !Number.isFinite(p)) return undefined;
    if (pivot !== col) {
      swapRows(m, d, pivot, col);
      swapRows(out, d, pivot, col);
    }
    for (let j = 0; j < d; j++) {
      m[col * d + j] = (m[col * d + j] as number) / p;
      out[col * d + j] = (out[col * d + j] as number) / p;
    }
    for (let r = 0; r < d; r++) {
      const f = m[r * d + col] as number;
      if (r === col || f === 0) continue;
      for (let j = 0; j < d; j++) {
        m[r * d + j] = (m[r * d + j] as number) - f * (m[col * d + j] as number);
        out[r * d + j] = (out[r * d + j] as number) - f * (out[col * d + j] as number);
      }
    }
  }
  return out;
}

function swapRows(m: Float64Array, d: number, a: number, b: number): void {
  for (let j = 0; j < d; j++) {
    const t = m[a * d + j] as number;
    m[a * d + j] = m[b * d + j] as number;
    m[b * d + j] = t;
  }
}

/**
 * The orthogonal factor U of the polar decomposition F = U·H (H symmetric positive semi-definite):
 * U = P·Rᵀ for the SVD F = P·B·Rᵀ, which is what mclust takes from LAPACK's dgesvd. Newton's
 * iteration X ← (γX + X⁻ᵀ/γ)/2 with Higham's scaling γ converges quadratically for nonsingular F;
 * `undefined` when F is singular to working precision.
 */
export function polarFactor(f: Float64Array, d: number): Float64Array | undefined {
  let x = f.slice();
  let next = new Float64Array(d * d);
  const inv = new Float64Array(d * d);
  const scratch = new Float64Array(d * d);
  let scaled = true;
  for (let iteration = 0; iteration < POLAR_ITERATIONS; iteration++) {
    if (!inverseInto(x, d, 0, inv, scratch)) return undefined;
    const gamma = scaled ? Math.sqrt(frobenius(inv) / frobenius(x)) : 1;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++)
        next[i * d + j] = 0.5 * (gamma * (x[i * d + j] as number) + (inv[j * d + i] as number) / gamma);
    let change = 0;
    for (let i = 0; i < d * d; i++)
      change = Math.max(change, Math.abs((next[i] as number) - (x[i] as number)));
    [x, next] = [next, x];
    if (change < 1e-3) scaled = false;
    if (change <= 4 * Number.EPSILON) return x;
  }
  return x;
}

function frobenius(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) ** 2;
  return Math.sqrt(sum);
}

/** log|A| of a symmetric positive-definite d×d matrix by Cholesky; NaN when it is not positive definite. */
export function logDeterminant(a: ArrayLike<number>, d: number, offset = 0): number {
  const l = new Float64Array(d * d);
  let logDet = 0;
  for (let j = 0; j < d; j++) {
    let pivot = a[offset + j * d + j] as number;
    for (let t = 0; t < j; t++) pivot -= (l[j * d + t] as number) ** 2;
    if (!(pivot > 0)) return Number.NaN;
    const root = Math.sqrt(pivot);
    l[j * d + j] = root;
    logDet += 2 * log(root);
    for (let i = j + 1; i < d; i++) {
      let s = a[offset + i * d + j] as number;
      for (let t = 0; t < j; t++) s -= (l[i * d + t] as number) * (l[j * d + t] as number);
      l[i * d + j] = s / root;
    }
  }
  return logDet;
}
