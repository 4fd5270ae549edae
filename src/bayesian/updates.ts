/**
 * The variational M-step, term for term scikit-learn's `BayesianGaussianMixture._m_step`: the
 * E-step's statistics become Nₖ, x̄ₖ and Sₖ exactly as in EM (`_estimate_gaussian_parameters`, with
 * Nₖ + 10ε and `regCovar` on Sₖ's diagonal), and those update the weight concentrations, the
 * Gaussian over the means and the Wishart over the precisions, one small function per covariance type.
 */
import type { CovarianceModel } from '../covariance/model';
import { regularisedCount } from '../covariance/model';
import { mStep } from '../em/m-step';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import type { Priors, VariationalParameters } from './parameters';

/** Nₖ + 10ε, x̄ₖ and Sₖ (compact, `regCovar` on the diagonal): the data's part of every update. */
interface Moments {
  readonly nk: Float64Array;
  readonly xk: Float64Array;
  readonly sk: Float64Array;
}

type WishartUpdate = (
  moments: Moments,
  meanPrecision: Float64Array,
  priors: Priors,
  d: number,
) => { degreesOfFreedom: Float64Array; covariances: Float64Array };

/** The variational parameters that statistics of an E-step (or of given responsibilities) lead to. */
export function variationalMStep(
  stats: SufficientStatistics,
  priors: Priors,
  regCovar: number,
  model: CovarianceModel,
): VariationalParameters {
  const k = stats.nk.length;
  const d = stats.first.length / k;
  const point = mStep(stats, d, regCovar, model);
  const moments: Moments = {
    nk: stats.nk.map(regularisedCount),
    xk: point.means,
    sk: point.covariances,
  };
  const weightConcentration = concentrations(moments.nk, priors);
  const meanPrecision = moments.nk.map((n) => priors.meanPrecision + n);
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const n = moments.nk[c] as number;
    for (let j = 0; j < d; j++) {
      const prior = priors.meanPrecision * (priors.meanPrior[j] as number);
      means[c * d + j] = (prior + n * (moments.xk[c * d + j] as number)) / (meanPrecision[c] as number);
    }
  }
  const wishart = WISHART_UPDATES[model.type as CovarianceType](moments, meanPrecision, priors, d);
  return { weightConcentration, meanPrecision, means, ...wishart };
}

/**
 * Dirichlet process: aₖ = 1 + Nₖ, bₖ = γ + Σⱼ₍ⱼ>ₖ₎ Nⱼ (the sticks left for later components);
 * Dirichlet distribution: αₖ = α₀ + Nₖ.
 */
function concentrations(nk: Float64Array, priors: Priors): Float64Array[] {
  if (priors.weightPrior === 'dirichlet-distribution') {
    return [nk.map((n) => priors.weightConcentration + n)];
  }
  const k = nk.length;
  const a = nk.map((n) => 1 + n);
  const b = new Float64Array(k);
  // numpy's cumsum of the reversed counts, read back: the same additions in the same order.
  let tail = 0;
  const tails = new Float64Array(k);
  for (let c = k - 1; c >= 0; c--) {
    tail += nk[c] as number;
    tails[c] = tail;
  }
  for (let c = 0; c < k; c++) b[c] = priors.weightConcentration + (c + 1 < k ? (tails[c + 1] as number) : 0);
  return [a, b];
}

/** x̄ₖ − m₀ for component c. */
function offset(moments: Moments, priors: Priors, c: number, d: number): Float64Array {
  const diff = new Float64Array(d);
  for (let j = 0; j < d; j++) diff[j] = (moments.xk[c * d + j] as number) - (priors.meanPrior[j] as number);
  return diff;
}

