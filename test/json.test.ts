/**
 * `toJSON` / `fromJSON`: the saved format of every covariance type, with and without
 * standardization, and round trips that score bit-identically.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { at, blobs } from './helpers';
import { COVARIANCE_TYPES, SAVED, savedModel } from './saved-models';

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
  expect(actual.reseeds).toBe(expected.reseeds);
  expect(actual.nParameters).toBe(expected.nParameters);
  expect(actual.toJSON()).toEqual(expected.toJSON());
  expect(actual.scoreSamples(PROBES)).toEqual(expected.scoreSamples(PROBES));
  expect(actual.predictProba(PROBES)).toEqual(expected.predictProba(PROBES));
  expect(actual.predict(PROBES)).toEqual(expected.predict(PROBES));
}

/** The nesting of each type's compact covariances for K = 3, D = 3. */
const COMPACT_SHAPE = { full: [3, 3, 3], tied: [3, 3], diag: [3, 3], spherical: [3] } as const;

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : [];
}

describe('fromJSON', () => {
  // First in the file, before any fit has loaded the WebAssembly module: Node compiles it on demand.
  it('makes a model that scores at once, without ready()', () => {
    const model = GaussianMixture.fromJSON(SAVED);
    expect(model.scoreSamples([[0, 0, 0]])).toHaveLength(1);
    expect(model.toJSON()).toEqual(SAVED);
    expect(model.nParameters).toBe(29);
  });

  it.each(COVARIANCE_TYPES.flatMap((type) => [false, true].map((z) => [type, z] as const)))(
    'reads and writes back a saved %s model exactly (standardization: %s)',
    (type, standardized) => {
      const saved = savedModel(type, standardized);
      const model = GaussianMixture.fromJSON(saved);
      expect(model.covariance).toBe(type);
      expect(model.toJSON()).toEqual(saved);
      expect(model.nParameters).toBe({ full: 29, tied: 17, diag: 20, spherical: 14 }[type]);
    },
  );

  it('also accepts the JSON string itself', async () => {
    const model = await GaussianMixture.fit(DATA, { components: 3, seed: 6 });
    expectSameModel(GaussianMixture.fromJSON(JSON.stringify(model)), model);
  });

  it('leaves the object it reads untouched', () => {
    const json = savedModel('tied', true);
    GaussianMixture.fromJSON(json);
    expect(json).toEqual(savedModel('tied', true));
  });
});

describe.each(COVARIANCE_TYPES)('a fitted %s model', (covariance) => {
  it.each([false, true])(
    'toJSON → JSON.stringify → JSON.parse → fromJSON is exact (standardize: %s)',
    async (standardize) => {
      const model = await GaussianMixture.fit(DATA, { components: 3, covariance, seed: 5, standardize });
      const restored = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expectSameModel(restored, model);
    },
  );

  it('saves its covariances in the compact form of the type', async () => {
    const model = await GaussianMixture.fit(DATA, { components: 3, covariance, seed: 5 });
    const json = model.toJSON();
    expect(json.covariance).toBe(covariance);
    expect(shapeOf(json.covariances)).toEqual(COMPACT_SHAPE[covariance]);
    expect(json.standardization).toBeNull();
    expect(json.means).toEqual(model.means);
    expect(json.reseeds).toBe(model.reseeds);
    expect(json.history).toHaveLength(json.iterations + 1);
  });

  it('with standardize, saves the standardization and its parameters in standardized units', async () => {
    const model = await GaussianMixture.fit(DATA, { components: 3, covariance, seed: 5, standardize: true });
    const json = model.toJSON();
    const z = json.standardization;
    if (z === null) throw new Error('standardization missing');
    expect(Object.keys(z).sort()).toEqual(['mean', 'scale']);
    const d = model.features;
    for (let j = 0; j < d; j++) {
      const column = DATA.map((row) => at(row, j));
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length);
      expect(at(z.mean, j)).toBeCloseTo(mean, 12);
      expect(at(z.scale, j)).toBeCloseTo(sd, 12);
    }
    json.means.forEach((row, k) => {
      row.forEach((value, j) => {
        const user = at(z.mean, j) + at(z.scale, j) * value;
        expect(Math.abs(user - at(at(model.means, k), j))).toBeLessThan(1e-12 * (1 + Math.abs(user)));
      });
    });
    // The standardized covariance of component 0, entry [0][0], in the compact form of the type.
    const compact = json.covariances as unknown as number[] | number[][] | number[][][];
    const standardized = covariance === 'spherical' ? at(compact as number[], 0) : firstNumber(compact);
    const expected = standardized * at(z.scale, 0) ** 2;
    expect(at(at(at(model.covariances, 0), 0), 0)).toBeCloseTo(expected, 10);
    expect(shapeOf(json.covariances)).toEqual(COMPACT_SHAPE[covariance]);
  });
});

function firstNumber(value: unknown): number {
  return typeof value === 'number' ? value : firstNumber((value as unknown[])[0]);
}
