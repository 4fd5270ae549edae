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

import { diag, spherical } from '../covariance/diagonal';
import type { CovarianceModel } from '../covariance/model';
import { symmetricEigen } from '../eigen';
import type { MixtureParameters } from '../internal-types';
import { choleskyLower } from '../linalg';

/** A direction whose data variance is below this many regCovar is "held up" by the regularisation. */
export const HELD_FACTOR = 10;
/** ... provided the mixture spreads over at least this many times the component's variance there. */
export const SPREAD_FACTOR = 100;
/** mclust's singularity threshold on the ratio of Cholesky diagonals (its `emControl()$eps` is ε). */
const PIVOT_RATIO = Math.sqrt(Number.EPSILON);

/** What deciding degeneracy needs to know of the fit. */
export interface DegeneracyContext {
  /** The covariance type: whether one covariance is shared, and how many parameters each component has. */
  readonly model: CovarianceModel;
  /** D: features. */
  readonly d: number;
  /** The fit's `regCovar`: a direction with less than `HELD_FACTOR` × regCovar of data variance is held up by it. */
  readonly regCovar: number;
  /** Σ of the sample weights, so that weights × it are each component's rows. */
  readonly totalWeight: number;
}

/** The components (ascending) of a fitted mixture that the data do not determine. */
export function degenerateComponents(params: MixtureParameters, context: DegeneracyContext): number[] {
  const { model, d, regCovar, totalWeight } = context;
  const k = params.weights.length;
  const flagged = new Set<number>();
  const rows = Array.from(params.weights, (w) => w * totalWeight);
  const needed = rowsNeeded(model, d);
  rows.forEach((n, c) => {
    if (n < needed) flagged.add(c);
  });
  if (model.sharedCovariance && totalWeight < k + d) for (let c = 0; c < k; c++) flagged.add(c);
  const variances = diagonalVariances(params, model, d);
  if (variances) {
    // Axis-aligned covariances: the eigen-directions are the features, the Cholesky pivots the
    // standard deviations, so the tests below read K×D numbers, never D×D matrices.
    const spread = mixtureVariances(params, variances, d, regCovar);
    for (let c = 0; c < k; c++) {
      if (flagged.has(c)) continue;
      const own = variances.subarray(c * d, (c + 1) * d);
      if (heldUpDiagonal(own, spread, regCovar) || singularDiagonal(own)) flagged.add(c);
    }
    return [...flagged].sort((a, b) => a - b);
  }
  const full = model.toFull(params.covariances, d, k);
  const spread = mixtureCovariance(params, full, d, regCovar);
  const matrices = model.sharedCovariance ? 1 : k;
  for (let c = 0; c < matrices; c++) {
    // A component already flagged needs no eigen-decomposition (O(D³) with a large constant).
    if (model.sharedCovariance ? flagged.size === k : flagged.has(c)) continue;
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
  const variances = diagonalVariances(params, model, d);
  if (variances) {
    for (let c = 0; c < k; c++) if (singularDiagonal(variances.subarray(c * d, (c + 1) * d))) return c;
    return -1;
  }
  const full = model.toFull(params.covariances, d, k);
  const matrices = model.sharedCovariance ? 1 : k;
  for (let c = 0; c < matrices; c++) if (singular(full, c * d * d, d)) return c;
  return -1;
}

/**
 * K×D variances when the type stores its covariances as diagonals or spherical variances (diag,
 * spherical and mclust's axis-aligned models, which share their kernels), else undefined.
 */
function diagonalVariances(
  params: MixtureParameters,
  model: CovarianceModel,
  d: number,
): Float64Array | undefined {
  const k = params.weights.length;
  if (model.factorise === diag.factorise) return params.covariances;
  if (model.factorise !== spherical.factorise) return undefined;
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) out.fill(params.covariances[c] as number, c * d, (c + 1) * d);
  return out;
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

/**
 * `singular` for diag(variances): the factor's diagonal is their square roots, and exists when
 * each is a finite positive number (the rule of `choleskyLower`).
 */
function singularDiagonal(variances: Float64Array): boolean {
  let smallest = Infinity;
  let largest = 0;
  for (const variance of variances) {
    if (!(variance > 0) || !Number.isFinite(variance)) return true;
    const value = Math.sqrt(variance);
    smallest = Math.min(smallest, value);
    largest = Math.max(largest, value);
  }
  return !(smallest >= PIVOT_RATIO * largest);
}

/** `heldUp` for diag(variances): each feature is an eigen-direction, its spread the mixture's variance. */
function heldUpDiagonal(variances: Float64Array, spread: Float64Array, regCovar: number): boolean {
  if (!(regCovar > 0)) return false;
  for (let j = 0; j < variances.length; j++) {
    const variance = variances[j] as number;
    if (variance - regCovar < HELD_FACTOR * regCovar && (spread[j] as number) > SPREAD_FACTOR * variance)
      return true;
  }
  return false;
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
  if (clearlyAbove(full, offset, d, (HELD_FACTOR + 1) * regCovar)) return false;
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
 * Whether every eigenvalue of the covariance at `offset` is certainly above `floor`: Σ − t·I has a
 * Cholesky factor for t = floor plus a margin of 64·D·ε·(largest diagonal entry), above the
 * rounding of the factorisation and of the eigenvalues alike. About D³/6 operations against the
 * Jacobi method's ~10·D³, and the answer for every sound component.
 */
function clearlyAbove(full: Float64Array, offset: number, d: number, floor: number): boolean {
  let largest = 0;
  for (let j = 0; j < d; j++) largest = Math.max(largest, Math.abs(full[offset + j * d + j] as number));
  const shift = floor + 64 * d * Number.EPSILON * largest;
  const shifted = full.slice(offset, offset + d * d);
  for (let j = 0; j < d; j++) shifted[j * d + j] = (shifted[j * d + j] as number) - shift;
  return choleskyLower(shifted, d) !== undefined;
}

/** The diagonal of `mixtureCovariance` for diag(variances) components, in its order of operations. */
function mixtureVariances(
  params: MixtureParameters,
  variances: Float64Array,
  d: number,
  regCovar: number,
): Float64Array {
  const { weights, means } = params;
  const k = weights.length;
  const centre = new Float64Array(d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++)
      centre[j] = (centre[j] as number) + (weights[c] as number) * (means[c * d + j] as number);
  const out = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const w = weights[c] as number;
    for (let j = 0; j < d; j++) {
      const dj = (means[c * d + j] as number) - (centre[j] as number);
      const within = (variances[c * d + j] as number) - regCovar;
      out[j] = (out[j] as number) + w * (within + dj * dj);
    }
  }
  return out;
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
