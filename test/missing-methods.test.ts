/**
 * Every method of a model fitted with `missing: 'em'` on rows with NaN, against the row-by-row
 * reference posterior (test/reference/missing-em.ts), and `impute` on every model.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { argmax, blobs, expectAllClose, expectClose, expectError, mulberry32 } from './helpers';
import { referencePosterior } from './reference/missing-em';

const TYPES = ['full', 'tied', 'diag', 'spherical'] as const;
const NAN = Number.NaN;

function data(seed: number): number[][] {
  const { X } = blobs(
    seed,
    [
      [0, 0, 0],
      [7, 1, 2],
      [1, 8, -3],
    ],
    70,
    1.1,
  );
  return X.map(([a = 0, b = 0, c = 0]) => [a, b + 0.5 * a, c - 0.4 * b]);
}

function holes(X: number[][], p: number, seed: number): number[][] {
  const random = mulberry32(seed);
  const out = X.map((row) => row.map((v) => (random() < p ? NAN : v)));
  out[7] = [NAN, NAN, NAN];
  return out;
}

/** The model's public parameters as the reference takes them. */
function parameters(model: GaussianMixture) {
  return {
    weights: [...model.weights],
    means: model.means.map((row) => [...row]),
    covariances: model.covariances.map((m) => m.map((row) => [...row])),
  };
}

describe.each([false, true])('methods on NaN rows (standardize: %s)', (standardize) => {
  const X = data(3);
  const train = holes(X, 0.2, 4);
  const query = holes(data(5), 0.3, 6);
  it.each(TYPES)('%s', async (covariance) => {
    const model = await GaussianMixture.fit(train, {
      components: 3,
      covariance,
      init: 'kmeans',
      seed: 1,
      standardize,
      missing: 'em',
    });
    expect(model.missing).toBe('em');
    const expected = referencePosterior(query, parameters(model));
    const proba = model.predictProba(query);
    expectAllClose(
      proba.map((r) => [...r]),
      expected.responsibilities,
      1e-10,
      'predictProba',
    );
    expectAllClose([...model.scoreSamples(query)], expected.logDensity, 1e-10, 'scoreSamples');
    expect([...model.predict(query)]).toEqual(expected.responsibilities.map((r) => argmax(r)));
    expectAllClose(
      [...model.uncertainty(query)],
      expected.responsibilities.map((r) => 1 - Math.max(...r)),
      1e-10,
      'uncertainty',
    );
    // The row with nothing observed: log p = 0, responsibilities = weights, imputed to Σ πμ.
    expect(model.scoreSamples(query)[7]).toBe(0);
    expectAllClose([...(proba[7] as Float64Array)], [...model.weights], 1e-15, 'weights');
    const informative = query.filter((r) => r.some((v) => !Number.isNaN(v))).length;
    const mean = expected.logDensity.reduce((a, b) => a + b, 0) / informative;
    expectClose(model.score(query), mean, 1e-12, 0, 'score');
    expectClose(model.bic(query), -2 * mean * informative + model.nParameters * Math.log(informative), 1e-12);
    expectClose(model.aic(query), -2 * mean * informative + 2 * model.nParameters, 1e-12);
    expectAllClose(
      model.impute(query).map((r) => [...r]),
      expected.imputed,
      1e-10,
      'impute',
    );
    // The model's own training log-likelihood is score on its training rows.
    expectClose(model.score(train), model.logLikelihood, 1e-12, 0, 'score(train)');
    // Saved and reloaded, it scores NaN rows bit for bit alike.
    const again = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(again.missing).toBe('em');
    expect([...again.scoreSamples(query)]).toEqual([...model.scoreSamples(query)]);
  });
});

describe('impute', () => {
  const X = data(11);

  it('works on every model, however it was fitted', async () => {
    const model = await GaussianMixture.fit(X, { components: 3, init: 'kmeans', seed: 2 });
    expect(model.missing).toBe('error');
    const query = holes(data(12), 0.25, 13);
    expectAllClose(
      model.impute(query).map((r) => [...r]),
      referencePosterior(query, parameters(model)).imputed,
      1e-10,
      'impute',
    );
    // Without missing: 'em', the other methods still refuse NaN.
    const row = query.findIndex((r, i) => i !== 7 && r.some((v) => Number.isNaN(v)));
    const col = (query[row] as number[]).findIndex((v) => Number.isNaN(v));
    expectError(() => model.predict(query.slice(row)), RangeError, `X[0][${col}] is NaN`);
  });

  it('keeps observed values as given and returns copies', async () => {
    const model = await GaussianMixture.fit(X, { components: 2, init: 'kmeans', seed: 2 });
    const rows = [
      [1.5, NAN, 2],
      [0.25, 3, -1],
    ];
    const out = model.impute(rows);
    expect(out[0]?.[0]).toBe(1.5);
    expect(out[0]?.[2]).toBe(2);
    expect(Number.isFinite(out[0]?.[1])).toBe(true);
    expect([...(out[1] as Float64Array)]).toEqual([0.25, 3, -1]);
    expect(Number.isNaN(rows[0]?.[1])).toBe(true);
  });

  it('refuses ±Infinity and a wrong width', async () => {
    const model = await GaussianMixture.fit(X, { components: 2, init: 'kmeans', seed: 2 });
    expectError(() => model.impute([[1, -Infinity, NAN]]), RangeError, 'X[0][1] is -Infinity');
    expectError(() => model.impute([[1, NAN]]), RangeError, 'X has 2 columns, but the model was fitted on 3');
  });

  it('fromJSON reads missing only as em', async () => {
    const model = await GaussianMixture.fit(holes(X, 0.1, 15), { components: 2, seed: 2, missing: 'em' });
    const saved = { ...model.toJSON(), missing: 'maybe' };
    expectError(
      () => GaussianMixture.fromJSON(saved),
      RangeError,
      "GaussianMixture.fromJSON: missing must be 'em' when present, got 'maybe'",
    );
    const { missing, ...older } = model.toJSON();
    expect(missing).toBe('em');
    expect(GaussianMixture.fromJSON(older).missing).toBe('error');
  });

  it('score refuses X with nothing observed', async () => {
    const model = await GaussianMixture.fit(holes(X, 0.1, 14), { components: 2, seed: 2, missing: 'em' });
    expectError(
      () => model.score([[NAN, NAN, NAN]]),
      RangeError,
      'X has no observed value: every entry is NaN',
    );
    expect([...model.scoreSamples([[NAN, NAN, NAN]])]).toEqual([0]);
  });
});
