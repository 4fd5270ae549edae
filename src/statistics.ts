/**
 * Sufficient statistics of the E-step and the M-step that turns them into parameters.
 *
 * Statistics are centred on fixed points (the means the E-step used), which keeps the scatter sums
 * small and accurate, and makes the statistics of any two sets of rows add: chunks, workers and
 * streams all meet here.
 */
import type { MixtureParameters } from './types';

export interface SufficientStatistics {
  /** Rows summarised. */
  rows: number;
  /** Σᵢ log p(xᵢ) under the parameters of the E-step. */
  logLikelihood: number;
  /** K: Nₖ = Σᵢ γᵢₖ. */
  readonly nk: Float64Array;
  /** K×D: Σᵢ γᵢₖ (xᵢ − cₖ). */
  readonly first: Float64Array;
  /** K×D×D, upper triangle: Σᵢ γᵢₖ (xᵢ − cₖ)(xᵢ − cₖ)ᵀ. */
  readonly scatter: Float64Array;
  /** K×D: the centring points cₖ. */
  readonly centers: Float64Array;
}

/** Adds `other` into `into`; both must be centred on the same points. */
export function addStatistics(into: SufficientStatistics, other: SufficientStatistics): void {
  into.rows += other.rows;
  into.logLikelihood += other.logLikelihood;
  addInto(into.nk, other.nk);
  addInto(into.first, other.first);
  addInto(into.scatter, other.scatter);
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number);
}

/**
 * The M-step, as scikit-learn's `_estimate_gaussian_parameters`: Nₖ' = Nₖ + 10ε (so an empty
 * component divides by a tiny number, not zero), μₖ = Σγx / Nₖ', Σₖ = Σγ(x−μₖ)(x−μₖ)ᵀ / Nₖ' + regCovar·I,
 * πₖ = Nₖ' / Σⱼ Nⱼ'. The centred scatter is recentred on the new mean exactly:
 * Σγ(x−μ)(x−μ)ᵀ = S − g·δᵀ − δ·gᵀ + Nₖ·δ·δᵀ, with g = Σγ(x−c) and δ = μ − c.
 */
export function mStep(stats: SufficientStatistics, d: number, regCovar: number): MixtureParameters {
  const { nk, first, scatter, centers } = stats;
  const k = nk.length;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const delta = new Float64Array(d);
  let total = 0;
  for (let c = 0; c < k; c++) {
    const count = nk[c] as number;
    const regularisedCount = count + 10 * Number.EPSILON;
    weights[c] = regularisedCount;
    total += regularisedCount;
    for (let j = 0; j < d; j++) {
      const sumX = (first[c * d + j] as number) + count * (centers[c * d + j] as number);
      const mean = sumX / regularisedCount;
      means[c * d + j] = mean;
      delta[j] = mean - (centers[c * d + j] as number);
    }
    const base = c * d * d;
    for (let j = 0; j < d; j++) {
      const gj = first[c * d + j] as number;
      const dj = delta[j] as number;
      for (let l = j; l < d; l++) {
        const gl = first[c * d + l] as number;
        const dl = delta[l] as number;
        const centred = (scatter[base + j * d + l] as number) - gj * dl - dj * gl + count * dj * dl;
        const value = centred / regularisedCount + (j === l ? regCovar : 0);
        covariances[base + j * d + l] = value;
        covariances[base + l * d + j] = value;
      }
    }
  }
  for (let c = 0; c < k; c++) weights[c] = (weights[c] as number) / total;
  return { weights, means, covariances };
}
