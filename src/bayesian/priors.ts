/**
 * The priors of `BayesianGaussianMixture.fit`: checked as scikit-learn checks them (positive
 * concentrations and mean precision, ν₀ > D − 1, a mean prior of D values, a covariance prior of the
 * type's shape that is a valid Wishart scale), with scikit-learn's defaults computed from the data:
 * γ = 1/K, β₀ = 1, m₀ = the column means, ν₀ = D, W₀⁻¹ = the data covariance (N − 1 in the
 * denominator; frequency-weighted with sample weights) in the type's compact form. With missing
 * values, the moments come from the observed values (./observed.ts).
 */

import { readingOption } from '../errors';
import type { DenseMatrix } from '../internal-types';
import { hasMissing } from '../missing/patterns';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import { COMPUTED_SYMMETRY, firstAsymmetry, isPositiveDefinite } from '../validate/definite';
import { describeKind } from '../validate/index';
import { isList, readCount, readNumbers } from '../validate/lists';
import { type DataMoments, observedDataMoments } from './observed';
import type { Priors, WeightPrior } from './parameters';

/** The options this module reads, as users spell them. */
export const PRIOR_OPTIONS = [
  'weightPrior',
  'weightConcentration',
  'meanPrecision',
  'meanPrior',
  'degreesOfFreedom',
  'covariancePrior',
] as const;

const WEIGHT_PRIORS: Readonly<Record<WeightPrior, true>> = {
  'dirichlet-process': true,
  'dirichlet-distribution': true,
};

/**
 * The priors of a fit of K components of a covariance type to X.
 * @throws TypeError when an option is of the wrong kind; RangeError when its value or shape is not
 *   allowed (the message names the option and what was seen).
 */
export function resolvePriors(
  given: Readonly<Record<string, unknown>>,
  X: DenseMatrix,
  sampleWeight: Float64Array | undefined,
  k: number,
  covariance: CovarianceType,
): Priors {
  const d = X.cols;
  const weightPrior = readingOption('weightPrior', () => readWeightPrior(given.weightPrior));
  const weightConcentration = readingOption('weightConcentration', () =>
    positive(given.weightConcentration, 'weightConcentration', 1 / k),
  );
  const meanPrecision = readingOption('meanPrecision', () =>
    positive(given.meanPrecision, 'meanPrecision', 1),
  );
  const degreesOfFreedom = readingOption('degreesOfFreedom', () =>
    readDegreesOfFreedom(given.degreesOfFreedom, d),
  );
  const needsMoments = given.meanPrior === undefined || given.covariancePrior === undefined;
  const moments = needsMoments
    ? hasMissing(X)
      ? observedDataMoments(X, sampleWeight, given.covariancePrior === undefined)
      : dataMoments(X, sampleWeight)
    : undefined;
  const meanPrior =
    given.meanPrior === undefined
      ? (moments as DataMoments).mean
      : readingOption('meanPrior', () => readMeanPrior(given.meanPrior, d));
  const covariancePrior =
    given.covariancePrior === undefined
      ? compactCovariance((moments as DataMoments).covariance, covariance, d)
      : readingOption('covariancePrior', () => readCovariancePrior(given.covariancePrior, covariance, d));
  return { weightPrior, weightConcentration, meanPrecision, meanPrior, degreesOfFreedom, covariancePrior };
}

function readWeightPrior(value: unknown): WeightPrior {
  if (value === undefined) return 'dirichlet-process';
  if (typeof value !== 'string')
    throw new TypeError(`weightPrior must be a string, got ${describeKind(value)}`);
  if (!Object.hasOwn(WEIGHT_PRIORS, value)) {
    throw new RangeError(
      `weightPrior must be 'dirichlet-process' or 'dirichlet-distribution', got '${value}'`,
    );
  }
  return value as WeightPrior;
}

