/**
 * Small dense symmetric and orthogonal matrix tools for the constrained M-steps (D×D, row-major):
 * the orthogonal factor of a polar decomposition that the equal-orientation models' MM steps need,
 * products, inverses and log-determinants (the eigen-decomposition that splits a scatter matrix into
 * orientation and shape is ../eigen.ts). Per M-step, never per row; what the iterative M-steps'
 * inner loops call thousands of times a fit writes into scratch the caller allocated once.
 */
import { log } from '../logarithm';
import { exp } from './exp';

/** Newton iterations for the polar factor at most (quadratic convergence: ~10 in practice). */
const POLAR_ITERATIONS = 100;

/** The d×d identity matrix, row-major. */
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

/**
 * Σₗ a[ai + l]·b[bi + l] over l = 0…n−1, added in that order from 0 — the bits of the plain loop —
 * four terms a turn: the equal-orientation inner loops spend most of their time in dot products of
 * length D, where the loop's own overhead is as large as the arithmetic.
 */
export function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let sum = 0;
  let l = 0;
  for (const whole = n - (n % 4); l < whole; l += 4) {
    sum += (a[ai + l] as number) * (b[bi + l] as number);
    sum += (a[ai + l + 1] as number) * (b[bi + l + 1] as number);
    sum += (a[ai + l + 2] as number) * (b[bi + l + 2] as number);
    sum += (a[ai + l + 3] as number) * (b[bi + l + 3] as number);
  }
  for (; l < n; l++) sum += (a[ai + l] as number) * (b[bi + l] as number);
  return sum;
}

/** Aᵀ of a d×d matrix, as a new array. */
export function transpose(a: Float64Array, d: number): Float64Array {
  return transposeInto(a, d, new Float64Array(d * d));
}

/** Aᵀ into `out` (d×d, not `a`). */
export function transposeInto(a: Float64Array, d: number, out: Float64Array): Float64Array {
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

/**
 * `inverse` into `out`, with `m` (d×d) as its scratch: no allocation, for inner loops. Work on
 * entries known to be zero is left out (columns of `m` already eliminated, zeros of the pivot row of
 * `out`): subtracting f·0 changes no value, so the result is that of the full elimination.
 */
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
    const row = col * d;
    for (let j = col; j < d; j++) m[row + j] = (m[row + j] as number) / p;
    for (let j = 0; j < d; j++) {
      const value = out[row + j] as number;
      if (value !== 0) out[row + j] = value / p;
    }
    for (let r = 0; r < d; r++) {
      const f = m[r * d + col] as number;
      if (r === col || f === 0) continue;
      const other = r * d;
      // Columns before `col` are zero in both rows, and column `col` becomes zero: never read again.
      for (let j = col + 1; j < d; j++) m[other + j] = (m[other + j] as number) - f * (m[row + j] as number);
      for (let j = 0; j < d; j++) {
        const value = out[row + j] as number;
        if (value !== 0) out[other + j] = (out[other + j] as number) - f * value;
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

/** The scratch `polarFactorInto` works in: three d×d matrices and an inverse's scratch. */
export interface PolarScratch {
  /** The current iterate X (d×d). */
  readonly x: Float64Array;
  /** The next iterate (d×d); swapped with `x` each iteration. */
  readonly next: Float64Array;
  /** X⁻¹ (d×d). */
  readonly inv: Float64Array;
  /** The inverse's elimination scratch (d×d). */
  readonly m: Float64Array;
}

/** Scratch for `polarFactorInto` in d dimensions: allocate once per M-step, reuse every inner iteration. */
export function polarScratch(d: number): PolarScratch {
  const matrix = () => new Float64Array(d * d);
  return { x: matrix(), next: matrix(), inv: matrix(), m: matrix() };
}

/**
 * The orthogonal factor U of the polar decomposition F = U·H (H symmetric positive semi-definite),
 * into `out` (d×d, not `f`): U = P·Rᵀ for the SVD F = P·B·Rᵀ, which is what mclust takes from
 * LAPACK's dgesvd. Newton's iteration X ← (γX + X⁻ᵀ/γ)/2 with Higham's scaling γ converges
 * quadratically for nonsingular F. Works in `scratch` and allocates nothing: the equal-orientation
 * M-steps take two polar factors an inner iteration.
 * @returns false, leaving `out` unspecified, when F is singular to working precision.
 */
export function polarFactorInto(
  f: Float64Array,
  d: number,
  out: Float64Array,
  scratch: PolarScratch,
): boolean {
  let { x, next } = scratch;
  const { inv, m } = scratch;
  x.set(f);
  let scaled = true;
  for (let iteration = 0; iteration < POLAR_ITERATIONS; iteration++) {
    if (!inverseInto(x, d, 0, inv, m)) return false;
    const gamma = scaled ? Math.sqrt(frobenius(inv) / frobenius(x)) : 1;
    let change = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const value = 0.5 * (gamma * (x[i * d + j] as number) + (inv[j * d + i] as number) / gamma);
        change = Math.max(change, Math.abs(value - (x[i * d + j] as number)));
        next[i * d + j] = value;
      }
    }
    [x, next] = [next, x];
    if (change < 1e-3) scaled = false;
    if (change <= 4 * Number.EPSILON) break;
  }
  out.set(x);
  return true;
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
