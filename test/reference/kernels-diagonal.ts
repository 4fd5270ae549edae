/**
 * Plain TypeScript twins of the wasm kernels for diagonal and spherical covariances. They define the
 * kernel contract: the SIMD kernels must agree with these to rounding. Written for clarity; every
 * result is a fresh row-major Float64Array and the inputs are never modified.
 */

/** Sufficient statistics of one E-step for diagonal covariances, about fixed centers. */
export interface DiagStatistics {
  /** K responsibility sums. */
  readonly nk: Float64Array;
  /** K×D first moments about the centers. */
  readonly first: Float64Array;
  /** K×D second moments about the centers, one per feature (no cross products). */
  readonly squares: Float64Array;
}

/** Precisions, log-determinant terms and status of a precision kernel (see {@link precisionDiag}). */
export interface DiagonalPrecision {
  readonly precisions: Float64Array;
  readonly logDet: Float64Array;
  readonly status: number;
}

/** A variance the kernels can use: a finite positive number whose precision 1/v is finite too (not subnormal). */
function isUsableVariance(v: number): boolean {
  return v > 0 && Number.isFinite(v) && Number.isFinite(1 / v);
}

/**
 * precisions[c·D + j] = 1/σ²_cj; logDet[c] = −½ Σⱼ log σ²_cj.
 * @param variances - K×D. @returns status 0, or 1 + the first component holding a variance that is
 *   not a finite positive number or whose precision overflows (a subnormal variance), the rule of
 *   the wasm kernels; components from that one on are left as zeros.
 */
export function precisionDiag(variances: Float64Array, d: number, k: number): DiagonalPrecision {
  const precisions = new Float64Array(k * d);
  const logDet = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const row = Array.from(variances.subarray(c * d, c * d + d));
    if (!row.every(isUsableVariance)) return { precisions, logDet, status: c + 1 };
    row.forEach((v, j) => {
      precisions[c * d + j] = 1 / v;
    });
    logDet[c] = -0.5 * row.reduce((sum, v) => sum + Math.log(v), 0);
  }
  return { precisions, logDet, status: 0 };
}

/**
 * precisions[c] = 1/σ²_c; logDet[c] = −½·D·log σ²_c.
 * @param variances - K, one per component. @returns status as {@link precisionDiag}.
 */
export function precisionSpherical(variances: Float64Array, d: number, k: number): DiagonalPrecision {
  const precisions = new Float64Array(k);
  const logDet = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const v = variances[c] ?? 0;
    if (!isUsableVariance(v)) return { precisions, logDet, status: c + 1 };
    precisions[c] = 1 / v;
    logDet[c] = -0.5 * d * Math.log(v);
  }
  return { precisions, logDet, status: 0 };
}

/**
 * out[i·K + c] = −½(D·ln 2π + Σⱼ p_cj (x_ij − μ_cj)²) + logDet[c] + logWeights[c].
 * @param precisions - K×D from {@link precisionDiag}. @returns N×K log-probabilities.
 */
export function logDensityDiag(
  x: Float64Array,
  means: Float64Array,
  precisions: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const e = (x[i * d + j] ?? 0) - (means[c * d + j] ?? 0);
        squared += (precisions[c * d + j] ?? 0) * e * e;
      }
      out[i * k + c] = -0.5 * (d * Math.log(2 * Math.PI) + squared) + (logDet[c] ?? 0) + (logWeights[c] ?? 0);
    }
  }
  return out;
}

/**
 * out[i·K + c] = −½(D·ln 2π + p_c ‖x_i − μ_c‖²) + logDet[c] + logWeights[c].
 * @param precisions - K from {@link precisionSpherical}. @returns N×K log-probabilities.
 */
export function logDensitySpherical(
  x: Float64Array,
  means: Float64Array,
  precisions: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const e = (x[i * d + j] ?? 0) - (means[c * d + j] ?? 0);
        squared += e * e;
      }
      const quadratic = (precisions[c] ?? 0) * squared;
      out[i * k + c] =
        -0.5 * (d * Math.log(2 * Math.PI) + quadratic) + (logDet[c] ?? 0) + (logWeights[c] ?? 0);
    }
  }
  return out;
}

/**
 * M-step statistics for diagonal covariances about fixed centers; statistics of disjoint chunks add up.
 *
 * nk[c] = Σᵢ γ_ic; first[c·D + j] = Σᵢ γ_ic (x_ij − centers_cj); squares[c·D + j] = Σᵢ γ_ic (x_ij − centers_cj)².
 * @param x - N×D points. @param resp - N×K responsibilities. @param centers - K×D.
 */
export function accumulateDiag(
  x: Float64Array,
  resp: Float64Array,
  centers: Float64Array,
  n: number,
  d: number,
  k: number,
): DiagStatistics {
  const nk = new Float64Array(k);
  const first = new Float64Array(k * d);
  const squares = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const gamma = resp[i * k + c] ?? 0;
      nk[c] = (nk[c] ?? 0) + gamma;
      for (let j = 0; j < d; j++) {
        const e = (x[i * d + j] ?? 0) - (centers[c * d + j] ?? 0);
        first[c * d + j] = (first[c * d + j] ?? 0) + gamma * e;
        squares[c * d + j] = (squares[c * d + j] ?? 0) + gamma * e * e;
      }
    }
  }
  return { nk, first, squares };
}
