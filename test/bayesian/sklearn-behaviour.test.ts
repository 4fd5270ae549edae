/**
 * The behaviour each of scikit-learn's 17 tests in `mixture/tests/test_bayesian_mixture.py` checks,
 * tested here. Test 1 and 2 (`test_log_dirichlet_norm`, `test_log_wishart_norm`) are in
 * special.test.ts, against values tabulated by scikit-learn itself.
 */
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../demo/metrics';
import {
  BayesianGaussianMixture,
  type SklearnCovarianceType as CovarianceType,
  type WeightPrior,
} from '../../src/index';
import { at, expectAllClose, expectClose, expectRejection } from '../helpers';
import { randomResponsibilities, THREE_GROUPS } from './data';

const TYPES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const PRIORS: readonly WeightPrior[] = ['dirichlet-process', 'dirichlet-distribution'];
const X = THREE_GROUPS.X;
const D = 2;

function mean(rows: number[][]): number[] {
  return at(rows, 0).map((_, j) => rows.reduce((sum, row) => sum + at(row, j), 0) / rows.length);
}

function covariance(rows: number[][]): number[][] {
  const m = mean(rows);
  return m.map((_, a) =>
    m.map(
      (__, b) =>
        rows.reduce((sum, row) => sum + (at(row, a) - at(m, a)) * (at(row, b) - at(m, b)), 0) /
        (rows.length - 1),
    ),
  );
}

