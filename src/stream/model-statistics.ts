/**
 * The three steps of EM that any engine can distribute: statistics of some rows under a model (the
 * map), their sum (the reduce), and the M-step that turns the sum into the next model (the driver).
 */

import { DEFAULT_CONTROL } from '../covariance/constrained';
import { COVARIANCE_MODELS } from '../covariance/index';
import { FIT_DEFAULTS } from '../defaults';
import { degenerateComponents } from '../em/degenerate';
import { mStep } from '../em/m-step';
import { firstSingularComponent, incompleteRowStatistics, rowStatistics } from '../engine/model-rows';
import { NumericalFailureError } from '../errors';
import type { DenseMatrix } from '../internal-types';
import { observedLogJacobian } from '../missing/observed-jacobian';
import { hasMissing } from '../missing/patterns';
import type { ModelState } from '../model-state';
import { logJacobian, type Standardization, standardizeMatrix } from '../standardize';
import { addStatistics } from '../sufficient-statistics';
import { checkColumns, describeKind, readMatrix } from '../validate/index';
import { readPartWeights } from './chunk-weights';
import { modelFingerprint } from './fingerprint';
import { type MixtureStatistics, type StatisticsHeader, toPublicStatistics } from './statistics-format';
import { readStatistics } from './statistics-read';

/** Options of `model.statistics`. */
export interface StatisticsOptions {
  /** One weight ≥ 0 per row of X; every row counts once without. */
  readonly sampleWeight?: ArrayLike<number>;
}

/** Options of `GaussianMixture.fromStatistics`. */
export interface FromStatisticsOptions {
  /**
   * Added to every covariance diagonal, in fitting units, as `fit`'s `regCovar`.
   * @defaultValue `1e-6`, `FIT_DEFAULTS.regCovar`
   */
  readonly regCovar?: number;
}

/**
 * The statistics of X's rows under the model in `state`; an empty array gives zero statistics. A
 * model fitted with `missing: 'em'` takes NaN: each row with holes adds its expected complete-data
 * statistics given its observed values, a row with nothing observed adds nothing.
 */
export function modelStatistics(state: ModelState, X: unknown, options: unknown): MixtureStatistics {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeKind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'sampleWeight')
      throw new TypeError(`unknown option '${key}'; statistics takes only sampleWeight`);
  }
  const { parameters, covariance } = state;
  const k = parameters.weights.length;
  const d = parameters.means.length / k;
  const empty = Array.isArray(X) && X.length === 0;
  const missing = state.missing === 'em';
  const data: DenseMatrix = empty
    ? { data: new Float64Array(0), rows: 0, cols: d }
    : readMatrix(X, 'X', missing);
  checkColumns(data, d);
  const given = (options as StatisticsOptions).sampleWeight;
  const weights = given === undefined ? undefined : readPartWeights(given, 'sampleWeight', data.rows);
  const z = state.standardization;
  const rows = z ? standardizeMatrix(data, z) : data;
  if (missing && hasMissing(data)) {
    const sums = incompleteRowStatistics(rows, weights, parameters, COVARIANCE_MODELS[covariance]);
    if (z) {
      const shift = observedLogJacobian(data, z);
      for (let i = 0; i < data.rows; i++)
        sums.logLikelihood += (weights ? (weights[i] as number) : 1) * (shift[i] as number);
    }
    return toPublicStatistics({ header: headerOf(state), rows: data.rows, sums });
  }
  const sums = rowStatistics(rows, weights, parameters, COVARIANCE_MODELS[covariance], state.precision);
  if (z) sums.logLikelihood += sums.weight * logJacobian(z);
  return toPublicStatistics({ header: headerOf(state), rows: data.rows, sums });
}

/**
 * Adds statistics computed under one model, in any order and from any machines.
 * @throws TypeError / RangeError when an argument is not valid statistics; Error when they come from
 *   different models.
 */