/** νₖ = ν₀ + Nₖ; Wₖ⁻¹ = W₀⁻¹ + Nₖ·Sₖ + Nₖβ₀/βₖ·(x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ; stored divided by νₖ. */
const full: WishartUpdate = (moments, meanPrecision, priors, d) => {
  const k = moments.nk.length;
  const degreesOfFreedom = moments.nk.map((n) => priors.degreesOfFreedom + n);
  const covariances = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const n = moments.nk[c] as number;
    const diff = offset(moments, priors, c, d);
    const shrink = (n * priors.meanPrecision) / (meanPrecision[c] as number);
    const dof = degreesOfFreedom[c] as number;
    // The upper triangle, mirrored: the matrices are exactly symmetric.
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const at = c * d * d + i * d + j;
        const value =
          (priors.covariancePrior[i * d + j] as number) +
          n * (moments.sk[at] as number) +
          shrink * (diff[i] as number) * (diff[j] as number);
        covariances[at] = value / dof;
        covariances[c * d * d + j * d + i] = value / dof;
      }
    }
  }
  return { degreesOfFreedom, covariances };
};

/**
 * ν = ν₀ + ΣNₖ/K; W⁻¹ = W₀⁻¹ + S·ΣNₖ/K + β₀/K·Σₖ (Nₖ/βₖ)(x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ; stored divided by ν.
 */
const tied: WishartUpdate = (moments, meanPrecision, priors, d) => {
  const k = moments.nk.length;
  let total = 0;
  for (let c = 0; c < k; c++) total += moments.nk[c] as number;
  const dof = priors.degreesOfFreedom + total / k;
  const spread = new Float64Array(d * d);
  for (let c = 0; c < k; c++) {
    const diff = offset(moments, priors, c, d);
    const weight = (moments.nk[c] as number) / (meanPrecision[c] as number);
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++)
        spread[i * d + j] =
          (spread[i * d + j] as number) + weight * (diff[i] as number) * (diff[j] as number);
  }
  const covariances = new Float64Array(d * d);
  // The upper triangle, mirrored: the matrix is exactly symmetric.
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const at = i * d + j;
      const value =
        (priors.covariancePrior[at] as number) +
        ((moments.sk[at] as number) * total) / k +
        (priors.meanPrecision / k) * (spread[at] as number);
      covariances[at] = value / dof;
      covariances[j * d + i] = value / dof;
    }
  }
  return { degreesOfFreedom: new Float64Array(k).fill(dof), covariances };
};

/** Per feature: νₖ = ν₀ + Nₖ; wₖⱼ⁻¹ = w₀ⱼ⁻¹ + Nₖ(sₖⱼ + β₀/βₖ·(x̄ₖⱼ − m₀ⱼ)²); stored divided by νₖ. */
const diag: WishartUpdate = (moments, meanPrecision, priors, d) => {
  const k = moments.nk.length;
  const degreesOfFreedom = moments.nk.map((n) => priors.degreesOfFreedom + n);
  const covariances = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const n = moments.nk[c] as number;
    const diff = offset(moments, priors, c, d);
    const ratio = priors.meanPrecision / (meanPrecision[c] as number);
    for (let j = 0; j < d; j++) {
      const at = c * d + j;
      const spread = (moments.sk[at] as number) + ratio * (diff[j] as number) ** 2;
      covariances[at] =
        ((priors.covariancePrior[j] as number) + n * spread) / (degreesOfFreedom[c] as number);
    }
  }
  return { degreesOfFreedom, covariances };
};

/** νₖ = ν₀ + Nₖ; wₖ⁻¹ = w₀⁻¹ + Nₖ(sₖ + β₀/βₖ·mean_j (x̄ₖⱼ − m₀ⱼ)²); stored divided by νₖ. */
const spherical: WishartUpdate = (moments, meanPrecision, priors, d) => {
  const k = moments.nk.length;
  const degreesOfFreedom = moments.nk.map((n) => priors.degreesOfFreedom + n);
  const covariances = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const n = moments.nk[c] as number;
    const diff = offset(moments, priors, c, d);
    let squares = 0;
    for (let j = 0; j < d; j++) squares += (diff[j] as number) ** 2;
    const spread =
      (moments.sk[c] as number) + (priors.meanPrecision / (meanPrecision[c] as number)) * (squares / d);
    covariances[c] = ((priors.covariancePrior[0] as number) + n * spread) / (degreesOfFreedom[c] as number);
  }
  return { degreesOfFreedom, covariances };
};

const WISHART_UPDATES: Readonly<Record<CovarianceType, WishartUpdate>> = { full, tied, diag, spherical };
