// fitStream with workers: chunks are dealt to workers, E-stepped there by the same code as on the
// calling thread, and their statistics merged in the order of the chunks, so the model is the
// inline fitStream's bit for bit (its JSON is the same text), whatever the timing of the workers.
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, type StreamChunk } from '../../src/index';
import { blobs, expectAllClose } from '../helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
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

function chunked(size: number, withWeights = false): () => Generator<StreamChunk> {
  return function* () {
    for (let start = 0; start < X.length; start += size) {
      const rows = X.slice(start, start + size);
      yield withWeights ? { X: rows, sampleWeight: weights.slice(start, start + size) } : rows;
    }
  };
}

/** Each chunk after a random delay of a few milliseconds: replies come back out of order. */
function jittered(source: () => Iterable<StreamChunk>, seed: number): () => AsyncGenerator<StreamChunk> {
  return async function* () {
    let state = seed;
    for (const chunk of source()) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      await new Promise((resolve) => setTimeout(resolve, state % 3));
      yield chunk;
    }
  };
}

const IDENTITY = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const START = {
  weights: [0.3, 0.3, 0.4],
  means: [
    [1, 1, 0],
    [5, 0, -1],
    [0, 6, 2],
  ],
  covariances: [IDENTITY, IDENTITY, IDENTITY],
};

function expectSameBits(actual: GaussianMixture, expected: GaussianMixture): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('fitStream with workers is the inline fitStream, bit for bit', () => {
  for (const covariance of TYPES) {
    it(`${covariance}: chunks of 777 (sync) and 1 000 (async, out of order), 9 000 (beyond a kernel chunk)`, async () => {
      const options = { components: 3, covariance, seed: 1, init: START, maxIter: 6, tol: 0 };
      const fitted = await GaussianMixture.fit(X, options);
      for (const size of [777, 9000]) {
        const inline = await GaussianMixture.fitStream(chunked(size), options);
        const pooled = await GaussianMixture.fitStream(chunked(size), { ...options, workers: 2 });
        expectSameBits(pooled, inline);
      }
      const inline = await GaussianMixture.fitStream(chunked(1000), options);
      const pooled = await GaussianMixture.fitStream(jittered(chunked(1000), 7), { ...options, workers: 3 });
      expectSameBits(pooled, inline);
      // And both are fit on the concatenated rows (the sums are in another order: within 1e-12).
      expectAllClose(pooled.means, fitted.means, 1e-12, 'means');
      expectAllClose(pooled.covariances, fitted.covariances, 1e-12, 'covariances');
      expectAllClose(pooled.history, fitted.history, 1e-12, 'history');
    }, 120_000);
  }

  it('sample weights per chunk and standardize', async () => {
    const options = { components: 3, seed: 1, init: START, maxIter: 5, tol: 0, standardize: true };
    const inline = await GaussianMixture.fitStream(chunked(1234, true), options);
    const pooled = await GaussianMixture.fitStream(jittered(chunked(1234, true), 3), {
      ...options,
      workers: 2,
    });
    expectSameBits(pooled, inline);
    const fitted = await GaussianMixture.fit(X, { ...options, sampleWeight: weights });
    expectAllClose(pooled.means, fitted.means, 1e-12, 'means');
  }, 60_000);

  it('seeded starts with restarts, and convergence, as inline', async () => {
    const options = {
      components: 3,
      init: 'kmeans' as const,
      seed: 4,
      restarts: 2,
      tol: 1e-8,
      startSample: 2000,
    };
    const inline = await GaussianMixture.fitStream(chunked(999), options);
    const pooled = await GaussianMixture.fitStream(chunked(999), { ...options, workers: 2 });
    expect(pooled.converged).toBe(true);
    expectSameBits(pooled, inline);
  }, 60_000);

  it('re-seeds a collapsed component on the same worst-explained row', async () => {
    const start = {
      ...START,
      means: [
        [1, 1, 0],
        [5, 0, -1],
        [500, 500, 500],
      ],
    };
    const options = { components: 3, seed: 1, init: start, maxIter: 10, tol: 0 };
    const inline = await GaussianMixture.fitStream(chunked(1500), options);
    expect(inline.reseeds).toBeGreaterThan(0);
    const pooled = await GaussianMixture.fitStream(jittered(chunked(1500), 5), { ...options, workers: 2 });
    expectSameBits(pooled, inline);
  }, 60_000);

  it('abort mid-pass rejects with the reason, closes the iterator, and stops the workers', async () => {
    const controller = new AbortController();
    let closed = 0;
    let served = 0;
    const source = function* () {
      try {
        for (let start = 0; start < X.length; start += 500) {
          served++;
          // Mid-way through the third pass (the second E-step).
          if (served === 18 * 2 + 9) controller.abort(new Error('stop now'));
          yield X.slice(start, start + 500);
        }
      } finally {
        closed++;
      }
    };
    const fit = GaussianMixture.fitStream(source, {
      components: 3,
      init: START,
      maxIter: 50,
      tol: 0,
      workers: 2,
      signal: controller.signal,
    });
    await expect(fit).rejects.toThrow(/^stop now$/);
    expect(served).toBe(18 * 2 + 9);
    expect(closed).toBe(3);
  }, 60_000);

  it('an option fitStream takes inline is taken with workers: onIteration sees every iteration', async () => {
    const seen: number[] = [];
    const model = await GaussianMixture.fitStream(chunked(3000), {
      components: 3,
      init: START,
      maxIter: 4,
      tol: 0,
      workers: 1,
      onIteration: ({ iteration }) => seen.push(iteration),
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(model.iterations).toBe(4);
  }, 60_000);
});
