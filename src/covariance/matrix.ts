/**
 * Small dense symmetric matrix tools for the constrained M-steps (D×D, row-major): transposes,
 * compositions V·diag(values)·Vᵀ, geometric means, inverses and log-determinants (the
 * eigen-decomposition that splits a scatter matrix into orientation and shape is ../eigen.ts; the
 * polar factors of the equal-orientation models' MM loop are computed in wasm with that loop,
 * assembly/polar.ts). Per M-step, never per row.
 */
import { log } from '../logarithm';
import { exp } from './exp';

/** The d×d identity matrix, row-major. */
export function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) out[j * d + j] = 1;
  return out;
}

/** Aᵀ of a d×d matrix, as a new array. */
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
 * a pivot vanishes (the matrix is singular to working precision). Work on entries known to be zero
 * is left out (columns of the copy already eliminated, zeros of the pivot row of the inverse):
 * subtracting f·0 changes no value, so the result is that of the full elimination.
 */
export function inverse(a: ArrayLike<number>, d: number, offset = 0): Float64Array | undefined {
  const m = new Float64Array(d * d);
  const out = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) m[i] = a[offset + i] as number;
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
