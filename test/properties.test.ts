/**
 * Algorithm properties on seeded synthetic data: what EM and the API guarantee whatever the data,
 * checked without reference numbers.
 */
import { describe, expect, it } from 'vitest';
import type { IterationProgress } from '../src/fit-options';
import { GaussianMixture } from '../src/index';
import { argmax, at, blobs, expectAllClose, expectClose, threeBlobs } from './helpers';

/** Three well-separated clusters in the plane. */
const X = threeBlobs(1).X;
/** Six clusters in a 3×2 grid, close enough that a random start often ends in a local optimum. */
const GRID = blobs(
  5,
  [
    [0, 0],
    [4, 0],
    [8, 0],
    [0, 4],
    [4, 4],
    [8, 4],
  ],
  40,
).X;
/** Three correlated, elongated clusters in 3-D, on very different scales per feature. */
const SKEWED = blobs(
  2,
  [
    [0, 0, 0],
    [8, 8, 0],
    [0, 8, 8],
  ],
  80,
).X.map(([a = 0, b = 0, c = 0]) => [a, 0.5 * a + b, 40 * c + 100]);

function columnScaled(data: number[][], column: number, factor: number): number[][] {
  return data.map((row) => row.map((v, j) => (j === column ? v * factor : v)));
}

describe('EM never lowers the log-likelihood', () => {
  it.each([1, 2, 3, 4])('history is non-decreasing (seed %i)', async (seed) => {
    // regCovar 0 makes the M-step the exact maximiser, so EM's guarantee holds exactly; what is
    // left is rounding of the mean over N rows near a plateau, a few ulps: 1e-12 relative covers it.
    const model = await GaussianMixture.fit(GRID, { components: 6, seed, regCovar: 0, tol: 0, maxIter: 150 });
    for (let i = 1; i < model.history.length; i++) {
      const previous = at(model.history, i - 1);
      expect(at(model.history, i)).toBeGreaterThanOrEqual(previous - 1e-12 * Math.abs(previous));
    }
  });

  it('history has iterations + 1 entries and ends with logLikelihood', async () => {
    for (const standardize of [false, true]) {
      const model = await GaussianMixture.fit(SKEWED, { components: 3, seed: 3, standardize });
      expect(model.history).toHaveLength(model.iterations + 1);
      // The same number, stored twice: bit-identity is the point.
      expect(model.history.at(-1)).toBe(model.logLikelihood);
    }
  });
});

describe('responsibilities and labels', () => {
  const probes = [...X, [5, 3], [-40, 60], [1e3, -1e3], [5.000001, 4.5]];

  it('each predictProba row sums to 1 within 1e-12', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 2 });
    for (const row of model.predictProba(probes)) {
      expect(row).toHaveLength(3);
      for (const p of row) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      expectClose(
        row.reduce((a, b) => a + b, 0),
        1,
        1e-12,
      );
    }
  });

  it('predict is the argmax of predictProba', async () => {
    const model = await GaussianMixture.fit(GRID, { components: 6, seed: 4 });
    for (const data of [GRID, probes]) {
      const labels = model.predict(data);
      expect(Array.from(labels)).toEqual(model.predictProba(data).map(argmax));
    }
  });

  it('scoreSamples averages to score, and score(X) on the training data is logLikelihood', async () => {
    for (const standardize of [false, true]) {
      const model = await GaussianMixture.fit(SKEWED, { components: 3, seed: 5, standardize });
      const samples = model.scoreSamples(SKEWED);
      expectClose(samples.reduce((a, b) => a + b, 0) / samples.length, model.score(SKEWED), 1e-12);
      expectClose(model.score(SKEWED), model.logLikelihood, 1e-12);
    }
  });

  it('bic and aic follow from score and nParameters', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 2 });
    const n = X.length;
    expectClose(model.bic(X), -2 * n * model.score(X) + model.nParameters * Math.log(n), 1e-12);
    expectClose(model.aic(X), -2 * n * model.score(X) + 2 * model.nParameters, 1e-12);
  });
});

