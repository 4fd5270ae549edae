/**
 * The fitted model as an object: JSON round trips, every fromJSON rejection with its literal
 * message, column checks, and the statistics of `sample`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { at, blobs, expectError } from './helpers';

/** A saved model written by hand: K = 3, D = 3, correlated covariances, 2 iterations of history. */
const SAVED = {
  format: 'gmm-wasm',
  version: 1,
  covariance: 'full',
  components: 3,
  features: 3,
  weights: [0.5, 0.3, 0.2],
  means: [
    [0, 0, 0],
    [6, 1, -2],
    [2, 7, 3],
  ],
  covariances: [
    [
      [1, 0.6, 0],
      [0.6, 2, 0.3],
      [0, 0.3, 0.5],
    ],
    [
      [0.5, -0.2, 0.1],
      [-0.2, 0.3, 0],
      [0.1, 0, 0.4],
    ],
    [
      [3, 1, -1],
      [1, 1, 0],
      [-1, 0, 2],
    ],
  ],
  converged: true,
  iterations: 2,
  logLikelihood: -3.5,
  history: [-4, -3.6, -3.5],
  seed: 42,
};

type Saved = Record<string, unknown> & typeof SAVED;

/** A fresh deep copy of SAVED with `edit` applied, for one malformed case. */
function savedWith(edit: (json: Saved) => void): unknown {
  const json = structuredClone(SAVED) as Saved;
  edit(json);
  return json;
}

const DATA = blobs(
  3,
  [
    [0, 0, 0],
    [6, 1, -2],
    [2, 7, 3],
  ],
  60,
).X;
const PROBES = [...DATA, [100, -50, 3], [2, 2, 2], [1e4, 0, 0]];

function expectSameModel(actual: GaussianMixture, expected: GaussianMixture): void {
  // toEqual compares numbers with Object.is: the round trip must be exact.
  expect(actual.components).toBe(expected.components);
  expect(actual.features).toBe(expected.features);
  expect(actual.covariance).toBe(expected.covariance);
  expect(actual.weights).toEqual(expected.weights);
  expect(actual.means).toEqual(expected.means);
  expect(actual.covariances).toEqual(expected.covariances);
  expect(actual.converged).toBe(expected.converged);
  expect(actual.iterations).toBe(expected.iterations);
  expect(actual.logLikelihood).toBe(expected.logLikelihood);
  expect(actual.history).toEqual(expected.history);
  expect(actual.seed).toBe(expected.seed);
  expect(actual.nParameters).toBe(expected.nParameters);
  expect(actual.toJSON()).toEqual(expected.toJSON());
  expect(actual.scoreSamples(PROBES)).toEqual(expected.scoreSamples(PROBES));
  expect(actual.predictProba(PROBES)).toEqual(expected.predictProba(PROBES));
  expect(actual.predict(PROBES)).toEqual(expected.predict(PROBES));
}

describe('fromJSON', () => {
  // First in the file, before any fit has loaded the WebAssembly module: Node compiles it on demand.
  it('makes a model that scores at once, without ready()', () => {
    const model = GaussianMixture.fromJSON(SAVED);
    expect(model.scoreSamples([[0, 0, 0]])).toHaveLength(1);
    expect(model.toJSON()).toEqual(SAVED);
    expect(model.nParameters).toBe(29);
  });

  it.each([false, true])(
    'toJSON → JSON.stringify → JSON.parse → fromJSON is exact (standardize: %s)',
    async (standardize) => {
      const model = await GaussianMixture.fit(DATA, { components: 3, seed: 5, standardize });
      const restored = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expectSameModel(restored, model);
    },
  );

  it('also accepts the JSON string itself', async () => {
    const model = await GaussianMixture.fit(DATA, { components: 3, seed: 6 });
    expectSameModel(GaussianMixture.fromJSON(JSON.stringify(model)), model);
  });

  it('leaves the object it reads untouched', () => {
    const json = structuredClone(SAVED);
    GaussianMixture.fromJSON(json);
    expect(json).toEqual(SAVED);
  });
});

