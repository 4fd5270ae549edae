/**
 * The variational E-step on rows with missing values (NaN), as the fit runs it with the missing
 * coordinates latent. Under q, log ρₖ(x) = cₖ + log N(x | mₖ, Σ̃ₖ) with Σ̃ₖ = Wₖ⁻¹/νₖ (./bound.ts),
 * a Gaussian log-density in x; integrating the missing coordinates out of exp(log ρₖ) leaves
 * cₖ + log N(x_o | mₖ,o, Σ̃ₖ,oo). So a row is scored by the marginal of its observed coordinates
 * with the E-step constants of the full dimension, on the missing-value pattern passes; a row with
 * nothing observed keeps only the constants: responsibilities ∝ exp(cₖ) and the score log Σₖ exp(cₖ).
 * The derivation: docs/bayesian-missing.md.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import { scoreIncompleteRows } from '../engine/prediction';
import type { DenseMatrix } from '../internal-types';
import { log } from '../logarithm';
import { imputeRows } from '../missing/impute';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import { runToEnd } from '../yield';
import type { VariationalParameters } from './parameters';
import { kernelParameters } from './state';

/** What the variational E-step gives for rows with missing values, pattern by pattern, in the rows' order. */
export interface VariationalScores {
  /** Per row, log Σₖ ρₖ(x_o) (sklearn's `score_samples` of the observed coordinates). */
  readonly logNorm: Float64Array;
  /** rows×K variational responsibilities. */
  readonly resp: Float64Array;
  /** How many rows have at least one observed value. */
  readonly informative: number;
}

/** The variational E-step of every row of X (NaN = missing) under `params`. */
export function variationalScores(
  X: DenseMatrix,
  params: VariationalParameters,
  covariance: CovarianceType,
): VariationalScores {
  const { mixture, shift } = kernelParameters(params, X.cols);
  const scores = runToEnd(scoreIncompleteRows(X, mixture, COVARIANCE_MODELS[covariance]));
  const k = mixture.weights.length;
  const logNorm = scores.logNorm.map((value) => value + shift);
  const resp = scores.resp;
  // The kernels' weights are exp(cₖ − shift): normalised, they are an empty row's responsibilities.
  let total = 0;
  for (const weight of mixture.weights) total += weight;
  const emptyScore = log(total) + shift;
  for (let i = 0; i < X.rows; i++) {
    if (!nothingObserved(X, i)) continue;
    logNorm[i] = emptyScore;
    for (let c = 0; c < k; c++) resp[i * k + c] = (mixture.weights[c] as number) / total;
  }
  return { logNorm, resp, informative: scores.informative };
}

/**
 * E_q[x_m] for every hole: Σₖ rₖ (mₖ,m + Σ̃ₖ,mo Σ̃ₖ,oo⁻¹ (x_o − mₖ,o)), the mean of the variational
 * posterior of the missing coordinates, with rₖ the variational responsibilities.
 */
export function imputeVariational(
  X: DenseMatrix,
  params: VariationalParameters,
  covariance: CovarianceType,
): Float64Array {
  const d = X.cols;
  const k = params.meanPrecision.length;
  const full = COVARIANCE_MODELS[covariance].toFull(params.covariances, d, k);
  return imputeRows(X, variationalScores(X, params, covariance).resp, params.means, full);
}

function nothingObserved(X: DenseMatrix, i: number): boolean {
  const { data, cols } = X;
  for (let j = 0; j < cols; j++) if (!Number.isNaN(data[i * cols + j])) return false;
  return true;
}
