/** Tied covariance: one D×D matrix shared by every component. */
import { centredScatter } from './full';
import { type CovarianceModel, regularisedCount } from './model';

/**
 * scikit-learn's tied (mclust's EEE): one D×D matrix shared by every component, stored once; its statistics
 * are full's per component.
 */
export const tied: CovarianceModel = {
  type: 'tied',
  storage: 'tied',
  evaluation: 'tied',
  compactLength: (d) => d * d,
  factorLength: (d) => d * d,
  compactShape: (d) => [d, d],
  // Tied's statistics are full's, summed over components in the M-step.
  scatterLength: (d, k) => k * d * d,
  scatterShape: (d, k) => [k, d, d],
  covarianceParameters: (d) => (d * (d + 1)) / 2,
  sharedCovariance: true,
  factorise: (kernels, cov, prec, logDet, work, d) =>
    kernels.choleskyPrecisionFull(cov, prec, logDet, work, d, 1),
  density: (kernels) => kernels.logDensityTied,
  accumulate: (kernels) => kernels.accumulateFull,
  eStep: (kernels) => kernels.eStepTied,
  /** Σ = Σₖ Σγ(x−μₖ)(x−μₖ)ᵀ / Σₖ(Nₖ + 10ε) + regCovar·I, as scikit-learn's tied estimate. */
  covariances(stats, means, d, regCovar) {
    const perComponent = centredScatter(stats, means, d);
    const k = stats.nk.length;
    const out = new Float64Array(d * d);
    let total = 0;
    for (let c = 0; c < k; c++) {
      total += regularisedCount(stats.nk[c] as number);
      for (let i = 0; i < d * d; i++) out[i] = (out[i] as number) + (perComponent[c * d * d + i] as number);
    }
    for (let i = 0; i < d * d; i++) out[i] = (out[i] as number) / total;
    for (let j = 0; j < d; j++) out[j * d + j] = (out[j * d + j] as number) + regCovar;
    return out;
  },
  toFull(compact, d, k) {
    const out = new Float64Array(k * d * d);
    for (let c = 0; c < k; c++) out.set(compact, c * d * d);
    return out;
  },
  fromFull(matrices, d, k) {
    const out = new Float64Array(d * d);
    for (let c = 0; c < k; c++)
      for (let i = 0; i < d * d; i++) out[i] = (out[i] as number) + (matrices[c * d * d + i] as number);
    return out.map((value) => value / k);
  },
};