describe("scikit-learn's Bayesian-mixture tests", () => {
  it('3. weights prior initialisation: a given weightConcentration is kept, the default is 1/K', async () => {
    const given = await BayesianGaussianMixture.fit(X, { components: 5, weightConcentration: 0.37, seed: 1 });
    expect(given.priors.weightConcentration).toBe(0.37);
    const absent = await BayesianGaussianMixture.fit(X, { components: 5, seed: 1 });
    expect(absent.priors.weightConcentration).toBe(1 / 5);
  });

  it('4. mean prior initialisation: meanPrecision and meanPrior as given, else 1 and the data mean', async () => {
    const given = await BayesianGaussianMixture.fit(X, {
      components: 3,
      meanPrecision: 0.6,
      meanPrior: [1, -2],
      seed: 1,
    });
    expect(given.priors.meanPrecision).toBe(0.6);
    expect(given.priors.meanPrior).toEqual([1, -2]);
    const absent = await BayesianGaussianMixture.fit(X, { components: 3, seed: 1 });
    expect(absent.priors.meanPrecision).toBe(1);
    expectAllClose(absent.priors.meanPrior, mean(X), 1e-14, 'data mean');
  });

  it('5. precisions prior initialisation: ν₀ ≤ D − 1 refused, ν₀ and the covariance prior as given or defaulted per type', async () => {
    await expectRejection(
      BayesianGaussianMixture.fit(X, { components: 3, degreesOfFreedom: D - 1 }),
      RangeError,
      'degreesOfFreedom must be a finite number > D − 1 = 1, got 1',
    );
    const justAbove = await BayesianGaussianMixture.fit(X, {
      components: 3,
      degreesOfFreedom: 1.25,
      seed: 1,
    });
    expect(justAbove.priors.degreesOfFreedom).toBe(1.25);
    const absent = await BayesianGaussianMixture.fit(X, { components: 3, seed: 1 });
    expect(absent.priors.degreesOfFreedom).toBe(D);
    const cov = covariance(X);
    const given: Record<CovarianceType, number[][] | number[] | number> = {
      full: cov.map((row) => row.map((value) => value + 10)),
      tied: cov.map((row) => row.map((value) => value + 5)),
      diag: [at(at(cov, 0), 0) + 3, at(at(cov, 1), 1) + 3],
      spherical: 0.42,
    };
    const defaults: Record<CovarianceType, number[][] | number[] | number> = {
      full: cov,
      tied: cov,
      diag: [at(at(cov, 0), 0), at(at(cov, 1), 1)],
      spherical: (at(at(cov, 0), 0) + at(at(cov, 1), 1)) / 2,
    };
    for (const type of TYPES) {
      const withPrior = await BayesianGaussianMixture.fit(X, {
        components: 3,
        covariance: type,
        covariancePrior: given[type],
        seed: 1,
      });
      expectAllClose(withPrior.priors.covariancePrior, given[type], 1e-15, `${type} given`);
      const withDefault = await BayesianGaussianMixture.fit(X, { components: 3, covariance: type, seed: 1 });
      expectAllClose(withDefault.priors.covariancePrior, defaults[type], 1e-13, `${type} default`);
    }
  });

  it('6. check is fitted: there is no unfitted model to score (the constructor refuses to run)', () => {
    const construct = () => Reflect.construct(BayesianGaussianMixture, []);
    expect(construct).toThrowError(
      new TypeError('use BayesianGaussianMixture.fit or BayesianGaussianMixture.fromJSON'),
    );
  });

  it('7. weights: α/Σα for the Dirichlet distribution, expected stick lengths for the Dirichlet process', async () => {
    const distribution = await BayesianGaussianMixture.fit(X, {
      components: 3,
      weightPrior: 'dirichlet-distribution',
      seed: 2,
    });
    const alpha = distribution.weightConcentration as readonly number[];
    const total = alpha.reduce((a, b) => a + b, 0);
    expectAllClose(
      distribution.weights,
      alpha.map((a) => a / total),
      1e-15,
      'Dirichlet weights',
    );
    const process = await BayesianGaussianMixture.fit(X, { components: 3, seed: 2 });
    const [a, b] = process.weightConcentration as readonly [readonly number[], readonly number[]];
    let stick = 1;
    const sticks = a.map((ak, k) => {
      const length = (ak / (ak + at(b, k))) * stick;
      stick *= at(b, k) / (ak + at(b, k));
      return length;
    });
    const sum = sticks.reduce((x, y) => x + y, 0);
    expectAllClose(
      process.weights,
      sticks.map((s) => s / sum),
      1e-15,
      'stick-breaking weights',
    );
    for (const model of [distribution, process])
      expectClose(
        model.weights.reduce((x, y) => x + y, 0),
        1,
        1e-15,
      );
  });

  it('8. monotone lower bound: every iteration raises it, one at a time by warm starts or in one fit, until converged', async () => {
    for (const weightPrior of PRIORS) {
      for (const covariance of TYPES) {
        const options = { components: 6, covariance, weightPrior, seed: 4, tol: 1e-3 } as const;
        let model = await BayesianGaussianMixture.fit(X, { ...options, maxIter: 1 });
        let previous = -Infinity;
        for (let step = 0; step < 600 && !model.converged; step++) {
          expect(model.lowerBound).toBeGreaterThanOrEqual(previous - 1e-12 * Math.abs(previous));
          previous = model.lowerBound;
          model = await BayesianGaussianMixture.fit(X, { ...options, maxIter: 1, init: model });
        }
        expect(model.converged, `${weightPrior} ${covariance} converges`).toBe(true);
        const whole = await BayesianGaussianMixture.fit(X, { ...options, maxIter: 600 });
        expect(whole.converged).toBe(true);
        whole.history.slice(1).forEach((bound, t) => {
          expect(bound, `${weightPrior} ${covariance} iteration ${t + 2}`).toBeGreaterThanOrEqual(
            at(whole.history, t) - 1e-12 * Math.abs(at(whole.history, t)),
          );
        });
      }
    }
  });

  it('9. compare covariance types: after the start, tied = mean of full, diag = diagonal of full, spherical = mean of diag (each × ν)', async () => {
    const responsibilities = randomResponsibilities(5, X.length, 6);
    for (const weightPrior of PRIORS) {
      const start = (covariance: CovarianceType) =>
        BayesianGaussianMixture.fit(X, {
          components: 6,
          covariance,
          weightPrior,
          init: { responsibilities },
          maxIter: 0,
        });
      const scaled = (model: BayesianGaussianMixture) =>
        model.covariances.map((matrix, k) =>
          matrix.map((row) => row.map((value) => value * at(model.degreesOfFreedom, k))),
        );
      const full = scaled(await start('full'));
      const tied = at(scaled(await start('tied')), 0);
      const diag = scaled(await start('diag'));
      const spherical = scaled(await start('spherical'));
      const meanFull = at(full, 0).map((row, i) =>
        row.map((_, j) => full.reduce((s, m) => s + at(at(m, i), j), 0) / full.length),
      );
      expectAllClose(tied, meanFull, 1e-12, 'tied');
      expectAllClose(
        diag.map((m) => [at(at(m, 0), 0), at(at(m, 1), 1)]),
        full.map((m) => [at(at(m, 0), 0), at(at(m, 1), 1)]),
        1e-12,
        'diag',
      );
      expectAllClose(
        spherical.map((m) => at(at(m, 0), 0)),
        diag.map((m) => (at(at(m, 0), 0) + at(at(m, 1), 1)) / 2),
        1e-12,
        'spherical',
      );
    }
  });

  it('10. covariance and precision: the kernels (precision Cholesky) agree with a naive computation from the covariances', async () => {
    for (const covariance of TYPES) {
      const model = await BayesianGaussianMixture.fit(X, { components: 6, covariance, regCovar: 0, seed: 3 });
      const rows = X.slice(0, 9);
      expectAllClose(model.predictProba(rows), naiveResponsibilities(model, rows), 1e-12, covariance);
    }
  });

  it('11. invariant translation: X + 100 moves the means by 100 and leaves weights and covariances', async () => {
    const shifted = X.map((row) => row.map((value) => value + 100));
    for (const weightPrior of PRIORS) {
      for (const covariance of TYPES) {
        const options = {
          components: 6,
          covariance,
          weightPrior,
          regCovar: 0,
          seed: 0,
          init: 'kmeans',
        } as const;
        const a = await BayesianGaussianMixture.fit(X, options);
        const b = await BayesianGaussianMixture.fit(shifted, options);
        expectAllClose(
          a.means,
          b.means.map((row) => row.map((value) => value - 100)),
          1e-9,
          'means',
        );
        expectAllClose(a.weights, b.weights, 1e-9, 'weights');
        expectAllClose(a.covariances, b.covariances, 1e-9, 'covariances');
      }
    }
  });

  it.each([
    [0, 2, 1e-7],
    [1, 2, 1e-1],
    [3, 300, 1e-7],
    [4, 300, 1e-1],
  ])(
    '12–15. fit then predict is the fit’s own final E-step (seed %d, maxIter %d, tol %d)',
    async (seed, maxIter, tol) => {
      for (const covariance of TYPES) {
        const model = await BayesianGaussianMixture.fit(X, {
          components: 6,
          covariance,
          maxIter,
          tol,
          seed,
          regCovar: 0,
        });
        const sizes = new Array<number>(6).fill(0);
        for (const row of model.predictProba(X)) {
          row.forEach((r, k) => {
            sizes[k] = at(sizes, k) + r;
          });
        }
        expectAllClose(model.componentSizes, sizes, 1e-12, `${covariance} Nₖ`);
        expect(model.iterations).toBeLessThanOrEqual(maxIter);
      }
    },
  );

  it('16. with restarts: the model is the best run, and predict agrees with its final E-step', async () => {
    const options = { components: 5, seed: 0, init: 'random-from-data' } as const;
    const one = await BayesianGaussianMixture.fit(X, options);
    const ten = await BayesianGaussianMixture.fit(X, { ...options, restarts: 10 });
    expect(ten.lowerBound).toBeGreaterThanOrEqual(one.lowerBound);
    const sizes = new Array<number>(5).fill(0);
    for (const label of ten.predict(X)) sizes[label] = at(sizes, label) + 1;
    ten.componentSizes.forEach((n, k) => {
      expect(Math.abs(n - at(sizes, k))).toBeLessThan(1);
    });
  });

  it('17. predict is the argmax of predictProba, and recovers well-separated groups', async () => {
    for (const weightPrior of PRIORS) {
      for (const covariance of TYPES) {
        const model = await BayesianGaussianMixture.fit(X, {
          components: 3,
          covariance,
          weightPrior,
          seed: 0,
          init: 'kmeans',
        });
        const labels = Array.from(model.predict(X));
        const argmax = model.predictProba(X).map((row) => row.indexOf(Math.max(...row)));
        expect(labels).toEqual(argmax);
        expect(adjustedRandIndex(THREE_GROUPS.labels, labels)).toBeGreaterThanOrEqual(0.95);
      }
    }
  });
});

