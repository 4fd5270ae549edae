/**
 * The seed rule, the one every entry point that takes a seed applies (`fit`, `selectModel`,
 * `sample`, the streamed and Bayesian fits, and saved models when they are read back): an integer
 * from 0 to 2³² − 1, the state the generator of ../random.ts is seeded with.
 */
import { describeKind } from './matrix';

/** The largest seed: the generator is seeded with 32 bits. */
export const MAX_SEED = 0xffff_ffff;

/** Whether `value` is a seed: an integer from 0 to {@link MAX_SEED}. */
export function isSeed(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
}

/**
 * Checks a given seed.
 *
 * @param value - what the caller passed.
 * @param option - what the message calls it: `'seed'`.
 * @returns the seed.
 * @throws TypeError when `value` is not a number.
 * @throws RangeError when it is not an integer from 0 to 4294967295.
 */
export function readSeed(value: unknown, option = 'seed'): number {
  if (typeof value !== 'number')
    throw new TypeError(`${option} must be a number, got ${describeKind(value)}`);
  if (!isSeed(value))
    throw new RangeError(`${option} must be an integer from 0 to ${MAX_SEED}, got ${value}`);
  return value;
}
