/**
 * EM with missing values against the independent row-by-row reference (test/reference/missing-em.ts),
 * for every covariance type and several kinds of holes, and the properties the fit must keep.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture, selectModel } from '../src/index';
import { blobs, expectAllClose, expectRejection, mulberry32 } from './helpers';
import { type ReferenceParameters, type ReferenceType, referenceMissingEm } from './reference/missing-em';

const TYPES: ReferenceType[] = ['full', 'tied', 'diag', 'spherical'];
const CENTERS = [
  [0, 0, 0, 0],
  [6, 1, 2, -1],
  [1, 7, -3, 2],
];

/** Three correlated clusters in 4-D: correlation makes the regression of missing on observed matter. */
function correlated(seed: number, perCluster = 60): number[][] {
  const { X } = blobs(seed, CENTERS, perCluster, 1.2);
  return X.map(([a = 0, b = 0, c = 0, d = 0]) => [a, b + 0.6 * a, c - 0.5 * b, d + 0.4 * a + 0.3 * c]);
}

/** Each entry missing with probability p, independently (missing completely at random). */
function mcar(X: number[][], p: number, seed: number): number[][] {
  const random = mulberry32(seed);
  return X.map((row) => row.map((v) => (random() < p ? Number.NaN : v)));
}

/** Columns 2 and 3 go missing more often where column 0 (always observed) is large: missing at random. */
function mar(X: number[][], seed: number): number[][] {
  const random = mulberry32(seed);
  return X.map((row) =>
    row.map((v, j) => (j >= 2 && random() < ((row[0] as number) > 2 ? 0.6 : 0.1) ? Number.NaN : v)),
  );
}

/** MCAR holes, three rows with nothing observed, and column 3 missing in 85 % of rows. */
function harsh(X: number[][], seed: number): number[][] {
  const random = mulberry32(seed);
  const holes = mcar(X, 0.1, seed + 1).map((row) =>
    row.map((v, j) => (j === 3 && random() < 0.85 ? Number.NaN : v)),
  );
  for (const i of [4, 70, 150]) holes[i] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  return holes;
}

const MASKS: [string, (X: number[][]) => number[][]][] = [
  ['MCAR 20 %', (X) => mcar(X, 0.2, 11)],
  ['MAR', (X) => mar(X, 12)],
  ['whole rows missing and a mostly-missing column', (X) => harsh(X, 13)],
];

const START_COVARIANCE = [
  [2, 0.3, 0, 0.1],
  [0.3, 2, 0.2, 0],
  [0, 0.2, 2, 0.3],
  [0.1, 0, 0.3, 2],
];
const START_MEANS = [
  [0.5, 0, 0, 0],
  [5, 1.5, 1, -1],
  [0, 6, -2, 1],
];

/** The same start in the reference's full form and in the library's compact form of each type. */
function starts(type: ReferenceType): { reference: ReferenceParameters; init: object } {
  const weights = [0.3, 0.3, 0.4];
  const diagonal = START_COVARIANCE.map((row, a) => row.map((v, b) => (a === b ? v : 0)));
  const full = type === 'full' || type === 'tied' ? START_COVARIANCE : diagonal;
  const reference = { weights, means: START_MEANS, covariances: START_MEANS.map(() => full) };
  const covariances = {
    full: START_MEANS.map(() => START_COVARIANCE),
    tied: START_COVARIANCE,
    diag: START_MEANS.map(() => [2, 2, 2, 2]),
    spherical: [2, 2, 2],
  }[type];
  return { reference, init: { weights, means: START_MEANS, covariances } };
}

async function fitBoth(X: number[][], type: ReferenceType, iterations: number, extra: object = {}) {
  const { reference, init } = starts(type);
  const model = await GaussianMixture.fit(X, {
    components: 3,
    covariance: type,
    init: init as never,
    maxIter: iterations,
    tol: 0,
    missing: 'em',
    ...extra,
  });
  return { model, reference };
}

