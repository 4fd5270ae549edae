// model.statistics, mergeStatistics and GaussianMixture.fromStatistics: map, reduce and M-step of one
// EM iteration, equal to the iteration `fit` runs, however the rows are split and wherever the parts go.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CovarianceType,
  GaussianMixture,
  type MixtureStatistics,
  mergeStatistics,
  NumericalFailureError,
} from '../../src/index';
import { blobs, expectAllClose, expectError } from '../helpers';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const { X } = blobs(
  7,
  [
    [0, 0, 0],
    [6, 1, -2],
    [1, 7, 3],
  ],
  400,
);

/** A model some way from convergence, so that one more iteration moves it. */
async function startModel(covariance: CovarianceType, standardize = false): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, { components: 3, covariance, seed: 3, maxIter: 2, tol: 0, standardize });
}

/** What `fit` makes of one iteration from `model`. */
async function oneIteration(model: GaussianMixture, rows: number[][], sampleWeight?: number[]) {
  return GaussianMixture.fit(rows, {
    components: model.components,
    covariance: model.covariance,
    init: model,
    maxIter: 1,
    tol: 0,
    standardize: model.toJSON().standardization !== null,
    ...(sampleWeight ? { sampleWeight } : {}),
  });
}

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture, tolerance = 1e-12): void {
  expectAllClose(actual.weights, expected.weights, tolerance, 'weights');
  expectAllClose(actual.means, expected.means, tolerance, 'means');
  expectAllClose(actual.covariances, expected.covariances, tolerance, 'covariances');
}

/** Four contiguous parts of the rows, of unequal sizes. */
function parts(rows: number[][]): number[][][] {
  const cuts = [0, 101, 500, 777, rows.length];
  return cuts.slice(1).map((end, i) => rows.slice(cuts[i], end));
}

describe('statistics → fromStatistics is one EM iteration', () => {
  for (const covariance of TYPES) {
    it(`${covariance}: equals fit's next iteration, whole and merged from four parts in any order`, async () => {
      const model = await startModel(covariance);
      const expected = await oneIteration(model, X);
      expectSameParameters(GaussianMixture.fromStatistics(model.statistics(X)), expected);
      const pieces = parts(X).map((part) => model.statistics(part));
      const merged = mergeStatistics(...pieces);
      expect(merged.rows).toBe(X.length);
      expectSameParameters(GaussianMixture.fromStatistics(merged), expected);
      const shuffled = mergeStatistics(pieces[2], pieces[0], mergeStatistics(pieces[3], pieces[1]));
      expectAllClose(shuffled.scatter, merged.scatter, 1e-12, 'scatter in another order');
      // The statistics report the E-step's log-likelihood: that of the model they came from.
      expect(merged.logLikelihood / merged.weight).toBeCloseTo(model.score(X), 12);
    });
  }

  it('standardized models: statistics in z units, the next model in the user units', async () => {
    const model = await startModel('full', true);
    const stats = model.statistics(X);
    expect(stats.standardization).not.toBeNull();
    expectSameParameters(GaussianMixture.fromStatistics(stats), await oneIteration(model, X));
  });

  it('weighted rows, and an empty or all-zero-weight part, add as they should', async () => {
    const model = await startModel('diag');
    const weights = X.map((_, i) => (i % 3) + 0.5);
    const [a, b, c, d] = parts(X);
    const wa = weights.slice(0, 101);
    const merged = mergeStatistics(
      model.statistics(a as number[][], { sampleWeight: wa }),
      model.statistics(b as number[][], { sampleWeight: weights.slice(101, 500) }),
      model.statistics(c as number[][], { sampleWeight: weights.slice(500, 777) }),
      model.statistics(d as number[][], { sampleWeight: weights.slice(777) }),
      model.statistics([]),
      model.statistics(a as number[][], { sampleWeight: wa.map(() => 0) }),
    );
    expect(merged.rows).toBe(X.length + 101);
    expectSameParameters(GaussianMixture.fromStatistics(merged), await oneIteration(model, X, weights));
  });

  it('survives JSON text in both directions and keeps the schema documented for other engines', async () => {
    const model = await startModel('tied');
    const stats = model.statistics(X);
    const text = JSON.stringify(stats);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'version',
      'model',
      'covariance',
      'components',
      'features',
      'standardization',
      'rows',
      'weight',
      'logLikelihood',
      'centers',
      'nk',
      'first',
      'scatter',
    ]);
    expect(stats.scatter).toHaveLength(3);
    expect((stats.scatter as number[][][])[0]).toHaveLength(3);
    expectSameParameters(
      GaussianMixture.fromStatistics(JSON.parse(text)),
      GaussianMixture.fromStatistics(stats),
      0,
    );
    expect(mergeStatistics(text as unknown as MixtureStatistics).weight).toBe(X.length);
  });
});

