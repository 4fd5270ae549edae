// fitStream with missing: 'em': each chunk's rows with holes go through the missing-data E-step
// (pattern by pattern, expected complete-data statistics), so the model is fit(..., { missing: 'em' })
// on the concatenated rows within 1e-12 from an explicit start, for every covariance type, inline
// and with workers (those bit for bit the inline stream); standardize uses observed values only.
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, type StreamChunk } from '../../src/index';
import { blobs, expectAllClose, mulberry32 } from '../helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** Three correlated clusters in 4-D with 15 % of entries missing at random and a few empty rows. */
function holed(): number[][] {
  const { X } = blobs(
    21,
    [
      [0, 0, 0, 0],
      [6, 1, 2, -1],
      [1, 7, -3, 2],
    ],
    1500,
    1.2,
  );
  const random = mulberry32(5);
  const rows = X.map(([a = 0, b = 0, c = 0, d = 0]) =>
    [a, b + 0.6 * a, c - 0.5 * b, d + 0.4 * a + 0.3 * c].map((v) => (random() < 0.15 ? Number.NaN : v)),
  );
  for (const i of [3, 999, 4000]) rows[i] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  return rows;
}

const X = holed();
const weights = X.map((_, i) => 0.5 + ((i * 3) % 4) * 0.5);

function chunked(size: number, withWeights = false): () => Generator<StreamChunk> {
  return function* () {
    for (let start = 0; start < X.length; start += size) {
      const rows = X.slice(start, start + size);
      yield withWeights ? { X: rows, sampleWeight: weights.slice(start, start + size) } : rows;
    }
  };
}

function asAsync(source: () => Iterable<StreamChunk>): () => AsyncGenerator<StreamChunk> {
  return async function* () {
    for (const chunk of source()) {
      await new Promise((resolve) => setImmediate(resolve));
      yield chunk;
    }
  };
}

const MEANS = [
  [0.5, 0, 0, 0],
  [5, 1.5, 1, -1],
  [0, 6, -2, 1],
];
const COVARIANCE = [
  [2, 0.3, 0, 0.1],
  [0.3, 2, 0.2, 0],
  [0, 0.2, 2, 0.3],
  [0.1, 0, 0.3, 2],
];
function start(type: CovarianceType) {
  const covariances = {
    full: MEANS.map(() => COVARIANCE),
    tied: COVARIANCE,
    diag: MEANS.map(() => [2, 2, 2, 2]),
    spherical: [2, 2, 2],
  }[type as 'full'];
  return { weights: [0.3, 0.3, 0.4], means: MEANS, covariances };
}

function expectSameModel(actual: GaussianMixture, expected: GaussianMixture, tolerance = 1e-12): void {
  expect(actual.iterations).toBe(expected.iterations);
  expect(actual.missing).toBe('em');
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
  expectAllClose(actual.history, expected.history, tolerance, 'history');
  expectAllClose([actual.logLikelihood], [expected.logLikelihood], tolerance, 'logLikelihood');
  const z = (model: GaussianMixture) => JSON.parse(JSON.stringify(model)).standardization;
  const expectedZ = z(expected);
  if (expectedZ) {
    const actualZ = z(actual);
    expectAllClose(
      [actualZ.mean, actualZ.scale],
      [expectedZ.mean, expectedZ.scale],
      tolerance,
      'standardization',
    );
  }
}

describe('fitStream with missing values equals fit with missing: em', () => {
  for (const covariance of TYPES) {
    it(`${covariance}: chunks of 1, 333, 5 000; sync and async; with workers bit for bit`, async () => {
      const options = {
        components: 3,
        covariance,
        seed: 1,
        init: start(covariance),
        maxIter: 6,
        tol: 0,
        missing: 'em' as const,
      };
      const expected = await GaussianMixture.fit(X, options);
      const inline = await GaussianMixture.fitStream(chunked(333), options);
      expectSameModel(inline, expected);
      expectSameModel(await GaussianMixture.fitStream(asAsync(chunked(5000)), options), expected);
      const pooled = await GaussianMixture.fitStream(chunked(333), { ...options, workers: 2 });
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
      const single = X.slice(0, 400);
      expectSameModel(
        await GaussianMixture.fitStream(() => single.map((row) => [row]), options),
        await GaussianMixture.fit(single, options),
      );
    }, 120_000);
  }

  it('sample weights and standardize (from the observed values of each column)', async () => {
    for (const covariance of ['full', 'diag'] as const) {
      const options = {
        components: 3,
        covariance,
        seed: 1,
        init: start(covariance),
        maxIter: 5,
        tol: 0,
        missing: 'em' as const,
        standardize: true,
      };
      const expected = await GaussianMixture.fit(X, { ...options, sampleWeight: weights });
      expectSameModel(await GaussianMixture.fitStream(chunked(777, true), options), expected);
      const pooled = await GaussianMixture.fitStream(chunked(777, true), { ...options, workers: 2 });
      expectSameModel(pooled, expected);
    }
  }, 120_000);

  it('seeded starts on a stream sampled whole: the same mean-filled start, so the same model, as fit', async () => {
    for (const init of ['kmeans', 'random-from-data'] as const) {
      const options = { components: 3, init, seed: 3, maxIter: 4, tol: 0, missing: 'em' as const };
      const expected = await GaussianMixture.fit(X, options);
      expectSameModel(await GaussianMixture.fitStream(chunked(1000), options), expected);
    }
  }, 60_000);

  it('the model scores, predicts and imputes rows with holes', async () => {
    const model = await GaussianMixture.fitStream(chunked(1000), {
      components: 3,
      seed: 2,
      missing: 'em',
      tol: 1e-6,
    });
    expect(model.predict(X.slice(0, 5))).toHaveLength(5);
    expect(Number.isFinite(model.score(X))).toBe(true);
    expect(model.impute(X.slice(0, 10)).every((row) => row.every(Number.isFinite))).toBe(true);
  }, 60_000);
});

describe('fitStream with missing values: errors', () => {
  it('NaN without missing: em names the chunk, row and column, as before', async () => {
    await expect(GaussianMixture.fitStream(chunked(1000), { components: 3 })).rejects.toThrow(
      /^chunk 0 \(rows 0 to 999 of the stream\): X\[\d+\]\[\d\] is NaN/,
    );
  });

  it('a column never observed', async () => {
    const rows = X.slice(0, 100).map((row) => [row[0] as number, Number.NaN]);
    await expect(
      GaussianMixture.fitStream(() => [rows.slice(0, 50), rows.slice(50)], { components: 2, missing: 'em' }),
    ).rejects.toThrow(
      "column 1 has no observed value in the stream: missing: 'em' needs at least one in every column",
    );
  });

  it('missing values that change between passes', async () => {
    let pass = 0;
    const source = () => {
      pass++;
      return [
        pass === 1
          ? X.slice(0, 2000)
          : X.slice(0, 2000).map((row) => row.map((v) => (Number.isNaN(v) ? 0 : v))),
      ];
    };
    await expect(
      GaussianMixture.fitStream(source, { components: 3, missing: 'em', init: start('full'), maxIter: 2 }),
    ).rejects.toThrow(/^the data changed between passes: pass 2 read 0 missing values, the first pass \d+;/);
  });
});
