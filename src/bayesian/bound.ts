/**
 * The variational E-step's constants and the evidence lower bound, as scikit-learn's
 * `BayesianGaussianMixture` computes them. The E-step itself is EM's: under q, log ρᵢₖ =
 * E[log πₖ] + ½E[log|Λₖ|] − D/(2βₖ) − ½·νₖ(xᵢ − mₖ)ᵀWₖ(xᵢ − mₖ) − D/2·log 2π, which is the log-density
 * of N(xᵢ | mₖ, Wₖ⁻¹/νₖ) plus a constant per component. So the wasm E-step kernels run unchanged,
 * given the covariances Wₖ⁻¹/νₖ and those constants in place of the log-weights.
 */
import { centredScatter } from '../covariance/full';
import { choleskyLower } from '../linalg';
import { log } from '../math';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import type { Dimensions, VariationalParameters } from './parameters';
import { digamma, logBeta, logDirichletNorm, logWishartNorm, sumDigammaHalf } from './special';

const LOG_TWO_PI = 1.8378770664093453;

/** E[log πₖ] under q: stick-breaking for the Dirichlet process, ψ(αₖ) − ψ(Σα) for the distribution. */
export function expectedLogWeights(params: VariationalParameters): Float64Array {
  const [a, b] = params.weightConcentration as [Float64Array, Float64Array | undefined];
  const k = a.length;
  const out = new Float64Array(k);
  if (!b) {
    let total = 0;
    for (let c = 0; c < k; c++) total += a[c] as number;
    const digammaTotal = digamma(total);
    for (let c = 0; c < k; c++) out[c] = digamma(a[c] as number) - digammaTotal;
    return out;
  }
  let remaining = 0;
  for (let c = 0; c < k; c++) {
    const digammaSum = digamma((a[c] as number) + (b[c] as number));
    out[c] = digamma(a[c] as number) - digammaSum + remaining;
    remaining += digamma(b[c] as number) - digammaSum;
  }
  return out;
}

/** The point-estimate mixture weights (scikit-learn's `weights_`): E[πₖ] under q, normalised. */
export function expectedWeights(params: VariationalParameters): Float64Array {
  const [a, b] = params.weightConcentration as [Float64Array, Float64Array | undefined];
  const k = a.length;
  const out = new Float64Array(k);
  if (!b) {
    out.set(a);
  } else {
    let stick = 1;
    for (let c = 0; c < k; c++) {
      const total = (a[c] as number) + (b[c] as number);
      out[c] = ((a[c] as number) / total) * stick;
      stick *= (b[c] as number) / total;
    }
  }
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] as number;
  return out.map((value) => value / sum);
}

/**
 * log|Σₖ|^−½ for each component of the compact covariances (tied: K copies): scikit-learn's
 * `_compute_log_det_cholesky` of the precision's Cholesky factor. NaN for a matrix that is not
 * positive definite (the callers' inputs always are).
 */
export function logDetCholesky(covariances: Float64Array, dims: Dimensions): Float64Array {
  const { d, k } = dims;
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) out[c] = LOG_DET_CHOLESKY[dims.covariance](covariances, c, d);
  return out;
}

const LOG_DET_CHOLESKY: Readonly<
  Record<CovarianceType, (cov: Float64Array, c: number, d: number) => number>
> = {
  full: (cov, c, d) => factorLogDet(cov, c * d * d, d),
  tied: (cov, _c, d) => factorLogDet(cov, 0, d),
  diag: (cov, c, d) => {
    let sum = 0;
    for (let j = 0; j < d; j++) sum -= 0.5 * log(cov[c * d + j] as number);
    return sum;
  },
  spherical: (cov, c, d) => -0.5 * d * log(cov[c] as number),
};

function factorLogDet(cov: Float64Array, offset: number, d: number): number {
  const factor = choleskyLower(cov, d, offset);
  if (!factor) return Number.NaN;
  let sum = 0;
  for (let j = 0; j < d; j++) sum -= log(factor[j * d + j] as number);
  return sum;
}

/**
 * The constants the E-step adds to the Gaussian log-densities in place of log πₖ:
 * E[log πₖ] + ½(D log 2 + Σⱼψ((νₖ − j)/2) − D/βₖ) − D/2·log νₖ (the last because `covariances`
 * hold Wₖ⁻¹/νₖ rather than Wₖ⁻¹).
 */
export function eStepOffsets(params: VariationalParameters, d: number): Float64Array {
  const logWeights = expectedLogWeights(params);
  return logWeights.map((logWeight, c) => {
    const dof = params.degreesOfFreedom[c] as number;
    const logLambda = d * Math.LN2 + sumDigammaHalf(dof, d);
    return logWeight + 0.5 * (logLambda - d / (params.meanPrecision[c] as number)) - 0.5 * d * log(dof);
  });
}

