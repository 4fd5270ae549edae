/**
 * Reading a saved `GaussianMixture` back: every field is checked, since saved models travel and
 * get edited, and a shape from a hostile file is refused by the arrays actually there, never
 * allocated. The format itself is ./json.ts; the field readers, shared with the Bayesian mixture's,
 * ./json-fields.ts.
 */
import { COVARIANCE_MODELS, COVARIANCE_TYPES, quotedNames } from './covariance/index';
import { priorFromJSON } from './covariance/prior-json';
import type { StorageForm } from './internal-types';
import { ADDED_FIELDS, FIELDS, JSON_FORMAT, JSON_VERSION, OPTIONAL_FIELDS } from './json';
import { readColumns } from './json-columns';
import { JsonFields, show } from './json-fields';
import type { ModelState } from './model-state';
import { overflowInOriginalUnits } from './original-units';
import type { Standardization } from './standardize';
import { logJacobian } from './standardize';
import type { CovarianceType } from './types';
import { describeKind } from './validate/index';
import { checkProbabilities, SAVED_SUM_TOLERANCE } from './validate/probabilities';
import { MAX_SEED } from './validate/seed';

const fields = new JsonFields('GaussianMixture.fromJSON');
const invalid = fields.invalid.bind(fields);

/** @throws TypeError / RangeError naming the field and what was found. */
export function modelStateFromJSON(json: unknown): ModelState {
  if (typeof json === 'string') json = fields.parseText(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(TypeError, `expected an object from toJSON(), got ${describeKind(json)}`);
  }
  const record = fields.record(json, FIELDS, 'the saved model', [...ADDED_FIELDS, ...OPTIONAL_FIELDS], '');
  fields.formatAndVersion(record, JSON_FORMAT, JSON_VERSION);
  const covariance = record.covariance as CovarianceType;
  if (typeof covariance !== 'string' || !Object.hasOwn(COVARIANCE_MODELS, covariance)) {
    throw invalid(
      RangeError,
      `covariance must be one of ${quotedNames(COVARIANCE_TYPES)}, got ${show(covariance)}`,
    );
  }
  const model = COVARIANCE_MODELS[covariance];
  const k = fields.integer(record.components, 'components', 1);
  const d = fields.integer(record.features, 'features', 1);
  const weights = fields.numbers(record.weights, 'weights', [k]);
  const means = fields.numbers(record.means, 'means', [k, d]);
  const covariances = fields.numbers(record.covariances, 'covariances', model.compactShape(d, k));
  checkWeights(weights);
  checkCovariances(model.storage, covariances, k, d);
  const standardization = readStandardization(record.standardization, d);
  if (typeof record.converged !== 'boolean')
    throw invalid(TypeError, `converged must be a boolean, got ${show(record.converged)}`);
  const iterations = fields.integer(record.iterations, 'iterations', 0);
  const logLikelihood = record.logLikelihood;
  if (typeof logLikelihood !== 'number' || Number.isNaN(logLikelihood))
    throw invalid(TypeError, `logLikelihood must be a number, got ${show(logLikelihood)}`);
  if (!Number.isFinite(logLikelihood))
    throw invalid(RangeError, `logLikelihood must be a finite number, got ${logLikelihood}`);
  const history = fields.numbers(record.history, 'history', [iterations + 1]);
  const seed = fields.integer(record.seed, 'seed', 0);
  if (seed > MAX_SEED) throw invalid(RangeError, `seed must be at most ${MAX_SEED}, got ${seed}`);
  const reseeds = fields.integer(record.reseeds, 'reseeds', 0);
  if (record.missing !== undefined && record.missing !== 'em')
    throw invalid(RangeError, `missing must be 'em' when present, got ${show(record.missing)}`);
  if (record.precision !== undefined && record.precision !== 'float32')
    throw invalid(RangeError, `precision must be 'float32' when present, got ${show(record.precision)}`);
  const overflow =
    standardization && overflowInOriginalUnits(covariance, means, covariances, standardization);
  if (overflow) throw invalid(RangeError, overflow);
  const degenerate = 'degenerate' in record ? fields.componentList(record.degenerate, 'degenerate', k) : [];
  const failedRestarts =
    'failedRestarts' in record ? fields.integer(record.failedRestarts, 'failedRestarts', 0) : 0;
  return {
    covariance,
    parameters: { weights, means, covariances },
    standardization,
    converged: record.converged,
    iterations,
    logLikelihood,
    history: Array.from(history),
    seed,
    reseeds,
    columns: readColumns(record.columns, d),
    degenerate,
    failedRestarts,
    missing: record.missing === 'em' ? 'em' : 'error',
    ...(record.prior === undefined ? {} : { prior: priorFromJSON(record.prior, covariance, d, invalid) }),
    ...(record.precision === 'float32' ? { precision: 'float32' as const } : {}),
  };
}

/**
 * Checks saved weights: none negative, summing to 1 within `SAVED_SUM_TOLERANCE` (1e-9: JSON's shortest round
 * trip keeps the sum's rounding).
 * @throws RangeError naming the weight or the sum.
 */
export function checkWeights(weights: Float64Array): void {
  checkProbabilities(weights, SAVED_SUM_TOLERANCE, {
    negative: (c, w) => invalid(RangeError, `weights[${c}] is negative (${w})`),
    sum: (sum) => invalid(RangeError, `weights must sum to 1, got ${sum}`),
  });
}

/**
 * Checks saved covariances of a storage form: variances > 0 whose precision 1/σ² does not overflow (diag,
 * spherical), or symmetric positive definite matrices (full, tied).
 * @throws RangeError naming the entry or matrix.
 */
export function checkCovariances(type: StorageForm, covariances: Float64Array, k: number, d: number): void {
  if (type === 'diag' || type === 'spherical') {
    covariances.forEach((variance, i) => {
      const at = type === 'diag' ? `[${Math.floor(i / d)}][${i % d}]` : `[${i}]`;
      if (!(variance > 0)) throw invalid(RangeError, `covariances${at} must be > 0, got ${variance}`);
      // The kernels' rule: a variance whose precision 1/σ² overflows makes every score −∞.
      if (!Number.isFinite(1 / variance))
        throw invalid(
          RangeError,
          `covariances${at} (${variance}) is too small: its precision 1/σ² overflows`,
        );
    });
    return;
  }
  const name = (c: number) => (type === 'tied' ? 'covariances' : `covariances[${c}]`);
  fields.definiteMatrices(covariances, type === 'tied' ? 1 : k, d, name, true);
}

/**
 * A saved `standardization`: null, or exactly `{ mean, scale }` of D finite values each, the scales > 0.
 * @throws TypeError / RangeError naming the field.
 */
export function readStandardization(value: unknown, d: number): Standardization | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value === undefined) {
    throw invalid(TypeError, `standardization must be null or { mean, scale }, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== 'mean,scale')
    throw invalid(TypeError, `standardization must have exactly the fields mean and scale`);
  const mean = fields.numbers(record.mean, 'standardization.mean', [d]);
  const scale = fields.numbers(record.scale, 'standardization.scale', [d]);
  scale.forEach((s, j) => {
    if (!(s > 0)) throw invalid(RangeError, `standardization.scale[${j}] must be > 0, got ${s}`);
  });
  if (!Number.isFinite(logJacobian({ mean, scale })))
    throw invalid(RangeError, 'standardization.scale overflows: Σ log scale is not finite');
  return { mean, scale };
}
