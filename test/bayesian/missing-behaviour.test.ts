/**
 * What the variational fit with missing values must keep beyond agreeing with the reference: the
 * bound (with the entropy of q(x_m)) never decreases; without NaN it is bit for bit the fit without
 * `missing`; rows with nothing observed change nothing; JSON keeps `missing`; workers add up; the
 * errors are clear.
 */
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture } from '../../src/index';
import { expectAllClose, expectError, expectRejection } from '../helpers';
import { correlated, harsh, MASKS, mcar } from './missing-data';

const TYPES = ['full', 'tied', 'diag', 'spherical'] as const;
const PRIORS = ['dirichlet-process', 'dirichlet-distribution'] as const;
const CASES = TYPES.flatMap((type) => PRIORS.map((prior) => [type, prior] as const));

describe('the bound with missing values never decreases', () => {
  it.each(CASES)('%s, %s', async (covariance, weightPrior) => {
    for (const [mask, holes] of MASKS) {
      for (const regCovar of [0, 1e-6]) {
        const model = await BayesianGaussianMixture.fit(holes(correlated(8)), {
          components: 6,
          covariance,
          weightPrior,
          missing: 'em',
          regCovar,
          seed: 3,
          maxIter: 200,
          tol: 0,
        });
        expect(model.iterations).toBe(200);
        const { history } = model;
        for (let t = 1; t < history.length; t++) {
          const change = (history[t] as number) - (history[t - 1] as number);
          if (!(change >= -1e-12 * Math.abs(history[t] as number))) {
            expect.fail(`${mask}, regCovar ${regCovar}: the bound fell by ${-change} at iteration ${t + 1}`);
          }
        }
        // It moved: the first iterations raise it by more than rounding.
        expect((history[history.length - 1] as number) - (history[0] as number)).toBeGreaterThan(1e-3);
      }
    }
  });
});

describe('without NaN, missing: em is the fit without it', () => {
  it.each(CASES)('%s, %s: bit for bit', async (covariance, weightPrior) => {
    const X = correlated(9);
    const options = { components: 5, covariance, weightPrior, seed: 4, maxIter: 40 } as const;
    const plain = await BayesianGaussianMixture.fit(X, options);
    const em = await BayesianGaussianMixture.fit(X, { ...options, missing: 'em' });
    expect(em.missing).toBe('em');
    expect(plain.missing).toBe('error');
    const { missing, ...rest } = em.toJSON();
    expect(missing).toBe('em');
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain.toJSON()));
    expect(Array.from(em.scoreSamples(X))).toEqual(Array.from(plain.scoreSamples(X)));
  });
});

describe('rows with nothing observed change nothing', () => {
  it.each(TYPES)('%s: the fit with them is the fit without them, bit for bit', async (covariance) => {
    const X = mcar(correlated(10), 0.15, 3);
    const empty = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const padded = [empty, ...X.slice(0, 40), empty, empty, ...X.slice(40), empty];
    const options = { components: 4, covariance, seed: 2, maxIter: 30, missing: 'em' } as const;
    const without = await BayesianGaussianMixture.fit(X, options);
    const withEmpty = await BayesianGaussianMixture.fit(padded, options);
    expect(JSON.stringify(withEmpty.toJSON())).toBe(JSON.stringify(without.toJSON()));
  });

  it('from given responsibilities, whatever those rows are given', async () => {
    const X = mcar(correlated(10), 0.15, 3);
    const resp = X.map((_, i) => [0.1 + (i % 3) * 0.3, 0.9 - (i % 3) * 0.3]);
    const without = await BayesianGaussianMixture.fit(X, {
      components: 2,
      missing: 'em',
      init: { responsibilities: resp },
      maxIter: 10,
      seed: 1,
    });
    const empty = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const withEmpty = await BayesianGaussianMixture.fit([...X, empty], {
      components: 2,
      missing: 'em',
      init: { responsibilities: [...resp, [1, 0]] },
      maxIter: 10,
      seed: 1,
    });
    expect(JSON.stringify(withEmpty.toJSON())).toBe(JSON.stringify(without.toJSON()));
  });
});

