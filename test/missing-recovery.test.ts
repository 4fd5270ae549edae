/**
 * Recovery with holes: a seeded 4-component mixture with 30 % of its values missing completely at
 * random. EM on the observed values finds means within the sampling error of the fit to the complete
 * data; filling the holes with column means and fitting the filled table does far worse.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitWithHoles } from '../demo/missing';
import { GaussianMixture } from '../src/index';
import { mulberry32, standardNormal } from './helpers';

const D = 3;
const PER_COMPONENT = 500;
const CENTERS = [
  [0, 0, 0],
  [8, 0, 3],
  [0, 8, -3],
  [8, 8, 6],
];
/** Lower Cholesky factors: correlated covariances, so that observed values predict the missing ones. */
const FACTORS = [
  [1, 0, 0, 0.8, 0.6, 0, 0.5, -0.3, 0.7],
  [1.2, 0, 0, -0.5, 0.8, 0, 0.4, 0.4, 0.6],
  [0.9, 0, 0, 0.6, 0.9, 0, -0.6, 0.3, 0.8],
  [1.1, 0, 0, 0.3, 0.7, 0, 0.7, 0.5, 0.5],
];

function mixture(seed: number): number[][] {
  const random = mulberry32(seed);
  const X: number[][] = [];
  CENTERS.forEach((center, c) => {
    const L = FACTORS[c] as number[];
    for (let i = 0; i < PER_COMPONENT; i++) {
      const z = [standardNormal(random), standardNormal(random), standardNormal(random)];
      X.push(
        center.map(
          (m, j) => m + [0, 1, 2].reduce((s, t) => s + (L[j * D + t] as number) * (z[t] as number), 0),
        ),
      );
    }
  });
  return X;
}

/** The largest distance between matched means, over the best of the 4! matchings. */
function meanDistance(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  const permutations = (n: number[]): number[][] =>
    n.length <= 1
      ? [n]
      : n.flatMap((x, i) => permutations([...n.slice(0, i), ...n.slice(i + 1)]).map((p) => [x, ...p]));
  let best = Infinity;
  for (const p of permutations([0, 1, 2, 3])) {
    const worst = Math.max(
      ...a.map((row, c) =>
        Math.hypot(...row.map((v, j) => v - ((b[p[c] as number] as number[])[j] as number))),
      ),
    );
    best = Math.min(best, worst);
  }
  return best;
}

describe('recovery of a 4-component mixture with 30 % MCAR', () => {
  it('EM on the observed values is within sampling error of the complete fit; mean imputation is not', async () => {
    const X = mixture(77);
    const random = mulberry32(78);
    const holes = X.map((row) => row.map((v) => (random() < 0.3 ? Number.NaN : v)));
    const options = { components: 4, init: 'kmeans', restarts: 3, seed: 5 } as const;
    const complete = await GaussianMixture.fit(X, options);
    const em = await GaussianMixture.fit(holes, { ...options, missing: 'em' });
    const columnMeans = [0, 1, 2].map((j) => {
      const seen = holes.map((r) => r[j] as number).filter((v) => !Number.isNaN(v));
      return seen.reduce((s, v) => s + v, 0) / seen.length;
    });
    const filled = holes.map((row) => row.map((v, j) => (Number.isNaN(v) ? (columnMeans[j] as number) : v)));
    const imputed = await GaussianMixture.fit(filled, options);

    // Sampling error of a component mean: the standard deviation of a coordinate over √Nₖ (≈ 0.05
    // here); with 30 % of the values gone the fits may differ by a few of those.
    const standardError = Math.sqrt(
      Math.max(...complete.covariances.flatMap((m) => m.map((r, j) => r[j] as number))) / PER_COMPONENT,
    );
    const emDistance = meanDistance(em.means, complete.means);
    const imputedDistance = meanDistance(imputed.means, complete.means);
    console.log(
      `recovery: sampling error ${standardError.toFixed(4)}, EM ${emDistance.toFixed(4)}, mean imputation ${imputedDistance.toFixed(4)}`,
    );
    expect(emDistance).toBeLessThan(2 * standardError);
    expect(imputedDistance).toBeGreaterThan(10 * emDistance);
  });
});

describe("the demo page's Iris with 20 % removed", () => {
  it('EM lands near the complete-data means; mean-filling does not', async () => {
    const text = readFileSync(new URL('../demo/data/iris.csv', import.meta.url), 'utf8');
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').slice(0, 4).map(Number));
    const result = await fitWithHoles(rows, 0.2, 1);
    expect(result.rowsWithHoles).toBeGreaterThan(80);
    expect(result.emDistance).toBeLessThan(0.1);
    expect(result.meanFilledDistance).toBeGreaterThan(5 * result.emDistance);
  });
});
