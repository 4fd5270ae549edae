// OnlineGaussianMixture with missing: 'em': each chunk's holes are treated by the missing-data
// E-step, so stepwise EM over a stream with holes converges to batch EM with missing values.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, OnlineGaussianMixture } from '../../src/index';
import { blobs, mulberry32 } from '../helpers';

const { X: complete } = blobs(
  5,
  [
    [0, 0, 0],
    [4, 1, -2],
    [1, 5, 2],
  ],
  4000,
  1.2,
);
const holes = mulberry32(8);
const X = complete.map((row) => row.map((v) => (holes() < 0.15 ? Number.NaN : v)));
for (const i of [7, 800, 9000]) X[i] = [Number.NaN, Number.NaN, Number.NaN];

function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = rows.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function feed(learner: OnlineGaussianMixture, rows: number[][], size: number): Promise<void> {
  for (let start = 0; start < rows.length; start += size)
    await learner.partialFit(rows.slice(start, start + size));
}

describe('OnlineGaussianMixture with missing values', () => {
  for (const covariance of ['full', 'tied', 'diag', 'spherical'] as const) {
    it(`${covariance}: two passes over a shuffled stream with holes come within 0.01 of batch EM`, async () => {
      // k-means starts with restarts: a start stuck between two clusters is not what this measures.
      const options = {
        components: 3,
        covariance,
        seed: 2,
        missing: 'em' as const,
        init: 'kmeans' as const,
        restarts: 3,
      };
      const batch = await GaussianMixture.fit(X, { ...options, tol: 1e-8, maxIter: 500 });
      const learner = new OnlineGaussianMixture({ ...options, startSample: 500 });
      await feed(learner, shuffled(X, 1), 200);
      await feed(learner, shuffled(X, 2), 200);
      const model = learner.model;
      expect(model.missing).toBe('em');
      // Both scored on the observed values of the same table with the same holes.
      const gap = batch.score(X) - model.score(X);
      expect(Math.abs(gap)).toBeLessThan(0.01);
      expect(learner.seen).toEqual({ chunks: 120, rows: 24_000 });
      expect(model.history.every(Number.isFinite)).toBe(true);
    }, 60_000);
  }

  it('standardized, weighted chunks; a chunk missing a whole column; a chunk of only empty rows', async () => {
    const learner = new OnlineGaussianMixture({
      components: 3,
      seed: 3,
      missing: 'em',
      standardize: true,
      startSample: 600,
    });
    const rows = shuffled(X, 4);
    for (let start = 0; start < 6000; start += 300) {
      const part = rows.slice(start, start + 300);
      await learner.partialFit({ X: part, sampleWeight: part.map((_, i) => 1 + (i % 2)) });
    }
    await learner.partialFit(rows.slice(6000, 6300).map(([a, b]) => [a as number, b as number, Number.NaN]));
    await learner.partialFit([[Number.NaN, Number.NaN, Number.NaN]]);
    const batch = await GaussianMixture.fit(X, { components: 3, seed: 3, missing: 'em', standardize: true });
    expect(Math.abs(batch.score(X) - learner.model.score(X))).toBeLessThan(0.02);
    expect(learner.model.history.every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('without missing: em, a NaN is refused with its place in the stream, and the learner is as it was', async () => {
    const learner = new OnlineGaussianMixture({ components: 3, seed: 1, startSample: 100 });
    await learner.partialFit(complete.slice(0, 200));
    const before = JSON.stringify(learner.model);
    await expect(learner.partialFit([[1, Number.NaN, 2]])).rejects.toThrow(
      /^chunk 1 \(rows 200 to 200 of the stream\): X\[0\]\[1\] is NaN/,
    );
    expect(JSON.stringify(learner.model)).toBe(before);
  });
});
