/**
 * The `precision` option: the arithmetic of the E-step, `'float64'` (the default) or `'float32'`
 * (rows stored and read as f32 by the f32x4 kernels; parameters, sums and log-likelihoods f64), and
 * the options a float32 fit cannot be combined with, refused with an error naming `precision`.
 */
import { aboutOption, readingOption } from '../errors';
import type { Precision } from '../types';
import { describeKind } from './matrix';

/**
 * `'float64'` or `'float32'`.
 * @throws TypeError for another kind; RangeError for another string.
 */
export function readPrecision(value: unknown, option: string): Precision {
  if (typeof value !== 'string')
    throw new TypeError(`${option} must be a string, got ${describeKind(value)}`);
  if (value !== 'float64' && value !== 'float32') {
    throw new RangeError(`${option} must be 'float64' or 'float32', got '${value}'`);
  }
  return value;
}

/**
 * Refuses what a float32 fit does not run: E-steps in workers (their shards are f64) and EM with
 * missing values (whose pattern passes are f64).
 * @throws RangeError naming `precision` and the option it cannot go with.
 */
export function checkPrecisionCombination(options: {
  readonly precision: Precision;
  readonly workers: number;
  readonly missing: string;
}): void {
  if (options.precision !== 'float32') return;
  if (options.workers > 0) {
    throw aboutOption(
      new RangeError(
        `precision: 'float32' runs on the calling thread; it cannot be combined with workers (${options.workers}): set workers: 0 or precision: 'float64'`,
      ),
      'precision',
    );
  }
  if (options.missing === 'em') {
    throw aboutOption(
      new RangeError(
        "precision: 'float32' cannot be combined with missing: 'em' (values missing at random are fitted in float64): leave out precision or missing",
      ),
      'precision',
    );
  }
}

/**
 * Refuses `precision: 'float32'` where the fit runs in float64 only (`where` names it); a wrong
 * value of `precision` is reported as `fit` reports it.
 * @throws RangeError naming `precision`, for `'float32'`; TypeError / RangeError for a wrong value.
 */
export function refuseFloat32(options: unknown, where: string): void {
  const value = (options as { precision?: unknown } | null | undefined)?.precision;
  if (value === undefined) return;
  const precision = readingOption('precision', () => readPrecision(value, 'precision'));
  if (precision === 'float32') {
    throw aboutOption(
      new RangeError(`precision: 'float32' is not available for ${where}, which fits in float64`),
      'precision',
    );
  }
}
