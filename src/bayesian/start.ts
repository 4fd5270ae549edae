/**
 * How a variational fit starts: from responsibilities (given, or from an initialiser's mixture
 * through one E-step), through one variational M-step, as scikit-learn's `_initialize`; or from a
 * fitted model's variational parameters (a warm start).
 */
import type { CovarianceModel } from '../covariance/model';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { DenseMatrix } from '../types';
import { describeKind, readMatrix } from '../validate';
import { checkProbabilities, GIVEN_SUM_TOLERANCE } from '../validate/probabilities';

/**
 * `init.responsibilities`: N×K, entries ≥ 0, rows summing to 1 (renormalised).
 * @throws TypeError for another key or a value of the wrong kind; RangeError for a wrong shape, a
 *   negative entry or a row not summing to 1.
 */
export function readResponsibilities(
  init: Readonly<Record<string, unknown>>,
  rows: number,
  k: number,
): Float64Array {
  for (const key of Object.keys(init)) {
    if (key !== 'responsibilities') {
      throw new TypeError(`unknown key '${key}' in init; an init with responsibilities has no other keys`);
    }
  }
  const matrix = readMatrix(init.responsibilities, 'init.responsibilities');
  if (matrix.rows !== rows) {
    throw new RangeError(`init.responsibilities has ${matrix.rows} rows, but X has ${rows}`);
  }
  if (matrix.cols !== k) {
    throw new RangeError(`init.responsibilities has ${matrix.cols} columns, but components is ${k}`);
  }
  const out = new Float64Array(matrix.data);
  for (let i = 0; i < rows; i++) {
    const sum = checkProbabilities(
      out,
      GIVEN_SUM_TOLERANCE,
      {
        negative: (c, value) => new RangeError(`init.responsibilities[${i}][${c}] must be ≥ 0, got ${value}`),
        sum: (total) => new RangeError(`init.responsibilities[${i}] sums to ${total}, not 1`),
      },
      i * k,
      k,
    );
    for (let c = 0; c < k; c++) out[i * k + c] = (out[i * k + c] as number) / sum;
  }
  return out;
}

/** Refuses an init that is neither a method, parameters, a model nor responsibilities, by kind. */
export function initKindError(value: unknown): TypeError {
  return new TypeError(
    `init must be a string, { weights, means, covariances }, { responsibilities } or a fitted model, got ${describeKind(value)}`,
  );
}

/**
 * The E-step statistics of given responsibilities (once per fit, on the TypeScript side): Nₖ, and
 * first moments and the type's scatter centred on each component's weighted mean.
 */
export function responsibilityStatistics(
  X: DenseMatrix,
  resp: Float64Array,
  sampleWeight: Float64Array | undefined,
  model: CovarianceModel,
): SufficientStatistics {
  const { data, rows, cols: d } = X;
  const k = resp.length / rows;
  const nk = new Float64Array(k);
  const centers = new Float64Array(k * d);
  let weight = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    weight += w;
    for (let c = 0; c < k; c++) {
      const r = w * (resp[i * k + c] as number);
      nk[c] = (nk[c] as number) + r;
      for (let j = 0; j < d; j++)
        centers[c * d + j] = (centers[c * d + j] as number) + r * (data[i * d + j] as number);
    }
  }
  for (let c = 0; c < k; c++) {
    const n = nk[c] as number;
    for (let j = 0; j < d; j++) centers[c * d + j] = n > 0 ? (centers[c * d + j] as number) / n : 0;
  }
  const squaresOnly = model.type === 'diag' || model.type === 'spherical';
  const scatter = new Float64Array(model.scatterLength(d, k));
  const centred = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    for (let c = 0; c < k; c++) {
      const r = w * (resp[i * k + c] as number);
      if (r === 0) continue;
      for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (centers[c * d + j] as number);
      if (squaresOnly) {
        for (let j = 0; j < d; j++)
          scatter[c * d + j] = (scatter[c * d + j] as number) + r * (centred[j] as number) ** 2;
        continue;
      }
      const base = c * d * d;
      for (let a = 0; a < d; a++)
        for (let b = a; b < d; b++)
          scatter[base + a * d + b] =
            (scatter[base + a * d + b] as number) + r * (centred[a] as number) * (centred[b] as number);
    }
  }
  return { weight, logLikelihood: 0, nk, first: new Float64Array(k * d), scatter, centers };
}