describe('missing: em agrees with the row-by-row reference EM at 1e-10', () => {
  const X = correlated(5);
  describe.each(MASKS)('%s', (_name, mask) => {
    const holes = mask(X);
    it.each(TYPES)('%s', async (type) => {
      const { model, reference } = await fitBoth(holes, type, 15);
      const expected = referenceMissingEm(holes, reference, type, 15, 1e-6);
      expectAllClose(model.weights, expected.weights, 1e-10, 'weights');
      expectAllClose(model.means, expected.means, 1e-10, 'means');
      expectAllClose(model.covariances, expected.covariances, 1e-10, 'covariances');
      expectAllClose(model.history, expected.history, 1e-10, 'history');
      expect(model.logLikelihood).toBe(model.history.at(-1));
    });
  });

  it.each(TYPES)('with sample weights (%s)', async (type) => {
    const holes = harsh(X, 21);
    const random = mulberry32(22);
    const sampleWeight = holes.map(() => 0.25 + 2 * random());
    const { model, reference } = await fitBoth(holes, type, 12, { sampleWeight });
    const expected = referenceMissingEm(holes, reference, type, 12, 1e-6, sampleWeight);
    expectAllClose(model.means, expected.means, 1e-10, 'means');
    expectAllClose(model.covariances, expected.covariances, 1e-10, 'covariances');
    expectAllClose(model.history, expected.history, 1e-10, 'history');
  });

  it.each(TYPES)(
    'with standardize: the reference on rows z-scored by their observed values (%s)',
    async (type) => {
      const holes = harsh(X, 23);
      const observed = (j: number) => holes.map((row) => row[j] as number).filter((v) => !Number.isNaN(v));
      const m = [0, 1, 2, 3].map((j) => observed(j).reduce((a, b) => a + b, 0) / observed(j).length);
      const s = [0, 1, 2, 3].map((j) =>
        Math.sqrt(observed(j).reduce((a, v) => a + (v - (m[j] as number)) ** 2, 0) / observed(j).length),
      );
      const z = holes.map((row) => row.map((v, j) => (v - (m[j] as number)) / (s[j] as number)));
      const { model, reference } = await fitBoth(holes, type, 12, { standardize: true });
      // The start in standardized units, brought to the type's form as the library does.
      let covariances = reference.covariances.map((c) =>
        c.map((row, a) => row.map((v, b) => v / ((s[a] as number) * (s[b] as number)))),
      );
      if (type === 'spherical') {
        covariances = covariances.map((c) => {
          const mean = c.reduce((sum, row, a) => sum + (row[a] as number), 0) / 4;
          return c.map((row, a) => row.map((_, b) => (a === b ? mean : 0)));
        });
      }
      const start = {
        weights: reference.weights,
        means: reference.means.map((row) => row.map((v, j) => (v - (m[j] as number)) / (s[j] as number))),
        covariances,
      };
      const expected = referenceMissingEm(z, start, type, 12, 1e-6);
      const means = expected.means.map((row) => row.map((v, j) => (m[j] as number) + (s[j] as number) * v));
      const covs = expected.covariances.map((c) =>
        c.map((row, a) => row.map((v, b) => v * (s[a] as number) * (s[b] as number))),
      );
      // log p(x_o) = log p(z_o) − Σ_{j observed} log sⱼ, averaged over the rows with an observed value.
      const informative = holes.filter((row) => row.some((v) => !Number.isNaN(v)));
      const shift =
        -informative.reduce(
          (sum, row) =>
            sum + row.reduce((t, v, j) => t + (Number.isNaN(v) ? 0 : Math.log(s[j] as number)), 0),
          0,
        ) / informative.length;
      expectAllClose(model.means, means, 1e-10, 'means');
      expectAllClose(model.covariances, covs, 1e-10, 'covariances');
      expectAllClose(
        model.history,
        expected.history.map((v) => v + shift),
        1e-10,
        'history',
      );
    },
  );
});

