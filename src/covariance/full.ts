/** Full covariance: one unrestricted D×D matrix per component. */
import type { SufficientStatistics } from '../sufficient-statistics';
import { type CovarianceModel, regularisedCount } from './model';

/**
 * Σₖ = Σγ(x−μ)(x−μ)ᵀ / (Nₖ + 10ε) + regCovar·I, from scatter centred on c: with g = Σγ(x−c) and
 * δ = μ − c, Σγ(x−μ)(x−μ)ᵀ = S − g·δᵀ − δ·gᵀ + Nₖ·δ·δᵀ (exact; S holds its upper triangle only).
 * Returns the K centred, unnormalised matrices (full, symmetric) for full and tied to divide.
 */
export function centredScatter(stats: SufficientStatistics, means: Float64Array, d: number): Float64Array {
  const { nk, first, scatter, centers } = stats;
  const k = nk.length;
  const out = new Float64Array(k * d * d);
  const delta = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const count = nk[c] as number;
    for (let j = 0; j < d; j++) delta[j] = (means[c * d + j] as number) - (centers[c * d + j] as number);
    const base = c * d * d;
    for (let j = 0; j < d; j++) {
      const gj = first[c * d + j] as number;
      const dj = delta[j] as number;
      for (let l = j; l < d; l++) {
        const gl = first[c * d + l] as number;
        const dl = delta[l] as number;
        const value = (scatter[base + j * d + l] as number) - gj * dl - dj * gl + count * dj * dl;
        out[base + j * d + l] = value;
        out[base + l * d + j] = value;
      }
    }
  }
  return out;
}

/** scikit-learn's full (mclust's VVV): one unrestricted D×D matrix per component, K×D×D. */
export const full: CovarianceModel = {
  type: 'full',
  storage: 'full',
  evaluation: 'full',
  compactLength: (d, k) => k * d * d,
  factorLength: (d, k) => k * d * d,
  compactShape: (d, k) => [k, d, d],
  scatterLength: (d, k) => k * d * d,
  scatterShape: (d, k) => [k, d, d],
  covarianceParameters: (d, k) => (k * d * (d + 1)) / 2,
  sharedCovariance: false,
  factorise: (kernels, cov, prec, logDet, work, d, k) =>
    kernels.choleskyPrecisionFull(cov, prec, logDet, work, d, k),
  density: (kernels) => kernels.logDensityFull,
  accumulate: (kernels) => kernels.accumulateFull,
  eStep: (kernels) => kernels.eStepFull,
  covariances(stats, means, d, regCovar) {
    const out = centredScatter(stats, means, d);
    const k = stats.nk.length;
    for (let c = 0; c < k; c++) {
      const count = regularisedCount(stats.nk[c] as number);
      const base = c * d * d;
      for (let i = 0; i < d * d; i++) out[base + i] = (out[base + i] as number) / count;
      for (let j = 0; j < d; j++) out[base + j * d + j] = (out[base + j * d + j] as number) + regCovar;
    }
    return out;
  },
  toFull: (compact) => compact.slice(),
  fromFull: (matrices) => matrices.slice(),
};
