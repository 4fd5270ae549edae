// A Float32Array given as X is kept as f32 end to end: validation checks it in place (or copies
// Float32Array rows into one Float32Array) instead of widening it into a Float64Array twice its
// size, and every consumer reads the same doubles from it that the widened copy held. So every
// result must be bit for bit the one from the same numbers given as a Float64Array.
import { describe, expect, it } from 'vitest';
import { PreparedData } from '../src/engine/prepared-data';
import { ownRows } from '../src/fit';
import {
  BayesianGaussianMixture,
  GaussianMixture,
  type Matrix,
  OnlineGaussianMixture,
  selectModel,
} from '../src/index';
import type { CovarianceType, Precision } from '../src/types';
import { readMatrix, resolveFitOptions } from '../src/validate/index';
import { expectError, mulberry32, standardNormal } from './helpers';

/** N rows around K centres in D dimensions, every value a float (so f32 and f64 hold the same numbers). */
function floats(seed: number, n: number, d: number, k: number, missingEvery = 0): Float32Array {
  const random = mulberry32(seed);
  const centres = Array.from({ length: k * d }, () => 5 * standardNormal(random));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const missing = missingEvery > 0 && (i * d + j) % missingEvery === 3 && j !== i % d;
      data[i * d + j] = missing
        ? Number.NaN
        : (centres[(i % k) * d + j] as number) + (1 + 0.3 * j) * standardNormal(random) + 100;
    }
  }
  return data;
}

/** The same rows as a flat Float32Array and as a flat Float64Array. */
function both(data: Float32Array, d: number): { f32: Matrix; f64: Matrix } {
  const rows = data.length / d;
  return { f32: { data, rows, cols: d }, f64: { data: Float64Array.from(data), rows, cols: d } };
}

const weightsFor = (n: number) => Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 4);

describe('readMatrix keeps f32 as f32', () => {
  it('returns a flat Float32Array itself, checked in place', () => {
    const data = new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const X = readMatrix({ data, rows: 3, cols: 2 });
    expect(X.data).toBe(data);
    expect([X.rows, X.cols]).toEqual([3, 2]);
    expect(Array.from(X.data)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map(Math.fround));
  });

  it('copies rows that are all Float32Arrays into one Float32Array', () => {
    const rows = [new Float32Array([0.1, 2]), new Float32Array([3, 0.7])];
    const X = readMatrix(rows);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(Array.from(X.data)).toEqual([Math.fround(0.1), 2, 3, Math.fround(0.7)]);
    // A copy: the caller's rows are not aliased.
    rows[0]?.fill(9);
    expect(X.data[0]).toBe(Math.fround(0.1));
  });

  it('copies every other form into a Float64Array', () => {
    const mixed = readMatrix([new Float32Array([0.1, 2]), new Float64Array([0.1, 4])]);
    expect(mixed.data).toBeInstanceOf(Float64Array);
    expect(Array.from(mixed.data)).toEqual([Math.fround(0.1), 2, 0.1, 4]);
    expect(readMatrix([new Float32Array([1]), [2]]).data).toBeInstanceOf(Float64Array);
    expect(readMatrix([[1], [2]]).data).toBeInstanceOf(Float64Array);
    expect(readMatrix({ data: [1, 2], rows: 1, cols: 2 }).data).toBeInstanceOf(Float64Array);
    const f64 = new Float64Array([1, 2]);
    expect(readMatrix({ data: f64, rows: 2, cols: 1 }).data).toBe(f64);
  });

  it('names the row and column of a NaN or ±Infinity in a Float32Array, as for a Float64Array', () => {
    const flat = (values: number[]) => ({ data: Float32Array.from(values), rows: 3, cols: 2 });
    expectError(() => readMatrix(flat([1, 2, 3, 4, 5, Number.NaN])), RangeError, 'X[2][1] is NaN');
    expectError(() => readMatrix(flat([1, 2, 1 / 0, 4, 5, 6])), RangeError, 'X[1][0] is Infinity');
    expectError(() => readMatrix(flat([1, -1 / 0, 3, 4, 5, 6])), RangeError, 'X[0][1] is -Infinity');
    // Missing values allowed: NaN passes, ±Infinity is refused all the same.
    expect(readMatrix(flat([1, 2, Number.NaN, 4, 5, 6]), 'X', true).data[2]).toBeNaN();
    expectError(
      () => readMatrix(flat([1, 2, Number.NaN, 4, 1 / 0, 6]), 'X', true),
      RangeError,
      'X[2][0] is Infinity',
    );
    const rows = [new Float32Array([1, 2]), new Float32Array([3, Number.NaN])];
    expectError(() => readMatrix(rows), RangeError, 'X[1][1] is NaN');
    expectError(
      () => readMatrix([new Float32Array([1]), new Float32Array([-1 / 0])], 'Y'),
      RangeError,
      'Y[1][0] is -Infinity',
    );
  });
});

