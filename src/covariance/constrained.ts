/**
 * What mclust's ten constrained models share. Each is Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ with volume λ, shape A
 * (diagonal, |A| = 1) and orientation D each Equal across components, Variable, or the Identity, and
 * each stores and evaluates its covariances in the form of one of the four unconstrained types
 * (spherical σ², diagonal, one tied matrix, or full matrices): the E-step, the factorisation, the
 * statistics, the compact form and the projections are that type's. Only the M-step differs: it
 * takes the components' scatter matrices Wₖ = Σγ(x−μₖ)(x−μₖ)ᵀ (diagonals only, for the diagonal
 * models) and imposes the model's constraint, as mclust's `mstep` does.
 *
 * `regCovar` is added to every Wₖ/Nₖ before the constraint (Wₖ + Nₖ·regCovar·I), which keeps the
 * structure, and for the four unconstrained types is the same as adding it after.
 */

import { FIT_DEFAULTS } from '../defaults';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { CovarianceType } from '../types';
import { centredScatter } from './full';
import { type CovarianceModel, type MStepControl, regularisedCount } from './model';

/** The scatter matrices the M-step of a constrained model starts from. */
export interface Scatter {
  /** K×D (diagonal models: Wₖ's diagonal) or K×D×D (full Wₖ), regularised. */
  readonly w: Float64Array;
  /** K regularised counts Nₖ + 10ε. */
  readonly nk: Float64Array;
  /** Σₖ of the counts: N for unweighted data. */
  readonly n: number;
  /** D: features. */
  readonly d: number;
  /** K: components. */
  readonly k: number;
}

/** The constraint itself: scatter in, compact covariances (of the storage type's form) out. */
export type Constraint = (scatter: Scatter, control: MStepControl) => Float64Array;

/** Wₖ's diagonal recentred on the new means: Sⱼ − 2·gⱼ·δⱼ + Nₖ·δⱼ² (K×D). */
export function diagonalScatter(stats: SufficientStatistics, means: Float64Array, d: number): Float64Array {
  const { nk, first, scatter, centers } = stats;
  const out = new Float64Array(nk.length * d);
  for (let i = 0; i < out.length; i++) {
    const delta = (means[i] as number) - (centers[i] as number);
    const count = nk[Math.floor(i / d)] as number;
    out[i] = (scatter[i] as number) - 2 * (first[i] as number) * delta + count * delta * delta;
  }
  return out;
}

/**
 * A constrained model stored as `storage` (one of the four unconstrained types): its kernels and
 * compact form, with its own parameter count (mclust's `nVarParams`) and M-step.
 * @param diagonal - whether the constraint reads Wₖ's diagonal only (the …I models).
 */
export function constrainedModel(
  type: CovarianceType,
  storage: CovarianceModel,
  diagonal: boolean,
  covarianceParameters: (d: number, k: number) => number,
  constraint: Constraint,
): CovarianceModel {
  return {
    ...storage,
    type,
    covarianceParameters,
    covariances(stats, means, d, regCovar, control) {
      const k = stats.nk.length;
      const w = diagonal ? diagonalScatter(stats, means, d) : centredScatter(stats, means, d);
      const nk = stats.nk.map(regularisedCount);
      let n = 0;
      for (let c = 0; c < k; c++) {
        const count = nk[c] as number;
        n += count;
        for (let j = 0; j < d; j++) {
          const i = diagonal ? c * d + j : (c * d + j) * d + j;
          w[i] = (w[i] as number) + count * regCovar;
        }
      }
      return constraint({ w, nk, n, d, k }, control ?? DEFAULT_CONTROL);
    },
  };
}

/**
 * The fit's inner-loop defaults (../defaults.ts: mclust's `emControl()$tol[2]`, √ε, with a bounded
 * iteration count where mclust's is `.Machine$integer.max`), for an M-step run outside a fit.
 */
export const DEFAULT_CONTROL: MStepControl = {
  innerTol: FIT_DEFAULTS.innerTol,
  innerMaxIter: FIT_DEFAULTS.innerMaxIter,
};

/** Relative change |old − new| / (1 + |new|), the measure of mclust's inner loops. */
export function relativeChange(previous: ArrayLike<number>, next: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < next.length; i++) {
    const value = next[i] as number;
    largest = Math.max(largest, Math.abs((previous[i] as number) - value) / (1 + Math.abs(value)));
  }
  return largest;
}
