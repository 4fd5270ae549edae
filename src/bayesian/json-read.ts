/**
 * Reading a saved `BayesianGaussianMixture` back (the format: ./json.ts): every field is checked,
 * since saved models travel and get edited, with the field readers `GaussianMixture.fromJSON` uses
 * (../json-fields.ts).
 */
import { quotedNames, SKLEARN_TYPES } from '../covariance/index';
import { JsonFields, show } from '../json-fields';
import type { SklearnCovarianceType as CovarianceType } from '../types';
import {
  BAYESIAN_JSON_FORMAT,
  BAYESIAN_JSON_VERSION,
  compactShape,
  FIELDS,
  OPTIONAL_FIELDS,
  PRIOR_FIELDS,
  priorShape,
} from './json';
import type { Priors, VariationalParameters } from './parameters';
import type { BayesianState } from './state';

const fields = new JsonFields('BayesianGaussianMixture.fromJSON');
const invalid = fields.invalid.bind(fields);

/** @throws TypeError / RangeError naming the field and what was found. */
export function stateFromJSON(json: unknown): BayesianState {
  if (typeof json === 'string') json = fields.parseText(json);
  const record = fields.record(json, FIELDS, 'the saved model', OPTIONAL_FIELDS);
  fields.formatAndVersion(record, BAYESIAN_JSON_FORMAT, BAYESIAN_JSON_VERSION);
  const covariance = record.covariance as CovarianceType;
  if (!(SKLEARN_TYPES as readonly unknown[]).includes(covariance)) {
    throw invalid(
      RangeError,
      `covariance must be one of ${quotedNames(SKLEARN_TYPES)}, got ${show(covariance)}`,
    );
  }
  const k = fields.integer(record.components, 'components', 1);
  const d = fields.integer(record.features, 'features', 1);
  const priors = readPriors(record.priors, covariance, d);
  const concentrationRows = priors.weightPrior === 'dirichlet-process' ? 2 : 1;
  const concentration = fields.positives(
    fields.numbers(record.weightConcentration, 'weightConcentration', [concentrationRows, k]),
    'weightConcentration',
  );
  const dof = fields.numbers(record.degreesOfFreedom, 'degreesOfFreedom', [k]);
  dof.forEach((value, c) => {
    if (!(value > d - 1))
      throw invalid(RangeError, `degreesOfFreedom[${c}] must be > D − 1 = ${d - 1}, got ${value}`);
  });
  const params: VariationalParameters = {
    weightConcentration: Array.from({ length: concentrationRows }, (_, r) =>
      concentration.slice(r * k, (r + 1) * k),
    ),
    meanPrecision: fields.positives(
      fields.numbers(record.meanPrecision, 'meanPrecision', [k]),
      'meanPrecision',
    ),
    means: fields.numbers(record.means, 'means', [k, d]),
    degreesOfFreedom: dof,
    covariances: fields.numbers(record.covariances, 'covariances', compactShape(covariance, k, d)),
  };
  checkCovariances(covariance, params.covariances, covariance === 'tied' ? 1 : k, d, 'covariances');
  if (typeof record.converged !== 'boolean')
    throw invalid(TypeError, `converged must be a boolean, got ${show(record.converged)}`);
  const iterations = fields.integer(record.iterations, 'iterations', 0);
  const history = fields.numbers(record.history, 'history', [iterations]);
  const lowerBound =
    record.lowerBound === null && iterations === 0
      ? -Infinity
      : fields.finite(record.lowerBound, 'lowerBound');
  const seed = fields.seed(record.seed);
  const componentSizes = fields.numbers(record.componentSizes, 'componentSizes', [k]);
  componentSizes.forEach((n, c) => {
    if (n < 0) throw invalid(RangeError, `componentSizes[${c}] must be ≥ 0, got ${n}`);
  });
  if (record.missing !== undefined && record.missing !== 'em')
    throw invalid(RangeError, `missing must be 'em' when present, got ${show(record.missing)}`);
  return {
    covariance,
    missing: record.missing === 'em' ? 'em' : 'error',
    priors,
    params,
    converged: record.converged,
    iterations,
    lowerBound,
    history: Array.from(history),
    seed,
    componentSizes,
  };
}

function readPriors(value: unknown, covariance: CovarianceType, d: number): Priors {
  const record = fields.record(value, PRIOR_FIELDS, 'priors');
  const weightPrior = record.weightPrior;
  if (weightPrior !== 'dirichlet-process' && weightPrior !== 'dirichlet-distribution') {
    throw invalid(
      RangeError,
      `priors.weightPrior must be 'dirichlet-process' or 'dirichlet-distribution', got ${show(weightPrior)}`,
    );
  }
  const degreesOfFreedom = fields.finite(record.degreesOfFreedom, 'priors.degreesOfFreedom');
  if (!(degreesOfFreedom > d - 1)) {
    throw invalid(RangeError, `priors.degreesOfFreedom must be > D − 1 = ${d - 1}, got ${degreesOfFreedom}`);
  }
  const shape = priorShape(covariance, d);
  const covariancePrior =
    shape.length === 0
      ? new Float64Array([fields.positive(record.covariancePrior, 'priors.covariancePrior')])
      : fields.numbers(record.covariancePrior, 'priors.covariancePrior', shape);
  checkCovariances(
    covariance,
    covariancePrior,
    1,
    covariance === 'spherical' ? 1 : d,
    'priors.covariancePrior',
  );
  return {
    weightPrior,
    weightConcentration: fields.positive(record.weightConcentration, 'priors.weightConcentration'),
    meanPrecision: fields.positive(record.meanPrecision, 'priors.meanPrecision'),
    meanPrior: fields.numbers(record.meanPrior, 'priors.meanPrior', [d]),
    degreesOfFreedom,
    covariancePrior,
  };
}

/** Variances > 0 (diag, spherical), or `count` symmetric positive definite d×d matrices. */
function checkCovariances(
  type: CovarianceType,
  values: Float64Array,
  count: number,
  d: number,
  name: string,
): void {
  if (type === 'diag' || type === 'spherical') {
    fields.positives(values, name);
    return;
  }
  fields.definiteMatrices(values, count, d, (c) => (count === 1 ? name : `${name}[${c}]`), false);
}
