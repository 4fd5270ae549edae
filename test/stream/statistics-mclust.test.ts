// model.statistics → mergeStatistics → GaussianMixture.fromStatistics for mclust's fourteen models:
// the scatter takes the shape of the type's storage form, and the M-step is the type's own, the one
// fit runs. As test/stream/statistics.test.ts does for scikit-learn's four.
import { describe, expect, it } from 'vitest';
import { COVARIANCE_MODELS, COVARIANCE_TYPES } from '../../src/covariance/index';
import {
  type CovarianceType,
  GaussianMixture,
  type MixtureStatistics,
  mergeStatistics,
  NumericalFailureError,
} from '../../src/index';
import { blobs, expectAllClose, expectError } from '../helpers';

const MCLUST: CovarianceType[] = [
  'EII',
  'VII',
  'EEI',
  'VEI',
  'EVI',
  'VVI',
  'EEE',
  'VEE',
  'EVE',
  'VVE',
  'EEV',
  'VEV',
  'EVV',
  'VVV',
];
/** The models stored (and accumulated) as full or tied matrices; the others as diagonals or one variance. */
const MATRIX_SCATTER = new Set<CovarianceType>(['EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV']);

const { X } = blobs(
  11,
  [
    [0, 0, 0],
    [5, 1, -2],
    [1, 6, 3],
  ],
  300,
);
const K = 3;
const D = 3;

/** A model two iterations from its start, so that one more iteration moves it. */
async function startModel(covariance: CovarianceType): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, { components: K, covariance, seed: 5, maxIter: 2, tol: 0 });
}

/** What `fit` makes of one iteration from `model` on all the rows. */
async function oneIteration(model: GaussianMixture): Promise<GaussianMixture> {
  return GaussianMixture.fit(X, {
    components: K,
    covariance: model.covariance,
    init: model,
    maxIter: 1,
    tol: 0,
  });
}

function expectSameParameters(actual: GaussianMixture, expected: GaussianMixture): void {
  expect(actual.covariance).toBe(expected.covariance);
  expectAllClose(actual.weights, expected.weights, 1e-12, 'weights');
  expectAllClose(actual.means, expected.means, 1e-12, 'means');
  expectAllClose(actual.covariances, expected.covariances, 1e-12, 'covariances');
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('mclust models: statistics of two partitions, merged, then fromStatistics is one EM iteration', () => {
  for (const covariance of MCLUST) {
    it(`${covariance}: equals fit's next iteration from the same parameters on all the rows`, async () => {
      const model = await startModel(covariance);
      const first = model.statistics(X.slice(0, 437));
      const second = model.statistics(X.slice(437));
      expect(first.covariance).toBe(covariance);
      const shape = MATRIX_SCATTER.has(covariance) ? [K, D, D] : [K, D];
      for (const part of [first, second]) {
        expect(part.scatter).toHaveLength(K);
        for (const entry of part.scatter) {
          expect(entry).toHaveLength(D);
          for (const row of entry) {
            if (shape.length === 3) expect(row).toHaveLength(D);
            else expect(typeof row).toBe('number');
          }
        }
      }
      const merged = mergeStatistics(first, second);
      expect(merged.rows).toBe(X.length);
      expect(merged.weight).toBe(X.length);
      const next = GaussianMixture.fromStatistics(merged);
      const expected = await oneIteration(model);
      expectSameParameters(next, expected);
      // It moved: the comparison is between two iterations, not two copies of the start.
      const start = model.means.flat();
      expect(next.means.flat().some((value, i) => Math.abs(value - (start[i] as number)) > 1e-9)).toBe(true);
      // The same through JSON text, as statistics travel between machines.
      expectSameParameters(GaussianMixture.fromStatistics(copy(merged)), expected);
      expect(merged.logLikelihood / merged.weight).toBeCloseTo(model.score(X), 12);
    });
  }

  it('statistics of EEE and of its alias tied have the same sums but do not merge', async () => {
    const eee = (await startModel('EEE')).statistics(X);
    const tied = (await startModel('tied')).statistics(X);
    expectAllClose(eee.scatter, tied.scatter, 1e-12, 'scatter');
    expectError(
      () => mergeStatistics(tied, eee),
      Error,
      "mergeStatistics: argument 2 was computed under a different model than argument 1 (covariance 'tied' and 'EEE'); statistics add only when every part used the same model",
    );
  });
});

describe('the scatter shape comes from the covariance table', () => {
  it('every type: K×D×D where it is stored as matrices, K×D otherwise, and as long as its kernel writes', () => {
    for (const type of COVARIANCE_TYPES) {
      const model = COVARIANCE_MODELS[type];
      const matrices = model.storage === 'full' || model.storage === 'tied';
      expect(model.scatterShape(4, 5), type).toEqual(matrices ? [5, 4, 4] : [5, 4]);
      expect(model.scatterLength(4, 5), type).toBe(matrices ? 80 : 20);
      if (MCLUST.includes(type)) expect(matrices, type).toBe(MATRIX_SCATTER.has(type));
    }
  });
});

describe('mclust models: bad scatter', () => {
  const p = 'GaussianMixture.fromStatistics: ';
  const from = (stats: MixtureStatistics, scatter: unknown) => () =>
    GaussianMixture.fromStatistics({ ...stats, scatter } as MixtureStatistics);

  it('a matrix type refuses diagonals, a missing matrix and a short row', async () => {
    const eee = (await startModel('EEE')).statistics(X);
    const diagonals = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    expectError(from(eee, diagonals), TypeError, `${p}scatter[0][0] must be an array, got 1`);
    const vvv = (await startModel('VVV')).statistics(X);
    const matrices = vvv.scatter as number[][][];
    expectError(from(vvv, matrices.slice(0, 2)), RangeError, `${p}scatter has 2 entries, expected 3`);
    const eve = (await startModel('EVE')).statistics(X);
    const short = copy(eve.scatter as number[][][]);
    (short[1] as number[][])[2] = [1, 2];
    expectError(from(eve, short), RangeError, `${p}scatter[1][2] has 2 entries, expected 3`);
  });

  it('a diagonal type refuses matrices and a short diagonal', async () => {
    const vii = (await startModel('VII')).statistics(X);
    const matrices = (vii.scatter as number[][]).map((row) => row.map(() => [1, 0, 0]));
    expectError(from(vii, matrices), TypeError, `${p}scatter[0][0] must be a finite number, got an array`);
    const vei = (await startModel('VEI')).statistics(X);
    const short = (vei.scatter as number[][]).map((row) => row.slice(0, 2));
    expectError(from(vei, short), RangeError, `${p}scatter[0] has 2 entries, expected 3`);
  });

  it('EEE names the shared covariance, not a component, when it is not positive definite', async () => {
    const model = await startModel('EEE');
    let thrown: unknown;
    try {
      GaussianMixture.fromStatistics(model.statistics(X.slice(0, 1)), { regCovar: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NumericalFailureError);
    expect((thrown as Error).message).toBe(
      `${p}the tied covariance is not positive definite after the M-step; increase regCovar (now 0)`,
    );
    expect((thrown as NumericalFailureError).component).toBeUndefined();
    expect((thrown as NumericalFailureError).remedy).toBe('increase regCovar (now 0)');
  });
});
