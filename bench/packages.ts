/**
 * What the two npm EM packages share in the benchmark: their array-of-arrays inputs, the decision to
 * skip a shape from a timed iteration on a subsample, and the log-likelihood of their final parameters
 * computed independently (neither package reports one).
 */

import { performance } from 'node:perf_hooks';
import { plainEm } from '../test/reference/em';
import type { Problem } from './problem';
import type { Skipped } from './timing';

/** The first `rows` points as `number[][]`. */
export function pointsOf(p: Problem, rows: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(p.x.subarray(r * p.cols, (r + 1) * p.cols)));
}

/** Splits a flat row-major array into `rows` plain arrays of `cols` numbers. */
export function nested(flat: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => flat[r * cols + c] ?? 0),
  );
}

/** The start covariances as K nested D×D arrays. */
export function nestedCovariances(p: Problem): number[][][] {
  const { cols: d } = p;
  return Array.from({ length: p.components }, (_, c) =>
    nested(p.covariances.subarray(c * d * d, (c + 1) * d * d), d, d),
  );
}

/**
 * Mean log-likelihood of full-covariance parameters on the whole data set, by the reference E-step;
 * NaN, with the reason, when a covariance is not positive definite (the packages add no regCovar, so
 * a component left with fewer points than dimensions ends singular).
 */
export function logLikelihoodOf(
  p: Problem,
  params: { weights: number[]; means: number[][]; covariances: number[][][] },
): { logLikelihood: number; problem?: string } {
  const flat = {
    weights: Float64Array.from(params.weights),
    means: Float64Array.from(params.means.flat()),
    covariances: Float64Array.from(params.covariances.flat(2)),
  };
  try {
    return {
      logLikelihood: plainEm(p.x, p.rows, p.cols, flat, { iterations: 0, regCovar: 0 }).logLikelihood,
    };
  } catch (error) {
    const component = /component (\d+)/.exec(String(error))?.[1] ?? '?';
    const weight = params.weights[Number(component)];
    return {
      logLikelihood: Number.NaN,
      problem: `final covariance of component ${component} (weight ${weight?.toPrecision(2)}) is singular`,
    };
  }
}

/** Rows timed for the estimate: small enough to be quick even for the slowest package. */
export function estimateRows(p: Problem): number {
  return Math.min(p.rows, p.cols >= 32 ? 500 : 2000);
}

/**
 * Times one iteration (`iterate`, after one untimed warm-up call) on `rows` rows and scales it to the
 * whole data set; a shape that would take longer than the limit per iteration is skipped.
 * @returns the estimate in seconds per iteration, and the skip verdict when it is over the limit.
 */
export function estimate(
  p: Problem,
  rows: number,
  iterate: () => void,
): { seconds: number; skipped: Skipped | undefined } {
  iterate();
  const began = performance.now();
  iterate();
  const seconds = ((performance.now() - began) / 1000) * (p.rows / rows);
  const limit = p.skipSecondsPerIteration;
  if (seconds <= limit) return { seconds, skipped: undefined };
  const shown = seconds < 100 ? seconds.toFixed(1) : seconds.toFixed(0);
  return {
    seconds,
    skipped: {
      status: 'skipped',
      cell: `skipped (est. ${shown} s/iter)`,
      reason: `one iteration on ${rows} rows scales to ${shown} s per iteration on ${p.rows}, over ${limit} s`,
      estimatedSecondsPerIteration: seconds,
    },
  };
}

/** The packages fit full covariances only. */
export function fullOnly(p: Problem): Skipped | undefined {
  if (p.covariance === 'full') return undefined;
  return { status: 'skipped', cell: 'n/a (full only)', reason: 'the package fits full covariances only' };
}
