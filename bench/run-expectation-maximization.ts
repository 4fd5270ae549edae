/**
 * The npm package `expectation-maximization`. Its one function neither takes starting parameters nor
 * a fixed iteration count: it starts from `numeric.random([K, N])` responsibilities and loops until
 * `numeric.norminf` of the change in responsibilities is ≤ ε. Both calls go through the shared
 * `numeric` module object, so the benchmark replaces them for the duration of a fit:
 * - `numeric.random` returns the responsibilities of the common start's E-step (computed outside the
 *   clock), so the package's first M-step produces what everyone's first M-step produces;
 * - `numeric.norminf` still computes the norm but reports "not converged" until the T-th call,
 *   so the package runs exactly T M-steps and T E-steps, and returns the parameters of the T-th M-step.
 *
 * Differences from the common EM, which can move its log-likelihood: ε = 2.2e-16 on the covariance
 * diagonal instead of regCovar, no 10·ε on the counts, densities in linear space (a point that
 * underflows for every component gets uniform responsibilities).
 */

import { createRequire } from 'node:module';
import { choleskyPrecisionFull, logDensityFull, normalizeLogProb } from '../test/reference/kernels';
import { estimate, estimateRows, fullOnly, logLikelihoodOf, pointsOf } from './packages';
import type { Problem } from './problem';
import { type Measurement, timed, timeFits } from './timing';

interface Group {
  weight: number;
  mu: number[];
  sigma: number[][];
}

type Fit = (points: number[][], groups: number, epsilon: number) => Group[];

interface Numeric {
  random: (shape: number[]) => number[][];
  norminf: (value: unknown) => number;
}

const require = createRequire(import.meta.url);

/** K arrays of N responsibilities at the start: the layout the package keeps them in. */
function startResponsibilities(p: Problem, rows: number): number[][] {
  const { cols: d, components: k } = p;
  const { precChol, logDet, status } = choleskyPrecisionFull(p.covariances, d, k);
  if (status !== 0) throw new Error('the start covariances are not positive definite');
  const logWeights = Float64Array.from(p.weights, Math.log);
  const x = p.x.subarray(0, rows * d);
  const { resp } = normalizeLogProb(
    logDensityFull(x, p.means, precChol, logDet, logWeights, rows, d, k),
    rows,
    k,
  );
  return Array.from({ length: k }, (_, c) => Array.from({ length: rows }, (_, i) => resp[i * k + c] ?? 0));
}

/** Runs the package for exactly `iterations` M-steps from `start`, restoring `numeric` afterwards. */
function fixedRun(
  emFit: Fit,
  numeric: Numeric,
  points: number[][],
  start: number[][],
  iterations: number,
): Group[] {
  const { random, norminf } = numeric;
  let calls = 0;
  numeric.random = () => start;
  numeric.norminf = (value) => {
    norminf(value);
    calls++;
    return calls >= iterations ? 0 : Number.POSITIVE_INFINITY;
  };
  try {
    return emFit(points, start.length, Number.EPSILON);
  } finally {
    numeric.random = random;
    numeric.norminf = norminf;
  }
}

export async function measureExpectationMaximization(p: Problem): Promise<Measurement> {
  const notFull = fullOnly(p);
  if (notFull) return notFull;
  const emFit = require('expectation-maximization') as Fit;
  const numeric = require('numeric') as Numeric;

  const rows = estimateRows(p);
  const smallPoints = pointsOf(p, rows);
  const smallStart = startResponsibilities(p, rows);
  const { seconds, skipped } = estimate(p, rows, () => fixedRun(emFit, numeric, smallPoints, smallStart, 1));
  if (skipped) return skipped;

  const points = pointsOf(p, p.rows);
  const start = startResponsibilities(p, p.rows);
  const result = await timeFits(
    p,
    () => undefined,
    () => fixedRun(emFit, numeric, points, start, p.iterations),
  );
  const groups = result.last;
  const { logLikelihood, problem } = logLikelihoodOf(p, {
    weights: groups.map((g) => g.weight),
    means: groups.map((g) => g.mu),
    covariances: groups.map((g) => g.sigma),
  });
  return timed(result, logLikelihood, {
    note:
      `start and iteration count imposed by replacing numeric.random/norminf; T M-steps + T E-steps, ` +
      `no final E-step; estimated ${seconds.toFixed(2)} s/iter from ${rows} rows`,
    ...(problem ? { logLikelihoodProblem: problem } : {}),
  });
}