describe('the fit owns f32 rows without widening them', () => {
  it('ownRows copies a flat Float32Array into a Float32Array, and leaves a copy as it is', () => {
    const given = { data: new Float32Array([1, 2, 3, 4]), rows: 2, cols: 2 };
    const owned = ownRows(given, readMatrix(given));
    expect(owned.data).toBeInstanceOf(Float32Array);
    expect(owned.data).not.toBe(given.data);
    expect(Array.from(owned.data)).toEqual([1, 2, 3, 4]);
    const rows = [new Float32Array([1, 2])];
    const read = readMatrix(rows);
    expect(ownRows(rows, read)).toBe(read);
  });

  it('PreparedData works on the Float32Array itself; standardized rows are f64, as before', async () => {
    const { f32 } = both(floats(3, 64, 3, 2), 3);
    for (const precision of ['float32', 'float64'] as const) {
      const data = readMatrix(f32);
      const plain = await PreparedData.create(data, resolveFitOptions({ components: 2, precision }, data));
      expect(plain.X.data).toBe((f32 as { data: Float32Array }).data);
      await plain.dispose();
      const options = resolveFitOptions({ components: 2, precision, standardize: true }, data);
      const standardized = await PreparedData.create(data, options);
      expect(standardized.X.data).toBeInstanceOf(Float64Array);
      await standardized.dispose();
    }
  });
});

/** What a fit is: its saved form and its log-density on the training rows. */
function outcome(model: GaussianMixture, X: Matrix) {
  return { json: JSON.stringify(model.toJSON()), scores: Array.from(model.scoreSamples(X)) };
}

