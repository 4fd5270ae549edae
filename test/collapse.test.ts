/**
 * Degenerate data: duplicated rows, K close to N, constant columns, more columns than rows, a far
 * outlier. Every fit must give finite, valid parameters (re-seeding collapsed components where it
 * must), and data that regularisation cannot rescue must fail with an Error that says what to do.
 */
import { describe, expect, it } from 'vitest';
import type { FitOptions } from '../src/fit-options';
import { GaussianMixture, NumericalFailureError } from '../src/index';
import type { CovarianceType } from '../src/types';
import {
  at,
  expectClose,
  expectRejection,
  flatNumbers,
  mulberry32,
  standardNormal,
  threeBlobs,
} from './helpers';

const TYPES: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

function normalRows(seed: number, n: number, d: number): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => standardNormal(random)));
}

/** Whether a symmetric matrix is positive definite, by an independent Cholesky factorisation. */
function positiveDefinite(matrix: readonly (readonly number[])[]): boolean {
  const d = matrix.length;
  const lower = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    for (let i = j; i < d; i++) {
      let sum = at(at(matrix, i), j);
      for (let t = 0; t < j; t++) sum -= at(at(lower, i), t) * at(at(lower, j), t);
      if (i === j) {
        if (!(sum > 0)) return false;
        at(lower, j)[j] = Math.sqrt(sum);
      } else {
        at(lower, i)[j] = sum / at(at(lower, j), j);
      }
    }
  }
  return true;
}

/** What every fit, however degenerate its data, must deliver. */
function expectSane(model: GaussianMixture, X: number[][]): void {
  expect(Number.isInteger(model.reseeds)).toBe(true);
  expect(model.reseeds).toBeGreaterThanOrEqual(0);
  expect(model.reseeds).toBeLessThanOrEqual(2 * model.components);
  const outputs = [model.weights, model.means, model.covariances, model.history, model.logLikelihood];
  for (const value of flatNumbers(outputs)) expect(Number.isFinite(value)).toBe(true);
  for (const weight of model.weights) expect(weight).toBeGreaterThanOrEqual(0);
  expectClose(
    model.weights.reduce((sum, w) => sum + w, 0),
    1,
    1e-12,
    0,
    'sum of weights',
  );
  model.covariances.forEach((matrix, c) => {
    matrix.forEach((row, j) => {
      row.forEach((value, l) => {
        expect(value, `covariance ${c} is symmetric`).toBe(at(at(matrix, l), j));
      });
    });
    expect(positiveDefinite(matrix), `covariance ${c} is positive definite`).toBe(true);
  });
  // The final E-step is the model's own view of the training data.
  expectClose(model.score(X), model.logLikelihood, 1e-10, 0, 'score(X)');
  for (const value of model.scoreSamples(X)) expect(Number.isFinite(value)).toBe(true);
  for (const label of model.predict(X)) expect(label >= 0 && label < model.components).toBe(true);
}

/** A mixture of K components explains its training data at least as well as one Gaussian does. */
async function expectBeatsOneGaussian(model: GaussianMixture, X: number[][], options: object): Promise<void> {
  const one = await GaussianMixture.fit(X, { ...options, components: 1, covariance: model.covariance });
  expect(model.logLikelihood).toBeGreaterThan(one.logLikelihood);
}

describe('50 copies of one row among 200 normal rows, K = 4', () => {
  const normal = normalRows(7, 200, 3);
  const X = [...normal, ...Array.from({ length: 50 }, () => [0.3, -0.2, 0.5])];

  it.each(TYPES)('%s', async (covariance) => {
    const model = await GaussianMixture.fit(X, { components: 4, covariance, seed: 1 });
    expectSane(model, X);
    await expectBeatsOneGaussian(model, X, {});
  });
});

describe('K close to N: N = 12, K = 10', () => {
  const X = normalRows(8, 12, 2);
  const cases = TYPES.flatMap((covariance) =>
    (['random', 'kmeans++', 'random-from-data'] as const).map((init) => ({ covariance, init })),
  );

  it.each(cases)('$covariance, $init', async ({ covariance, init }) => {
    const model = await GaussianMixture.fit(X, { components: 10, covariance, init, seed: 1 });
    expectSane(model, X);
  });

  it('components with less than one row are re-seeded, at most 2·K times', async () => {
    const model = await GaussianMixture.fit(X, { components: 10, covariance: 'full', seed: 1 });
    expect(model.reseeds).toBeGreaterThan(0);
    expect(model.reseeds).toBeLessThanOrEqual(20);
  });
});