describe('a model fitted with missing values', () => {
  const X = harsh(correlated(11), 5);

  it('keeps missing through JSON, and scores bit for bit after reloading', async () => {
    const model = await BayesianGaussianMixture.fit(X, {
      components: 4,
      missing: 'em',
      seed: 1,
      maxIter: 20,
    });
    const saved = JSON.parse(JSON.stringify(model.toJSON()));
    expect(saved.missing).toBe('em');
    const back = BayesianGaussianMixture.fromJSON(saved);
    expect(back.missing).toBe('em');
    expect(Array.from(back.scoreSamples(X))).toEqual(Array.from(model.scoreSamples(X)));
    expect(back.impute(X)).toEqual(model.impute(X));
    expectError(
      () => BayesianGaussianMixture.fromJSON({ ...saved, missing: 'yes' }),
      RangeError,
      "BayesianGaussianMixture.fromJSON: missing must be 'em' when present, got 'yes'",
    );
  });

  it('rows with nothing observed: responsibilities ∝ exp(E-step constants), a score ≤ 0, impute to Σ rₖ mₖ', async () => {
    const model = await BayesianGaussianMixture.fit(X, {
      components: 3,
      missing: 'em',
      seed: 1,
      maxIter: 30,
    });
    const empty = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const [resp] = model.predictProba([empty]) as [Float64Array];
    const [score] = model.scoreSamples([empty]) as unknown as [number];
    expect(resp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(score).toBeLessThan(0);
    // Close to the weights and to 0 (the constants differ from log E[π] by the posterior's spread).
    expectAllClose(resp, model.weights, 0.05);
    expect(score).toBeGreaterThan(-0.5);
    const [filled] = model.impute([empty]) as [Float64Array];
    const expected = [0, 1, 2, 3].map((j) =>
      model.means.reduce((s, mean, c) => s + (resp[c] as number) * (mean[j] as number), 0),
    );
    expectAllClose(filled, expected, 1e-14);
    expect(model.score(X)).toBeCloseTo(
      Array.from(model.scoreSamples(X)).reduce(
        (s, v, i) => (X[i]?.every((x) => Number.isNaN(x)) ? s : s + v),
        0,
      ) / X.filter((row) => !row.every((x) => Number.isNaN(x))).length,
      12,
    );
    expect(() => model.score([empty])).toThrow(new RangeError('X has no observed value: every entry is NaN'));
  });

  it('prunes as without holes', async () => {
    const model = await BayesianGaussianMixture.fit(X, {
      components: 8,
      missing: 'em',
      seed: 1,
      prune: true,
    });
    expect(model.components).toBe(model.activeComponents.length);
    expect(model.componentSizes.every((n) => n >= 1)).toBe(true);
  });

  it('with workers: the same fit within 1e-12', async () => {
    const options = { components: 4, missing: 'em', seed: 1, maxIter: 25, tol: 0 } as const;
    const inline = await BayesianGaussianMixture.fit(X, options);
    const pooled = await BayesianGaussianMixture.fit(X, { ...options, workers: 2 });
    expectAllClose(pooled.means, inline.means, 1e-12, 'means');
    expectAllClose(pooled.covariances, inline.covariances, 1e-12, 'covariances');
    expectAllClose(pooled.history, inline.history, 1e-12, 'history');
  });
});

describe('errors with missing values', () => {
  it('a model fitted without missing refuses NaN but imputes', async () => {
    const complete = correlated(12);
    const model = await BayesianGaussianMixture.fit(complete, { components: 3, seed: 1, maxIter: 10 });
    expect(() => model.predict([[1, Number.NaN, 2, 3]])).toThrow(RangeError);
    expect(() => model.predict([[1, Number.NaN, 2, 3]])).toThrow('X[0][1] is NaN');
    const [filled] = model.impute([[1, Number.NaN, 2, 3]]) as [Float64Array];
    expect(Number.isFinite(filled[1])).toBe(true);
    expect([filled[0], filled[2], filled[3]]).toEqual([1, 2, 3]);
  });

  it('NaN without missing: em, a column with no value, a column with one', async () => {
    const X = mcar(correlated(12), 0.1, 1);
    await expect(BayesianGaussianMixture.fit(X, { components: 2 })).rejects.toThrow(/^X\[\d+\]\[\d\] is NaN/);
    const noColumn = X.map((row) => [row[0] as number, Number.NaN, row[2] as number, row[3] as number]);
    await expectRejection(
      BayesianGaussianMixture.fit(noColumn, { components: 2, missing: 'em' }),
      RangeError,
      "column 1 of X has no observed value: missing: 'em' needs at least one in every column",
    );
    const oneValue = noColumn.map((row, i) =>
      i === 3 ? [row[0] as number, 5, row[2] as number, row[3] as number] : row,
    );
    await expectRejection(
      BayesianGaussianMixture.fit(oneValue, { components: 2, missing: 'em' }),
      RangeError,
      'covariancePrior defaults to the data covariance, which needs more than one observed value in column 1 (total sample weight 1); give covariancePrior',
    );
    // With covariancePrior given, one value is enough for the default meanPrior.
    const model = await BayesianGaussianMixture.fit(oneValue, {
      components: 2,
      missing: 'em',
      covariancePrior: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
      maxIter: 5,
      seed: 1,
    });
    expect(model.priors.meanPrior[1]).toBe(5);
  });
});
