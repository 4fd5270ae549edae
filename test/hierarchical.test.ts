/**
 * `init: 'hierarchical'`, mclust's start, against mclust 6.0.0 (fixtures from
 * scripts/make-hierarchical-fixtures.R): the SVD transform, the whole merge sequence of
 * `hc(modelName = "VVV")`, the partitions of `hclass`, and the optimum EM reaches from them, on raw
 * Iris (many repeated values), Old Faithful and a synthetic set; then the start's own contract — the
 * seed draws the subset of a large data set, sample weights leave rows out, restarts run once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cutTree } from '../src/hierarchical/cut';
import { svdTransform } from '../src/hierarchical/transform';
import { mergeTree } from '../src/hierarchical/tree';
import { GaussianMixture } from '../src/index';
import { startHeartbeat } from './heartbeat';
import { at, blobs, expectAllClose, expectClose, expectRejection } from './helpers';

interface HierarchicalSet {
  readonly name: string;
  readonly X: number[][];
  readonly Z: number[][];
  /** mclust's merge pairs, row numbers from 1. */
  readonly merges: [number, number][];
  /** hclass for K = 1…9, cluster numbers from 1. */
  readonly partitions: number[][];
  /** me(VVV) from the K-cluster partition: mclust's total log-likelihood. */
  readonly fits: { components: number; loglik: number; iterations: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/mclust/hierarchical.json', import.meta.url), 'utf8'),
) as { mclust_version: string; sets: HierarchicalSet[] };

const flat = (rows: number[][]) => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: at(rows, 0).length,
});
const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const fromOne = (merges: [number, number][]) => merges.flatMap(([a, b]) => [a - 1, b - 1]);

describe.each(fixture.sets)('$name against mclust', (set) => {
  it('the tree over mclust’s transformed data is hc’s, merge for merge', () => {
    expect(Array.from(mergeTree(flat(set.Z)))).toEqual(fromOne(set.merges));
  });

  it('the SVD transform is hc’s, up to the sign of each column', () => {
    const X = flat(set.X);
    const Z = svdTransform(X, allRows(X.rows));
    expect(Z.cols).toBe(at(set.Z, 0).length);
    for (let c = 0; c < Z.cols; c++) {
      const sign = Math.sign(Z.data[c] as number) === Math.sign(at(at(set.Z, 0), c)) ? 1 : -1;
      const column = set.Z.map((_, i) => sign * (Z.data[i * Z.cols + c] as number));
      expectAllClose(
        column,
        set.Z.map((row) => at(row, c)),
        1e-12,
        `Z column ${c}`,
      );
    }
  });

  it('from the raw rows: the same merges, and hclass’s partitions for K = 1…9', () => {
    const X = flat(set.X);
    const merges = mergeTree(svdTransform(X, allRows(X.rows)));
    expect(Array.from(merges)).toEqual(fromOne(set.merges));
    set.partitions.forEach((partition, k) => {
      expect(Array.from(cutTree(merges, X.rows, k + 1))).toEqual(partition.map((c) => c - 1));
    });
  });

  it.each(set.fits)('EM from the $components-cluster cut reaches mclust’s optimum', async (fit) => {
    const model = await GaussianMixture.fit(set.X, {
      components: fit.components,
      init: 'hierarchical',
      regCovar: 0,
      tol: 1e-13,
      maxIter: 5000,
      seed: 1,
    });
    expect(model.converged).toBe(true);
    // mclust stops on a relative change of 1e-10, a little short of the optimum.
    expectClose(model.logLikelihood * set.X.length, fit.loglik, 1e-8, 0, 'log-likelihood');
    expect(model.logLikelihood * set.X.length).toBeGreaterThan(fit.loglik - 1e-9 * Math.abs(fit.loglik));
  });
});

describe('the start is the K-cluster cut’s M-step', () => {
  const iris = at(fixture.sets, 0);

  it('maxIter 0: weights are the cut’s cluster shares, means its cluster means', async () => {
    const model = await GaussianMixture.fit(iris.X, { components: 3, init: 'hierarchical', maxIter: 0 });
    const partition = at(iris.partitions, 2);
    for (let c = 0; c < 3; c++) {
      const members = iris.X.filter((_, i) => at(partition, i) === c + 1);
      expectClose(at(model.weights, c), members.length / iris.X.length, 1e-15, 0, `weight ${c}`);
      const mean = [0, 1, 2, 3].map(
        (j) => members.reduce((sum, row) => sum + at(row, j), 0) / members.length,
      );
      expectAllClose(at(model.means, c), mean, 1e-14, `mean ${c}`);
    }
  });

  it('is the same for every seed on data of at most 2000 rows, and runs once whatever restarts', async () => {
    const runs: number[] = [];
    const options = { components: 3, init: 'hierarchical', covariance: 'tied', maxIter: 5 } as const;
    const a = await GaussianMixture.fit(iris.X, {
      ...options,
      seed: 1,
      restarts: 4,
      onIteration: ({ restart }) => runs.push(restart),
    });
    const b = await GaussianMixture.fit(iris.X, { ...options, seed: 99 });
    expect(new Set(runs)).toEqual(new Set([0]));
    expect([a.weights, a.means, a.covariances, a.history]).toEqual([
      b.weights,
      b.means,
      b.covariances,
      b.history,
    ]);
  });

  it('is the same in standardized units', async () => {
    const options = { components: 3, init: 'hierarchical', maxIter: 0 } as const;
    const plain = await GaussianMixture.fit(iris.X, options);
    const standardized = await GaussianMixture.fit(iris.X, { ...options, standardize: true });
    expectAllClose(standardized.weights, plain.weights, 1e-15, 'weights');
    expectAllClose(standardized.means, plain.means, 1e-12, 'means');
  });

  it('with workers the start and the fit are the inline ones', async () => {
    const options = { components: 3, init: 'hierarchical', seed: 2 } as const;
    const inline = await GaussianMixture.fit(iris.X, options);
    const pooled = await GaussianMixture.fit(iris.X, { ...options, workers: 2 });
    expect(pooled.iterations).toBe(inline.iterations);
    expectAllClose(pooled.means, inline.means, 1e-12, 'means');
    expectClose(pooled.logLikelihood, inline.logLikelihood, 1e-12, 0, 'log-likelihood');
  });

  it('rows of zero weight are left out of the tree: the start of the other rows alone', async () => {
    const sampleWeight = iris.X.map((_, i) => (i % 4 === 1 ? 0 : 1));
    const kept = iris.X.filter((_, i) => sampleWeight[i] === 1);
    const options = { components: 3, init: 'hierarchical', maxIter: 0 } as const;
    const weighted = await GaussianMixture.fit(iris.X, { ...options, sampleWeight });
    const removed = await GaussianMixture.fit(kept, options);
    expectAllClose(weighted.weights, removed.weights, 1e-14, 'weights');
    expectAllClose(weighted.means, removed.means, 1e-12, 'means');
    expectAllClose(weighted.covariances, removed.covariances, 1e-12, 'covariances');
  });
});

