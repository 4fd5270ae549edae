/**
 * Small dense symmetric and orthogonal matrix tools for the constrained M-steps (D×D, row-major):
 * the orthogonal factor of a polar decomposition that the equal-orientation models' MM steps need,
 * products, inverses and log-determinants (the eigen-decomposition that splits a scatter matrix into
 * orientation and shape is ../eigen.ts). Once per M-step, never per row: clarity over speed.
 */
import { log } from '../math';
import { exp } from './exp';

/** Newton iterations for the polar factor at most (quadratic convergence: ~10 in practice). */
const POLAR_ITERATIONS = 100;

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
