// GaussianMixture.fitStream: exact EM over passes of a re-readable source. From an explicit start it
// is `fit` on the concatenated rows, whatever the chunking; seeded starts repeat; weights, standardize,
// sync and async sources, progress and abort behave as in `fit`.
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, type StreamChunk } from '../../src/index';
import { blobs, expectAllClose } from '../helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
// 9 000 rows: more than two kernel chunks of 4 096, so a single chunk of the stream spans several.
const { X } = blobs(
  11,
  [
    [0, 0, 0],
    [6, 1, -2],
    [1, 7, 3],
  ],
  3000,
);
const weights = X.map((_, i) => ((i * 7) % 5) * 0.5);

/** The rows (and weights) in chunks of `size`, as a source that yields them again on every call. */
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

const IDENTITY = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
/** A complete explicit start: no part of it is drawn at random, so every run begins here. */
const START = {
  weights: [0.3, 0.3, 0.4],
  means: [
    [1, 1, 0],
    [5, 0, -1],
    [0, 6, 2],
  ],
  covariances: [IDENTITY, IDENTITY, IDENTITY],
};

function expectSameModel(actual: GaussianMixture, expected: GaussianMixture, tolerance = 1e-12): void {
  expect(actual.iterations).toBe(expected.iterations);
  expect(actual.converged).toBe(expected.converged);
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
  expectAllClose(actual.history, expected.history, tolerance, 'history');
  expectAllClose([actual.logLikelihood], [expected.logLikelihood], tolerance, 'logLikelihood');
}

describe('fitStream equals fit on the concatenated rows', () => {
  for (const covariance of TYPES) {
    it(`${covariance}: chunks of 1, 777 and 9 000 rows, sync and async`, async () => {
      const options = { components: 3, covariance, init: START, maxIter: 8, tol: 0 };
      const expected = await GaussianMixture.fit(X, options);
      for (const size of [777, 9000]) {
        expectSameModel(await GaussianMixture.fitStream(chunked(size), options), expected);
      }
      expectSameModel(await GaussianMixture.fitStream(asAsync(chunked(1000)), options), expected);
    }, 60_000);
  }

  it('chunks of one row', async () => {
    const rows = X.slice(0, 600);
    const options = { components: 3, covariance: 'full' as const, init: START, maxIter: 5, tol: 0 };
    const expected = await GaussianMixture.fit(rows, options);
    const actual = await GaussianMixture.fitStream(() => rows.map((row) => [row]), options);
    expectSameModel(actual, expected);
  });

  it('sample weights per chunk, standardize, and the two together; flat and typed chunks', async () => {
    for (const standardize of [false, true]) {
      const options = { components: 3, init: START, maxIter: 6, tol: 0, standardize };
      const expected = await GaussianMixture.fit(X, { ...options, sampleWeight: weights });
      expectSameModel(await GaussianMixture.fitStream(chunked(1234, true), options), expected);
      const plain = await GaussianMixture.fit(X, options);
      const flat = () =>
        [X.slice(0, 5000), X.slice(5000)].map((rows) => ({
          data: Float64Array.from(rows.flat()),
          rows: rows.length,
          cols: 3,
        }));
      expectSameModel(await GaussianMixture.fitStream(flat, options), plain);
    }
  }, 60_000);

  it('runs to convergence with the same iterations and reports progress as fit does', async () => {
    const seen: number[] = [];
    const options = { components: 3, init: START, tol: 1e-6 };
    const expected = await GaussianMixture.fit(X, options);
    const actual = await GaussianMixture.fitStream(chunked(2048), {
      ...options,
      onIteration: ({ iteration }) => seen.push(iteration),
    });
    expectSameModel(actual, expected);
    expect(actual.converged).toBe(true);
    expect(seen).toEqual(Array.from({ length: actual.iterations }, (_, i) => i + 1));
  });
});

describe('collapsed components', () => {
  it('are re-seeded as fit re-seeds them (the worst-explained row, found in an extra pass)', async () => {
    const start = {
      ...START,
      means: [
        [1, 1, 0],
        [5, 0, -1],
        [500, 500, 500],
      ],
    };
    const options = { components: 3, init: start, maxIter: 10, tol: 0 };
    const expected = await GaussianMixture.fit(X, options);
    expect(expected.reseeds).toBeGreaterThan(0);
    const actual = await GaussianMixture.fitStream(chunked(4000), options);
    expect(actual.reseeds).toBe(expected.reseeds);
    expectSameModel(actual, expected);
  });
});

describe('seeded starts from the reservoir sample', () => {
  it('the whole stream fits in the sample: the same start, and the same model, as fit', async () => {
    for (const init of ['kmeans', 'kmeans++', 'random', 'random-from-data'] as const) {
      const options = { components: 3, init, seed: 5, maxIter: 5, tol: 0, restarts: 2 };
      const expected = await GaussianMixture.fit(X, options);
      expectSameModel(await GaussianMixture.fitStream(chunked(1000), options), expected);
    }
  }, 60_000);

  it('a sample smaller than the stream: the same seed gives the same model, another seed another start', async () => {
    const options = { components: 3, init: 'kmeans' as const, seed: 9, maxIter: 3, tol: 0, startSample: 500 };
    const a = await GaussianMixture.fitStream(chunked(999), options);
    const b = await GaussianMixture.fitStream(asAsync(chunked(999)), options);
    expectSameModel(b, a, 0);
    const c = await GaussianMixture.fitStream(chunked(999), { ...options, seed: 10 });
    expect(c.history[0]).not.toBe(a.history[0]);
    // Three clear clusters: any sensible start finds them.
    const reference = await GaussianMixture.fit(X, { components: 3, seed: 1 });
    expect(Math.abs(a.score(X) - reference.score(X))).toBeLessThan(1e-2);
  }, 60_000);
});