describe('fromJSON rejects what is not a saved model', () => {
  const prefix = 'GaussianMixture.fromJSON: ';

  it.each([
    ['a number', 42, TypeError, 'expected an object from toJSON(), got number'],
    ['null', null, TypeError, 'expected an object from toJSON(), got null'],
    ['undefined', undefined, TypeError, 'expected an object from toJSON(), got undefined'],
    ['an unknown field', { ...SAVED, labels: [] }, TypeError, "unknown field 'labels'"],
    [
      'a missing field',
      savedWith((j) => delete (j as Record<string, unknown>).history),
      TypeError,
      "missing field 'history'",
    ],
    [
      'another format',
      { ...SAVED, format: 'sklearn' },
      RangeError,
      "format must be 'gmm-wasm', got 'sklearn'",
    ],
    [
      'another version',
      { ...SAVED, version: 2 },
      RangeError,
      'version 2 is not supported; this gmm-wasm reads version 1',
    ],
    [
      'diag covariance',
      { ...SAVED, covariance: 'diag' },
      RangeError,
      "covariance 'diag' is not supported; this gmm-wasm reads 'full'",
    ],
    [
      'components as a string',
      { ...SAVED, components: '3' },
      TypeError,
      "components must be a number, got '3'",
    ],
    [
      'weights not summing to 1',
      { ...SAVED, weights: [0.5, 0.5, 0.25] },
      RangeError,
      'weights must sum to 1, got 1.25',
    ],
    [
      'a negative weight',
      { ...SAVED, weights: [0.75, -0.25, 0.5] },
      RangeError,
      'weights[1] is negative (-0.25)',
    ],
    ['too few weights', { ...SAVED, weights: [0.5, 0.5] }, RangeError, 'weights has 2 entries, expected 3'],
    ['too few means', savedWith((j) => j.means.pop()), RangeError, 'means has 2 entries, expected 3'],
    [
      'a short mean',
      savedWith((j) => at(j.means, 1).pop()),
      RangeError,
      'means[1] has 2 entries, expected 3',
    ],
    ['means not an array', { ...SAVED, means: 'none' }, TypeError, "means must be an array, got 'none'"],
    [
      'a NaN mean',
      savedWith((j) => (at(j.means, 0)[1] = Number.NaN)),
      RangeError,
      'means[0][1] must be a finite number, got NaN',
    ],
    [
      'an infinite covariance',
      savedWith((j) => (at(at(j.covariances, 2), 2)[2] = Number.POSITIVE_INFINITY)),
      RangeError,
      'covariances[2][2][2] must be a finite number, got Infinity',
    ],
    [
      'a non-symmetric covariance',
      savedWith((j) => (at(at(j.covariances, 1), 0)[2] = 0.2)),
      RangeError,
      'covariances[1] is not symmetric at [2][0]',
    ],
    [
      'a covariance that is not positive definite',
      savedWith((j) => {
        j.covariances[0] = [
          [1, 2, 0],
          [2, 1, 0],
          [0, 0, 1],
        ];
      }),
      RangeError,
      'covariances[0] is not positive definite',
    ],
    [
      'converged not a boolean',
      { ...SAVED, converged: 'yes' },
      TypeError,
      "converged must be a boolean, got 'yes'",
    ],
    [
      'fractional iterations',
      { ...SAVED, iterations: 1.5 },
      RangeError,
      'iterations must be an integer ≥ 0, got 1.5',
    ],
    [
      'a NaN logLikelihood',
      { ...SAVED, logLikelihood: Number.NaN },
      TypeError,
      'logLikelihood must be a number, got NaN',
    ],
    [
      'history of the wrong length',
      { ...SAVED, history: [-4, -3.5] },
      RangeError,
      'history has 2 entries, expected 3',
    ],
    [
      'history longer than iterations + 1',
      { ...SAVED, iterations: 1 },
      RangeError,
      'history has 3 entries, expected 2',
    ],
    [
      'a seed beyond 32 bits',
      { ...SAVED, seed: 2 ** 32 },
      RangeError,
      'seed must be at most 4294967295, got 4294967296',
    ],
  ] as const)('%s', (_case, json, kind, message) => {
    expectError(() => GaussianMixture.fromJSON(json), kind, prefix + message);
  });

  it('a string entry where a number belongs is a TypeError (API.md, Errors)', () => {
    expectError(
      () => GaussianMixture.fromJSON(savedWith((j) => ((at(j.means, 0) as unknown[])[1] = '1.5'))),
      TypeError,
      `${prefix}means[0][1] must be a finite number, got '1.5'`,
    );
  });

  it('a string that is not JSON', () => {
    let thrown: unknown;
    try {
      GaussianMixture.fromJSON('{"format": "gmm-wasm",');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as object).constructor).toBe(TypeError);
    // The part in parentheses is the engine's own JSON.parse message, which differs between engines.
    expect((thrown as Error).message).toMatch(/^GaussianMixture\.fromJSON: the string is not JSON \(.+\)$/);
  });
});

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

