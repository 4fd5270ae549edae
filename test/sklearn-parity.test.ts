/**
 * The checks of scikit-learn's `test_gaussian_mixture.py` that concern partial starts, warm starts
 * and `fit_predict`, ported to this API: `weights_init`, `means_init` and `precisions_init` given
 * alone (test_check_weights, test_check_means, test_check_precisions), a precision start equal to
 * the k-means start's (test_gaussian_mixture_precisions_init_diag), convergence detected across warm
 * starts (test_warm_start, test_convergence_detected_with_warm_start) and `fitPredict` equal to
 * `fit` then `predict` (test_gaussian_mixture_fit_predict, …_n_init). Plus `uncertainty`.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import type { SklearnCovarianceType as CovarianceType } from '../src/types';
import { at, blobs, expectAllClose, expectClose, expectRejection, mulberry32 } from './helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** Three clusters in 2-D, elongated and correlated so every covariance type has work to do. */
const X = blobs(
  11,
  [
    [0, 0],
    [6, 1],
    [2, 7],
  ],
  80,
).X.map(([a = 0, b = 0]) => [a + 0.4 * b, 1.5 * b]);

/** What a 'kmeans' start of K = 3 gives, with the seed the partial starts use. */
async function kmeansStart(covariance: CovarianceType): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, { components: 3, covariance, init: 'kmeans', maxIter: 0, seed: 5 });
}

function start(covariance: CovarianceType, init: object): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, { components: 3, covariance, init, maxIter: 0, seed: 5 });
}

/** The inverse of a symmetric 2×2 matrix. */
function inverse2([[a = 0, b = 0] = [], [, d = 0] = []]: readonly (readonly number[])[]): number[][] {
  const det = a * d - b * b;
  return [
    [d / det, -b / det],
    [-b / det, a / det],
  ];
}

describe('a start given in part takes the rest from the kmeans start (test_check_weights, test_check_means)', () => {
  it.each(TYPES)('weights alone, %s', async (covariance) => {
    const weights = [0.2, 0.5, 0.3];
    const kmeans = await kmeansStart(covariance);
    const model = await start(covariance, { weights });
    expectAllClose(model.weights, weights, 1e-15, 'weights');
    expect(model.means).toEqual(kmeans.means);
    expect(model.covariances).toEqual(kmeans.covariances);
  });

  it.each(TYPES)('means alone, %s', async (covariance) => {
    const means = [
      [0, 0],
      [6, 1],
      [3, 10],
    ];
    const kmeans = await kmeansStart(covariance);
    const model = await start(covariance, { means });
    expect(model.means).toEqual(means);
    expect(model.weights).toEqual(kmeans.weights);
    expect(model.covariances).toEqual(kmeans.covariances);
  });

  it('weights and means, covariances from the kmeans start', async () => {
    const weights = [0.1, 0.1, 0.8];
    const means = [
      [1, 1],
      [5, 2],
      [2, 9],
    ];
    const kmeans = await kmeansStart('full');
    const model = await start('full', { weights, means });
    expectAllClose(model.weights, weights, 1e-15, 'weights');
    expect(model.means).toEqual(means);
    expect(model.covariances).toEqual(kmeans.covariances);
  });

  it('an empty start is the kmeans start', async () => {
    const kmeans = await kmeansStart('diag');
    const model = await start('diag', {});
    expect([model.weights, model.means, model.covariances]).toEqual([
      kmeans.weights,
      kmeans.means,
      kmeans.covariances,
    ]);
  });

  it('restarts draw the missing parts anew; a complete start runs once', async () => {
    const weights = [1 / 3, 1 / 3, 1 / 3];
    const firstLogLikelihoods = async (init: object) => {
      const seen: number[] = [];
      await GaussianMixture.fit(X, {
        components: 3,
        init,
        seed: 2,
        restarts: 4,
        maxIter: 1,
        tol: 0,
        onIteration: ({ logLikelihood }) => seen.push(logLikelihood),
      });
      return seen;
    };
    // Four runs, from k-means starts that differ (Lloyd's iterations bring some to the same cells).
    const partial = await firstLogLikelihoods({ weights });
    expect(partial).toHaveLength(4);
    expect(new Set(partial).size).toBeGreaterThan(1);
    const kmeans = await kmeansStart('full');
    const complete = { weights, means: kmeans.means, covariances: kmeans.covariances };
    expect(await firstLogLikelihoods(complete)).toHaveLength(1);
  });
});

