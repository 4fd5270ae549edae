/**
 * Components the data do not determine. EM's likelihood is unbounded: a component that shrinks onto
 * a few rows, or onto rows that repeat one value in some feature, has a density that spikes there,
 * and the spike's log-likelihood grows without limit as its variance falls. `regCovar` stops the fall
 * at a floor, so such a fit looks finite and even wins on BIC, but its covariance is then set by
 * `regCovar`, not by the data. These tests find them:
 *
 * - too few rows: the component's weight in rows (Nₖ) is below what its covariance needs to have
 *   full rank (full: D + 1, diag and spherical: 2, tied: 1 per component and K + D in all);
 * - held up by `regCovar`: in some direction the data give the component less than
 *   {@link HELD_FACTOR} × regCovar of variance of their own, while the mixture as a whole spreads
 *   over more than {@link SPREAD_FACTOR} times the component's variance in that direction;
 * - numerically singular (what `regCovar: 0` leads to): the ratio of the smallest to the largest
 *   diagonal entry of the covariance's Cholesky factor is below √ε, mclust's test, or it has none.
 */

import type { CovarianceModel } from './covariance/model';
import { symmetricEigen } from './eigen';
import { choleskyLower } from './linalg';
import type { MixtureParameters } from './types';

/** A direction whose data variance is below this many regCovar is "held up" by the regularisation. */
export const HELD_FACTOR = 10;
/** ... provided the mixture spreads over at least this many times the component's variance there. */
export const SPREAD_FACTOR = 100;
/** mclust's singularity threshold on the ratio of Cholesky diagonals (its `emControl()$eps` is ε). */
const PIVOT_RATIO = Math.sqrt(Number.EPSILON);

export interface DegeneracyContext {
  readonly model: CovarianceModel;
  readonly d: number;
  readonly regCovar: number;
  /** Σ of the sample weights, so that weights × it are each component's rows. */
  readonly totalWeight: number;
}

/** The components (ascending) of a fitted mixture that the data do not determine. */
export function degenerateComponents(params: MixtureParameters, context: DegeneracyContext): number[] {
  const { model, d, regCovar, totalWeight } = context;
  const k = params.weights.length;
  const full = model.toFull(params.covariances, d, k);
  const spread = mixtureCovariance(params, full, d, regCovar);
  const flagged = new Set<number>();
  const rows = Array.from(params.weights, (w) => w * totalWeight);
  const needed = rowsNeeded(model, d);
  rows.forEach((n, c) => {
    if (n < needed) flagged.add(c);
  });
  if (model.sharedCovariance && totalWeight < k + d) for (let c = 0; c < k; c++) flagged.add(c);
  const matrices = model.sharedCovariance ? 1 : k;
  for (let c = 0; c < matrices; c++) {
    if (!heldUp(full, c * d * d, spread, d, regCovar) && !singular(full, c * d * d, d)) continue;
    if (model.sharedCovariance) for (let j = 0; j < k; j++) flagged.add(j);
    else flagged.add(c);
  }
  return [...flagged].sort((a, b) => a - b);
}

/**
 * The first component whose covariance is numerically singular by the relative test (tied: 0), or
 * −1. Catches what a Cholesky factorisation lets through: entries of 1e-26 beside entries of 1.
 */
export function firstSingular(params: MixtureParameters, model: CovarianceModel, d: number): number {
  const k = params.weights.length;
  const full = model.toFull(params.covariances, d, k);
  const matrices = model.sharedCovariance ? 1 : k;
  for (let c = 0; c < matrices; c++) if (singular(full, c * d * d, d)) return c;
  return -1;
}

function rowsNeeded(model: CovarianceModel, d: number): number {
  switch (model.type) {
    // A covariance of its own in every direction.
    case 'full':
    case 'VVV':
    case 'EVV':
    case 'VEV':
    case 'EEV':
      return d + 1;
    // A volume or a shape of its own, along axes it shares or the features'.
    case 'diag':
    case 'spherical':
    case 'VII':
    case 'VVI':
    case 'VEI':
    case 'EVI':
    case 'VEE':
    case 'EVE':
    case 'VVE':
      return 2;
    // Nothing of its own but the mean.
    case 'tied':
    case 'EII':
    case 'EEI':
    case 'EEE':
      return 1;
  }
}

/** The Cholesky test: no factor, or min/max of its diagonal below √ε. */
function singular(full: Float64Array, offset: number, d: number): boolean {
  const factor = choleskyLower(full, d, offset);
  if (!factor) return true;
  let smallest = Infinity;
  let largest = 0;
  for (let j = 0; j < d; j++) {
    const value = factor[j * d + j] as number;
    smallest = Math.min(smallest, value);
    largest = Math.max(largest, value);
  }
  return !(smallest >= PIVOT_RATIO * largest);
}

/** Whether some eigen-direction of the covariance at `offset` owes its variance to regCovar. */
function heldUp(
  full: Float64Array,
  offset: number,
  spread: Float64Array,
  d: number,
  regCovar: number,
): boolean {
  if (!(regCovar > 0)) return false;
  const { values, vectors } = symmetricEigen(full, d, offset);
  for (let i = 0; i < d; i++) {
    const variance = values[i] as number;
    if (!(variance - regCovar < HELD_FACTOR * regCovar)) continue;
    let across = 0;
    for (let j = 0; j < d; j++) {
      let row = 0;
      for (let l = 0; l < d; l++) row += (spread[j * d + l] as number) * (vectors[l * d + i] as number);
      across += (vectors[j * d + i] as number) * row;
    }
    if (across > SPREAD_FACTOR * variance) return true;
  }
  return false;
}

/**
 * The covariance of the whole mixture, Σₖ πₖ (Σₖ − regCovar·I + (μₖ − μ̄)(μₖ − μ̄)ᵀ): at an M-step's
 * output, the weighted covariance of the data themselves (the law of total covariance), without a
 * pass over the rows.
 */
function mixtureCovariance(
  params: MixtureParameters,
  full: Float64Array,
  d: number,
  regCovar: number,
): Float64Array {
  const { weights, means } = params;
  const k = weights.length;
  const centre = new Float64Array(d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++)
      centre[j] = (centre[j] as number) + (weights[c] as number) * (means[c * d + j] as number);
  const out = new Float64Array(d * d);
  for (let c = 0; c < k; c++) {
    const w = weights[c] as number;
    for (let j = 0; j < d; j++) {
      const dj = (means[c * d + j] as number) - (centre[j] as number);
      for (let l = 0; l < d; l++) {
        const dl = (means[c * d + l] as number) - (centre[l] as number);
        const within = (full[c * d * d + j * d + l] as number) - (j === l ? regCovar : 0);
        out[j * d + l] = (out[j * d + l] as number) + w * (within + dj * dl);
      }
    }
  }
  return out;
}
