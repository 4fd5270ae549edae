/**
 * Data across the whole range of doubles. Sums of squares overflow long before the values do
 * (|x| above ~1.3e154), and sums of sample weights can overflow or drown in the M-step's fixed
 * guards. These helpers keep the moments finite where the true values are, rescale sample weights
 * by a power of two (exactly) so that their total is near the number of rows, and name the cause
 * when data are simply out of range.
 */

import { NumericalFailureError } from './errors';
import type { MatrixValues } from './internal-types';

/**
 * Exactly x·2^e (steps of at most 2^1000, each exact while the result is a normal double).
 */
function timesPowerOfTwo(x: number, e: number): number {
  // Not a loop over an unbounded count: an infinite exponent saturates at once.
  if (!Number.isFinite(e)) return x * 2 ** e;
  let value = x;
  let left = e;
  while (left !== 0) {
    const step = Math.max(-1000, Math.min(1000, left));
    value *= 2 ** step;
    left -= step;
  }
  return value;
}

/** The exponent e with 2^e ≤ x < 2^(e+1), for positive finite x (subnormals included); 0 otherwise. */
function exponentOf(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  let e = Math.floor(Math.log2(x));
  // log2 can round across a power of two; correct by one step either way.
  if (timesPowerOfTwo(1, e) > x) e--;
  else if (timesPowerOfTwo(1, e + 1) <= x) e++;
  return e;
}

/**
 * Weights rescaled by a power of two so that their mean is within a factor 16 of 1: the fit is the
 * same (every estimate is a ratio of weighted sums), the rescaling is exact, and the guards that
 * keep an empty component's divisions finite stay negligible. Weights already in that range are
 * returned as they are, so ordinary weighted fits keep their bits.
 */
export function normaliseWeights(weights: Float64Array): Float64Array {
  let largest = 0;
  for (const w of weights) if (w > largest) largest = w;
  if (!(largest > 0)) return weights;
  // The largest brought to [1, 2) first, so that the sum cannot overflow; then the mean.
  const first = -exponentOf(largest);
  let sum = 0;
  for (const w of weights) sum += timesPowerOfTwo(w, first);
  const shift = first - exponentOf(sum / weights.length);
  if (shift >= -4 && shift <= 4) return weights;
  return weights.map((w) => timesPowerOfTwo(w, shift));
}

/**
 * Column moments that stay finite wherever the true values are: the plain two-pass sums when they
 * are finite (so ordinary data keep their bits), else the same passes on each column scaled by a
 * power of two near its largest magnitude.
 */
export function safeColumnMoments(
  X: { readonly data: MatrixValues; readonly rows: number; readonly cols: number },
  sampleWeight: Float64Array | undefined,
  plain: { mean: Float64Array; variance: Float64Array },
): { mean: Float64Array; variance: Float64Array } {
  const { data, rows, cols } = X;
  const { mean, variance } = plain;
  for (let j = 0; j < cols; j++) {
    if (Number.isFinite(mean[j] as number) && Number.isFinite(variance[j] as number)) continue;
    let largest = 0;
    for (let i = 0; i < rows; i++) largest = Math.max(largest, Math.abs(data[i * cols + j] as number));
    const e = -exponentOf(largest);
    let total = 0;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const w = sampleWeight ? (sampleWeight[i] as number) : 1;
      total += w;
      sum += w * timesPowerOfTwo(data[i * cols + j] as number, e);
    }
    const scaledMean = sum / total;
    let squares = 0;
    for (let i = 0; i < rows; i++) {
      const w = sampleWeight ? (sampleWeight[i] as number) : 1;
      const deviation = timesPowerOfTwo(data[i * cols + j] as number, e) - scaledMean;
      squares += w * deviation * deviation;
    }
    mean[j] = timesPowerOfTwo(scaledMean, -e);
    // Infinity where the true variance exceeds the largest double: `usableVariance` names it.
    variance[j] = timesPowerOfTwo(squares / total, -2 * e);
  }
  return { mean, variance };
}

/** The population standard deviation from moments computed at scale, finite wherever it is. */
export function safeStandardDeviation(
  X: { readonly data: MatrixValues; readonly rows: number; readonly cols: number },
  sampleWeight: Float64Array | undefined,
  j: number,
  mean: number,
): number {
  const { data, rows, cols } = X;
  let largest = 0;
  for (let i = 0; i < rows; i++) largest = Math.max(largest, Math.abs(data[i * cols + j] as number));
  if (!(largest > 0)) return 0;
  const e = -exponentOf(largest);
  const scaledMean = timesPowerOfTwo(mean, e);
  let total = 0;
  let squares = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    total += w;
    const deviation = timesPowerOfTwo(data[i * cols + j] as number, e) - scaledMean;
    squares += w * deviation * deviation;
  }
  return timesPowerOfTwo(Math.sqrt(squares / total), -e);
}

/**
 * The variances a covariance is made of, checked: an overflowing variance (|x| above ~1.3e154
 * spread both ways) is an Error that says what to do.
 * @throws NumericalFailureError naming the feature and its magnitude.
 */
export function checkVariances(variance: Float64Array): Float64Array {
  variance.forEach((v, j) => {
    if (!Number.isFinite(v)) {
      const remedy = 'rescale the data or set standardize: true';
      throw new NumericalFailureError(
        `the variance of feature ${j} overflows a double (its values spread beyond ±1.3e154); ${remedy}`,
        { remedy },
      );
    }
  });
  return variance;
}