describe('restarts and seeds', () => {
  it.each([1, 2, 3, 4, 5, 6])('restarts: 5 ends no worse than restarts: 1 (seed %i)', async (seed) => {
    const one = await GaussianMixture.fit(GRID, { components: 6, seed, restarts: 1 });
    const five = await GaussianMixture.fit(GRID, { components: 6, seed, restarts: 5 });
    expect(five.logLikelihood).toBeGreaterThanOrEqual(one.logLikelihood);
  });

  it('restarts find a better optimum for some seed of data with local optima', async () => {
    let improved = 0;
    for (const seed of [1, 2, 3]) {
      const one = await GaussianMixture.fit(GRID, { components: 6, seed, restarts: 1 });
      const five = await GaussianMixture.fit(GRID, { components: 6, seed, restarts: 5 });
      if (five.logLikelihood > one.logLikelihood + 1e-6) improved++;
    }
    expect(improved).toBeGreaterThan(0);
  });

  it('the same seed gives bit-identical models', async () => {
    for (const init of ['random', 'kmeans++'] as const) {
      const options = { components: 6, seed: 1234, restarts: 3, init };
      const a = await GaussianMixture.fit(GRID, options);
      const b = await GaussianMixture.fit(GRID, options);
      // toEqual compares numbers with Object.is: bit-identity is the point here.
      expect(b.weights).toEqual(a.weights);
      expect(b.means).toEqual(a.means);
      expect(b.covariances).toEqual(a.covariances);
      expect(b.history).toEqual(a.history);
      expect(Object.is(b.logLikelihood, a.logLikelihood)).toBe(true);
      expect(b.iterations).toBe(a.iterations);
      expect(b.seed).toBe(1234);
    }
  });

  it('different seeds give different starts', async () => {
    const starts = await Promise.all(
      [1, 2, 3, 4].map(
        async (seed) => (await GaussianMixture.fit(GRID, { components: 6, seed, maxIter: 0 })).means,
      ),
    );
    for (let a = 0; a < starts.length; a++) {
      for (let b = a + 1; b < starts.length; b++) expect(starts[a]).not.toEqual(starts[b]);
    }
  });

  it('a fit without a seed reports the one it used, and that seed repeats it', async () => {
    const first = await GaussianMixture.fit(GRID, { components: 6 });
    expect(Number.isInteger(first.seed)).toBe(true);
    expect(first.seed).toBeGreaterThanOrEqual(0);
    expect(first.seed).toBeLessThanOrEqual(0xffff_ffff);
    const again = await GaussianMixture.fit(GRID, { components: 6, seed: first.seed });
    expect(again.means).toEqual(first.means);
    expect(again.history).toEqual(first.history);
  });
});

describe('nParameters = K·D + K·D(D+1)/2 + K − 1', () => {
  it.each([
    [1, 1, 2],
    [2, 3, 19],
    [3, 4, 44],
    [5, 2, 29],
    [4, 7, 143],
    [1, 10, 65],
  ])('K = %i, D = %i: %i', async (k, d, expected) => {
    const data = blobs(k * 31 + d, [Array.from({ length: d }, () => 0)], 12).X;
    const model = await GaussianMixture.fit(data, { components: k, seed: 1, maxIter: 0 });
    expect(model.nParameters).toBe(expected);
  });
});

