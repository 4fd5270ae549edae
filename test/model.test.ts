/**
 * The fitted model as an object: what a saved model of each covariance type reports (full matrices
 * in the user's units, whatever the type and standardization), densities checked against a naive
 * computation, and column checks. JSON round trips and rejections live in json.test.ts and
 * json-errors.test.ts, sampling in sample.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { at, expectAllClose, expectClose, expectError, type FixtureCovarianceType } from './helpers';
import { COVARIANCE_TYPES, SAVED, STANDARDIZATION, savedModel } from './saved-models';

type Full = number[][][];

/** The saved compact covariances of `type` as K full matrices (standardized units if saved so). */
function fullMatrices(type: FixtureCovarianceType, compact: unknown): Full {
  const identity = (v: number) => [0, 1, 2].map((j) => [0, 1, 2].map((l) => (j === l ? v : 0)));
  switch (type) {
    case 'full':
      return compact as Full;
    case 'tied':
      return [0, 1, 2].map(() => compact as number[][]);
    case 'diag':
      return (compact as number[][]).map((row) => row.map((v, j) => identity(v)[j] as number[]));
    case 'spherical':
      return (compact as number[]).map(identity);
  }
}

/** log N(x; μ, Σ) by a Cholesky factor written out here, independent of the library. */
function logGaussian(x: readonly number[], mu: readonly number[], sigma: Full[number]): number {
  const d = x.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const entry = (i: number, j: number) => at(at(l, i), j);
  for (let j = 0; j < d; j++) {
    let pivot = at(at(sigma, j), j);
    for (let t = 0; t < j; t++) pivot -= entry(j, t) ** 2;
    at(l, j)[j] = Math.sqrt(pivot);
    for (let i = j + 1; i < d; i++) {
      let sum = at(at(sigma, i), j);
      for (let t = 0; t < j; t++) sum -= entry(i, t) * entry(j, t);
      at(l, i)[j] = sum / entry(j, j);
    }
  }
  // Solve L·y = x − μ; then (x − μ)ᵀΣ⁻¹(x − μ) = |y|².
  const y: number[] = [];
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    let sum = at(x, i) - at(mu, i);
    for (let t = 0; t < i; t++) sum -= entry(i, t) * at(y, t);
    y.push(sum / entry(i, i));
    logDet += 2 * Math.log(entry(i, i));
  }
  return -0.5 * (d * Math.log(2 * Math.PI) + logDet + y.reduce((a, b) => a + b * b, 0));
}

const PROBES = [
  [0, 0, 0],
  [6, 1, -2],
  [2, 7, 3],
  [1, -1, 4],
  [30, -20, 5],
];

describe.each(COVARIANCE_TYPES.flatMap((type) => [false, true].map((z) => [type, z] as const)))(
  'a saved %s model (standardization: %s)',
  (type, standardized) => {
    const json = savedModel(type, standardized);
    const model = GaussianMixture.fromJSON(json);
    const { mean: m, scale: s } = standardized ? STANDARDIZATION : { mean: [0, 0, 0], scale: [1, 1, 1] };
    const saved = fullMatrices(type, json.covariances);

    it('reports means and full covariances in the user’s units: μ = m + s∘μ′, Σ = diag(s)·Σ′·diag(s)', () => {
      expectAllClose(
        model.means,
        json.means.map((row) => row.map((v, j) => at(m, j) + at(s, j) * v)),
        1e-15,
        'means',
      );
      const expected = saved.map((matrix) =>
        matrix.map((row, j) => row.map((v, l) => at(s, j) * v * at(s, l))),
      );
      expectAllClose(model.covariances, expected, 1e-15, 'covariances');
      expect(model.weights).toEqual(json.weights);
    });

    it('scores log p(x) = log p′(z) − Σⱼ log sⱼ, as a naive computation does', () => {
      const logJacobian = s.reduce((sum, v) => sum - Math.log(v), 0);
      const scores = model.scoreSamples(PROBES);
      PROBES.forEach((x, i) => {
        const z = x.map((v, j) => (v - at(m, j)) / at(s, j));
        const perComponent = json.weights.map(
          (w, k) => Math.log(w) + logGaussian(z, at(json.means, k), at(saved, k)),
        );
        const top = Math.max(...perComponent);
        const expected = top + Math.log(perComponent.reduce((sum, v) => sum + Math.exp(v - top), 0));
        expectClose(at(scores, i), expected + logJacobian, 1e-12, 1, `scoreSamples[${i}]`);
      });
    });
  },
);

describe('a model checks the columns of X', () => {
  const model = GaussianMixture.fromJSON(SAVED);
  const message = 'X has 2 columns, but the model was fitted on 3';
  const X = [
    [1, 2],
    [3, 4],
  ];

  it.each([
    ['predict', () => model.predict(X)],
    ['predictProba', () => model.predictProba(X)],
    ['scoreSamples', () => model.scoreSamples(X)],
    ['score', () => model.score(X)],
    ['bic', () => model.bic(X)],
    ['aic', () => model.aic(X)],
  ])('%s', (_method, run) => {
    expectError(run, RangeError, message);
  });

  it('accepts the flat form with the right number of columns', () => {
    const flat = { data: new Float64Array([0, 0, 0, 6, 1, -2]), rows: 2, cols: 3 };
    expect(Array.from(model.predict(flat))).toEqual([0, 1]);
    expectError(() => model.predict({ data: new Float64Array(6), rows: 3, cols: 2 }), RangeError, message);
  });
});
