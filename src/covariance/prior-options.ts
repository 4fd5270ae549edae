/**
 * The `prior` fit option: `'default'` (mclust's `priorControl()`) or `{ shrinkage?, mean?, dof?,
 * scale? }` overriding parts of mclust's `defaultPrior()`, checked against the covariance type
 * (mclust has the prior for ten of its fourteen models) and D.
 */

import { aboutOption } from '../errors';
import type { ResolvedFitOptions } from '../internal-types';
import type { CovarianceType } from '../types';
import { readCovariances } from '../validate/covariances';
import { readNumbers } from '../validate/lists';
import { describeKind } from '../validate/matrix';
import { hasScalarScale, PRIOR_MODELS, type PriorRequest } from './prior';

const PRIOR_KEYS = ['shrinkage', 'mean', 'dof', 'scale'] as const;

/** The models a prior can be given with, for messages. */
const WITH_PRIOR = Object.keys(PRIOR_MODELS).filter((name) => /^[A-Z]{3}$/.test(name));

/**
 * @throws TypeError for a value that is neither `'default'` nor an object, an unknown key or an
 *   entry of the wrong kind; RangeError for a covariance type without the prior, a shrinkage < 0,
 *   a mean of the wrong length, a dof ≤ 0, a scale ≤ 0 (spherical and diagonal models) or a scale
 *   that is not a symmetric positive-definite D×D matrix (the others), or a mean given with
 *   shrinkage 0 (mclust: "prior mean specified but not shrinkage").
 */
export function readPrior(
  value: unknown,
  option: string,
  shape: { readonly covariance: CovarianceType; readonly features: number },
): PriorRequest {
  const { covariance, features: d } = shape;
  if (value !== 'default' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new TypeError(
      `${option} must be 'default' or { shrinkage?, mean?, dof?, scale? }, got ${typeof value === 'string' ? `'${value}'` : describeKind(value)}`,
    );
  }
  if (!PRIOR_MODELS[covariance]) {
    throw new RangeError(
      `${option}: mclust has no conjugate prior for covariance '${covariance}'; it has one for ${WITH_PRIOR.join(', ')} (and the aliases spherical, diag, tied, full)`,
    );
  }
  if (value === 'default') return {};
  const given = value as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (!(PRIOR_KEYS as readonly string[]).includes(key))
      throw new TypeError(`${option} has an unknown key '${key}'; it takes ${PRIOR_KEYS.join(', ')}`);
  }
  const shrinkage =
    given.shrinkage === undefined ? undefined : positive(given.shrinkage, `${option}.shrinkage`, true);
  let mean: Float64Array | undefined;
  if (given.mean !== undefined) {
    mean = new Float64Array(d);
    readNumbers(given.mean, `${option}.mean`, d, 'one per column of X', mean, 0);
    if (shrinkage === 0)
      throw new RangeError(`${option}.mean is given but shrinkage is 0: a prior mean needs shrinkage > 0`);
  }
  const dof = given.dof === undefined ? undefined : positive(given.dof, `${option}.dof`, false);
  let scale: Float64Array | undefined;
  if (given.scale !== undefined) {
    scale = hasScalarScale(covariance)
      ? Float64Array.of(
          positive(given.scale, `${option}.scale`, false, `one number for covariance '${covariance}'`),
        )
      : readCovariances(given.scale, { components: 1, features: d, covariance: 'tied' }, `${option}.scale`);
  }
  return {
    ...(shrinkage === undefined ? {} : { shrinkage }),
    ...(mean ? { mean } : {}),
    ...(dof === undefined ? {} : { dof }),
    ...(scale ? { scale } : {}),
  };
}

function positive(value: unknown, name: string, zero: boolean, kind = 'a number'): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be ${kind}, got ${describeKind(value)}`);
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0))
    throw new RangeError(`${name} must be a finite number ${zero ? '≥' : '>'} 0, got ${value}`);
  return value;
}

/**
 * For the fitters that have no MAP-EM (their own priors, or no data pass for mclust's defaults):
 * a RangeError when `prior` was given.
 */
export function refusePrior(
  resolved: Pick<ResolvedFitOptions, 'prior'>,
  where: string,
  instead: string,
): void {
  if (resolved.prior !== undefined)
    throw aboutOption(new RangeError(`prior is not available for ${where}: ${instead}`), 'prior');
}