describe('precisions alone (test_check_precisions)', () => {
  const precisions: Record<CovarianceType, unknown> = {
    full: [
      [
        [2, 0.5],
        [0.5, 1],
      ],
      [
        [1, -0.2],
        [-0.2, 3],
      ],
      [
        [4, 0],
        [0, 0.25],
      ],
    ],
    tied: [
      [2, 0.5],
      [0.5, 1],
    ],
    diag: [
      [2, 4],
      [0.5, 1],
      [8, 0.25],
    ],
    spherical: [2, 0.5, 4],
  };

  /** The covariances the precisions stand for, as K full matrices. */
  const expected: Record<CovarianceType, number[][][]> = {
    full: (precisions.full as number[][][]).map(inverse2),
    tied: Array.from({ length: 3 }, () => inverse2(precisions.tied as number[][])),
    diag: (precisions.diag as number[][]).map(([a = 0, b = 0]) => [
      [1 / a, 0],
      [0, 1 / b],
    ]),
    spherical: (precisions.spherical as number[]).map((p) => [
      [1 / p, 0],
      [0, 1 / p],
    ]),
  };

  it.each(TYPES)('%s: the start has their inverses and the kmeans weights and means', async (covariance) => {
    const kmeans = await kmeansStart(covariance);
    const model = await start(covariance, { precisions: precisions[covariance] });
    expectAllClose(model.covariances, expected[covariance], 1e-15, 'covariances');
    expect(model.weights).toEqual(kmeans.weights);
    expect(model.means).toEqual(kmeans.means);
  });

  // scikit-learn's bad shapes: K + 1 matrices (full, diag, spherical), (D + 1)×(D + 1) for tied.
  it.each<[CovarianceType, unknown, string]>([
    [
      'full',
      Array.from({ length: 4 }, () => [
        [1, 0],
        [0, 1],
      ]),
      'init.precisions must have 3 matrices (components), got 4',
    ],
    [
      'tied',
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      'init.precisions must have 2 rows (columns of X), got 3',
    ],
    [
      'diag',
      [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      'init.precisions must have 3 rows (components), got 4',
    ],
    ['spherical', [1, 1, 1, 1], 'init.precisions has 4 values, expected 3 (components)'],
  ])('%s: a bad shape is a RangeError', async (covariance, value, message) => {
    await expectRejection(start(covariance, { precisions: value }), RangeError, message);
  });

  // scikit-learn's "not positive": −1 in the first entry (full, tied), all −1 (diag, spherical).
  it.each<[CovarianceType, unknown, string]>([
    [
      'full',
      [
        [
          [-1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
      'init.precisions[0] is not positive definite',
    ],
    [
      'tied',
      [
        [-1, 0],
        [0, 1],
      ],
      'init.precisions is not positive definite',
    ],
    [
      'diag',
      [
        [-1, -1],
        [-1, -1],
        [-1, -1],
      ],
      'init.precisions[0][0] must be > 0, got -1',
    ],
    ['spherical', [-1, -1, -1], 'init.precisions[0] must be > 0, got -1'],
  ])('%s: a precision that is not positive is a RangeError', async (covariance, value, message) => {
    await expectRejection(start(covariance, { precisions: value }), RangeError, message);
  });

  it('covariances and precisions together are refused', async () => {
    const identity = [
      [1, 0],
      [0, 1],
    ];
    await expectRejection(
      start('tied', { covariances: identity, precisions: identity }),
      TypeError,
      'init takes covariances or precisions (their inverses), not both',
    );
  });
});

describe('the kmeans start given back as precisions fits as the kmeans start (test_gaussian_mixture_precisions_init_diag)', () => {
  it.each(TYPES)('%s', async (covariance) => {
    const common = { components: 3, covariance, seed: 5, regCovar: 1e-6 } as const;
    const kmeans = await GaussianMixture.fit(X, { ...common, init: 'kmeans', maxIter: 0 });
    const precisions = kmeans.covariances.map(inverse2);
    const withInit = await GaussianMixture.fit(X, { ...common, init: { precisions } });
    const withoutInit = await GaussianMixture.fit(X, { ...common, init: 'kmeans' });
    expect(withInit.iterations).toBe(withoutInit.iterations);
    expectAllClose(withInit.covariances, withoutInit.covariances, 1e-9, 'covariances');
    expectAllClose(withInit.means, withoutInit.means, 1e-9, 'means');
  });
});

describe('warm starts measure their first change from the model (test_warm_start, test_convergence_detected_with_warm_start)', () => {
  it.each(TYPES)('%s: a converged model converges again after one iteration', async (covariance) => {
    const model = await GaussianMixture.fit(X, { components: 3, covariance, seed: 1, tol: 1e-8 });
    expect(model.converged).toBe(true);
    const changes: number[] = [];
    const again = await GaussianMixture.fit(X, {
      components: 3,
      covariance,
      init: model,
      tol: 1e-8,
      onIteration: ({ change }) => changes.push(change),
    });
    expect([again.converged, again.iterations]).toEqual([true, 1]);
    expectClose(at(changes, 0), at(again.history, 0) - model.logLikelihood, 1e-12, 1e-15, 'first change');
    expect(Math.abs(at(changes, 0))).toBeLessThan(1e-8);
  });

  it('a standardized model converges again after one iteration', async () => {
    const common = { components: 3, standardize: true, tol: 1e-6 } as const;
    const model = await GaussianMixture.fit(X, { ...common, seed: 4 });
    const again = await GaussianMixture.fit(X, { ...common, init: model });
    expect([model.converged, again.converged, again.iterations]).toEqual([true, true, 1]);
  });

  it('one iteration twice equals two iterations, and warm starts reach convergence', async () => {
    // scikit-learn's data: 500 uniform rows in the unit square, K = 2, reg_covar = 0.
    const random = mulberry32(0);
    const uniform = Array.from({ length: 500 }, () => [random(), random()]);
    const common = { components: 2, regCovar: 0, seed: 0 } as const;
    const two = await GaussianMixture.fit(uniform, { ...common, maxIter: 2 });
    const once = await GaussianMixture.fit(uniform, { ...common, maxIter: 1 });
    const twice = await GaussianMixture.fit(uniform, { ...common, maxIter: 1, init: once });
    expectAllClose(twice.means, two.means, 1e-12, 'means');
    expectAllClose(twice.covariances, two.covariances, 1e-12, 'covariances');
    expect(twice.score(uniform)).toBeGreaterThan(once.score(uniform));

    const five = { ...common, maxIter: 5, tol: 1e-6 } as const;
    let model = await GaussianMixture.fit(uniform, five);
    expect(model.converged).toBe(false);
    for (let fits = 0; fits < 1000 && !model.converged; fits++) {
      model = await GaussianMixture.fit(uniform, { ...five, init: model });
    }
    expect(model.converged).toBe(true);
  });

  it.each([1, 2, 50])('maxIter %i: repeated warm starts converge within maxIter', async (maxIter) => {
    let model = await GaussianMixture.fit(X, { components: 3, maxIter, seed: 3 });
    for (let fits = 0; fits < 100 && !model.converged; fits++) {
      model = await GaussianMixture.fit(X, { components: 3, maxIter, init: model });
    }
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThanOrEqual(maxIter);
  });

  it('a model saved as JSON warm-starts the same way', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1, tol: 1e-8 });
    const restored = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)));
    const again = await GaussianMixture.fit(X, { components: 3, init: restored, tol: 1e-8 });
    expect([again.converged, again.iterations]).toEqual([true, 1]);
  });
});

