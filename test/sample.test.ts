/**
 * `sample`: for every covariance type, with and without a standardization, 200 000 draws have the
 * label frequencies, moments and per-component means and covariances of the model (in the user's
 * units), within 4.5 standard errors; seeding and argument checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { at, expectError } from './helpers';
import { COVARIANCE_TYPES, SAVED, savedModel } from './saved-models';

/**
 * Each model is checked on about 40 statistics and eight models are drawn: at 4.5 standard errors a
 * correct sampler fails one of the ~330 checks with probability ~0.2% (and, seeded, never flakes).
 */
const Z = 4.5;
const N = 200_000;

type Model = Pick<GaussianMixture, 'weights' | 'means' | 'covariances' | 'features'>;

/**
 * Moments of the mixture. With m = Σ πₖμₖ its mean and S = Σ πₖ(Σₖ + μₖμₖᵀ) − m·mᵀ its covariance:
 * - SE of an empirical mean: √(S_jj / n).
 * - SE of an empirical covariance entry (1/n)Σ yⱼ y_l, y = x − x̄: √((E[yⱼ² y_l²] − S_jl²) / n), the
 *   delta method (estimating the mean changes it by O(1/n)). Per component, y ~ N(δ, Σ) with δ = μₖ − m;
 *   writing y = δ + u and keeping the even moments of u (Isserlis: E[uⱼ²u_l²] = ΣⱼⱼΣ_ll + 2Σⱼ_l²),
 *   E[yⱼ² y_l²] = (Σⱼⱼ + δⱼ²)(Σ_ll + δ_l²) + 2Σⱼ_l² + 4δⱼδ_lΣⱼ_l, averaged over components by πₖ.
 */
function mixtureMoments(model: Model): { mean: number[]; covariance: number[][]; fourth: number[][] } {
  const weight = (k: number) => at(model.weights, k);
  const mu = (k: number, j: number) => at(at(model.means, k), j);
  const sigma = (k: number, j: number, l: number) => at(at(at(model.covariances, k), j), l);
  const components = model.weights.map((_, k) => k);
  const dims = Array.from({ length: model.features }, (_, j) => j);
  const mean = dims.map((j) => components.reduce((sum, k) => sum + weight(k) * mu(k, j), 0));
  const covariance = dims.map((j) =>
    dims.map(
      (l) =>
        components.reduce((sum, k) => sum + weight(k) * (sigma(k, j, l) + mu(k, j) * mu(k, l)), 0) -
        at(mean, j) * at(mean, l),
    ),
  );
  const fourth = dims.map((j) =>
    dims.map((l) =>
      components.reduce((sum, k) => {
        const dj = mu(k, j) - at(mean, j);
        const dl = mu(k, l) - at(mean, l);
        const s = sigma(k, j, l);
        return (
          sum +
          weight(k) * ((sigma(k, j, j) + dj * dj) * (sigma(k, l, l) + dl * dl) + 2 * s * s + 4 * dj * dl * s)
        );
      }, 0),
    ),
  );
  return { mean, covariance, fourth };
}

/** Column means and the (1/n) covariance of rows. */
function empirical(rows: readonly Float64Array[], d: number): { mean: number[]; covariance: number[][] } {
  const dims = Array.from({ length: d }, (_, j) => j);
  const mean = dims.map((j) => rows.reduce((sum, row) => sum + at(row, j), 0) / rows.length);
  const covariance = dims.map((j) =>
    dims.map((l) => {
      let sum = 0;
      for (const row of rows) sum += (at(row, j) - at(mean, j)) * (at(row, l) - at(mean, l));
      return sum / rows.length;
    }),
  );
  return { mean, covariance };
}

