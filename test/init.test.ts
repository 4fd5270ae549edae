/**
 * The four initialisers: each recovers well-separated clusters, and each start (`maxIter: 0`) has the
 * form the API documents, checked against an independent computation in this file.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import type { CovarianceType } from '../src/types';
import { at, blobs, expectAllClose, expectClose, mulberry32, threeBlobs } from './helpers';

const TYPES: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
const INITS = ['random', 'kmeans++', 'kmeans', 'random-from-data', 'hierarchical'] as const;

/** Whether two labelings split the rows the same way, whatever the label names. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = at(a, i);
    const y = at(b, i);
    if ((forward.get(x) ?? y) !== y || (backward.get(y) ?? x) !== x) return false;
    forward.set(x, y);
    backward.set(y, x);
  }
  return true;
}

/** Population variance of every column. */
function columnVariances(X: readonly (readonly number[])[]): number[] {
  const d = at(X, 0).length;
  return Array.from({ length: d }, (_, j) => {
    const mean = X.reduce((sum, row) => sum + at(row, j), 0) / X.length;
    return X.reduce((sum, row) => sum + (at(row, j) - mean) ** 2, 0) / X.length;
  });
}

const squaredDistance = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, value, j) => sum + (value - at(b, j)) ** 2, 0);

describe('every init × covariance type recovers three well-separated clusters', () => {
  const { X, labels } = threeBlobs(8);
  const cases = INITS.flatMap((init) => TYPES.map((covariance) => ({ init, covariance })));

  it.each(cases)('$init, $covariance', async ({ init, covariance }) => {
    // One random start may put two or three seeds in one cluster, whence EM reaches a local optimum
    // (or a plateau that tol stops on): restarts keep the best, as a user would.
    const model = await GaussianMixture.fit(X, { components: 3, covariance, init, seed: 4, restarts: 5 });
    expect(model.converged).toBe(true);
    expect(samePartition(model.predict(X), labels)).toBe(true);
  });

  it('samePartition tells a different split apart (the check above can fail)', () => {
    expect(samePartition([0, 0, 1, 1], [5, 5, 2, 2])).toBe(true);
    expect(samePartition([0, 0, 1, 1], [5, 5, 5, 2])).toBe(false);
    expect(samePartition([0, 1, 1, 1], [5, 2, 2, 5])).toBe(false);
  });
});

describe("'kmeans'", () => {
  /** A shapeless uniform cloud: k-means has many local optima, so the seed matters. */
  const cloud = (() => {
    const random = mulberry32(17);
    return Array.from({ length: 200 }, () => [random(), random()]);
  })();
  const start = (seed: number) =>
    GaussianMixture.fit(cloud, { components: 6, init: 'kmeans', seed, maxIter: 0 });

  it('is deterministic per seed', async () => {
    const [a, b] = await Promise.all([start(5), start(5)]);
    expect(a.means).toEqual(b.means);
    expect(a.covariances).toEqual(b.covariances);
    expect(a.weights).toEqual(b.weights);
  });

  it('can differ between seeds', async () => {
    const starts = await Promise.all([1, 2, 3, 4, 5].map(start));
    const distinct = new Set(starts.map((model) => JSON.stringify(model.means)));
    expect(distinct.size).toBeGreaterThan(1);
  });
});

describe("'random-from-data' with maxIter 0 (scikit-learn's start)", () => {
  const { X } = threeBlobs(3);
  const regCovar = 1e-3;
  const cases = TYPES.flatMap((covariance) =>
    [false, true].map((standardize) => ({ covariance, standardize })),
  );

  it.each(cases)('$covariance, standardize $standardize', async ({ covariance, standardize }) => {
    const model = await GaussianMixture.fit(X, {
      components: 4,
      covariance,
      standardize,
      regCovar,
      init: 'random-from-data',
      seed: 6,
      maxIter: 0,
    });
    expectAllClose(model.weights, [0.25, 0.25, 0.25, 0.25], 1e-12, 'weights');
    const rows = model.means.map((mean) => X.findIndex((row) => squaredDistance(row, mean) < 1e-20));
    expect(rows.every((row) => row >= 0)).toBe(true);
    expect(new Set(rows).size).toBe(4);
    // regCovar·I in the fit's units: diag(regCovar·s_j²) in the user's when standardized.
    const variance = standardize ? columnVariances(X) : [1, 1];
    const expected = variance.map((v, j) => variance.map((_, l) => (j === l ? regCovar * v : 0)));
    model.covariances.forEach((matrix, c) => {
      expectAllClose(matrix, expected, 1e-10, `covariance ${c}`);
    });
  });
});

