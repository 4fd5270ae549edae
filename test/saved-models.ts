/**
 * Saved models written by hand, in `toJSON`'s format, for the JSON, model and sampling tests: K = 3,
 * D = 3, one per covariance type (covariances in the type's compact form), with or without a
 * standardization (then means and covariances are in standardized units); and the table-driven
 * test of fromJSON's rejections.
 */
import { it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { expectError, type FixtureCovarianceType } from './helpers';

export const COVARIANCE_TYPES: readonly FixtureCovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** Correlated full covariances; the first doubles as the tied matrix, their diagonals as diag's. */
const FULL = [
  [
    [1, 0.6, 0],
    [0.6, 2, 0.3],
    [0, 0.3, 0.5],
  ],
  [
    [0.5, -0.2, 0.1],
    [-0.2, 0.3, 0],
    [0.1, 0, 0.4],
  ],
  [
    [3, 1, -1],
    [1, 1, 0],
    [-1, 0, 2],
  ],
];

const COMPACT: Readonly<Record<FixtureCovarianceType, number[][][] | number[][] | number[]>> = {
  full: FULL,
  tied: FULL[0] as number[][],
  diag: FULL.map((matrix) => matrix.map((row, j) => row[j] as number)),
  spherical: [1.2, 0.4, 2],
};

/** A standardization whose scales are far from 1, so that forgetting it would show. */
export const STANDARDIZATION = { mean: [1, -2, 0.5], scale: [2, 0.5, 3] };

/** A saved model with covariances in the compact form of `covariance`. */
export function savedModel(covariance: FixtureCovarianceType, standardized = false) {
  return {
    format: 'gmm-wasm',
    version: 1,
    covariance,
    components: 3,
    features: 3,
    weights: [0.5, 0.3, 0.2],
    means: [
      [0, 0, 0],
      [6, 1, -2],
      [2, 7, 3],
    ],
    covariances: structuredClone(COMPACT[covariance]),
    standardization: standardized ? structuredClone(STANDARDIZATION) : null,
    converged: true,
    iterations: 2,
    logLikelihood: -3.5,
    history: [-4, -3.6, -3.5],
    seed: 42,
    reseeds: 0,
    degenerate: [] as number[],
    failedRestarts: 0,
  };
}

/** The full saved model; the base of most malformed cases. */
export const SAVED = savedModel('full');

export type Saved = Record<string, unknown> & ReturnType<typeof savedModel>;

/** A fresh deep copy of `base` (default SAVED) with `edit` applied, for one malformed case. */
export function savedWith(edit: (json: Saved) => void, base: object = SAVED): unknown {
  const json = structuredClone(base) as Saved;
  edit(json);
  return json;
}

/** One malformed case: its title, the JSON, the error class and the message after the prefix. */
export type RejectionCase = readonly [string, unknown, typeof TypeError | typeof RangeError, string];

/** One test per case: `fromJSON` throws exactly that class with `GaussianMixture.fromJSON: <message>`. */
export function rejectsJSON(cases: readonly RejectionCase[]): void {
  it.each(cases)('%s', (_case, json, kind, message) => {
    expectError(() => GaussianMixture.fromJSON(json), kind, `GaussianMixture.fromJSON: ${message}`);
  });
}