describe('properties of EM with missing values', () => {
  const X = correlated(8, 80);

  it.each(TYPES)('the observed-data log-likelihood never decreases (%s)', async (type) => {
    const model = await GaussianMixture.fit(harsh(X, 31), {
      components: 3,
      covariance: type,
      init: 'kmeans',
      maxIter: 60,
      tol: 0,
      seed: 4,
      missing: 'em',
    });
    expect(model.reseeds).toBe(0);
    for (let t = 1; t < model.history.length; t++) {
      const before = model.history[t - 1] as number;
      expect(model.history[t] as number).toBeGreaterThanOrEqual(before - 1e-12 * Math.abs(before));
    }
  });

  it.each(TYPES)('without NaN, missing: em is bit for bit the fit without it (%s)', async (type) => {
    const options = { components: 3, covariance: type, init: 'kmeans', restarts: 2, seed: 9 } as const;
    const plain = await GaussianMixture.fit(X, options);
    const withOption = await GaussianMixture.fit(X, { ...options, missing: 'em' });
    const { missing, ...saved } = withOption.toJSON();
    expect(missing).toBe('em');
    expect(saved).toStrictEqual(plain.toJSON());
  });

  it.each(TYPES)(
    'rows with nothing observed count in no likelihood and change no parameter (%s)',
    async (type) => {
      const holes = mcar(X, 0.15, 32);
      const padded = [
        [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
        ...holes,
        [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      ];
      const options = { components: 3, covariance: type, init: 'kmeans', seed: 3, missing: 'em' } as const;
      const a = await GaussianMixture.fit(holes, { ...options, standardize: true });
      const b = await GaussianMixture.fit(padded, { ...options, standardize: true });
      expect(b.toJSON()).toStrictEqual(a.toJSON());
    },
  );

  it('K = 1 full reaches the multivariate-normal MLE with missing data: the reference run to convergence', async () => {
    const holes = mcar(correlated(40, 100), 0.25, 41);
    const start = { weights: [1], means: [[1, 2, 0, 1]], covariances: [START_COVARIANCE] };
    const iterations = 1500;
    const model = await GaussianMixture.fit(holes, {
      components: 1,
      init: { means: start.means, covariances: start.covariances },
      maxIter: iterations,
      tol: 0,
      regCovar: 0,
      missing: 'em',
    });
    const mle = referenceMissingEm(holes, start, 'full', iterations, 0);
    // Converged: one more exact EM step from the reference's answer gives it back.
    const again = referenceMissingEm(holes, mle, 'full', 1, 0);
    expectAllClose(again.means, mle.means, 1e-12, 'means at the fixed point');
    expectAllClose(again.covariances, mle.covariances, 1e-12, 'covariances at the fixed point');
    expectAllClose(model.means, mle.means, 1e-10, 'means');
    expectAllClose(model.covariances, mle.covariances, 1e-10, 'covariances');
    // Not the complete-case answer: dropping rows with holes moves the means.
    const completeCase = holes.filter((row) => row.every((v) => !Number.isNaN(v)));
    const caseMean = [0, 1, 2, 3].map(
      (j) => completeCase.reduce((sum, r) => sum + (r[j] as number), 0) / completeCase.length,
    );
    expect(Math.max(...caseMean.map((v, j) => Math.abs(v - (mle.means[0]?.[j] as number))))).toBeGreaterThan(
      1e-2,
    );
  });

  it.each(['random', 'kmeans', 'kmeans++', 'random-from-data', 'hierarchical'] as const)(
    'init %s starts from the mean-filled rows and climbs the observed-data likelihood',
    async (init) => {
      const holes = harsh(X, 33);
      const model = await GaussianMixture.fit(holes, {
        components: 3,
        init,
        seed: 6,
        maxIter: 30,
        tol: 0,
        regCovar: 1e-3,
        missing: 'em',
      });
      expect(model.means.flat().every(Number.isFinite)).toBe(true);
      for (let t = 1 + model.reseeds; t < model.history.length; t++) {
        const before = model.history[t - 1] as number;
        expect(model.history[t] as number).toBeGreaterThanOrEqual(before - 1e-12 * Math.abs(before));
      }
    },
  );

  it('workers add the same statistics as the inline fit', async () => {
    const holes = harsh(correlated(50, 400), 51);
    const options = { components: 3, init: 'kmeans', seed: 5, maxIter: 20, tol: 0, missing: 'em' } as const;
    const inline = await GaussianMixture.fit(holes, options);
    const pooled = await GaussianMixture.fit(holes, { ...options, workers: 2 });
    expectAllClose(pooled.means, inline.means, 1e-12, 'means');
    expectAllClose(pooled.covariances, inline.covariances, 1e-12, 'covariances');
    expectAllClose(pooled.history, inline.history, 1e-12, 'history');
  });

  it('selectModel takes missing: em, with N the rows that have an observed value', async () => {
    const holes = harsh(X, 61);
    const { best, table } = await selectModel(holes, {
      components: [1, 2, 3],
      seed: 2,
      init: 'kmeans',
      missing: 'em',
    });
    const n = holes.filter((row) => row.some((v) => !Number.isNaN(v))).length;
    for (const row of table) {
      const p = row.components * 4 + (row.components * 4 * 5) / 2 + row.components - 1;
      expect(row.bic).toBeCloseTo(-2 * n * row.logLikelihood + p * Math.log(n), 8);
    }
    expect(best.components).toBe(3);
  });
});

describe('errors with missing values', () => {
  const X = mcar(correlated(70, 20), 0.2, 71);

  it('refuses NaN without the option, as before', async () => {
    const row = X.findIndex((r) => r.some((v) => Number.isNaN(v)));
    const col = (X[row] as number[]).findIndex((v) => Number.isNaN(v));
    await expectRejection(GaussianMixture.fit(X, { components: 2 }), RangeError, `X[${row}][${col}] is NaN`);
  });

  it('still refuses ±Infinity', async () => {
    const bad = X.map((r) => r.slice());
    (bad[3] as number[])[1] = Infinity;
    await expectRejection(
      GaussianMixture.fit(bad, { components: 2, missing: 'em' }),
      RangeError,
      'X[3][1] is Infinity',
    );
  });

  it('names a column with no observed value', async () => {
    const bad = X.map((r) => [r[0] as number, Number.NaN, r[2] as number]);
    await expectRejection(
      GaussianMixture.fit(bad, { components: 2, missing: 'em' }),
      RangeError,
      "column 1 of X has no observed value: missing: 'em' needs at least one in every column",
    );
  });

  it('counts only rows with an observed value against components', async () => {
    const bad = [
      [1, 2],
      [Number.NaN, Number.NaN],
      [Number.NaN, Number.NaN],
    ];
    await expectRejection(
      GaussianMixture.fit(bad, { components: 2, missing: 'em' }),
      RangeError,
      'components (2) exceeds the number of rows with an observed value (1)',
    );
  });

  it('checks the option', async () => {
    await expectRejection(
      GaussianMixture.fit([[1], [2]], { components: 2, missing: 'yes' as never }),
      RangeError,
      "missing must be 'error' or 'em', got 'yes'",
    );
    await expectRejection(
      GaussianMixture.fit([[1], [2]], { components: 2, missing: true as never }),
      TypeError,
      'missing must be a string, got boolean',
    );
  });
});
