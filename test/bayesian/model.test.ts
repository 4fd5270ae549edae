/**
 * The fitted Bayesian model beyond scikit-learn's tests: JSON, warm starts, the start from
 * responsibilities, sample weights, workers, pruning, determinism, sampling and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture, type CovarianceType, type IterationProgress } from '../../src/index';
import { at, expectAllClose, expectRejection } from '../helpers';
import { blobs, randomResponsibilities, THREE_GROUPS } from './data';

const X = THREE_GROUPS.X;
const TYPES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

describe('BayesianGaussianMixture', () => {
  it('round-trips through JSON text with bit-identical scores, for every type and both priors', async () => {
    for (const covariance of TYPES) {
      for (const weightPrior of ['dirichlet-process', 'dirichlet-distribution'] as const) {
        const model = await BayesianGaussianMixture.fit(X, {
          components: 4,
          covariance,
          weightPrior,
          seed: 9,
        });
        const back = BayesianGaussianMixture.fromJSON(JSON.stringify(model));
        expect(back.toJSON()).toEqual(model.toJSON());
        expect(Array.from(back.scoreSamples(X))).toEqual(Array.from(model.scoreSamples(X)));
        expect(back.activeComponents).toEqual(model.activeComponents);
        expect(back.lowerBound).toBe(model.lowerBound);
      }
    }
  });

  it('with maxIter 0 is the start itself: no history, a lower bound of −∞ (null in JSON)', async () => {
    const model = await BayesianGaussianMixture.fit(X, { components: 3, maxIter: 0, seed: 1 });
    expect(model.iterations).toBe(0);
    expect(model.history).toEqual([]);
    expect(model.lowerBound).toBe(-Infinity);
    expect(model.toJSON().lowerBound).toBeNull();
    expect(BayesianGaussianMixture.fromJSON(JSON.parse(JSON.stringify(model))).lowerBound).toBe(-Infinity);
  });

  it('warm-starts where a fit stopped: 5 + 5 iterations are 10, the first change measured against its lowerBound', async () => {
    const options = { components: 4, tol: 0, seed: 3 } as const;
    const ten = await BayesianGaussianMixture.fit(X, { ...options, maxIter: 10 });
    const five = await BayesianGaussianMixture.fit(X, { ...options, maxIter: 5 });
    const progress: IterationProgress[] = [];
    const more = await BayesianGaussianMixture.fit(X, {
      ...options,
      maxIter: 5,
      init: five,
      onIteration: (step) => progress.push(step),
    });
    expect([...five.history, ...more.history]).toEqual(ten.history);
    expect(more.toJSON().means).toEqual(ten.toJSON().means);
    expect(progress[0]?.change).toBe(at(more.history, 0) - five.lowerBound);
    expect(progress.map((step) => step.logLikelihood)).toEqual(more.history);
  });

  it('stops when the per-sample bound changes by less than tol, and says so', async () => {
    const model = await BayesianGaussianMixture.fit(X, { components: 3, tol: 1e-6, maxIter: 1000, seed: 2 });
    expect(model.converged).toBe(true);
    const [last, before] = [at(model.history, model.iterations - 1), at(model.history, model.iterations - 2)];
    expect(Math.abs(last - before)).toBeLessThan(1e-6);
    const capped = await BayesianGaussianMixture.fit(X, { components: 3, tol: 0, maxIter: 3, seed: 2 });
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(3);
  });

  it('counts integer sample weights as repeated rows', async () => {
    const weights = X.map((_, i) => (i % 3) + 1);
    const repeated = X.flatMap((row, i) => Array.from({ length: at(weights, i) }, () => row));
    const responsibilities = randomResponsibilities(4, X.length, 3);
    const repeatedResponsibilities = responsibilities.flatMap((row, i) =>
      Array.from({ length: at(weights, i) }, () => row),
    );
    for (const covariance of TYPES) {
      const weighted = await BayesianGaussianMixture.fit(X, {
        components: 3,
        covariance,
        sampleWeight: weights,
        init: { responsibilities },
        tol: 0,
        maxIter: 15,
      });
      const plain = await BayesianGaussianMixture.fit(repeated, {
        components: 3,
        covariance,
        init: { responsibilities: repeatedResponsibilities },
        tol: 0,
        maxIter: 15,
      });
      expectAllClose(weighted.history, plain.history, 1e-11, `${covariance} history`);
      expectAllClose(weighted.means, plain.means, 1e-10, `${covariance} means`);
      expectAllClose(weighted.componentSizes, plain.componentSizes, 1e-10, `${covariance} Nₖ`);
    }
  });

  it('fits the same in two workers as on the calling thread', async () => {
    const data = blobs(
      3,
      [
        [0, 0, 0],
        [6, 6, 0],
        [0, 6, 6],
      ],
      3000,
    ).X;
    const options = { components: 5, seed: 5, tol: 0, maxIter: 8, init: 'kmeans' } as const;
    const inline = await BayesianGaussianMixture.fit(data, options);
    const pooled = await BayesianGaussianMixture.fit(data, { ...options, workers: 2 });
    expectAllClose(pooled.history, inline.history, 1e-12, 'history');
    expectAllClose(pooled.means, inline.means, 1e-11, 'means');
  });

  it('repeats a fit exactly from its seed, and restarts never end below the first run', async () => {
    const a = await BayesianGaussianMixture.fit(X, { components: 4, seed: 77 });
    const b = await BayesianGaussianMixture.fit(X, { components: 4, seed: a.seed });
    expect(b.toJSON()).toEqual(a.toJSON());
    const restarts = await BayesianGaussianMixture.fit(X, { components: 4, seed: 77, restarts: 4 });
    expect(restarts.lowerBound).toBeGreaterThanOrEqual(a.lowerBound);
  });

  it('switches off the components the data do not need, and reports them', async () => {
    const model = await BayesianGaussianMixture.fit(X, {
      components: 8,
      weightConcentration: 1e-3,
      init: 'kmeans',
      seed: 1,
      maxIter: 500,
    });
    expect(model.activeComponents.length).toBe(3);
    model.componentSizes.forEach((n, k) => {
      expect(model.activeComponents.includes(k)).toBe(n >= 1);
    });
    expectAllClose([model.componentSizes.reduce((a, b) => a + b, 0)], [X.length], 1e-12, 'Σ Nₖ');
  });

  it('with prune: true returns only the active components, refitted', async () => {
    const options = {
      components: 8,
      weightConcentration: 1e-3,
      init: 'kmeans',
      seed: 1,
      maxIter: 500,
    } as const;
    const full = await BayesianGaussianMixture.fit(X, options);
    const pruned = await BayesianGaussianMixture.fit(X, { ...options, prune: true });
    expect(pruned.components).toBe(full.activeComponents.length);
    expect(pruned.activeComponents).toEqual([0, 1, 2]);
    expect(pruned.history.length).toBe(pruned.iterations);
    expect(pruned.iterations).toBeGreaterThan(full.iterations);
    for (const k of full.activeComponents) {
      const nearest = Math.min(
        ...pruned.means.map((m) =>
          Math.hypot(at(m, 0) - at(at(full.means, k), 0), at(m, 1) - at(at(full.means, k), 1)),
        ),
      );
      expect(nearest).toBeLessThan(0.05);
    }
    expect(Array.from(new Set(pruned.predict(X))).sort()).toEqual([0, 1, 2]);
  });

  it('samples from the expected mixture, reproducibly from a seed', async () => {
    const model = await BayesianGaussianMixture.fit(X, { components: 3, init: 'kmeans', seed: 1 });
    const a = model.sample(3000, { seed: 4 });
    const b = model.sample(3000, { seed: 4 });
    expect(a.X.map((row) => Array.from(row))).toEqual(b.X.map((row) => Array.from(row)));
    const counts = [0, 0, 0];
    for (const label of a.labels) counts[label] = at(counts, label) + 1;
    counts.forEach((count, k) => {
      expect(Math.abs(count / 3000 - at(model.weights, k))).toBeLessThan(0.04);
    });
  });

  it('stops at an aborted signal with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(BayesianGaussianMixture.fit(X, { components: 3, signal: controller.signal })).rejects.toBe(
      reason,
    );
    await expectRejection(
      BayesianGaussianMixture.fit(X, { components: 3, onIteration: 'log' as never }),
      TypeError,
      'onIteration must be a function, got string',
    );
  });
});
