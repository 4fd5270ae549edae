/**
 * Recovery with holes, for the variational fit: a seeded 4-component mixture in 3-D with 30 % of its
 * values missing completely at random. With the holes latent, the posterior means land within the
 * sampling error of the fit to the complete data; filling the holes with column means and fitting
 * the filled table does far worse.
 */
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture } from '../../src/index';
import { mulberry32, standardNormal } from '../helpers';

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

/** The means of the active components (Nₖ ≥ 1). */
function activeMeans(model: BayesianGaussianMixture): (readonly number[])[] {
  return model.activeComponents.map((c) => model.means[c] as readonly number[]);
}

/** The largest distance between matched means, over the best matching of a to b (|a| = |b|). */
function meanDistance(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  const permutations = (n: number[]): number[][] =>
    n.length <= 1
      ? [n]
      : n.flatMap((x, i) => permutations([...n.slice(0, i), ...n.slice(i + 1)]).map((p) => [x, ...p]));
  let best = Infinity;
  for (const p of permutations(a.map((_, i) => i))) {
    const worst = Math.max(
      ...a.map((row, c) =>
        Math.hypot(...row.map((v, j) => v - ((b[p[c] as number] as readonly number[])[j] as number))),
      ),
    );
    best = Math.min(best, worst);
  }
  return best;
}

describe('variational recovery of a 4-component mixture with 30 % MCAR', () => {
  it('holes as latent variables: within sampling error of the complete fit; mean imputation is not', async () => {
    const X = mixture(77);
    const random = mulberry32(78);
    const holes = X.map((row) => row.map((v) => (random() < 0.3 ? Number.NaN : v)));
    const options = { components: 4, init: 'kmeans', restarts: 3, seed: 5 } as const;
    const complete = await BayesianGaussianMixture.fit(X, options);
    const latent = await BayesianGaussianMixture.fit(holes, { ...options, missing: 'em' });
    const columnMeans = [0, 1, 2].map((j) => {
      const seen = holes.map((r) => r[j] as number).filter((v) => !Number.isNaN(v));
      return seen.reduce((s, v) => s + v, 0) / seen.length;
    });
    const filled = holes.map((row) => row.map((v, j) => (Number.isNaN(v) ? (columnMeans[j] as number) : v)));
    const imputed = await BayesianGaussianMixture.fit(filled, options);

    expect(complete.activeComponents.length).toBe(4);
    expect(latent.activeComponents.length).toBe(4);
    // Rows with nothing observed (about 0.3³ of them) count nowhere.
    const informative = holes.filter((row) => !row.every((v) => Number.isNaN(v))).length;
    expect(latent.componentSizes.reduce((a, b) => a + b, 0)).toBeCloseTo(informative, 9);
    // Sampling error of a component mean: a coordinate's standard deviation over √Nₖ (≈ 0.05 here).
    const standardError = Math.sqrt(
      Math.max(...complete.covariances.flatMap((m) => m.map((r, j) => r[j] as number))) / PER_COMPONENT,
    );
    const latentDistance = meanDistance(activeMeans(latent), activeMeans(complete));
    const imputedDistance = meanDistance(imputed.means, activeMeans(complete));
    console.log(
      `variational recovery: sampling error ${standardError.toFixed(4)}, latent holes ${latentDistance.toFixed(4)}, mean imputation ${imputedDistance.toFixed(4)}`,
    );
    expect(latentDistance).toBeLessThan(2 * standardError);
    expect(imputedDistance).toBeGreaterThan(10 * latentDistance);
  });
});
