/**
 * `selectModel`: agreement with scikit-learn's BIC, AIC and score on Iris for K = 1…6 and every
 * covariance type, the choice of K on well-separated data, the table's order and fields, progress
 * reports, determinism, the literal messages of invalid options, and candidates that fail numerically.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CovarianceType,
  GaussianMixture,
  type IterationProgress,
  NumericalFailureError,
  type SelectModelOptions,
  selectModel,
} from '../src/index';
import { at, blobs, expectClose, expectRejection, loadSelectionFixture, mulberry32 } from './helpers';

const TYPES: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
/** As in sklearn.test.ts: both libraries do the same arithmetic in a different order. */
const TOLERANCE = 1e-8;

describe('agrees with scikit-learn on Iris, K = 1…6 × every covariance type', () => {
  const fixture = loadSelectionFixture();
  const components = [...new Set(fixture.candidates.map((c) => c.components))];

  it('the fixture has every K of 1…6 with the four types in table order', () => {
    expect(fixture.sklearn_version).toBe('1.2.1');
    expect(components).toEqual([1, 2, 3, 4, 5, 6]);
    for (const k of components) {
      const types = fixture.candidates.filter((c) => c.components === k).map((c) => c.covariance_type);
      expect(types).toEqual(TYPES);
    }
  });

  it.each(components)('K = %i', async (k) => {
    const expected = fixture.candidates.filter((c) => c.components === k);
    const { weights, means, variance } = at(expected, 0).init;
    const d = fixture.n_features;
    // c·I as K full matrices: a start that every covariance type can represent.
    const isotropic = Array.from({ length: d }, (_, j) =>
      Array.from({ length: d }, (_, l) => (j === l ? variance : 0)),
    );
    const { table, best } = await selectModel(fixture.X, {
      components: [k],
      covariance: TYPES,
      init: { weights, means, covariances: Array.from({ length: k }, () => isotropic) },
      tol: fixture.tol,
      maxIter: fixture.max_iter,
      regCovar: fixture.reg_covar,
    });
    expect(table.map((row) => [row.components, row.covariance])).toEqual(
      expected.map((c) => [c.components, c.covariance_type]),
    );
    table.forEach((row, i) => {
      const sklearn = at(expected, i);
      const what = `${row.covariance} K=${k}`;
      expect(Object.keys(row).sort().join()).toBe(
        'aic,bic,components,converged,covariance,degenerate,icl,logLikelihood',
      );
      expect(row.degenerate).toBe(false);
      expect(row.converged).toBe(sklearn.converged);
      expectClose(row.bic, sklearn.bic, TOLERANCE, 0, `${what} bic`);
      expectClose(row.aic, sklearn.aic, TOLERANCE, 0, `${what} aic`);
      expectClose(row.logLikelihood, sklearn.score, TOLERANCE, 0, `${what} logLikelihood`);
    });
    // The first row of lowest BIC (K = 1: full and tied are one model, their BICs differ by rounding).
    const lowest = table.reduce((a, b) => (b.bic < a.bic ? b : a));
    const sklearn = at(expected, table.indexOf(lowest));
    expect([best.components, best.covariance]).toEqual([k, lowest.covariance]);
    expect(best.iterations).toBe(sklearn.n_iter);
    expect(best.nParameters).toBe(sklearn.n_parameters);
    expectClose(best.bic(fixture.X), sklearn.bic, TOLERANCE, 0, 'best.bic(X)');
  });
});

