/**
 * Every way `GaussianMixture.fromJSON` refuses a malformed field or standardization, with its literal
 * message (covariances: json-covariance-errors.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { at } from './helpers';
import { rejectsJSON as rejects, SAVED, type Saved, savedModel, savedWith } from './saved-models';

const STANDARDIZED = savedModel('full', true);

/** The standardization of STANDARDIZED, typed for editing. */
const z = (j: Saved) => j.standardization as { mean: number[]; scale: number[] } & Record<string, unknown>;
/** SAVED without one of its fields. */
const without = (field: keyof Saved) => savedWith((j: Partial<Saved>) => delete j[field]);

describe('fields', () => {
  rejects([
    ['a number', 42, TypeError, 'expected an object from toJSON(), got number'],
    ['null', null, TypeError, 'expected an object from toJSON(), got null'],
    ['undefined', undefined, TypeError, 'expected an object from toJSON(), got undefined'],
    ['an unknown field', { ...SAVED, labels: [] }, TypeError, "unknown field 'labels'"],
    ['a missing field', without('history'), TypeError, "missing field 'history'"],
    ['a missing reseeds', without('reseeds'), TypeError, "missing field 'reseeds'"],
    ['a missing standardization', without('standardization'), TypeError, "missing field 'standardization'"],
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
      'an unknown covariance type',
      { ...SAVED, covariance: 'banana' },
      RangeError,
      "covariance must be one of 'full', 'diag', 'spherical', 'tied', 'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV', got 'banana'",
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
      'a string mean',
      savedWith((j) => ((at(j.means, 0) as unknown[])[1] = '1.5')),
      TypeError,
      "means[0][1] must be a finite number, got '1.5'",
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
    ['negative reseeds', { ...SAVED, reseeds: -1 }, RangeError, 'reseeds must be an integer ≥ 0, got -1'],
    ['fractional reseeds', { ...SAVED, reseeds: 0.5 }, RangeError, 'reseeds must be an integer ≥ 0, got 0.5'],
    ['reseeds as a string', { ...SAVED, reseeds: '0' }, TypeError, "reseeds must be a number, got '0'"],
  ]);

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

describe('standardization', () => {
  rejects([
    [
      'a misspelt key',
      savedWith((j) => {
        j.standardization = { mean: [0, 0, 0], scales: [1, 1, 1] } as never;
      }),
      TypeError,
      'standardization must have exactly the fields mean and scale',
    ],
    [
      'an extra key',
      savedWith((j) => (z(j).center = [0, 0, 0]), STANDARDIZED),
      TypeError,
      'standardization must have exactly the fields mean and scale',
    ],
    [
      'an array',
      { ...SAVED, standardization: [[0], [1]] },
      TypeError,
      'standardization must be null or { mean, scale }, got an array',
    ],
    [
      'a string',
      { ...SAVED, standardization: 'z' },
      TypeError,
      "standardization must be null or { mean, scale }, got 'z'",
    ],
    [
      'a zero scale',
      savedWith((j) => (z(j).scale[1] = 0), STANDARDIZED),
      RangeError,
      'standardization.scale[1] must be > 0, got 0',
    ],
    [
      'a negative scale',
      savedWith((j) => (z(j).scale[2] = -3), STANDARDIZED),
      RangeError,
      'standardization.scale[2] must be > 0, got -3',
    ],
    [
      'an infinite scale',
      savedWith((j) => (z(j).scale[0] = Number.POSITIVE_INFINITY), STANDARDIZED),
      RangeError,
      'standardization.scale[0] must be a finite number, got Infinity',
    ],
    [
      'a mean of the wrong length',
      savedWith((j) => z(j).mean.pop(), STANDARDIZED),
      RangeError,
      'standardization.mean has 2 entries, expected 3',
    ],
    [
      'a string mean',
      savedWith((j) => ((z(j).mean as unknown[])[0] = '1'), STANDARDIZED),
      TypeError,
      "standardization.mean[0] must be a finite number, got '1'",
    ],
  ]);
});