describe('more than 2000 rows: a subset of 2000 drawn by the seed', () => {
  const { X } = blobs(
    5,
    [
      [0, 0],
      [5, 0],
      [0, 5],
    ],
    900,
  );

  it('the start sees exactly 2000 rows, the same ones for a seed, other ones for another', async () => {
    const options = { components: 3, init: 'hierarchical', maxIter: 0 } as const;
    const first = await GaussianMixture.fit(X, { ...options, seed: 7 });
    const again = await GaussianMixture.fit(X, { ...options, seed: 7 });
    const other = await GaussianMixture.fit(X, { ...options, seed: 8 });
    // Weights are cluster sizes over the 2000 rows of the subset.
    for (const weight of first.weights)
      expectClose(weight * 2000, Math.round(weight * 2000), 1e-9, 0, 'count');
    expect([again.weights, again.means]).toEqual([first.weights, first.means]);
    expect(other.means).not.toEqual(first.means);
    const model = await GaussianMixture.fit(X, { ...options, seed: 7, maxIter: 100 });
    expect(model.converged).toBe(true);
  });

  it('building the tree yields to the event loop and sees an abort', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const controller = new AbortController();
      const reason = new Error('stopped');
      setTimeout(() => controller.abort(reason), 30);
      const fit = GaussianMixture.fit(X, {
        components: 3,
        init: 'hierarchical',
        seed: 1,
        signal: controller.signal,
      });
      await expect(fit).rejects.toBe(reason);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('building the tree never holds the event loop for 250 ms', async () => {
    const heartbeat = startHeartbeat();
    const model = await GaussianMixture.fit(X, { components: 3, init: 'hierarchical', seed: 2, maxIter: 0 });
    expect(heartbeat.stop().blockedMs).toBeLessThan(250);
    expect(model.components).toBe(3);
  });

  it('more components than the tree has rows is refused', async () => {
    await expectRejection(
      GaussianMixture.fit(X, { components: 2001, init: 'hierarchical' }),
      RangeError,
      "init 'hierarchical' cuts at most 2000 clusters from its tree of 2000 rows, but components is 2001",
    );
  });
});

describe('edge cases of the tree', () => {
  it('one row, and rows that are all equal', () => {
    expect(Array.from(mergeTree({ data: new Float64Array([1, 2]), rows: 1, cols: 2 }))).toEqual([]);
    const same = mergeTree({ data: new Float64Array(8).fill(3), rows: 4, cols: 2 });
    expect(Array.from(cutTree(same, 4, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTree(same, 4, 4))).toEqual([0, 1, 2, 3]);
  });

  it('a constant column is dropped, as mclust’s dropCols', () => {
    const X = flat([
      [1, 5, 2],
      [2, 5, 1],
      [4, 5, 3],
      [0, 5, 7],
    ]);
    expect(svdTransform(X, allRows(4)).cols).toBe(2);
  });

  it('a column that copies another adds no direction', () => {
    const rows = [
      [1, 2],
      [2, 1],
      [4, 3],
      [0, 7],
      [3, 3],
    ].map(([a = 0, b = 0]) => [a, b, 2 * a]);
    const Z = svdTransform(flat(rows), allRows(5));
    expect(Z.cols).toBe(2);
    expect(Z.data.every(Number.isFinite)).toBe(true);
  });

  it('the fit runs on one-dimensional data and on data with every value equal in a column', async () => {
    const line = blobs(2, [[0], [6]], 40).X;
    const model = await GaussianMixture.fit(line, { components: 2, init: 'hierarchical', seed: 1 });
    expect(model.means.map((mean) => Math.round(at(mean, 0))).sort()).toEqual([0, 6]);
    const flatColumn = blobs(
      3,
      [
        [0, 0],
        [5, 5],
      ],
      30,
    ).X.map((row) => [...row, 1]);
    const fitted = await GaussianMixture.fit(flatColumn, {
      components: 2,
      init: 'hierarchical',
      covariance: 'diag',
      seed: 1,
    });
    expect(Number.isFinite(fitted.logLikelihood)).toBe(true);
  });
});