describe('fitPredict equals fit then predict (test_gaussian_mixture_fit_predict, …_n_init)', () => {
  it.each([
    [0, 2, 1e-1],
    [1, 2, 1e-1],
    [3, 300, 1e-7],
    [4, 300, 1e-1],
  ])('seed %i, maxIter %i, tol %f', async (seed, maxIter, tol) => {
    for (const covariance of TYPES) {
      const options = { components: 3, covariance, seed, maxIter, tol, init: 'kmeans' } as const;
      const { model, labels } = await GaussianMixture.fitPredict(X, options);
      const fitted = await GaussianMixture.fit(X, options);
      expect(labels).toEqual(fitted.predict(X));
      expect(labels).toEqual(model.predict(X));
      expect(model.toJSON()).toEqual(fitted.toJSON());
    }
  });

  it('with five restarts', async () => {
    const random = mulberry32(0);
    const noise = Array.from({ length: 1000 }, () => Array.from({ length: 5 }, () => random() - 0.5));
    const { model, labels } = await GaussianMixture.fitPredict(noise, {
      components: 5,
      restarts: 5,
      seed: 0,
    });
    expect(labels).toEqual(model.predict(noise));
  });

  it('is refused as fit is', async () => {
    await expectRejection(
      GaussianMixture.fitPredict(X, { components: 0 }),
      RangeError,
      'components must be an integer ≥ 1, got 0',
    );
  });
});

describe('uncertainty', () => {
  it('is 1 − the largest responsibility, within [0, 1 − 1/K]', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, seed: 1 });
    const uncertainty = model.uncertainty(X);
    const proba = model.predictProba(X);
    expect(uncertainty).toHaveLength(X.length);
    uncertainty.forEach((u, i) => {
      expect(u).toBe(1 - Math.max(...at(proba, i)));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThanOrEqual(1 - 1 / 3 + 1e-15);
    });
    // Not trivially zero: the clusters touch.
    expect(Math.max(...uncertainty)).toBeGreaterThan(0.1);
  });

  it('checks its input as predict does', () => {
    return GaussianMixture.fit(X, { components: 2, seed: 1 }).then((model) => {
      expect(() => model.uncertainty([[1, 2, 3]])).toThrow(RangeError);
    });
  });
});