describe.each(COVARIANCE_TYPES.flatMap((type) => [false, true].map((z) => [type, z] as const)))(
  'sample(200000) of a %s model (standardization: %s)',
  (type, standardized) => {
    const model = GaussianMixture.fromJSON(savedModel(type, standardized));
    const d = model.features;
    const dims = Array.from({ length: d }, (_, j) => j);
    let drawn: { X: Float64Array[]; labels: Int32Array };

    beforeAll(() => {
      drawn = model.sample(N, { seed: 2024 });
    });

    it('returns n rows of D values and a label in [0, K) for each', () => {
      expect(drawn.X).toHaveLength(N);
      expect(drawn.X.filter((row) => row.length !== d)).toEqual([]);
      expect(drawn.labels).toHaveLength(N);
      expect(drawn.labels.filter((label) => label < 0 || label >= model.components)).toEqual(
        new Int32Array(0),
      );
    });

    it('label frequencies are within 4.5 standard errors of the weights', () => {
      model.weights.forEach((w, k) => {
        const frequency = drawn.labels.filter((label) => label === k).length / N;
        expect(Math.abs(frequency - w)).toBeLessThan(Z * Math.sqrt((w * (1 - w)) / N));
      });
    });

    it('the empirical mean and covariance are within 4.5 standard errors of the mixture moments', () => {
      const { mean, covariance, fourth } = mixtureMoments(model);
      const sample = empirical(drawn.X, d);
      for (const j of dims) {
        const se = Math.sqrt(at(at(covariance, j), j) / N);
        expect(Math.abs(at(sample.mean, j) - at(mean, j))).toBeLessThan(Z * se);
        for (const l of dims) {
          const s = at(at(covariance, j), l);
          const seCovariance = Math.sqrt((at(at(fourth, j), l) - s * s) / N);
          expect(Math.abs(at(at(sample.covariance, j), l) - s)).toBeLessThan(Z * seCovariance);
        }
      }
    });

    /** Per component, Gaussian rows: SE of a mean √(Σⱼⱼ/n), of a covariance entry √((ΣⱼⱼΣ_ll + Σⱼ_l²)/n). */
    it('the rows of each label have that component’s mean and covariance, within 4.5 standard errors', () => {
      model.means.forEach((mu, k) => {
        const rows = drawn.X.filter((_, i) => at(drawn.labels, i) === k);
        const sample = empirical(rows, d);
        const sigma = at(model.covariances, k);
        const entry = (j: number, l: number) => at(at(sigma, j), l);
        for (const j of dims) {
          const se = Math.sqrt(entry(j, j) / rows.length);
          expect(Math.abs(at(sample.mean, j) - at(mu, j))).toBeLessThan(Z * se);
          for (const l of dims) {
            const seCovariance = Math.sqrt((entry(j, j) * entry(l, l) + entry(j, l) ** 2) / rows.length);
            expect(Math.abs(at(at(sample.covariance, j), l) - entry(j, l))).toBeLessThan(Z * seCovariance);
          }
        }
      });
    });
  },
);

describe('sample', () => {
  const model = GaussianMixture.fromJSON(SAVED);

  it('the same seed gives identical samples, another seed different ones', () => {
    const first = model.sample(5000, { seed: 7 });
    const again = model.sample(5000, { seed: 7 });
    expect(again.X).toEqual(first.X);
    expect(again.labels).toEqual(first.labels);
    expect(model.sample(5000, { seed: 8 }).X).not.toEqual(first.X);
  });

  it.each([
    ['n = 0', () => model.sample(0), 'n must be an integer ≥ 1, got 0'],
    ['n = 1.5', () => model.sample(1.5), 'n must be an integer ≥ 1, got 1.5'],
    ['n = NaN', () => model.sample(Number.NaN), 'n must be an integer ≥ 1, got NaN'],
    ['seed -1', () => model.sample(10, { seed: -1 }), 'seed must be an integer from 0 to 4294967295, got -1'],
    [
      'seed 0.5',
      () => model.sample(10, { seed: 0.5 }),
      'seed must be an integer from 0 to 4294967295, got 0.5',
    ],
  ])('rejects %s', (_case, run, message) => {
    expectError(run, RangeError, message);
  });

  it.each([
    ["n = '3'", () => model.sample('3' as unknown as number), 'n must be a number, got string'],
    [
      "seed '7'",
      () => model.sample(10, { seed: '7' as unknown as number }),
      'seed must be a number, got string',
    ],
  ])('rejects %s as the wrong kind', (_case, run, message) => {
    expectError(run, TypeError, message);
  });
});