describe('standardize', () => {
  it('scaling a column by 1000 scales its means by 1000 and leaves the labels as they are', async () => {
    const options = { components: 3, seed: 9, standardize: true, tol: 1e-8 };
    const base = await GaussianMixture.fit(SKEWED, options);
    const scaled = await GaussianMixture.fit(columnScaled(SKEWED, 1, 1000), options);
    const expectedMeans = base.means.map((row) => row.map((v, j) => (j === 1 ? 1000 * v : v)));
    expectAllClose(scaled.means, expectedMeans, 1e-9, 'means');
    base.covariances.forEach((matrix, k) => {
      const expected = matrix.map((row, j) =>
        row.map((v, l) => v * (j === 1 ? 1000 : 1) * (l === 1 ? 1000 : 1)),
      );
      expectAllClose(at(scaled.covariances, k), expected, 1e-9, `covariances[${k}]`);
    });
    expectAllClose(scaled.weights, base.weights, 1e-9, 'weights');
    // The density of the scaled column is 1000 times thinner: log p drops by log 1000 per row.
    expectClose(scaled.logLikelihood, base.logLikelihood - Math.log(1000), 1e-9);
    expect(Array.from(scaled.predict(columnScaled(SKEWED, 1, 1000)))).toEqual(
      Array.from(base.predict(SKEWED)),
    );
  });

  it('reports means in original units, near the clusters of the data', async () => {
    const model = await GaussianMixture.fit(SKEWED, {
      components: 3,
      seed: 1,
      init: 'kmeans++',
      standardize: true,
    });
    const centres = [
      [0, 0, 100],
      [8, 12, 100],
      [0, 8, 420],
    ];
    for (const centre of centres) {
      const nearest = Math.min(...model.means.map((m) => Math.hypot(...m.map((v, j) => v - at(centre, j)))));
      expect(nearest).toBeLessThan(10);
    }
  });
});

describe('tol and maxIter', () => {
  it('tol 0 runs exactly maxIter iterations and does not converge', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1, tol: 0, maxIter: 25 });
    expect(model.iterations).toBe(25);
    expect(model.converged).toBe(false);
    expect(model.history).toHaveLength(26);
  });

  it('a large tol converges at the second iteration, the first whose change is finite', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1, tol: 1e6, maxIter: 50 });
    expect(model.converged).toBe(true);
    expect(model.iterations).toBe(2);
  });

  it('the default tol converges on separated data', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 2 });
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThan(100);
    const change = at(model.history, model.iterations - 1) - at(model.history, model.iterations - 2);
    expect(Math.abs(change)).toBeLessThan(1e-3);
  });

  it('maxIter 0 returns the explicit start, scored once', async () => {
    const init = {
      weights: [0.5, 0.25, 0.25],
      means: [
        [1, 1],
        [9, 1],
        [4, 8],
      ],
      covariances: [
        [
          [2, 0.5],
          [0.5, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        [
          [3, -1],
          [-1, 2],
        ],
      ],
    };
    const model = await GaussianMixture.fit(X, { components: 3, init, maxIter: 0 });
    expect(model.iterations).toBe(0);
    expect(model.converged).toBe(false);
    expect(model.history).toHaveLength(1);
    // Copied through untouched: bit-identity is the point.
    expect(model.weights).toEqual(init.weights);
    expect(model.means).toEqual(init.means);
    expect(model.covariances).toEqual(init.covariances);
    expectClose(model.logLikelihood, model.score(X), 1e-12);
  });
});

describe('onIteration', () => {
  it('is called once per iteration with restart, iteration, logLikelihood and change', async () => {
    const calls: IterationProgress[] = [];
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1, onIteration: (p) => calls.push(p) });
    expect(calls).toHaveLength(model.iterations);
    calls.forEach((call, i) => {
      expect(call.restart).toBe(0);
      expect(call.iteration).toBe(i + 1);
      // The same E-step value the history stores, and the same subtraction: bit-identity is the point.
      expect(call.logLikelihood).toBe(at(model.history, i));
      const expectedChange = i === 0 ? Infinity : at(model.history, i) - at(model.history, i - 1);
      expect(call.change).toBe(expectedChange);
    });
  });

  it('numbers restarts from 0 and iterations from 1 in each', async () => {
    const calls: IterationProgress[] = [];
    await GaussianMixture.fit(GRID, {
      components: 6,
      seed: 1,
      restarts: 3,
      onIteration: (p) => calls.push(p),
    });
    const restarts = [...new Set(calls.map((c) => c.restart))];
    expect(restarts).toEqual([0, 1, 2]);
    for (const restart of restarts) {
      const own = calls.filter((c) => c.restart === restart);
      expect(own.map((c) => c.iteration)).toEqual(own.map((_, i) => i + 1));
      expect(at(own, 0).change).toBe(Infinity);
    }
  });
});