function readNumber(value: unknown, option: string): number {
  if (typeof value !== 'number')
    throw new TypeError(`${option} must be a number, got ${describeKind(value)}`);
  return value;
}

function positive(value: unknown, option: string, absent: number): number {
  if (value === undefined) return absent;
  const n = readNumber(value, option);
  if (!(n > 0) || !Number.isFinite(n))
    throw new RangeError(`${option} must be a finite number > 0, got ${n}`);
  return n;
}

function readDegreesOfFreedom(value: unknown, d: number): number {
  if (value === undefined) return d;
  const n = readNumber(value, 'degreesOfFreedom');
  if (!(n > d - 1) || !Number.isFinite(n)) {
    throw new RangeError(`degreesOfFreedom must be a finite number > D − 1 = ${d - 1}, got ${n}`);
  }
  return n;
}

function readMeanPrior(value: unknown, d: number): Float64Array {
  const out = new Float64Array(d);
  readNumbers(value, 'meanPrior', d, 'columns of X', out, 0);
  return out;
}

/** full and tied: a symmetric positive definite D×D matrix; diag: D values > 0; spherical: a number > 0. */
function readCovariancePrior(value: unknown, covariance: CovarianceType, d: number): Float64Array {
  const option = 'covariancePrior';
  if (covariance === 'spherical') {
    const variance = readNumber(value, option);
    if (!(variance > 0) || !Number.isFinite(variance)) {
      throw new RangeError(
        `${option} for covariance 'spherical' must be a finite number > 0, got ${variance}`,
      );
    }
    return new Float64Array([variance]);
  }
  if (covariance === 'diag') {
    if (!isList(value)) {
      throw new TypeError(
        `${option} for covariance 'diag' must be an array of D variances, got ${describeKind(value)}`,
      );
    }
    const out = new Float64Array(d);
    readNumbers(value, option, d, 'columns of X', out, 0);
    out.forEach((variance, j) => {
      if (!(variance > 0)) throw new RangeError(`${option}[${j}] must be > 0, got ${variance}`);
    });
    return out;
  }
  const rows = readCount(value, option, d, 'rows (columns of X)');
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) readNumbers(rows[i], `${option}[${i}]`, d, 'columns of X', out, i * d);
  const asymmetry = firstAsymmetry(out, d, 0, COMPUTED_SYMMETRY);
  if (asymmetry) {
    const [j, i] = asymmetry;
    throw new RangeError(`${option} must be symmetric; [${i}][${j}] differs from [${j}][${i}]`);
  }
  if (!isPositiveDefinite(out, d)) throw new RangeError(`${option} must be positive definite`);
  return out;
}

function dataMoments(X: DenseMatrix, sampleWeight: Float64Array | undefined): DataMoments {
  const { data, rows, cols: d } = X;
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    total += w;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + w * (data[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / total;
  if (!(total > 1)) {
    throw new RangeError(
      `covariancePrior defaults to the data covariance, which needs more than one row (total sample weight ${total}); give covariancePrior`,
    );
  }
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let a = 0; a < d; a++)
      for (let b = a; b < d; b++)
        covariance[a * d + b] =
          (covariance[a * d + b] as number) + w * (centred[a] as number) * (centred[b] as number);
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const value = (covariance[a * d + b] as number) / (total - 1);
      covariance[a * d + b] = value;
      covariance[b * d + a] = value;
    }
  }
  return { mean, covariance };
}

/** The data covariance in the prior's form: diag keeps the variances, spherical their mean. */
function compactCovariance(full: Float64Array, covariance: CovarianceType, d: number): Float64Array {
  if (covariance === 'full' || covariance === 'tied') return full;
  const variances = new Float64Array(d);
  for (let j = 0; j < d; j++) variances[j] = full[j * d + j] as number;
  if (covariance === 'diag') return variances;
  let sum = 0;
  for (const variance of variances) sum += variance;
  return new Float64Array([sum / d]);
}
