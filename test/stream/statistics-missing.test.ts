// model.statistics of rows with missing values (a model fitted with missing: 'em'): the expected
// complete-data statistics given each row's observed values, which merge exactly and whose M-step is
// the next iteration of fit(..., { missing: 'em' }); the schema's version 2 marks them.
import { describe, expect, it } from 'vitest';
import {
  type CovarianceType,
  GaussianMixture,
  type MixtureStatistics,
  mergeStatistics,
} from '../../src/index';
import { blobs, expectAllClose, expectError, mulberry32 } from '../helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const { X: complete } = blobs(
  9,
  [
    [0, 0, 0],
    [6, 1, -2],
    [1, 7, 3],
  ],
  300,
);
const random = mulberry32(4);
const X = complete.map((row) => row.map((v) => (random() < 0.2 ? Number.NaN : v)));
X[10] = [Number.NaN, Number.NaN, Number.NaN];
const informative = X.filter((row) => row.some((v) => !Number.isNaN(v))).length;
const weights = X.map((_, i) => 0.5 + (i % 3));

async function startModel(
  covariance: CovarianceType,
  standardize = false,
  sampleWeight?: number[],
): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, {
    components: 3,
    covariance,
    seed: 3,
    maxIter: 2,
    tol: 0,
    standardize,
    missing: 'em',
    ...(sampleWeight ? { sampleWeight } : {}),
  });
}

/** What fit with missing values makes of one iteration from `model`. */
function oneIteration(model: GaussianMixture, sampleWeight?: number[]) {
  return GaussianMixture.fit(X, {
    components: model.components,
    covariance: model.covariance,
    init: model,
    maxIter: 1,
    tol: 0,
    missing: 'em',
    standardize: model.toJSON().standardization !== null,
    ...(sampleWeight ? { sampleWeight } : {}),
  });
}

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture, tolerance = 1e-12): void {
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
}

const cuts = [0, 77, 400, 401, X.length];
const parts = <T>(rows: T[]) => cuts.slice(1).map((end, i) => rows.slice(cuts[i], end));

describe('statistics with missing values', () => {
  for (const covariance of TYPES) {
    it(`${covariance}: merged from four parts in any order, the M-step is fit's next iteration`, async () => {
      const model = await startModel(covariance);
      const expected = await oneIteration(model);
      const whole = model.statistics(X);
      expect(whole.version).toBe(2);
      expect(whole.missing).toBe('em');
      // Rows with nothing observed are counted as rows and add nothing else.
      expect(informative).toBeLessThan(X.length);
      expect(whole.rows).toBe(X.length);
      expect(whole.weight).toBe(informative);
      const pieces = parts(X).map((part) => model.statistics(part));
      const merged = mergeStatistics(...pieces);
      const shuffled = mergeStatistics(pieces[3], mergeStatistics(pieces[1], pieces[0]), pieces[2]);
      expectAllClose(shuffled.scatter, whole.scatter, 1e-12, 'scatter');
      expectAllClose(merged.first, whole.first, 1e-12, 'first');
      const next = GaussianMixture.fromStatistics(merged);
      expect(next.missing).toBe('em');
      expectSameParameters(next, expected);
      // The statistics' log-likelihood is of the observed values under the model they came from.
      expectAllClose([merged.logLikelihood / merged.weight], [expected.history[0]], 1e-12, 'log-likelihood');
      expectAllClose([merged.logLikelihood / merged.weight], [model.score(X)], 1e-12, 'score');
    });
  }

  it('standardized (observed moments) and weighted', async () => {
    // The standardization of a weighted fit is of weighted moments: the model is fitted with the weights too.
    const model = await startModel('full', true, weights);
    const pieces = parts(X).map((part, i) => model.statistics(part, { sampleWeight: parts(weights)[i] }));
    const merged = mergeStatistics(...pieces);
    const expected = await oneIteration(model, weights);
    expectSameParameters(GaussianMixture.fromStatistics(merged), expected);
    expectAllClose([merged.logLikelihood / merged.weight], [expected.history[0]], 1e-12, 'log-likelihood');
  });

  it('the loop continues: fromStatistics of them takes rows with holes again; JSON text round trip', async () => {
    const model = await startModel('diag');
    const next = GaussianMixture.fromStatistics(JSON.parse(JSON.stringify(model.statistics(X))));
    const again = next.statistics(X);
    expect(again.missing).toBe('em');
    expect(Object.keys(again)).toEqual([
      'format',
      'version',
      'model',
      'covariance',
      'components',
      'features',
      'standardization',
      'missing',
      'rows',
      'weight',
      'logLikelihood',
      'centers',
      'nk',
      'first',
      'scatter',
    ]);
  });

  it('a part without holes from the same model merges, and the sum still takes missing values', async () => {
    const model = await startModel('tied');
    const withHoles = model.statistics(X.slice(0, 300));
    const full = model.statistics(complete.slice(300));
    expect(full.missing).toBe('em');
    const merged = mergeStatistics(full, withHoles);
    expect(merged.missing).toBe('em');
    expectSameParameters(
      GaussianMixture.fromStatistics(merged),
      GaussianMixture.fromStatistics(mergeStatistics(withHoles, full)),
    );
  });

  it('models without missing values write version 1, as before; version 1 payloads are read', async () => {
    const plain = await GaussianMixture.fit(complete, { components: 3, seed: 1, maxIter: 2 });
    const stats = plain.statistics(complete);
    expect(stats.version).toBe(1);
    expect('missing' in stats).toBe(false);
    expect(JSON.stringify(stats)).not.toContain('missing');
    expect(GaussianMixture.fromStatistics(JSON.parse(JSON.stringify(stats))).missing).toBe('error');
    expectError(() => plain.statistics(X), RangeError, 'X[1][0] is NaN');
  });

  it('bad version and missing fields are refused with what was found', async () => {
    const model = await startModel('spherical');
    const good = model.statistics(X);
    const edit = (change: Record<string, unknown>) =>
      ({ ...good, ...change }) as unknown as MixtureStatistics;
    const p = 'GaussianMixture.fromStatistics: ';
    expectError(
      () => GaussianMixture.fromStatistics(edit({ version: 1 })),
      TypeError,
      `${p}field 'missing' needs version 2; version 1 statistics have no missing values`,
    );
    expectError(
      () => GaussianMixture.fromStatistics(edit({ missing: 'error' })),
      RangeError,
      `${p}missing must be 'em' when present, got 'error'`,
    );
    expectError(
      () => GaussianMixture.fromStatistics(edit({ version: 3 })),
      RangeError,
      `${p}version 3 is not supported; this gmm-wasm reads versions 1 to 2`,
    );
  });
});