describe('AbortSignal', () => {
  it('an already aborted signal rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled before the start');
    controller.abort(reason);
    await expect(GaussianMixture.fit(X, { components: 3, signal: controller.signal })).rejects.toBe(reason);
  });

  it('the default reason of abort() is what the fit rejects with', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(GaussianMixture.fit(X, { components: 3, signal: controller.signal })).rejects.toBe(
      controller.signal.reason,
    );
  });

  it('aborting from onIteration stops the fit, and the next fit still works', async () => {
    const options = { components: 6, seed: 8, tol: 0, maxIter: 40 };
    const reference = await GaussianMixture.fit(GRID, options);
    const controller = new AbortController();
    const stop = new Error('stop');
    let calls = 0;
    const aborted = GaussianMixture.fit(GRID, {
      ...options,
      signal: controller.signal,
      onIteration: ({ iteration }) => {
        calls++;
        if (iteration === 3) controller.abort(stop);
      },
    });
    await expect(aborted).rejects.toBe(stop);
    // Honoured before the next iteration starts.
    expect(calls).toBe(3);
    const after = await GaussianMixture.fit(GRID, options);
    expect(after.means).toEqual(reference.means);
    expect(after.history).toEqual(reference.history);
  });
});

describe('initialisation', () => {
  it("'kmeans++' finds the three clusters and is deterministic for a seed", async () => {
    const { X: data, labels } = threeBlobs(7);
    const a = await GaussianMixture.fit(data, { components: 3, seed: 11, init: 'kmeans++' });
    const b = await GaussianMixture.fit(data, { components: 3, seed: 11, init: 'kmeans++' });
    expect(b.means).toEqual(a.means);
    expect(b.history).toEqual(a.history);
    // Each true cluster maps to one label, and the three labels are distinct.
    const predicted = a.predict(data);
    const labelOf = [0, 1, 2].map((c) => at(predicted, labels.indexOf(c)));
    expect(new Set(labelOf).size).toBe(3);
    expect(Array.from(predicted)).toEqual(labels.map((c) => at(labelOf, c)));
    for (const w of a.weights) expectClose(w, 1 / 3, 1e-3);
  });

  it('an explicit start of means alone takes weights and covariances from the kmeans start and fits', async () => {
    const means = [
      [1, 1],
      [9, 1],
      [4, 8],
    ];
    const common = { components: 3, maxIter: 0, seed: 3 } as const;
    const start = await GaussianMixture.fit(X, { ...common, init: { means } });
    const kmeans = await GaussianMixture.fit(X, { ...common, init: 'kmeans' });
    expect(start.means).toEqual(means);
    expect(start.weights).toEqual(kmeans.weights);
    expect(start.covariances).toEqual(kmeans.covariances);
    const model = await GaussianMixture.fit(X, { components: 3, init: { means } });
    expect(model.converged).toBe(true);
    expectAllClose(
      model.means,
      [
        [0, 0],
        [10, 0],
        [5, 9],
      ],
      0.05,
      'means',
    );
  });
});

describe('a fitted model is frozen', () => {
  it('assigning to a field or into an array throws and changes nothing', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1 });
    const before = model.toJSON();
    const writable = model as unknown as Record<string, unknown>;
    // Test files are ES modules, hence strict mode: a write to a frozen object throws.
    expect(() => {
      writable.weights = [1];
    }).toThrow(TypeError);
    expect(() => {
      writable.logLikelihood = 0;
    }).toThrow(TypeError);
    expect(() => {
      (model.weights as number[])[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (at(model.means, 0) as number[])[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (at(at(model.covariances, 0), 0) as number[])[0] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (model.history as number[]).push(1);
    }).toThrow(TypeError);
    expect(model.toJSON()).toEqual(before);
  });
});