export function mergeStatistics(...parts: unknown[]): MixtureStatistics {
  if (parts.length === 0) throw new RangeError('mergeStatistics needs at least one statistics object');
  const flat = parts.map((part, i) => readStatistics(part, `mergeStatistics: argument ${i + 1}`));
  const [head, ...rest] = flat as [(typeof flat)[0], ...typeof flat];
  // readStatistics made fresh arrays: the first part's sums can take the others in place.
  let rows = head.rows;
  let missing = head.header.missing;
  rest.forEach((part, i) => {
    const mismatch = differingField(head.header, part.header);
    if (mismatch) {
      throw new Error(
        `mergeStatistics: argument ${i + 2} was computed under a different model than argument 1 (${mismatch}); ` +
          'statistics add only when every part used the same model',
      );
    }
    rows += part.rows;
    missing ??= part.header.missing;
    addStatistics(head.sums, part.sums);
  });
  return toPublicStatistics({ header: { ...head.header, missing }, rows, sums: head.sums });
}

/**
 * The M-step from (merged) statistics: the next model. Its `logLikelihood` and one-entry `history`
 * are the mean log-likelihood the statistics report, that of the model they were computed under.
 * @throws TypeError / RangeError for invalid statistics or regCovar; Error when a covariance is not
 *   positive definite (increase regCovar).
 */
export function stateFromStatistics(stats: unknown, options: unknown): ModelState {
  const where = 'GaussianMixture.fromStatistics';
  const regCovar = readRegCovar(options, where);
  const { header, sums } = readStatistics(stats, where);
  if (!(sums.weight > 0)) {
    throw new RangeError(
      `${where}: the statistics summarise no weight (weight is ${sums.weight}): nothing to estimate`,
    );
  }
  const model = COVARIANCE_MODELS[header.covariance];
  const d = header.features;
  // The type's own M-step, bounded as fit's first M-step from a given model is: the default inner
  // loop, started afresh (an explicit start carries no inner estimates).
  const parameters = mStep(sums, d, regCovar, model, DEFAULT_CONTROL);
  const singular = firstSingularComponent(parameters, model, d);
  if (singular >= 0) {
    // One matrix shared by every component (tied, EEE): no component to blame, as fit says it.
    const shared = model.sharedCovariance;
    const which = shared ? 'the tied covariance' : `the covariance of component ${singular}`;
    const remedy = `increase regCovar (now ${regCovar})`;
    throw new NumericalFailureError(
      `${where}: ${which} is not positive definite after the M-step; ${remedy}`,
      { component: shared ? undefined : singular, remedy },
    );
  }
  const meanLogLikelihood = sums.logLikelihood / sums.weight;
  return {
    covariance: header.covariance,
    parameters,
    standardization: standardizationOf(header),
    converged: false,
    iterations: 0,
    logLikelihood: meanLogLikelihood,
    history: [meanLogLikelihood],
    seed: 0,
    reseeds: 0,
    degenerate: degenerateComponents(parameters, { model, d, regCovar, totalWeight: sums.weight }),
    failedRestarts: 0,
    ...(header.missing ? { missing: header.missing } : {}),
  };
}

function headerOf(state: ModelState): StatisticsHeader {
  const k = state.parameters.weights.length;
  const z = state.standardization;
  return {
    model: modelFingerprint(state),
    covariance: state.covariance,
    components: k,
    features: state.parameters.means.length / k,
    standardization: z ? { mean: Array.from(z.mean), scale: Array.from(z.scale) } : null,
    missing: state.missing === 'em' ? 'em' : undefined,
  };
}

function standardizationOf(header: StatisticsHeader): Standardization | undefined {
  const z = header.standardization;
  return z ? { mean: Float64Array.from(z.mean), scale: Float64Array.from(z.scale) } : undefined;
}

/** The first header field two statistics disagree on, as the message shows it; '' when none. */
function differingField(a: StatisticsHeader, b: StatisticsHeader): string {
  if (a.covariance !== b.covariance) return `covariance '${a.covariance}' and '${b.covariance}'`;
  if (a.components !== b.components) return `components ${a.components} and ${b.components}`;
  if (a.features !== b.features) return `features ${a.features} and ${b.features}`;
  if (a.model !== b.model) return `model ${a.model} and ${b.model}`;
  if (JSON.stringify(a.standardization) !== JSON.stringify(b.standardization)) return 'standardization';
  return '';
}

function readRegCovar(options: unknown, where: string): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeKind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'regCovar') throw new TypeError(`${where}: unknown option '${key}'; it takes only regCovar`);
  }
  const value = (options as FromStatisticsOptions).regCovar;
  if (value === undefined) return FIT_DEFAULTS.regCovar;
  if (typeof value !== 'number')
    throw new TypeError(`${where}: regCovar must be a number, got ${describeKind(value)}`);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: regCovar must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}