describe('a constant column', () => {
  const X = normalRows(9, 150, 2).map(([a = 0, b = 0], i) => [a + (i % 3) * 6, b, 5]);
  const cases = TYPES.flatMap((covariance) =>
    [false, true].map((standardize) => ({ covariance, standardize })),
  );

  it.each(cases)('$covariance, standardize $standardize', async ({ covariance, standardize }) => {
    const model = await GaussianMixture.fit(X, { components: 3, covariance, standardize, seed: 2 });
    expectSane(model, X);
    for (const mean of model.means) expectClose(at(mean, 2), 5, 1e-12);
    if (covariance !== 'spherical') {
      // No spread of its own: only regCovar (a constant column keeps scale 1 when standardized).
      for (const matrix of model.covariances) {
        expectClose(at(at(matrix, 2), 2), 1e-6, 1e-6);
        expect(Math.abs(at(at(matrix, 0), 2))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('more columns than rows: N = 10, D = 20, K = 2', () => {
  const X = normalRows(10, 10, 20).map((row, i) => row.map((v) => v + (i < 5 ? 0 : 4)));

  it.each(['full', 'tied'] as const)('%s', async (covariance) => {
    const model = await GaussianMixture.fit(X, { components: 2, covariance, seed: 3 });
    expectSane(model, X);
    await expectBeatsOneGaussian(model, X, { seed: 3 });
  });
});

describe('one outlier 1e4 standard deviations away, K = 3, kmeans++', () => {
  const X = [...normalRows(11, 200, 3), [1e4, 1e4, 1e4]];

  it.each(TYPES)('%s', async (covariance) => {
    const model = await GaussianMixture.fit(X, { components: 3, covariance, init: 'kmeans++', seed: 1 });
    expectSane(model, X);
    // The outlier has a component of its own, which no ordinary row shares.
    const labels = model.predict(X);
    const own = at(labels, 200);
    expect(Array.from(labels).filter((label) => label === own)).toHaveLength(1);
    expectClose(at(model.weights, own), 1 / 201, 1e-6);
  });
});

describe('data that regularisation cannot rescue', () => {
  /** Three distinct rows in five dimensions, ten copies each: no covariance of full rank. */
  const base = [
    [0, 0, 0, 0, 0],
    [1, 2, 0, 1, 3],
    [2, -1, 1, 0, 1],
  ];
  const X = Array.from({ length: 30 }, (_, i) => at(base, i % 3));
  const options: FitOptions = { components: 2, covariance: 'full', regCovar: 0, seed: 1 };

  it('rejects with an Error that says what to do', async () => {
    await expectRejection(
      GaussianMixture.fit(X, options),
      NumericalFailureError,
      'the covariance of component 1 is not positive definite after iteration 3 even after 4 re-seeds; ' +
        'increase regCovar (now 0), reduce components (now 2) or set standardize: true',
    );
  });

  it('does not suggest standardize when the fit already standardizes', async () => {
    await expectRejection(
      GaussianMixture.fit(X, { ...options, standardize: true }),
      NumericalFailureError,
      'the covariance of component 0 is not positive definite after iteration 3 even after 4 re-seeds; ' +
        'increase regCovar (now 0) or reduce components (now 2)',
    );
  });

  it('names the tied covariance, which no re-seed can help', async () => {
    await expectRejection(
      GaussianMixture.fit(X, { ...options, covariance: 'tied' }),
      NumericalFailureError,
      'the tied covariance is not positive definite after iteration 1; ' +
        'increase regCovar (now 0), reduce components (now 2) or set standardize: true',
    );
  });

  it('is rescued by the default regCovar', async () => {
    const model = await GaussianMixture.fit(X, { ...options, regCovar: undefined });
    expectSane(model, X);
  });

  it('leaves the library as it was: the next fit on good data is the same as before', async () => {
    const good = threeBlobs(2).X;
    const before = await GaussianMixture.fit(good, { components: 3, seed: 5 });
    await expect(GaussianMixture.fit(X, options)).rejects.toThrow('not positive definite');
    const after = await GaussianMixture.fit(good, { components: 3, seed: 5 });
    expect(after.means).toEqual(before.means);
    expect(after.covariances).toEqual(before.covariances);
    expect(after.logLikelihood).toBe(before.logLikelihood);
    expectSane(after, good);
  });
});
