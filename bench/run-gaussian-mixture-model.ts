/**
 * The npm package `gaussian-mixture-model`: it takes explicit starting parameters and `runEM(T)` runs
 * exactly T iterations (E-step then M-step), so it is timed like the others. Only `runEM` is timed;
 * building the model and adding the points happen outside the clock.
 *
 * Differences from the common EM, which can move its log-likelihood: responsibilities kept in
 * Float32Array, densities in linear space (not log-sum-exp), no regCovar and no 10·ε on the counts.
 */

import { createRequire } from 'node:module';
import {
  estimate,
  estimateRows,
  fullOnly,
  logLikelihoodOf,
  nested,
  nestedCovariances,
  pointsOf,
} from './packages';
import type { Problem } from './problem';
import { type Measurement, timed, timeFits } from './timing';

interface GmmModel {
  weights: number[];
  means: number[][];
  covariances: number[][][];
  addPoint(point: number[]): void;
  /** Returns the mean of a collapsed component, or undefined. */
  runEM(iterations: number): unknown;
}

type GmmConstructor = new (options: {
  weights: number[];
  means: number[][];
  covariances: number[][][];
  bufferSize: number;
}) => GmmModel;

/** The package's class, or why it cannot be loaded. */
function load(): GmmConstructor | string {
  try {
    const module = createRequire(import.meta.url)('gaussian-mixture-model') as { default: GmmConstructor };
    return module.default;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `cannot load: ${message}`;
  }
}

export async function measureGaussianMixtureModel(p: Problem): Promise<Measurement> {
  const notFull = fullOnly(p);
  if (notFull) return notFull;
  const Gmm = load();
  if (typeof Gmm === 'string') {
    const missing = /Cannot find module '([^']+)'/.exec(Gmm)?.[1];
    const cell = missing ? `not runnable (needs ${missing})` : 'not runnable';
    return { status: 'skipped', cell, reason: Gmm };
  }
  const points = pointsOf(p, p.rows);
  const model = (rows: number): GmmModel => {
    const gmm = new Gmm({
      weights: Array.from(p.weights),
      means: nested(p.means, p.components, p.cols),
      covariances: nestedCovariances(p),
      bufferSize: rows,
    });
    for (let r = 0; r < rows; r++) gmm.addPoint(points[r] ?? []);
    return gmm;
  };

  const rows = estimateRows(p);
  const small = model(rows);
  const { seconds, skipped } = estimate(p, rows, () => small.runEM(1));
  if (skipped) return skipped;

  let collapsed = false;
  const result = await timeFits(
    p,
    () => model(p.rows),
    (gmm) => {
      if (gmm.runEM(p.iterations) !== undefined) collapsed = true;
      return gmm;
    },
  );
  const { logLikelihood, problem } = logLikelihoodOf(p, result.last);
  const estimateNote = `estimated ${seconds.toFixed(2)} s/iter from ${rows} rows`;
  return timed(result, logLikelihood, {
    note: collapsed ? `runEM reported a singular covariance; ${estimateNote}` : estimateNote,
    ...(problem ? { logLikelihoodProblem: problem } : {}),
  });
}
