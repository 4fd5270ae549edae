/**
 * Weights that must form a probability vector: each ≥ 0, summing to 1 within a tolerance that says
 * where they came from. Mixing weights of explicit starts and saved models, and the rows of given
 * responsibilities, all pass this one rule.
 */

/**
 * How far from 1 weights a user gives may sum before they are refused rather than renormalised:
 * weights typed to six digits, or computed in single precision, sum to 1 only that closely.
 */
export const GIVEN_SUM_TOLERANCE = 1e-6;

/**
 * How far from 1 a saved model's weights may sum: the M-step wrote them as Nₖ / Σ Nⱼ, so only a few
 * rounding steps of K additions separate their sum from 1.
 */
export const SAVED_SUM_TOLERANCE = 1e-9;

/** How a caller words the two refusals (messages name the field or option as the caller calls it). */
export interface ProbabilityErrors {
  /** The error for entry `index`, which is negative. */
  negative(index: number, value: number): Error;
  /** The error for a sum beyond the tolerance. */
  sum(sum: number): Error;
}

/**
 * Checks `values[from..from + count)`, each ≥ 0 and their sum 1 within `tolerance`.
 *
 * @returns their sum, for a caller that renormalises.
 * @throws what `errors` makes, for the first negative entry or the sum.
 */
export function checkProbabilities(
  values: ArrayLike<number>,
  tolerance: number,
  errors: ProbabilityErrors,
  from = 0,
  count = values.length - from,
): number {
  let sum = 0;
  for (let c = 0; c < count; c++) {
    const value = values[from + c] as number;
    if (value < 0) throw errors.negative(c, value);
    sum += value;
  }
  if (!(Math.abs(sum - 1) <= tolerance)) throw errors.sum(sum);
  return sum;
}