describe('one distributed iteration across four processes', () => {
  const child = fileURLToPath(new URL('./statistics-child.ts', import.meta.url));

  function statisticsInProcess(model: GaussianMixture, rows: number[][]): Promise<MixtureStatistics> {
    return new Promise((resolve, reject) => {
      const process_ = spawn(process.execPath, ['--import', 'tsx', child], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      process_.stdout.on('data', (text) => {
        out += text;
      });
      process_.stderr.on('data', (text) => {
        err += text;
      });
      process_.on('error', reject);
      process_.on('close', (code) => {
        if (code === 0) resolve(JSON.parse(out) as MixtureStatistics);
        else reject(new Error(`child exited with ${code}: ${err}`));
      });
      process_.stdin.end(JSON.stringify({ model: model.toJSON(), rows }));
    });
  }

  it('map = statistics in four child processes, reduce = mergeStatistics, driver = fromStatistics equals fit', async () => {
    const model = await startModel('full');
    const pieces = await Promise.all(parts(X).map((part) => statisticsInProcess(model, part)));
    expect(pieces.map((piece) => piece.rows)).toEqual([101, 399, 277, 423]);
    const next = GaussianMixture.fromStatistics(mergeStatistics(...pieces));
    expectSameParameters(next, await oneIteration(model, X));
  }, 60_000);
});

describe('bad statistics', () => {
  it('refuses to merge statistics of different models', async () => {
    const a = (await startModel('full')).statistics(X);
    const b = (await GaussianMixture.fit(X, { components: 3, seed: 4, maxIter: 2, tol: 0 })).statistics(X);
    expect(() => mergeStatistics(a, b)).toThrow(
      new RegExp(
        `^mergeStatistics: argument 2 was computed under a different model than argument 1 \\(model ${a.model} and ${b.model}\\); statistics add only when every part used the same model$`,
      ),
    );
    const diag = (await startModel('diag')).statistics(X);
    expectError(
      () => mergeStatistics(a, diag),
      Error,
      "mergeStatistics: argument 2 was computed under a different model than argument 1 (covariance 'full' and 'diag'); statistics add only when every part used the same model",
    );
  });

  it('names the field and what was found', async () => {
    const good = (await startModel('full')).statistics(X);
    const edit = (change: Record<string, unknown>) =>
      ({ ...good, ...change }) as unknown as MixtureStatistics;
    const from = (stats: unknown, options?: unknown) =>
      GaussianMixture.fromStatistics(stats as MixtureStatistics, options as { regCovar?: number });
    const p = 'GaussianMixture.fromStatistics: ';
    expectError(() => from(null), TypeError, `${p}expected statistics from model.statistics(), got null`);
    expect(() => from('{')).toThrow(/^GaussianMixture\.fromStatistics: the string is not JSON \(/);
    expectError(() => from(edit({ extra: 1 })), TypeError, `${p}unknown field 'extra'`);
    const { nk: _nk, ...missing } = good;
    expectError(() => from(missing), TypeError, `${p}missing field 'nk'`);
    expectError(
      () => from(edit({ version: 3 })),
      RangeError,
      `${p}version 3 is not supported; this gmm-wasm reads versions 1 to 2`,
    );
    expectError(
      () => from(edit({ format: 'x' })),
      RangeError,
      `${p}format must be 'gmm-wasm-statistics', got 'x'`,
    );
    expectError(
      () => from(edit({ model: 'abc' })),
      TypeError,
      `${p}model must be the 16-hex-digit fingerprint, got 'abc'`,
    );
    expectError(
      () => from(edit({ covariance: 'XYZ' })),
      RangeError,
      `${p}covariance must be one of 'full', 'diag', 'spherical', 'tied', 'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV', got 'XYZ'`,
    );
    expectError(() => from(edit({ rows: -1 })), RangeError, `${p}rows must be an integer ≥ 0, got -1`);
    expectError(() => from(edit({ weight: Number.NaN })), RangeError, `${p}weight must be finite, got NaN`);
    expectError(() => from(edit({ nk: [1, 2] })), RangeError, `${p}nk has 2 entries, expected 3`);
    const nk = good.nk.slice();
    nk[1] = -(nk[1] as number);
    expectError(() => from(edit({ nk })), RangeError, `${p}nk[1] is negative (${nk[1]})`);
    const first = good.first.map((row) => row.slice());
    (first[2] as number[])[1] = Number.POSITIVE_INFINITY;
    expectError(
      () => from(edit({ first })),
      RangeError,
      `${p}first[2][1] must be a finite number, got Infinity`,
    );
    const scatter = (good.scatter as number[][][]).map((m) => m.map((row) => row.slice()));
    ((scatter[0] as number[][])[2] as number[])[0] = 123;
    expectError(() => from(edit({ scatter })), RangeError, `${p}scatter[0] is not symmetric at [2][0]`);
    const total = good.nk.reduce((sum, count) => sum + count, 0);
    expectError(
      () => from(edit({ weight: good.weight + 5 })),
      RangeError,
      `${p}nk sums to ${total}, but weight is ${good.weight + 5}: they must agree`,
    );
    expectError(
      () => from(good, { regCovar: -1 }),
      RangeError,
      `${p}regCovar must be a finite number ≥ 0, got -1`,
    );
    expectError(() => from(good, { reg: 1 }), TypeError, `${p}unknown option 'reg'; it takes only regCovar`);
    expectError(() => mergeStatistics(), RangeError, 'mergeStatistics needs at least one statistics object');
    expectError(
      () => mergeStatistics(good, 3 as never),
      TypeError,
      'mergeStatistics: argument 2: expected statistics from model.statistics(), got number',
    );
  });

  it('an empty component with regCovar 0 is an Error that says what to do', async () => {
    const model = await startModel('full');
    const stats = model.statistics(X.slice(0, 1));
    expectError(
      () => GaussianMixture.fromStatistics(stats, { regCovar: 0 }),
      NumericalFailureError,
      'GaussianMixture.fromStatistics: the covariance of component 0 is not positive definite after the M-step; increase regCovar (now 0)',
    );
    expectError(
      () => GaussianMixture.fromStatistics(model.statistics([])),
      RangeError,
      'GaussianMixture.fromStatistics: the statistics summarise no weight (weight is 0): nothing to estimate',
    );
  });

  it('checks X and sampleWeight of statistics', async () => {
    const model = await startModel('full');
    expectError(
      () => model.statistics([[1, 2]]),
      RangeError,
      'X has 2 columns, but the model was fitted on 3',
    );
    expectError(
      () => model.statistics([[1, 2, 3]], { sampleWeight: [-1] }),
      RangeError,
      'sampleWeight[0] is negative (-1)',
    );
    expectError(
      () => model.statistics([[1, 2, 3]], { weights: [1] } as never),
      TypeError,
      "unknown option 'weights'; statistics takes only sampleWeight",
    );
  });
});