/**
 * Moments of the mixture, for the sampling test. With x̄ the mixture mean m = Σ πₖμₖ and
 * S = Σ πₖ(Σₖ + μₖμₖᵀ) − m·mᵀ its covariance:
 * - SE of an empirical mean: √(S_jj / n).
 * - SE of an empirical covariance entry (1/n)Σ yⱼ y_l, y = x − x̄: √((E[yⱼ² y_l²] − S_jl²) / n), the
 *   delta method (estimating the mean changes it by O(1/n)). Per component, y ~ N(δ, Σ) with δ = μₖ − m;
 *   writing y = δ + u and keeping the even moments of u (Isserlis: E[uⱼ²u_l²] = ΣⱼⱼΣ_ll + 2Σⱼ_l²),
 *   E[yⱼ² y_l²] = (Σⱼⱼ + δⱼ²)(Σ_ll + δ_l²) + 2Σⱼ_l² + 4δⱼδ_lΣⱼ_l, averaged over components by πₖ.
 * - SE of a label frequency: √(πₖ(1 − πₖ) / n), binomial.
 */
function mixtureMoments(json: typeof SAVED): { mean: number[]; covariance: number[][]; fourth: number[][] } {
  const d = json.features;
  const weight = (k: number) => at(json.weights, k);
  const mu = (k: number, j: number) => at(at(json.means, k), j);
  const sigma = (k: number, j: number, l: number) => at(at(at(json.covariances, k), j), l);
  const components = json.weights.map((_, k) => k);
  const dims = Array.from({ length: d }, (_, j) => j);
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

describe('sample', () => {
  const n = 200_000;
  const model = GaussianMixture.fromJSON(SAVED);
  const d = SAVED.features;
  let drawn: { X: Float64Array[]; labels: Int32Array };

  beforeAll(() => {
    drawn = model.sample(n, { seed: 2024 });
  });

  it('returns n rows of D values and a label in [0, K) for each', () => {
    expect(drawn.X).toHaveLength(n);
    expect(drawn.X.filter((row) => row.length !== d)).toEqual([]);
    expect(drawn.labels).toHaveLength(n);
    expect(drawn.labels.filter((label) => label < 0 || label >= SAVED.components)).toEqual(new Int32Array(0));
  });

  it('label frequencies are within 4 standard errors of the weights', () => {
    SAVED.weights.forEach((w, k) => {
      const frequency = drawn.labels.filter((label) => label === k).length / n;
      expect(Math.abs(frequency - w)).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / n));
    });
  });

  it('the empirical mean and covariance are within 4 standard errors of the mixture moments', () => {
    const { mean, covariance, fourth } = mixtureMoments(SAVED);
    const dims = Array.from({ length: d }, (_, j) => j);
    const empiricalMean = dims.map((j) => drawn.X.reduce((sum, row) => sum + at(row, j), 0) / n);
    for (const j of dims) {
      const se = Math.sqrt(at(at(covariance, j), j) / n);
      expect(Math.abs(at(empiricalMean, j) - at(mean, j))).toBeLessThan(4 * se);
    }
    for (const j of dims) {
      for (const l of dims) {
        let sum = 0;
        for (const row of drawn.X)
          sum += (at(row, j) - at(empiricalMean, j)) * (at(row, l) - at(empiricalMean, l));
        const s = at(at(covariance, j), l);
        const se = Math.sqrt((at(at(fourth, j), l) - s * s) / n);
        expect(Math.abs(sum / n - s)).toBeLessThan(4 * se);
      }
    }
  });

  it('the rows of each label have that component’s mean, within 4 standard errors', () => {
    SAVED.means.forEach((mu, k) => {
      const rows = drawn.X.filter((_, i) => at(drawn.labels, i) === k);
      mu.forEach((m, j) => {
        const empirical = rows.reduce((sum, row) => sum + at(row, j), 0) / rows.length;
        const se = Math.sqrt(at(at(at(SAVED.covariances, k), j), j) / rows.length);
        expect(Math.abs(empirical - m)).toBeLessThan(4 * se);
      });
    });
  });

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
});
