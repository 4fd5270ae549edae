/**
 * Sample weights through the public API: an integer weight is the row repeated, a zero weight is the
 * row removed, a common factor changes nothing, and the initialisers never start on a weightless row.
 */
import { describe, expect, it } from 'vitest';
import type { FitOptions } from '../src/fit-options';
import { GaussianMixture } from '../src/index';
import type { CovarianceType } from '../src/types';
import { at, blobs, expectAllClose, expectClose, expectRejection, mulberry32 } from './helpers';

const TYPES: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

/** Three overlapping clusters in 3-D, 20 rows each: EM has work to do in 30 iterations. */
const X = blobs(
  11,
  [
    [0, 0, 0],
    [4, 1, 0],
    [1, 4, 3],
  ],
  20,
  1.5,
).X;

/** Integer weights 0…3, with at least one zero, from a generator independent of the library. */
const INTEGER_WEIGHTS = (() => {
  const random = mulberry32(3);
  const weights = X.map(() => Math.floor(4 * random()));
  weights[5] = 0;
  return weights;
})();

/**
 * A fixed start, the same for every fit it is compared across: complete, since a part left out would
 * come from a k-means start, whose seeding draws rows differently from repeated rows and weights.
 */
const START = {
  weights: [0.3, 0.3, 0.4],
  means: [
    [0.5, 0.5, 0.5],
    [3, 0, 1],
    [0, 3, 2],
  ],
  // 2·I for every component: a form every covariance type accepts.
  covariances: Array.from({ length: 3 }, () => [
    [2, 0, 0],
    [0, 2, 0],
    [0, 0, 2],
  ]),
};

/** X with row i repeated `weights[i]` times (0 removes it). */
function repeated(weights: readonly number[]): number[][] {
  return X.flatMap((row, i) => Array.from({ length: at(weights, i) }, () => row));
}

function fitFromStart(data: number[][], options: Omit<FitOptions, 'components'>): Promise<GaussianMixture> {
  return GaussianMixture.fit(data, { components: 3, init: START, tol: 0, maxIter: 30, ...options });
}

function expectSameFit(actual: GaussianMixture, expected: GaussianMixture, tolerance: number): void {
  expect(actual.iterations).toBe(expected.iterations);
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
  expectClose(actual.logLikelihood, expected.logLikelihood, tolerance, 0, 'logLikelihood');
}

describe('integer weights equal repeated rows', () => {
  const cases = TYPES.flatMap((covariance) =>
    [false, true].map((standardize) => ({ covariance, standardize })),
  );

  it.each(cases)('$covariance, standardize $standardize', async ({ covariance, standardize }) => {
    const weighted = await fitFromStart(X, { covariance, standardize, sampleWeight: INTEGER_WEIGHTS });
    const copies = await fitFromStart(repeated(INTEGER_WEIGHTS), { covariance, standardize });
    expect(copies.iterations).toBe(30);
    expectSameFit(weighted, copies, 1e-10);
  });
});

describe('a zero weight removes the row', () => {
  const weights = X.map((_, i) => (i % 7 === 2 ? 0 : 1));

  it.each(TYPES)('%s', async (covariance) => {
    for (const standardize of [false, true]) {
      const weighted = await fitFromStart(X, { covariance, standardize, sampleWeight: weights });
      const removed = await fitFromStart(repeated(weights), { covariance, standardize });
      expect(repeated(weights)).toHaveLength(X.length - 9);
      expectSameFit(weighted, removed, 1e-10);
    }
  });
});

describe('scaling every weight by a constant changes nothing', () => {
  const weights = X.map((_, i) => 0.25 + (i % 5) * 0.5);
  const scaled = weights.map((w) => 7.5 * w);

  it.each(TYPES)('%s', async (covariance) => {
    for (const standardize of [false, true]) {
      const one = await fitFromStart(X, { covariance, standardize, sampleWeight: weights });
      const other = await fitFromStart(X, { covariance, standardize, sampleWeight: scaled });
      expectSameFit(other, one, 1e-10);
    }
  });

  it('non-uniform weights do change the fit (the comparisons above can fail)', async () => {
    const weighted = await fitFromStart(X, { sampleWeight: weights });
    const unweighted = await fitFromStart(X, {});
    const gap = Math.abs(weighted.logLikelihood - unweighted.logLikelihood);
    expect(gap).toBeGreaterThan(1e-3);
  });
});

describe('sampleWeight validation in fit', () => {
  const ones = X.map(() => 1);

  it.each([
    ['negative', ones.map((w, i) => (i === 4 ? -2 : w)), 'sampleWeight[4] is negative (-2)'],
    ['all zero', ones.map(() => 0), 'sampleWeight is all zeros: at least one row needs a positive weight'],
    ['too short', ones.slice(1), 'sampleWeight has 59 values, expected 60 (one per row of X)'],
    ['too long', [...ones, 1], 'sampleWeight has 61 values, expected 60 (one per row of X)'],
    ['NaN', ones.map((w, i) => (i === 7 ? Number.NaN : w)), 'sampleWeight[7] is NaN'],
    [
      'fewer positive rows than components',
      ones.map((_, i) => (i < 2 ? 1 : 0)),
      'components (3) exceeds the number of rows with positive weight (2)',
    ],
  ])('%s', async (_name, sampleWeight, message) => {
    await expectRejection(fitFromStart(X, { sampleWeight }), RangeError, message);
  });
});

describe('initialisers never start a component on a zero-weight row', () => {
  /** Three clusters of 30 rows, then 30 outliers a thousand units away, all of weight 0. */
  const clusters = blobs(
    21,
    [
      [0, 0],
      [8, 0],
      [4, 7],
    ],
    30,
  ).X;
  const outliers = blobs(22, [[1000, -1000]], 30).X;
  const data = [...clusters, ...outliers];
  const sampleWeight = data.map((_, i) => (i < clusters.length ? 1 : 0));

  it.each(['kmeans', 'kmeans++', 'random', 'random-from-data', 'hierarchical'] as const)(
    '%s',
    async (init) => {
      for (let seed = 1; seed <= 10; seed++) {
        const model = await GaussianMixture.fit(data, {
          components: 3,
          init,
          seed,
          maxIter: 0,
          sampleWeight,
        });
        for (const mean of model.means) {
          // Every start mean is a weighted row or a weighted average of rows: inside the clusters.
          expect(Math.hypot(at(mean, 0) - 1000, at(mean, 1) + 1000)).toBeGreaterThan(900);
          expect(Math.abs(at(mean, 0)) + Math.abs(at(mean, 1))).toBeLessThan(30);
        }
      }
    },
  );

  it('without the weights the outliers do attract a component (the check above can fail)', async () => {
    const model = await GaussianMixture.fit(data, { components: 3, init: 'kmeans', seed: 1, maxIter: 0 });
    const farthest = Math.max(...model.means.map((mean) => Math.abs(at(mean, 0))));
    expect(farthest).toBeGreaterThan(900);
  });
});