describe("'kmeans++' with maxIter 0: the cells of the nearest-seed partition", () => {
  /** Small enough to try every triple of rows as the seeds. */
  const { X } = blobs(
    12,
    [
      [0, 0],
      [5, 1],
      [2, 5],
    ],
    10,
    1.3,
  );
  const regCovar = 1e-4;

  /** Weights, means and full covariances of the cells of the rows nearest each seed. */
  function cells(seeds: readonly number[]) {
    const members = seeds.map(() => [] as number[][]);
    for (const row of X) {
      const distances = seeds.map((s) => squaredDistance(row, at(X, s)));
      at(members, distances.indexOf(Math.min(...distances))).push(row);
    }
    return members.map((cell) => {
      const mean = [0, 1].map((j) => cell.reduce((sum, row) => sum + at(row, j), 0) / cell.length);
      const covariance = [0, 1].map((j) =>
        [0, 1].map(
          (l) =>
            cell.reduce((sum, row) => sum + (at(row, j) - at(mean, j)) * (at(row, l) - at(mean, l)), 0) /
              cell.length +
            (j === l ? regCovar : 0),
        ),
      );
      return { weight: cell.length / X.length, mean, covariance };
    });
  }

  it.each([1, 2, 3])('seed %i', async (seed) => {
    const model = await GaussianMixture.fit(X, {
      components: 3,
      init: 'kmeans++',
      seed,
      regCovar,
      maxIter: 0,
    });
    let matches = 0;
    for (let a = 0; a < X.length; a++)
      for (let b = a + 1; b < X.length; b++)
        for (let c = b + 1; c < X.length; c++) {
          const found = cells([a, b, c]);
          const ordered = model.means.map((mean) =>
            found.find((cell) => squaredDistance(cell.mean, mean) < 1e-20),
          );
          if (ordered.some((cell) => cell === undefined) || new Set(ordered).size !== 3) continue;
          matches++;
          ordered.forEach((cell, k) => {
            if (!cell) return;
            expectClose(at(model.weights, k), cell.weight, 1e-12, 0, `weight ${k}`);
            expectAllClose(at(model.covariances, k), cell.covariance, 1e-10, `covariance ${k}`);
          });
        }
    // Several seed triples can give the same cells; at least one must.
    expect(matches).toBeGreaterThan(0);
    // Unlike scikit-learn's 'k-means++', the means are cell averages, not the seed rows themselves.
    for (const mean of model.means) expect(X.some((row) => squaredDistance(row, mean) < 1e-12)).toBe(false);
  });
});

describe("'random' with maxIter 0 (the original design)", () => {
  /** Columns on very different scales, so that a per-column variance is told from a pooled one. */
  const X = threeBlobs(5).X.map(([a = 0, b = 0]) => [a, 30 * b, a - b]);
  const variance = columnVariances(X);
  const d = 3;
  const k = 4;
  const start = (covariance: CovarianceType, standardize = false) =>
    GaussianMixture.fit(X, { components: k, covariance, standardize, init: 'random', seed: 2, maxIter: 0 });

  async function checkCommon(model: GaussianMixture): Promise<void> {
    expect(model.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    const rows = model.means.map((mean) => X.findIndex((row) => squaredDistance(row, mean) < 1e-18));
    expect(rows.every((row) => row >= 0)).toBe(true);
    expect(new Set(rows).size).toBe(k);
  }

  /** The covariances as K diagonals relative to the columns' variance, after checking they are diagonal. */
  function relativeDiagonals(model: GaussianMixture): number[][] {
    return model.covariances.map((matrix) =>
      matrix.map((row, j) => {
        row.forEach((value, l) => {
          if (l !== j) expect(value).toBe(0);
        });
        return at(row, j) / at(variance, j);
      }),
    );
  }

  it.each([
    ['full', false],
    ['diag', false],
    ['diag', true],
  ] as const)('%s (standardize %s): diag(u_j·var_j), u_j in [0.5, 1.5]', async (covariance, standardize) => {
    const model = await start(covariance, standardize);
    await checkCommon(model);
    const ratios = relativeDiagonals(model).flat();
    for (const u of ratios) {
      expect(u).toBeGreaterThanOrEqual(0.5 - 1e-12);
      expect(u).toBeLessThanOrEqual(1.5 + 1e-12);
    }
    // Drawn, not fixed: the K·D factors are not all the same.
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.05);
  });

  it('tied: the mean of the K diagonals, one matrix for all', async () => {
    const model = await start('tied');
    await checkCommon(model);
    const [first = [], ...others] = relativeDiagonals(model);
    expect(first).toHaveLength(d);
    expect(others).toHaveLength(k - 1);
    for (const other of others) expect(other).toEqual(first);
    for (const u of first) {
      expect(u).toBeGreaterThanOrEqual(0.5);
      expect(u).toBeLessThanOrEqual(1.5);
    }
  });

  it('spherical: the mean of the diagonal, σ²·I with σ² in [0.5, 1.5]·mean variance', async () => {
    const model = await start('spherical');
    await checkCommon(model);
    const meanVariance = variance.reduce((sum, v) => sum + v, 0) / d;
    for (const matrix of model.covariances) {
      const sigma2 = at(at(matrix, 0), 0);
      expectAllClose(
        matrix,
        [0, 1, 2].map((j) => [0, 1, 2].map((l) => (j === l ? sigma2 : 0))),
        1e-15,
        'σ²·I',
      );
      expect(sigma2 / meanVariance).toBeGreaterThanOrEqual(0.5);
      expect(sigma2 / meanVariance).toBeLessThanOrEqual(1.5);
    }
  });
});
