/**
 * mclust's conjugate prior (Fraley & Raftery 2007; `priorControl()` and `defaultPrior()`): a normal
 * prior on each mean, μₖ ~ N(μₚ, Σₖ/κ), and an inverse gamma (spherical and diagonal models) or
 * inverse Wishart (the others) prior on the covariances with ν degrees of freedom and scale Λ.
 * EM then maximises the posterior (MAP-EM): no component can collapse onto a few rows, because the
 * prior's scale is always added to its scatter.
 *
 * This file holds which models have the prior and mclust's defaults computed from the data; the
 * M-step is ./prior-step.ts.
 */

import type { FittedPrior } from '../fit-options';
import type { DenseMatrix, ResolvedPrior } from '../internal-types';
import type { CovarianceType } from '../types';

/** mclust's models with a conjugate prior (mclust has none for VEE, EVE, VVE, EVV). */
export type PriorModel = 'EII' | 'VII' | 'EEI' | 'VEI' | 'EVI' | 'VVI' | 'EEE' | 'EEV' | 'VEV' | 'VVV';

/** Each covariance name's model under the prior (the four aliases as their mclust names); absent: none. */
export const PRIOR_MODELS: Readonly<Partial<Record<CovarianceType, PriorModel>>> = {
  spherical: 'VII',
  diag: 'VVI',
  tied: 'EEE',
  full: 'VVV',
  EII: 'EII',
  VII: 'VII',
  EEI: 'EEI',
  VEI: 'VEI',
  EVI: 'EVI',
  VVI: 'VVI',
  EEE: 'EEE',
  EEV: 'EEV',
  VEV: 'VEV',
  VVV: 'VVV',
};

/** The models whose prior scale is one number (inverse gamma): the spherical and diagonal ones. */
const SCALAR_SCALE: ReadonlySet<PriorModel> = new Set(['EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI']);

/** Whether `covariance`'s prior scale is a number (else a D×D matrix). */
export function hasScalarScale(covariance: CovarianceType): boolean {
  const model = PRIOR_MODELS[covariance];
  return model !== undefined && SCALAR_SCALE.has(model);
}

/** The prior a MAP-EM run uses, every value filled in (in the units of the fit). */
export interface ConjugatePrior {
  /** κ ≥ 0: how many rows' worth of weight the prior mean has; 0 leaves the means alone. */
  readonly shrinkage: number;
  /** μₚ, D values. */
  readonly mean: Float64Array;
  /** ν > 0. */
  readonly dof: number;
  /** Λ: one value (spherical and diagonal models) or D×D (row-major). */
  readonly scale: Float64Array;
}

/** What a user may override; the rest comes from the data (`prior: 'default'` overrides nothing). */
export type PriorRequest = ResolvedPrior;

/**
 * mclust's `defaultPrior(data, G, modelName)`: shrinkage 0.01, the data's mean, ν = D + 2 and
 *   Λ = (1/K)^(2/D) · Σⱼ var(xⱼ) / D        (spherical and diagonal models),
 *   Λ = (1/K)^(2/D) · var(X)               (the others; its diagonal when N ≤ D),
 * with R's `var` (denominator N − 1), each part replaced by the request's when given. Weighted rows
 * count as their weights in rows: `effectiveRows` is the sum of the given weights (N unweighted), and
 * `weights` may be those rescaled by any positive factor.
 */
export function resolvePrior(
  request: PriorRequest,
  X: DenseMatrix,
  weights: Float64Array | undefined,
  effectiveRows: number,
  k: number,
  covariance: CovarianceType,
): ConjugatePrior {
  const d = X.cols;
  if (!request.scale && !(effectiveRows > 1)) {
    throw new RangeError(
      `prior: the default scale is the variance of X, which needs more than one row (the rows weigh ${effectiveRows} in all); give prior.scale`,
    );
  }
  const { mean, covariance: variance } = weightedMoments(X, weights, effectiveRows);
  const factor = (1 / k) ** (2 / d);
  let scale = request.scale;
  if (!scale && hasScalarScale(covariance)) {
    let trace = 0;
    for (let j = 0; j < d; j++) trace += variance[j * d + j] as number;
    scale = Float64Array.of((factor * trace) / d);
  } else if (!scale) {
    scale = variance.map((value, i) => (effectiveRows > d || i % (d + 1) === 0 ? factor * value : 0));
  }
  return {
    shrinkage: request.shrinkage ?? 0.01,
    mean: request.mean ?? mean,
    dof: request.dof ?? d + 2,
    scale,
  };
}

/** The column means and R's `var` (denominator N − 1, N the effective rows) of weighted rows. */
function weightedMoments(
  X: DenseMatrix,
  weights: Float64Array | undefined,
  effectiveRows: number,
): { mean: Float64Array; covariance: Float64Array } {
  const { data, rows, cols: d } = X;
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = weights ? (weights[i] as number) : 1;
    total += w;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + w * (data[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / total;
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (w === 0) continue;
    for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let j = 0; j < d; j++) {
      const wj = w * (centred[j] as number);
      for (let l = j; l < d; l++)
        covariance[j * d + l] = (covariance[j * d + l] as number) + wj * (centred[l] as number);
    }
  }
  // Σw(x − m)²/Σw · N/(N − 1): R's var for unit weights, and for integer weights that of the repeated rows.
  const divisor = (total * (effectiveRows - 1)) / effectiveRows;
  for (let j = 0; j < d; j++) {
    for (let l = j; l < d; l++) {
      const value = (covariance[j * d + l] as number) / divisor;
      covariance[j * d + l] = value;
      covariance[l * d + j] = value;
    }
  }
  return { mean, covariance };
}

/** The public, frozen form of a prior: plain numbers, the scale as one number or D rows. */
export function publicPrior(prior: ConjugatePrior): FittedPrior {
  const d = prior.mean.length;
  const { scale } = prior;
  // D = 1: a 1×1 matrix and one number are the same value; shown as the number.
  const isMatrix = scale.length !== 1;
  return Object.freeze({
    shrinkage: prior.shrinkage,
    mean: Object.freeze(Array.from(prior.mean)),
    dof: prior.dof,
    scale: !isMatrix
      ? (scale[0] as number)
      : Object.freeze(
          Array.from({ length: d }, (_, i) => Object.freeze(Array.from(scale.subarray(i * d, (i + 1) * d)))),
        ),
  });
}
