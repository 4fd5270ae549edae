/**
 * Warm starts: `init: model` continues EM from a fitted model's parameters, so ten iterations and
 * ten more are twenty iterations; a model of another shape is refused, and a model of another
 * covariance type is projected onto the fit's type.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import type { CovarianceType } from '../src/types';
import { at, blobs, expectAllClose, expectClose, expectRejection } from './helpers';

const TYPES: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

/** Three overlapping, correlated clusters in 3-D on different scales: EM is still moving at iteration 10. */
const X = blobs(
  4,
  [
    [0, 0, 0],
    [3, 2, 0],
    [0, 3, 3],
  ],
  50,
  1.2,
).X.map(([a = 0, b = 0, c = 0]) => [a, 0.6 * a + b, 25 * c - 40]);

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture, tolerance: number): void {
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
  expectClose(actual.logLikelihood, expected.logLikelihood, tolerance, 0, 'logLikelihood');
}

describe('ten iterations, then ten from the model, equal twenty', () => {
  const cases = TYPES.flatMap((covariance) =>
    [false, true].map((standardize) => ({ covariance, standardize })),
  );

  it.each(cases)('$covariance, standardize $standardize', async ({ covariance, standardize }) => {
    const common = { components: 3, covariance, standardize, seed: 9, tol: 0 } as const;
    const first = await GaussianMixture.fit(X, { ...common, maxIter: 10 });
    const second = await GaussianMixture.fit(X, { ...common, maxIter: 10, init: first });
    const whole = await GaussianMixture.fit(X, { ...common, maxIter: 20 });

    expect([first.iterations, second.iterations, whole.iterations]).toEqual([10, 10, 20]);
    expect(second.covariance).toBe(covariance);
    expectSameParameters(second, whole, 1e-10);
    // The second fit's E-steps are the last eleven of the whole run's.
    expectAllClose(second.history, whole.history.slice(10), 1e-10, 'history');
    // EM was still moving: a warm start that restarted from scratch, or stood still, would differ.
    expect(Math.abs(whole.logLikelihood - first.logLikelihood)).toBeGreaterThan(1e-6);
  });
});

describe('warm start from a model of another shape', () => {
  it('refuses a model of another K', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1, maxIter: 2 });
    await expectRejection(
      GaussianMixture.fit(X, { components: 2, init: model }),
      RangeError,
      'init model has 3 components, but components is 2',
    );
  });

  it('refuses a model of another D', async () => {
    const model = await GaussianMixture.fit(X, { components: 2, seed: 1, maxIter: 2 });
    const narrow = X.map((row) => row.slice(0, 2));
    await expectRejection(
      GaussianMixture.fit(narrow, { components: 2, init: model }),
      RangeError,
      'init model has 3 features, but X has 2 columns',
    );
  });
});

describe('a model of another covariance type is projected onto the fit type', () => {
  it('a full model warm-starts a diag fit from its diagonals', async () => {
    const full = await GaussianMixture.fit(X, { components: 3, seed: 2, maxIter: 5, tol: 0 });
    // The full model really has off-diagonal terms for the projection to drop.
    expect(Math.abs(at(at(at(full.covariances, 0), 0), 1))).toBeGreaterThan(1e-2);

    const warm = await GaussianMixture.fit(X, {
      components: 3,
      covariance: 'diag',
      init: full,
      maxIter: 5,
      tol: 0,
    });
    const explicit = await GaussianMixture.fit(X, {
      components: 3,
      covariance: 'diag',
      init: {
        weights: full.weights,
        means: full.means,
        covariances: full.covariances.map((matrix) => matrix.map((_, j) => at(at(matrix, j), j))),
      },
      maxIter: 5,
      tol: 0,
    });

    expect(warm.covariance).toBe('diag');
    expect(warm.nParameters).toBe(3 * 3 + 3 * 3 + 2);
    for (const matrix of warm.covariances) {
      matrix.forEach((row, j) => {
        row.forEach((value, l) => {
          if (j !== l) expect(value).toBe(0);
        });
      });
    }
    expectSameParameters(warm, explicit, 1e-10);
  });

  it('a full standardized model warm-starts a spherical standardized fit', async () => {
    const options = { components: 3, standardize: true, maxIter: 3, tol: 0 } as const;
    const full = await GaussianMixture.fit(X, { ...options, seed: 3 });
    const spherical = await GaussianMixture.fit(X, { ...options, covariance: 'spherical', init: full });
    expect(spherical.covariance).toBe('spherical');
    expect(spherical.iterations).toBe(3);
    expect(Number.isFinite(spherical.logLikelihood)).toBe(true);
    // Standardized spherical is σ²·s_j² on the diagonal in the user's units: one σ² per component.
    const scales = [0, 1, 2].map((j) => {
      const mean = X.reduce((sum, row) => sum + at(row, j), 0) / X.length;
      return X.reduce((sum, row) => sum + (at(row, j) - mean) ** 2, 0) / X.length;
    });
    for (const matrix of spherical.covariances) {
      const sigma2 = at(at(matrix, 0), 0) / at(scales, 0);
      scales.forEach((variance, j) => {
        expectClose(at(at(matrix, j), j) / variance, sigma2, 1e-10, 0, `σ² of column ${j}`);
      });
    }
  });
});
