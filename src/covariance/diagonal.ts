/** Diagonal and spherical covariance: per-feature variances, or one variance per component. */

import type { SufficientStatistics } from '../sufficient-statistics';
import { type CovarianceModel, regularisedCount } from './model';

/**
 * σ²ₖⱼ = Σγ(xⱼ−μⱼ)² / (Nₖ + 10ε) + regCovar, recentred exactly from squares centred on c:
 * Σγ(xⱼ−μⱼ)² = Sⱼ − 2·gⱼ·δⱼ + Nₖ·δⱼ².
 */
function diagonalVariances(
  stats: SufficientStatistics,
  means: Float64Array,
  d: number,
  regCovar: number,
): Float64Array {
  const { nk, first, scatter: squares, centers } = stats;
  const k = nk.length;
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = nk[c] as number;
    for (let j = 0; j < d; j++) {
      const i = c * d + j;
      const delta = (means[i] as number) - (centers[i] as number);
      const centred = (squares[i] as number) - 2 * (first[i] as number) * delta + count * delta * delta;
      out[i] = centred / regularisedCount(count) + regCovar;
    }
  }
  return out;
}

/** scikit-learn's diag (mclust's VVI): one variance per component and feature, K×D. */
export const diag: CovarianceModel = {
  type: 'diag',
  storage: 'diag',
  evaluation: 'diag',
  compactLength: (d, k) => k * d,
  factorLength: (d, k) => k * d,
  compactShape: (d, k) => [k, d],
  scatterLength: (d, k) => k * d,
  scatterShape: (d, k) => [k, d],
  covarianceParameters: (d, k) => k * d,
  sharedCovariance: false,
  factorise: (kernels, cov, prec, logDet, _work, d, k) => kernels.precisionDiag(cov, prec, logDet, d, k),
  density: (kernels) => kernels.logDensityDiag,
  accumulate: (kernels) => kernels.accumulateDiag,
  eStep: (kernels) => kernels.eStepDiag,
  covariances: diagonalVariances,
  toFull(compact, d, k) {
    const out = new Float64Array(k * d * d);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) out[c * d * d + j * d + j] = compact[c * d + j] as number;
    return out;
  },
  fromFull(matrices, d, k) {
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) out[c * d + j] = matrices[c * d * d + j * d + j] as number;
    return out;
  },
};

/** scikit-learn's spherical (mclust's VII): one variance per component, K, stored with diag's statistics. */
export const spherical: CovarianceModel = {
  type: 'spherical',
  storage: 'spherical',
  evaluation: 'spherical',
  compactLength: (_d, k) => k,
  factorLength: (_d, k) => k,
  compactShape: (_d, k) => [k],
  // Spherical's statistics are diag's; its variance is their mean over features.
  scatterLength: (d, k) => k * d,
  scatterShape: (d, k) => [k, d],
  covarianceParameters: (_d, k) => k,
  sharedCovariance: false,
  factorise: (kernels, cov, prec, logDet, _work, d, k) => kernels.precisionSpherical(cov, prec, logDet, d, k),
  density: (kernels) => kernels.logDensitySpherical,
  accumulate: (kernels) => kernels.accumulateDiag,
  eStep: (kernels) => kernels.eStepSpherical,
  /** σ²ₖ = the mean over features of the regularised diagonal variances, as scikit-learn. */
  covariances(stats, means, d, regCovar) {
    const variances = diagonalVariances(stats, means, d, regCovar);
    const k = stats.nk.length;
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += variances[c * d + j] as number;
      out[c] = sum / d;
    }
    return out;
  },
  toFull(compact, d, k) {
    const out = new Float64Array(k * d * d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * d * d + j * d + j] = compact[c] as number;
    return out;
  },
  fromFull(matrices, d, k) {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += matrices[c * d * d + j * d + j] as number;
      out[c] = sum / d;
    }
    return out;
  },
};