/** Variational responsibilities computed naively: explicit inverse and determinant of each covariance. */
function naiveResponsibilities(model: BayesianGaussianMixture, rows: number[][]): number[][] {
  const k = model.components;
  const digamma = (x: number): number => {
    let result = 0;
    while (x < 20) {
      result -= 1 / x;
      x += 1;
    }
    const s = 1 / (x * x);
    return result + Math.log(x) - 0.5 / x - s * (1 / 12 - s * (1 / 120 - s * (1 / 252 - s / 240)));
  };
  const logWeights = new Array<number>(k);
  if (model.weightPrior === 'dirichlet-process') {
    const [a, b] = model.weightConcentration as readonly [readonly number[], readonly number[]];
    let remaining = 0;
    for (let c = 0; c < k; c++) {
      logWeights[c] = digamma(at(a, c)) - digamma(at(a, c) + at(b, c)) + remaining;
      remaining += digamma(at(b, c)) - digamma(at(a, c) + at(b, c));
    }
  } else {
    const alpha = model.weightConcentration as readonly number[];
    const total = alpha.reduce((x, y) => x + y, 0);
    for (let c = 0; c < k; c++) logWeights[c] = digamma(at(alpha, c)) - digamma(total);
  }
  return rows.map((x) => {
    const logRho = model.covariances.map((sigma, c) => {
      const [[p, q], [, s]] = sigma as [[number, number], [number, number]];
      const det = p * s - q * q;
      const dx = at(x, 0) - at(at(model.means, c), 0);
      const dy = at(x, 1) - at(at(model.means, c), 1);
      const nu = at(model.degreesOfFreedom, c);
      const maha = (s * dx * dx - 2 * q * dx * dy + p * dy * dy) / det;
      // E[log|Λ|] = Σⱼ ψ((ν − j)/2) + D log 2 + log|W|, with W = Σ⁻¹/ν.
      const expectedLogDet =
        digamma(nu / 2) + digamma((nu - 1) / 2) + 2 * Math.log(2) - Math.log(det) - 2 * Math.log(nu);
      return (
        at(logWeights, c) +
        0.5 * expectedLogDet -
        1 / at(model.meanPrecision, c) -
        0.5 * maha -
        Math.log(2 * Math.PI)
      );
    });
    const top = Math.max(...logRho);
    const sum = logRho.reduce((acc, value) => acc + Math.exp(value - top), 0);
    return logRho.map((value) => Math.exp(value - top) / sum);
  });
}