describe('on four well-separated clusters (N = 800, 3-D)', () => {
  const X = blobs(
    11,
    [
      [0, 0, 0],
      [12, 0, 0],
      [0, 12, 0],
      [0, 0, 12],
    ],
    200,
  ).X;
  const candidates = [1, 2, 3, 4, 5, 6, 7, 8];
  const options = { components: candidates, init: 'kmeans', restarts: 3, seed: 99 } as const;
  let result: Awaited<ReturnType<typeof selectModel>>;
  const progress: IterationProgress[] = [];

  beforeAll(async () => {
    result = await selectModel(X, { ...options, onIteration: (p) => progress.push(p) });
  });

  it('BIC picks K = 4, the best model being the table row with the lowest BIC', () => {
    const { table, best } = result;
    expect(table.map((row) => [row.components, row.covariance])).toEqual(candidates.map((k) => [k, 'full']));
    const lowest = table.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect(lowest.components).toBe(4);
    expect(best).toBeInstanceOf(GaussianMixture);
    expect([best.components, best.covariance, best.seed]).toEqual([4, 'full', 99]);
    expect(best.logLikelihood).toBe(lowest.logLikelihood);
    expectClose(best.bic(X), lowest.bic, 1e-12, 0, 'best.bic(X)');
    expectClose(best.aic(X), lowest.aic, 1e-12, 0, 'best.aic(X)');
    for (const row of table) {
      expect(row.error).toBeUndefined();
      // BIC − AIC = p·(ln N − 2), with p = 10K − 1 free parameters for full covariances in 3-D.
      expect(row.bic - row.aic).toBeCloseTo((Math.log(X.length) - 2) * (row.components * 10 - 1), 6);
    }
  });

  it("criterion 'aic' picks the row with the lowest AIC", async () => {
    const { table, best } = await selectModel(X, { ...options, criterion: 'aic' });
    const lowest = table.reduce((a, b) => (b.aic < a.aic ? b : a));
    expect(best.components).toBe(lowest.components);
    expect(best.logLikelihood).toBe(lowest.logLikelihood);
  });

  it('onIteration names the candidate of every call, candidates in table order', () => {
    expect(progress.every((p) => p.candidate !== undefined)).toBe(true);
    const order = progress.map((p) => `${p.candidate?.components} ${p.candidate?.covariance}`);
    const calls = order.filter((candidate, i) => i === 0 || candidate !== order[i - 1]);
    expect(calls).toEqual(result.table.map((row) => `${row.components} ${row.covariance}`));
    // Three restarts each: every candidate reports restarts 0, 1 and 2.
    for (const k of candidates) {
      const restarts = new Set(progress.filter((p) => p.candidate?.components === k).map((p) => p.restart));
      expect([...restarts]).toEqual([0, 1, 2]);
    }
  });

  it('the same seed gives an identical table', async () => {
    const again = await selectModel(X, options);
    expect(again.table).toEqual(result.table);
    expect(again.best.toJSON()).toEqual(result.best.toJSON());
  });

  it('lists covariance types outer and components inner, in the order given', async () => {
    const { table } = await selectModel(X, {
      components: [5, 2],
      covariance: ['spherical', 'tied'],
      seed: 3,
      maxIter: 5,
    });
    expect(table.map((row) => [row.covariance, row.components])).toEqual([
      ['spherical', 5],
      ['spherical', 2],
      ['tied', 5],
      ['tied', 2],
    ]);
  });
});

describe('invalid selection options', () => {
  const X = blobs(4, [[0, 0]], 20).X;

  it.each([
    [
      'components not an array',
      { components: 3 },
      TypeError,
      'components must be an array of candidate numbers of components, got number',
    ],
    [
      'an empty list of components',
      { components: [] },
      RangeError,
      'components must list at least one candidate, got an empty array',
    ],
    [
      'an empty list of covariance types',
      { components: [1], covariance: [] },
      RangeError,
      'covariance must list at least one candidate, got an empty array',
    ],
    [
      'a covariance type that is not a list',
      { components: [1], covariance: 'full' },
      TypeError,
      'covariance must be an array of covariance types, got string',
    ],
    [
      'an unknown covariance type',
      { components: [1], covariance: ['full', 'banana'] },
      RangeError,
      "covariance must be one of 'full', 'diag', 'spherical', 'tied', 'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV', got 'banana'",
    ],
    [
      "criterion 'foo'",
      { components: [1], criterion: 'foo' },
      RangeError,
      "criterion must be 'bic', 'aic' or 'icl', got 'foo'",
    ],
    [
      'an unknown fit option',
      { components: [1], maxIters: 10 },
      TypeError,
      "unknown option 'maxIters'; did you mean 'maxIter'?",
    ],
    [
      'a candidate K larger than the rows',
      { components: [2, 21] },
      RangeError,
      'components (21) exceeds the number of rows (20)',
    ],
    ['a candidate K of 0', { components: [0, 1] }, RangeError, 'components must be an integer ≥ 1, got 0'],
  ] as const)('%s', async (_case, options, kind, message) => {
    await expectRejection(selectModel(X, options as never), kind, message);
  });
});

