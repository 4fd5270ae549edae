/**
 * Hard data for the numerics: far outliers, many dimensions, duplicated rows, a constant column and
 * a large offset. Whatever EM does with them, no output may be NaN or infinite.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import type { Matrix } from '../src/types';
import { at, blobs, expectAllClose, expectClose, flatNumbers, randomCenters, threeBlobs } from './helpers';

/** Every number a model reports or computes on `data`, labelled, for a finiteness check. */
function outputs(model: GaussianMixture, data: Matrix): Record<string, number[]> {
  return {
    weights: flatNumbers(model.weights),
    means: flatNumbers(model.means),
    covariances: flatNumbers(model.covariances),
    history: flatNumbers(model.history),
    logLikelihood: [model.logLikelihood],
    predictProba: flatNumbers(model.predictProba(data)),
    scoreSamples: flatNumbers(model.scoreSamples(data)),
    score: [model.score(data)],
    bic: [model.bic(data)],
  };
}

/** No NaN nor ±Infinity anywhere; labels are valid component indices; responsibilities sum to 1. */
function expectFiniteModel(model: GaussianMixture, data: Matrix): void {
  for (const [name, values] of Object.entries(outputs(model, data))) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    expect(bad, `${name}[${bad}] = ${values[bad]}`).toBe(-1);
  }
  for (const label of model.predict(data)) {
    expect(label).toBeGreaterThanOrEqual(0);
    expect(label).toBeLessThan(model.components);
  }
  for (const row of model.predictProba(data))
    expectClose(
      row.reduce((a, b) => a + b, 0),
      1,
      1e-12,
    );
}

const X = threeBlobs(1).X;

describe('a row 1e6 standard deviations from every component', () => {
  const outlier = [1e6, -1e6];

  it.each([1, 2, 3])('fitting data plus the outlier gives finite output (seed %i)', async (seed) => {
    const data = [...X, outlier];
    for (const init of ['random', 'kmeans++'] as const) {
      const model = await GaussianMixture.fit(data, { components: 3, seed, init });
      expectFiniteModel(model, data);
    }
  });

  it('scoring it with a model fitted on clean data is finite and very negative', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 2 });
    const far = [outlier, [-1e6, 3e5], [0, 1e7]];
    expectFiniteModel(model, far);
    // ½·(1e6 / σ)² with σ of order 1–3: far below −1e10.
    for (const logDensity of model.scoreSamples(far)) expect(logDensity).toBeLessThan(-1e10);
  });
});

describe('D = 64', () => {
  it('fits 2100 rows in 3 clusters with finite output and finds the clusters', async () => {
    const { X: data, labels } = blobs(3, randomCenters(9, 3, 64, 3), 700);
    const model = await GaussianMixture.fit(data, { components: 3, seed: 1, init: 'kmeans++' });
    expectFiniteModel(model, data);
    const predicted = model.predict(data);
    const labelOf = [0, 1, 2].map((c) => at(predicted, labels.indexOf(c)));
    expect(new Set(labelOf).size).toBe(3);
    expect(Array.from(predicted)).toEqual(labels.map((c) => at(labelOf, c)));
  });

  it('a random start gives finite output too', async () => {
    const { X: data } = blobs(4, randomCenters(10, 3, 64, 3), 700);
    const model = await GaussianMixture.fit(data, { components: 3, seed: 2, maxIter: 20 });
    expectFiniteModel(model, data);
  });
});

describe('duplicated rows', () => {
  it.each([1, 2, 3, 4])('one row repeated 50 times among normal data (seed %i)', async (seed) => {
    const repeated = [3, 3];
    const data = [...X, ...Array.from({ length: 50 }, () => repeated.slice())];
    const model = await GaussianMixture.fit(data, { components: 4, seed });
    expectFiniteModel(model, data);
  });

  it.each([1, 2, 3])('every row three times (seed %i)', async (seed) => {
    const data = X.flatMap((row) => [row, row.slice(), row.slice()]);
    const model = await GaussianMixture.fit(data, { components: 3, seed });
    expectFiniteModel(model, data);
  });

  it('a component collapsed on a repeated row keeps covariance regCovar·I', async () => {
    // Means start on the repeated row, so one component sits exactly on it and shrinks to it.
    const repeated = [20, 20];
    const data = [...X, ...Array.from({ length: 50 }, () => repeated.slice())];
    const init = { means: [[0, 0], [10, 0], [5, 9], repeated] };
    const model = await GaussianMixture.fit(data, { components: 4, init, regCovar: 1e-6 });
    expectFiniteModel(model, data);
    expectAllClose(at(model.means, 3), repeated, 1e-12, 'collapsed mean');
    expectAllClose(
      at(model.covariances, 3),
      [
        [1e-6, 0],
        [0, 1e-6],
      ],
      1e-6,
      'collapsed covariance',
    );
  });
});

describe('a constant column', () => {
  const data = X.map((row) => [...row, 5]);

  it.each([false, true])('gives finite output (standardize: %s)', async (standardize) => {
    for (const seed of [1, 2]) {
      const model = await GaussianMixture.fit(data, { components: 3, seed, standardize });
      expectFiniteModel(model, data);
      // Every component sits on the column's single value, with only regCovar as its variance.
      for (const mean of model.means) expectClose(at(mean, 2), 5, 1e-12);
      for (const covariance of model.covariances) {
        expect(at(at(covariance, 2), 2)).toBeGreaterThan(0);
        expect(at(at(covariance, 2), 2)).toBeLessThan(1e-5);
      }
    }
  });
});

describe('data offset by 1e8 with unit spread', () => {
  const offset = X.map((row) => row.map((v) => v + 1e8));

  it.each([false, true])('recovers the same means, shifted (standardize: %s)', async (standardize) => {
    const options = { components: 3, seed: 2, standardize };
    const base = await GaussianMixture.fit(X, options);
    const shifted = await GaussianMixture.fit(offset, options);
    expectFiniteModel(shifted, offset);
    expect(shifted.iterations).toBe(base.iterations);
    // Rows near 1e8 carry ~1.5e-8 of rounding each, so means agree to ~1e-7 absolute, not better.
    shifted.means.forEach((mean, k) => {
      mean.forEach((v, j) => {
        expect(Math.abs(v - 1e8 - at(at(base.means, k), j))).toBeLessThan(1e-6);
      });
    });
    shifted.covariances.forEach((matrix, k) => {
      expectAllClose(matrix, at(base.covariances, k), 1e-6, `covariances[${k}]`);
    });
    expectAllClose(shifted.weights, base.weights, 1e-6, 'weights');
    expectClose(shifted.logLikelihood, base.logLikelihood, 1e-8);
    expect(Array.from(shifted.predict(offset))).toEqual(Array.from(base.predict(X)));
  });

  it('means land on the clusters', async () => {
    const model = await GaussianMixture.fit(offset, { components: 3, seed: 1, init: 'kmeans++' });
    const centres = [
      [0, 0],
      [10, 0],
      [5, 9],
    ];
    for (const centre of centres) {
      // A 100-row cluster mean with σ = 1 is off by ~0.1 per coordinate: 0.5 is five of those.
      const nearest = Math.min(
        ...model.means.map((m) => Math.hypot(...m.map((v, j) => v - 1e8 - at(centre, j)))),
      );
      expect(nearest).toBeLessThan(0.5);
    }
  });
});
