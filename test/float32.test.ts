// `precision: 'float32'` end to end: the fit agrees with the float64 fit (final log-likelihood
// within 1e-5 relative, the documented bound; same labels on well-separated data), the model
// evaluates in float32 and says so, survives JSON, takes Float32Array rows, and every combination
// it does not run is refused with an error naming `precision`.
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture, GaussianMixture, OnlineGaussianMixture, selectModel } from '../src/index';
import type { CovarianceType } from '../src/types';
import { blobs, expectRejection, mulberry32, randomCenters, standardNormal } from './helpers';

/** N rows around K centres 4 apart in D dimensions, coordinates of unequal spread, flat. */
function flat(seed: number, n: number, d: number, k: number) {
  const random = mulberry32(seed);
  const centres = Array.from({ length: k * d }, () => 4 * standardNormal(random));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      data[i * d + j] = (centres[(i % k) * d + j] as number) + (1 + 0.2 * j) * standardNormal(random);
  }
  return { data, rows: n, cols: d };
}

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical', 'VEI', 'EEV'];

describe("precision: 'float32'", () => {
  it.each(TYPES)(
    '%s: final log-likelihood within 1e-5 relative of the float64 fit, from the same k-means start',
    async (covariance) => {
      const X = flat(41, 3001, 9, 4);
      const options = { components: 4, covariance, seed: 5, init: 'kmeans' as const, maxIter: 30, tol: 0 };
      const double = await GaussianMixture.fit(X, options);
      const single = await GaussianMixture.fit(X, { ...options, precision: 'float32' as const });
      expect(single.precision).toBe('float32');
      expect(double.precision).toBe('float64');
      const relative = Math.abs(single.logLikelihood - double.logLikelihood) / Math.abs(double.logLikelihood);
      expect(relative).toBeLessThan(1e-5);
      // And the difference is real: the float32 path did run in single precision.
      expect(relative).toBeGreaterThan(0);
    },
  );

  it('gives the float64 labels on well-separated data, with a Float32Array as X', async () => {
    const { X } = blobs(3, randomCenters(4, 5, 6, 12), 400);
    const X32 = { data: Float32Array.from(X.flat()), rows: X.length, cols: 6 };
    const options = { components: 5, seed: 9, init: 'kmeans++' as const };
    const double = await GaussianMixture.fit(X, options);
    const single = await GaussianMixture.fit(X32, { ...options, precision: 'float32' as const });
    expect(Array.from(single.predict(X32))).toEqual(Array.from(double.predict(X)));
  });

  it('evaluates in float32: score on the training rows is the fit’s own log-likelihood', async () => {
    const X = flat(7, 2053, 17, 3);
    const X32 = { ...X, data: Float32Array.from(X.data) };
    const model = await GaussianMixture.fit(X32, {
      components: 3,
      seed: 2,
      precision: 'float32',
      maxIter: 20,
    });
    expect(model.score(X32)).toBeCloseTo(model.logLikelihood, 12);
    // The float64 evaluation of the same parameters differs in the last digits float32 keeps.
    const again = GaussianMixture.fromJSON({ ...model.toJSON(), precision: undefined });
    expect(again.precision).toBe('float64');
    expect(Math.abs(again.score(X32) - model.score(X32))).toBeGreaterThan(0);
    expect(Math.abs(again.score(X32) - model.score(X32)) / Math.abs(model.score(X32))).toBeLessThan(1e-6);
  });

  it('round-trips through JSON: precision saved, predictions bit for bit', async () => {
    const X = flat(11, 700, 4, 2);
    const model = await GaussianMixture.fit(X, { components: 2, seed: 1, precision: 'float32' });
    const json = model.toJSON();
    expect(json.precision).toBe('float32');
    const back = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back.precision).toBe('float32');
    expect(Array.from(back.scoreSamples(X))).toEqual(Array.from(model.scoreSamples(X)));
    const double = await GaussianMixture.fit(X, { components: 2, seed: 1 });
    expect('precision' in double.toJSON()).toBe(false);
    expect(() => GaussianMixture.fromJSON({ ...json, precision: 'float16' })).toThrow(
      new RangeError("GaussianMixture.fromJSON: precision must be 'float32' when present, got 'float16'"),
    );
  });

  it('runs selectModel over every candidate in float32', async () => {
    const X = flat(13, 600, 3, 2);
    const { best, table } = await selectModel(X, {
      components: [1, 2, 3],
      covariance: ['full', 'diag'],
      seed: 4,
      precision: 'float32',
    });
    expect(best.precision).toBe('float32');
    expect(table).toHaveLength(6);
  });
});

describe("precision: refused values and combinations, naming 'precision'", () => {
  const X = flat(17, 50, 2, 2);
  async function refusal(
    run: () => Promise<unknown>,
    kind: typeof TypeError | typeof RangeError,
    message: string,
  ) {
    let thrown: unknown;
    try {
      await run();
    } catch (error) {
      thrown = error;
    }
    await expectRejection(Promise.reject(thrown), kind, message);
    expect((thrown as { option?: string }).option).toBe('precision');
  }

  it('refuses another string or kind', async () => {
    await refusal(
      () => GaussianMixture.fit(X, { components: 2, precision: 'float16' as never }),
      RangeError,
      "precision must be 'float64' or 'float32', got 'float16'",
    );
    await refusal(
      () => GaussianMixture.fit(X, { components: 2, precision: 32 as never }),
      TypeError,
      'precision must be a string, got number',
    );
  });

  it('refuses workers and missing values', async () => {
    await refusal(
      () => GaussianMixture.fit(X, { components: 2, precision: 'float32', workers: 1 }),
      RangeError,
      "precision: 'float32' runs on the calling thread; it cannot be combined with workers (1): set workers: 0 or precision: 'float64'",
    );
    await refusal(
      () => GaussianMixture.fit(X, { components: 2, precision: 'float32', missing: 'em' }),
      RangeError,
      "precision: 'float32' cannot be combined with missing: 'em' (values missing at random are fitted in float64): leave out precision or missing",
    );
  });

  it('refuses the estimators that fit in float64 only', async () => {
    await refusal(
      () => BayesianGaussianMixture.fit(X, { components: 2, precision: 'float32' } as never),
      RangeError,
      "precision: 'float32' is not available for BayesianGaussianMixture, which fits in float64",
    );
    await refusal(
      () => GaussianMixture.fitStream(() => [X], { components: 2, precision: 'float32' }),
      RangeError,
      "precision: 'float32' is not available for GaussianMixture.fitStream, which fits in float64",
    );
    await refusal(
      async () => new OnlineGaussianMixture({ components: 2, precision: 'float32' }),
      RangeError,
      "precision: 'float32' is not available for OnlineGaussianMixture, which fits in float64",
    );
  });
});
