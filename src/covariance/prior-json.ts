/**
 * The conjugate prior in a saved model: `{ shrinkage, mean, dof, scale }` (scale one number, or D
 * rows), written with every value and read back under the checks of the `prior` fit option.
 */
import type { CovarianceType } from '../types';
import type { ConjugatePrior } from './prior';
import { publicPrior } from './prior';
import { readPrior } from './prior-options';

/** The JSON form of a saved model's `prior` field. */
export interface PriorJSON {
  /** κ ≥ 0. */
  readonly shrinkage: number;
  /** μₚ, D values. */
  readonly mean: number[];
  /** ν > 0. */
  readonly dof: number;
  /** Λ: one number (EII, VII, EEI, VEI, EVI, VVI) or D rows of D. */
  readonly scale: number | number[][];
}

/** A prior's saved form: every value, filled in, in the fitting units. */
export function priorToJSON(prior: ConjugatePrior): PriorJSON {
  const { shrinkage, mean, dof, scale } = publicPrior(prior);
  return {
    shrinkage,
    mean: mean.slice(),
    dof,
    scale: typeof scale === 'number' ? scale : scale.map((row) => row.slice()),
  };
}

/**
 * @param invalid - makes the reader's errors (a TypeError or RangeError naming the field).
 * @throws what `invalid` makes, for a prior that is not an object of the four fields or whose values
 *   the `prior` option would refuse for this covariance type and D.
 */
export function priorFromJSON(
  value: unknown,
  covariance: CovarianceType,
  d: number,
  invalid: (Kind: typeof TypeError | typeof RangeError, message: string) => Error,
): ConjugatePrior {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(TypeError, 'prior must be an object { shrinkage, mean, dof, scale }');
  const record = value as Record<string, unknown>;
  for (const key of ['shrinkage', 'mean', 'dof', 'scale'])
    if (!(key in record)) throw invalid(TypeError, `prior has no field '${key}'`);
  try {
    const { shrinkage, mean, dof, scale } = readPrior(record, 'prior', { covariance, features: d });
    return {
      shrinkage: shrinkage as number,
      mean: mean as Float64Array,
      dof: dof as number,
      scale: scale as Float64Array,
    };
  } catch (error) {
    if (error instanceof TypeError) throw invalid(TypeError, error.message);
    if (error instanceof RangeError) throw invalid(RangeError, error.message);
    throw error;
  }
}
