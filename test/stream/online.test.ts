// OnlineGaussianMixture: stepwise EM over a stream read once. Two passes over a shuffled stream
// come within 0.01 of batch EM's mean log-likelihood per sample; the model is a full GaussianMixture
// at any time; bad chunks leave the learner as it was.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, OnlineGaussianMixture } from '../../src/index';
import { blobs, expectError, expectRejection, mulberry32 } from '../helpers';

const { X } = blobs(
  5,
  [
    [0, 0, 0],
    [4, 1, -2],
    [1, 5, 2],
  ],
  4000,
  1.2,
);

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

describe('OnlineGaussianMixture', () => {
  for (const covariance of ['full', 'diag'] as const) {
    it(`${covariance}: two passes over a shuffled stream come within 0.01 of batch EM`, async () => {
      const batch = await GaussianMixture.fit(X, {
        components: 3,
        covariance,
        seed: 2,
        tol: 1e-8,
        maxIter: 500,
      });
      const learner = new OnlineGaussianMixture({ components: 3, covariance, seed: 2, startSample: 500 });
      await feed(learner, shuffled(X, 1), 200);
      await feed(learner, shuffled(X, 2), 200);
      const gap = batch.score(X) - learner.model.score(X);
      expect(Math.abs(gap)).toBeLessThan(0.01);
      expect(learner.seen).toEqual({ chunks: 120, rows: 24_000 });
      // Gathering 500 rows took three chunks of 200; every later chunk is one update.
      expect(learner.model.iterations - learner.model.history.length + 1).toBe(0);
    }, 60_000);
  }

  it('the model is a full GaussianMixture: predict, bic, toJSON round trip; same seed, same model', async () => {
    const options = { components: 3, seed: 4, startSample: 300, standardize: true };
    const a = new OnlineGaussianMixture(options);
    const b = new OnlineGaussianMixture(options);
    const rows = shuffled(X, 3).slice(0, 3000);
    await feed(a, rows, 300);
    // Not awaited one by one: calls are applied in order anyway.
    await Promise.all(Array.from({ length: 10 }, (_, i) => b.partialFit(rows.slice(i * 300, (i + 1) * 300))));
    expect(b.model.means).toEqual(a.model.means);
    const model = a.model;
    expect(model.predict(X)).toHaveLength(X.length);
    expect(Number.isFinite(model.bic(X))).toBe(true);
    const copy = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.score(X)).toBe(model.score(X));
    expect(model.iterations).toBe(model.history.length - 1);
  });

  it('weighted chunks: integer weights act as repeated rows', async () => {
    const rows = shuffled(X, 4).slice(0, 2000);
    // From one explicit start: k-means would draw its seeds differently from weights and from repeats.
    const init = {
      means: [
        [0, 0, 0],
        [4, 1, -2],
        [1, 5, 2],
      ],
      weights: [0.3, 0.3, 0.4],
      covariances: [0, 1, 2].map(() => [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    };
    const weighted = new OnlineGaussianMixture({ components: 3, init, startSample: 400 });
    const repeated = new OnlineGaussianMixture({ components: 3, init, startSample: 800 });
    for (let start = 0; start < rows.length; start += 400) {
      const part = rows.slice(start, start + 400);
      await weighted.partialFit({ X: part, sampleWeight: part.map(() => 2) });
      await repeated.partialFit(part.flatMap((row) => [row, row]));
    }
    const w = weighted.model;
    const r = repeated.model;
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 3; j++) expect(w.means[c]?.[j]).toBeCloseTo(r.means[c]?.[j] as number, 8);
    }
  });

  it('re-seeds a component that collapses during the stream', async () => {
    const I = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const learner = new OnlineGaussianMixture({
      components: 3,
      init: {
        weights: [0.5, 0.25, 0.25],
        means: [
          [0, 0, 0],
          [4, 1, -2],
          [300, 300, 300],
        ],
        covariances: [I, I, I],
      },
      maxIter: 0,
      startSample: 1,
    });
    const rows = shuffled(X, 5);
    await feed(learner, rows.slice(0, 4000), 500);
    expect(learner.model.reseeds).toBeGreaterThan(0);
    expect(Math.max(...learner.model.means.map((mean) => Math.abs(mean[0] as number)))).toBeLessThan(20);
  });

  it('refuses bad options and bad chunks, and stays as it was', async () => {
    expectError(
      () => new OnlineGaussianMixture({ components: 2, stepDecay: 0.5 }),
      RangeError,
      'stepDecay must be in (0.5, 1], got 0.5',
    );
    expectError(
      () => new OnlineGaussianMixture({ components: 2, stepDecay: '1' as never }),
      TypeError,
      'stepDecay must be a number, got string',
    );
    expectError(
      () => new OnlineGaussianMixture({ components: 2, startSample: 0 }),
      RangeError,
      'startSample must be an integer ≥ 1, got 0',
    );
    expectError(
      () => new OnlineGaussianMixture({ components: 2, maxIters: 3 } as never),
      TypeError,
      "unknown option 'maxIters'; did you mean 'maxIter'?",
    );
    expectError(
      () => new OnlineGaussianMixture({ components: 2, workers: 1 } as never),
      TypeError,
      'OnlineGaussianMixture runs on the calling thread: the option workers does not apply',
    );
    const learner = new OnlineGaussianMixture({ components: 3, seed: 1, startSample: 100 });
    expectError(
      () => learner.model,
      Error,
      'OnlineGaussianMixture has no model yet: the start needs 100 rows and has seen 0',
    );
    expect(learner.hasModel).toBe(false);
    await learner.partialFit(X.slice(0, 60));
    expect(learner.hasModel).toBe(false);
    await learner.partialFit(X.slice(4000, 4060));
    expect(learner.hasModel).toBe(true);
    await learner.partialFit(X.slice(8000, 8060));
    const before = learner.model.means;
    await expectRejection(
      learner.partialFit([[1, 2, Number.NaN]]),
      RangeError,
      'chunk 3 (rows 180 to 180 of the stream): X[0][2] is NaN',
    );
    await expectRejection(
      learner.partialFit([[1, 2]]),
      RangeError,
      'chunk 3 (rows 180 to 180 of the stream) has 2 columns, expected 3 as the chunks before it',
    );
    expect(learner.model.means).toEqual(before);
    await learner.partialFit(X.slice(100, 200));
    expect(learner.seen).toEqual({ chunks: 4, rows: 280 });
  });
});