/**
 * Σᵢ wᵢ Σₖ rᵢₖ log rᵢₖ of an E-step, from its statistics (centred on the means it used) and
 * Σᵢ wᵢ log Σₖ ρᵢₖ: since log rᵢₖ = log ρᵢₖ − log Σⱼ ρᵢⱼ, the sum is
 * Σₖ [Nₖ(cₖ − D/2·log 2π + log|Σₖ|^−½) − ½ tr(Σₖ⁻¹ Sₖ)] − Σᵢ wᵢ log Σⱼ ρᵢⱼ, with Sₖ the weighted scatter
 * about the E-step's means. No pass over the rows beyond the E-step's own. Given the lifted
 * statistics of rows with missing values (conditional covariances in the scatter), the same formula
 * is E_q[log q(z, x_m)], the negative entropy of the responsibilities and of the missing values'
 * posterior together (docs/bayesian-missing.md), so the bound stays a true lower bound.
 */
export function negativeEntropy(
  stats: SufficientStatistics,
  logNormalizer: number,
  offsets: Float64Array,
  params: VariationalParameters,
  dims: Dimensions,
): number {
  const { d, k, covariance } = dims;
  const logDets = logDetCholesky(params.covariances, dims);
  const traces = TRACES[covariance](stats, params.covariances, d, k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const n = stats.nk[c] as number;
    sum +=
      n * ((offsets[c] as number) - 0.5 * d * LOG_TWO_PI + (logDets[c] as number)) -
      0.5 * (traces[c] as number);
  }
  return sum - logNormalizer;
}

type Traces = (stats: SufficientStatistics, cov: Float64Array, d: number, k: number) => Float64Array;

/** tr(Σₖ⁻¹ Sₖ) per component, by solving against the Cholesky factor of Σₖ. */
function fullTraces(shared: boolean): Traces {
  return (stats, cov, d, k) => {
    const scatter = centredScatter(stats, stats.centers, d);
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const factor = choleskyLower(cov, d, shared ? 0 : c * d * d) as Float64Array;
      out[c] = traceOfSolve(factor, scatter, c * d * d, d);
    }
    return out;
  };
}

/** tr((LLᵀ)⁻¹ S) for the symmetric S at `offset`: column by column, forward then back substitution. */
function traceOfSolve(factor: Float64Array, s: Float64Array, offset: number, d: number): number {
  const y = new Float64Array(d);
  let trace = 0;
  for (let col = 0; col < d; col++) {
    for (let i = 0; i < d; i++) {
      let value = s[offset + i * d + col] as number;
      for (let t = 0; t < i; t++) value -= (factor[i * d + t] as number) * (y[t] as number);
      y[i] = value / (factor[i * d + i] as number);
    }
    for (let i = d - 1; i >= 0; i--) {
      let value = y[i] as number;
      for (let t = i + 1; t < d; t++) value -= (factor[t * d + i] as number) * (y[t] as number);
      y[i] = value / (factor[i * d + i] as number);
    }
    trace += y[col] as number;
  }
  return trace;
}

const TRACES: Readonly<Record<CovarianceType, Traces>> = {
  full: fullTraces(false),
  tied: fullTraces(true),
  diag: (stats, cov, d, k) => {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++)
        out[c] = (out[c] as number) + (stats.scatter[c * d + j] as number) / (cov[c * d + j] as number);
    return out;
  },
  spherical: (stats, cov, d, k) => {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += stats.scatter[c * d + j] as number;
      out[c] = sum / (cov[c] as number);
    }
    return out;
  },
};

/**
 * scikit-learn's `_compute_lower_bound`: −Σ r log r − Σₖ log B(Wₖ, νₖ) − log C(weights) −
 * D/2·Σₖ log βₖ, with the entropy of the E-step's responsibilities and every other term from the
 * parameters the M-step made of them. Terms constant in the parameters are left out, as there.
 */
export function lowerBound(negativeEntropy: number, params: VariationalParameters, dims: Dimensions): number {
  const { d, k, covariance } = dims;
  const logDets = logDetCholesky(params.covariances, dims);
  let logWishart = 0;
  const count = covariance === 'tied' ? 1 : k;
  for (let c = 0; c < count; c++) {
    const dof = params.degreesOfFreedom[c] as number;
    logWishart += logWishartNorm(dof, (logDets[c] as number) - 0.5 * d * log(dof), d);
  }
  if (covariance === 'tied') logWishart *= k;
  const [a, b] = params.weightConcentration as [Float64Array, Float64Array | undefined];
  let logNormWeight: number;
  if (b) {
    logNormWeight = 0;
    for (let c = 0; c < k; c++) logNormWeight -= logBeta(a[c] as number, b[c] as number);
  } else {
    logNormWeight = logDirichletNorm(a);
  }
  let logMeanPrecision = 0;
  for (let c = 0; c < k; c++) logMeanPrecision += log(params.meanPrecision[c] as number);
  return -negativeEntropy - logWishart - logNormWeight - 0.5 * d * logMeanPrecision;
}