describe('a candidate that fails numerically', () => {
  // Five distinct points, each repeated 20 times: with regCovar 0, five components end up on one point
  // each with a zero covariance, which no re-seed can cure; one component fits (already two fail: a
  // component on two points of the plane has a singular covariance).
  const points = [
    [0, 0],
    [4, 1],
    [1, 5],
    [6, 6],
    [3, 3],
  ];
  const X = points.flatMap((p) => Array.from({ length: 20 }, () => p));
  const FAILURE = new RegExp(
    String.raw`^the covariance of component \d is not positive definite after iteration \d+ ` +
      String.raw`even after 10 re-seeds; increase regCovar \(now 0\), reduce components \(now 5\) ` +
      'or set standardize: true$',
  );

  it('appears in the table with its error and infinite criteria; the others still fit', async () => {
    const { table, best } = await selectModel(X, {
      components: [1, 5],
      regCovar: 0,
      init: 'kmeans',
      seed: 1,
    });
    const [fitted, failed] = [at(table, 0), at(table, 1)];
    expect(fitted.error).toBeUndefined();
    expect(Number.isFinite(fitted.bic)).toBe(true);
    expect(failed).toEqual({
      components: 5,
      covariance: 'full',
      bic: Infinity,
      aic: Infinity,
      icl: Infinity,
      logLikelihood: -Infinity,
      converged: false,
      degenerate: false,
      error: failed.error,
    });
    // Which component and iteration the message names depends on the bug shown by the last test.
    expect(failed.error).toMatch(FAILURE);
    expect(best.components).toBe(1);
  });

  it('rejects with the Error of the candidate when every candidate fails', async () => {
    let thrown: unknown;
    try {
      await selectModel(X, { components: [5], regCovar: 0, init: 'kmeans', seed: 1 });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as object).constructor).toBe(NumericalFailureError);
    expect((thrown as Error).message).toMatch(FAILURE);
  });

  /** The table, or the error when the only candidate failed. */
  async function outcome(Y: number[][], options: SelectModelOptions): Promise<string> {
    try {
      return JSON.stringify((await selectModel(Y, options)).table);
    } catch (error) {
      return (error as Error).message;
    }
  }

  /**
   * FAILS (library bug, src/rescue.ts `reseed`): to find the worst-explained row it loads the
   * parameters with only the re-seeded component made broad and ignores `setParameters`' status. When
   * another component is still singular, the factorisation kernel stops there and leaves that
   * component's precisions and log-determinants unwritten, so the densities read whatever an earlier
   * call left in recycled wasm memory: the same call, with the same seed, re-seeds other rows.
   */
  it('a candidate with collapsing components gives the same row whatever ran before it', async () => {
    const polluter = blobs(
      3,
      [
        [0, 0],
        [50, 50],
      ],
      300,
      7,
    ).X;
    const differing: string[] = [];
    for (const seed of [2, 4, 5, 7]) {
      // Six points stacked ten times each over a cloud of 30: with regCovar 0 components collapse.
      const random = mulberry32(seed);
      const stacked = Array.from({ length: 6 }, () => [Math.round(10 * random()), Math.round(10 * random())]);
      const Y = [
        ...stacked.flatMap((p) => Array.from({ length: 10 }, () => p)),
        ...blobs(seed, [[5, 5]], 30, 3).X,
      ];
      for (const init of ['kmeans', 'random-from-data'] as const) {
        const options = { components: [6], regCovar: 0, init, seed };
        const first = await outcome(Y, options);
        // Leaves other numbers in the wasm memory that the next call's buffers reuse.
        await selectModel(polluter, { components: [6], seed: 1 });
        const second = await outcome(Y, options);
        if (second !== first) differing.push(`seed ${seed}, ${init}:\n  ${first}\n  ${second}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
