/** The small pieces of algebra the merge costs need: determinants by Cholesky, and mclust's α. */
import { log } from '../logarithm';
import type { Transformed } from './transform';

/**
 * det(W) of a symmetric p×p matrix (lower triangle, row-major) by Cholesky, in place (the factor's
 * diagonal is left on W's): the product of the pivots, or −1 when a pivot is not positive.
 */
export function choleskyDeterminant(w: Float64Array, p: number): number {
  let value = 1;
  for (let j = 0; j < p; j++) {
    let pivot = w[j * p + j] as number;
    for (let t = 0; t < j; t++) pivot -= (w[j * p + t] as number) ** 2;
    if (!(pivot > 0) || !Number.isFinite(pivot)) return -1;
    value *= pivot;
    const root = Math.sqrt(pivot);
    for (let i = j + 1; i < p; i++) {
      let s = w[i * p + j] as number;
      for (let t = 0; t < j; t++) s -= (w[i * p + t] as number) * (w[j * p + t] as number);
      w[i * p + j] = s / root;
    }
    w[j * p + j] = root;
  }
  return value;
}

/** log det(W) from the Cholesky factor's diagonal that `choleskyDeterminant` left on W, pivot by pivot. */
export function logDeterminant(w: Float64Array, p: number): number {
  let sum = 0;
  for (let j = 0; j < p; j++) sum += 2 * log(w[j * p + j] as number);
  return sum;
}

/** mclust's α: the data's total sum of squares about the mean, divided by n·p (`traceW(x / √(np))`). */
export function meanVariance(Z: Transformed): number {
  const { data, rows: n, cols: p } = Z;
  if (p === 0) return 0;
  let total = 0;
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[i * p + j] as number;
    const mean = sum / n;
    for (let i = 0; i < n; i++) total += ((data[i * p + j] as number) - mean) ** 2;
  }
  return total / (n * p);
}
