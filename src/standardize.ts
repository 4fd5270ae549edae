/**
 * Feature z-scoring for `standardize: true`. The fit runs on z = (x − m) / s, and the model keeps
 * (m, s) to apply the same transform to every X it is asked about; what it reports is in the user's
 * units: μ = m + s∘μ', Σ = diag(s)·Σ'·diag(s), log p(x) = log p'(z) − Σⱼ log sⱼ.
 */

import type { DenseMatrix } from './internal-types';
import { log } from './logarithm';
import { safeColumnMoments, safeStandardDeviation } from './magnitudes';

/** The z-scoring of `standardize: true`: z = (x − mean) / scale per column, kept with the model. */
export interface Standardization {
  /** D column means (weighted, with sample weights), subtracted. */
  readonly mean: Float64Array;
  /** Population standard deviation per column; 1 for a constant column, which then stays as it is. */
  readonly scale: Float64Array;
}

/** m and s from the (weighted) column moments of X. */
export function fitStandardization(X: DenseMatrix, sampleWeight?: Float64Array): Standardization {
  const { mean, variance } = columnMoments(X, sampleWeight);
  const scale = variance.map((v, j) => {
    // A variance that overflowed, or underflowed below the normal doubles, has a standard
    // deviation that may well be a double: compute it at scale.
    const s =
      v >= 2 ** -1022 && Number.isFinite(v)
        ? Math.sqrt(v)
        : safeStandardDeviation(X, sampleWeight, j, mean[j] as number);
    return s > 0 && Number.isFinite(s) ? s : 1;
  });
  return { mean, scale };
}

/** −Σⱼ log sⱼ: added to a standardized log-density it gives the original-units one. */
export function logJacobian(z: Standardization): number {
  let sum = 0;
  for (const s of z.scale) sum -= log(s);
  return sum;
}

/** Column means and population variances, weighted when weights are given, by two passes for accuracy. */
export function columnMoments(
  X: DenseMatrix,
  sampleWeight?: Float64Array,
): { mean: Float64Array; variance: Float64Array } {
  const { data, rows, cols } = X;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    total += w;
    for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + w * (data[i * cols + j] as number);
  }
  for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / total;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    for (let j = 0; j < cols; j++) {
      const e = (data[i * cols + j] as number) - (mean[j] as number);
      variance[j] = (variance[j] as number) + w * e * e;
    }
  }
  for (let j = 0; j < cols; j++) variance[j] = (variance[j] as number) / total;
  return safeColumnMoments(X, sampleWeight, { mean, variance });
}

/** X z-scored, as a new matrix (X is not written); NaN stay NaN. */
export function standardizeMatrix(X: DenseMatrix, z: Standardization): DenseMatrix {
  const { rows, cols } = X;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = X.data[i * cols + j] as number;
      const m = z.mean[j] as number;
      const s = z.scale[j] as number;
      const value = (x - m) / s;
      // x − m overflows only for values near the largest double on both sides of the mean.
      data[i * cols + j] = Number.isFinite(value) ? value : x / s - m / s;
    }
  }
  return { data, rows, cols };
}

/** Means (K×D) and full covariances (K×D×D) from standardized units to the user's. */
export function toOriginalUnits(
  means: Float64Array,
  covariances: Float64Array,
  z: Standardization,
): { means: Float64Array; covariances: Float64Array } {
  const d = z.scale.length;
  return {
    means: means.map((value, i) => (z.mean[i % d] as number) + (z.scale[i % d] as number) * value),
    covariances: covariances.map((value, i) => value * scaleProduct(z, i, d)),
  };
}

/** Means (K×D) and full covariances (K×D×D) from the user's units to standardized ones. */
export function toStandardUnits(
  means: Float64Array,
  covariances: Float64Array,
  z: Standardization,
): { means: Float64Array; covariances: Float64Array } {
  const d = z.scale.length;
  return {
    means: means.map((value, i) => (value - (z.mean[i % d] as number)) / (z.scale[i % d] as number)),
    covariances: covariances.map((value, i) => value / scaleProduct(z, i, d)),
  };
}

/** sⱼ·sₗ for entry i of a stack of D×D matrices. */
function scaleProduct(z: Standardization, i: number, d: number): number {
  return (z.scale[Math.floor(i / d) % d] as number) * (z.scale[i % d] as number);
}