describe('a fit from a Float32Array gives the bits of the fit from a Float64Array of the same numbers', () => {
  const cases: [CovarianceType, Precision, { standardize?: boolean; weighted?: boolean; init?: string }][] = [
    ['full', 'float32', { init: 'kmeans' }],
    ['full', 'float64', { init: 'kmeans', weighted: true }],
    ['tied', 'float32', { standardize: true, weighted: true }],
    ['tied', 'float64', { standardize: true }],
    ['diag', 'float32', { init: 'hierarchical' }],
    ['diag', 'float64', { init: 'random-from-data', weighted: true }],
    ['spherical', 'float32', { init: 'kmeans++', standardize: true }],
    ['spherical', 'float64', { init: 'hierarchical', standardize: true }],
    ['VEV', 'float32', { init: 'kmeans', weighted: true, standardize: true }],
    ['VEV', 'float64', {}],
  ];
  it.each(cases)('%s in %s, %o', async (covariance, precision, { standardize, weighted, init }) => {
    const data = floats(21, 900, 4, 3);
    const { f32, f64 } = both(data, 4);
    const options = {
      components: 3,
      covariance,
      precision,
      seed: 7,
      restarts: 2,
      maxIter: 25,
      ...(standardize ? { standardize } : {}),
      ...(weighted ? { sampleWeight: weightsFor(900) } : {}),
      ...(init ? { init: init as 'kmeans' } : {}),
    };
    const double = await GaussianMixture.fit(f64, options);
    const single = await GaussianMixture.fit(f32, options);
    expect(single.precision).toBe(precision);
    expect(outcome(single, f32)).toEqual(outcome(double, f64));
    // And the rows form: all-Float32Array rows against number[] rows.
    const rows32 = Array.from({ length: 900 }, (_, i) => data.subarray(i * 4, i * 4 + 4));
    const rows64 = rows32.map((row) => Array.from(row));
    const fromRows = await GaussianMixture.fit(rows32, options);
    expect(outcome(fromRows, f32)).toEqual(outcome(await GaussianMixture.fit(rows64, options), f64));
  });

  it("with missing values (missing: 'em', float64): the fit and its imputations", async () => {
    const { f32, f64 } = both(floats(5, 500, 3, 2, 11), 3);
    const options = { components: 2, missing: 'em' as const, seed: 3, maxIter: 30, standardize: true };
    const single = await GaussianMixture.fit(f32, options);
    const double = await GaussianMixture.fit(f64, options);
    expect(outcome(single, f32)).toEqual(outcome(double, f64));
    const filled = single.impute(f32);
    expect(filled[0]).toBeInstanceOf(Float64Array);
    expect(filled.map((row) => Array.from(row))).toEqual(double.impute(f64).map((row) => Array.from(row)));
    // The imputed values are the conditional means, not their float32 roundings.
    const first = (f32 as { data: Float32Array }).data.findIndex(Number.isNaN);
    const value = filled[Math.floor(first / 3)]?.[first % 3] as number;
    expect(value).not.toBe(Math.fround(value));
  });

  it('selectModel, predictions and statistics', async () => {
    const { f32, f64 } = both(floats(9, 400, 3, 2), 3);
    const options = { components: [1, 2, 3], covariance: ['full', 'diag'] as CovarianceType[], seed: 2 };
    for (const precision of ['float32', 'float64'] as const) {
      const single = await selectModel(f32, { ...options, precision });
      const double = await selectModel(f64, { ...options, precision });
      expect(JSON.stringify(single.table)).toBe(JSON.stringify(double.table));
      expect(outcome(single.best, f32)).toEqual(outcome(double.best, f64));
      expect(Array.from(single.best.predict(f32))).toEqual(Array.from(double.best.predict(f64)));
      expect(single.best.predictProba(f32).map((row) => Array.from(row))).toEqual(
        double.best.predictProba(f64).map((row) => Array.from(row)),
      );
      expect(single.best.bic(f32)).toBe(double.best.bic(f64));
      expect(await single.best.scoreAsync(f32)).toBe(await double.best.scoreAsync(f64));
      expect(JSON.stringify(single.best.statistics(f32))).toBe(JSON.stringify(double.best.statistics(f64)));
    }
  });

  it('in a worker (its shard posted as f32), in a stream, online, and Bayesian', async () => {
    const data = floats(13, 600, 3, 2);
    const { f32, f64 } = both(data, 3);
    const options = { components: 2, seed: 4, maxIter: 20 };
    const pooled = await GaussianMixture.fit(f32, { ...options, workers: 1 });
    expect(outcome(pooled, f32)).toEqual(
      outcome(await GaussianMixture.fit(f64, { ...options, workers: 1 }), f64),
    );
    const chunks = (values: Float32Array | Float64Array) => () =>
      [0, 1, 2].map((c) => ({ data: values.subarray(c * 600, (c + 1) * 600), rows: 200, cols: 3 }));
    const f64Data = (f64 as { data: Float64Array }).data;
    for (const workers of [0, 1]) {
      const streamed = await GaussianMixture.fitStream(chunks(data), { ...options, workers });
      const streamed64 = await GaussianMixture.fitStream(chunks(f64Data), { ...options, workers });
      expect(outcome(streamed, f32)).toEqual(outcome(streamed64, f64));
    }
    const online = new OnlineGaussianMixture({ components: 2, seed: 4, startSample: 200 });
    const online64 = new OnlineGaussianMixture({ components: 2, seed: 4, startSample: 200 });
    for (const chunk of chunks(data)()) await online.partialFit(chunk);
    for (const chunk of chunks(f64Data)()) await online64.partialFit(chunk);
    expect(outcome(online.model, f32)).toEqual(outcome(online64.model, f64));
    const bayes = await BayesianGaussianMixture.fit(f32, options);
    const bayes64 = await BayesianGaussianMixture.fit(f64, options);
    expect(JSON.stringify(bayes.toJSON())).toBe(JSON.stringify(bayes64.toJSON()));
    expect(Array.from(bayes.scoreSamples(f32))).toEqual(Array.from(bayes64.scoreSamples(f64)));
  });
});
