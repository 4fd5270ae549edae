/**
 * One validator per concept (src/validate/): the seed rule, symmetric positive definite matrices,
 * probability vectors, lists of candidates — each with its named tolerance, at the edge of it.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import {
  COMPUTED_SYMMETRY,
  firstAsymmetry,
  isPositiveDefinite,
  SAVED_SYMMETRY,
} from '../src/validate/definite';
import { readCandidates } from '../src/validate/lists';
import { checkProbabilities, GIVEN_SUM_TOLERANCE, SAVED_SUM_TOLERANCE } from '../src/validate/probabilities';
import { isSeed, MAX_SEED, readSeed } from '../src/validate/seed';
import { expectError } from './helpers';

describe('the seed rule', () => {
  it('accepts the integers from 0 to 2³² − 1 and nothing else', () => {
    expect(MAX_SEED).toBe(2 ** 32 - 1);
    for (const seed of [0, 1, MAX_SEED]) expect([isSeed(seed), readSeed(seed)]).toEqual([true, seed]);
    for (const seed of [-1, 0.5, MAX_SEED + 1, Number.NaN, Infinity]) expect(isSeed(seed)).toBe(false);
    expectError(() => readSeed(-0.5), RangeError, 'seed must be an integer from 0 to 4294967295, got -0.5');
    expectError(() => readSeed(null, 'options.seed'), TypeError, 'options.seed must be a number, got null');
  });

  it('is the same for fit, sample and a saved model', async () => {
    const X = [[0], [1], [2], [4]];
    await expect(GaussianMixture.fit(X, { components: 1, seed: MAX_SEED })).resolves.toBeDefined();
    const model = await GaussianMixture.fit(X, { components: 1, seed: 3 });
    expect(model.sample(1, { seed: MAX_SEED }).X).toHaveLength(1);
    const saved = { ...model.toJSON(), seed: MAX_SEED };
    expect(GaussianMixture.fromJSON(saved).seed).toBe(MAX_SEED);
    expectError(
      () => GaussianMixture.fromJSON({ ...saved, seed: MAX_SEED + 1 }),
      RangeError,
      'GaussianMixture.fromJSON: seed must be at most 4294967295, got 4294967296',
    );
  });
});

describe('symmetric positive definite matrices', () => {
  const base = [4, 1, 1, 3];
  it('a computed matrix may be asymmetric by rounding, relative to its largest entry', () => {
    const within = [4, 1, 1 + 3e-10, 3];
    const beyond = [4, 1, 1 + 5e-10, 3];
    expect(COMPUTED_SYMMETRY).toBe(1e-10);
    expect(firstAsymmetry(within, 2, 0, COMPUTED_SYMMETRY)).toBeUndefined();
    expect(firstAsymmetry(beyond, 2, 0, COMPUTED_SYMMETRY)).toEqual([1, 0]);
  });

  it('a saved matrix must be symmetric to the bit', () => {
    const ulp = [4, 1, 1 + Number.EPSILON, 3];
    expect(SAVED_SYMMETRY).toBe(0);
    expect(firstAsymmetry(base, 2, 0, SAVED_SYMMETRY)).toBeUndefined();
    expect(firstAsymmetry(ulp, 2, 0, SAVED_SYMMETRY)).toEqual([1, 0]);
  });

  it('names the first differing pair of the lower triangle, row by row, at an offset', () => {
    const two = [...base, 1, 2, 3, 2, 5, 6, 3, 7, 9];
    expect(firstAsymmetry(two, 3, 4, 0)).toEqual([2, 1]);
  });

  it('is positive definite exactly when the Cholesky factor exists with finite entries', () => {
    expect(isPositiveDefinite(base, 2)).toBe(true);
    expect(isPositiveDefinite([1, 2, 2, 4], 2)).toBe(false);
    expect(isPositiveDefinite([1, 2, 2, 1], 2)).toBe(false);
    expect(isPositiveDefinite([9, 9, 9, 9, 1, 0, 0, 2], 2, 4)).toBe(true);
    expect(isPositiveDefinite([1, 0, 0, 2, 9, 9, 9, 9], 2, 4)).toBe(false);
  });
});

describe('probability vectors', () => {
  const errors = {
    negative: (c: number, w: number) => new RangeError(`w[${c}] = ${w}`),
    sum: (sum: number) => new RangeError(`sum ${sum}`),
  };
  it('given weights may miss 1 by 1e-6, saved ones by 1e-9', () => {
    expect([GIVEN_SUM_TOLERANCE, SAVED_SUM_TOLERANCE]).toEqual([1e-6, 1e-9]);
    expect(checkProbabilities([0.5, 0.5 + 9e-7], GIVEN_SUM_TOLERANCE, errors)).toBeCloseTo(1 + 9e-7, 15);
    expectError(
      () => checkProbabilities([0.5, 0.5 + 2e-6], GIVEN_SUM_TOLERANCE, errors),
      RangeError,
      `sum ${0.5 + (0.5 + 2e-6)}`,
    );
    expect(checkProbabilities([0.5, 0.5 + 5e-10], SAVED_SUM_TOLERANCE, errors)).toBe(1.0000000005);
    expectError(
      () => checkProbabilities([0.5, 0.5 + 2e-9], SAVED_SUM_TOLERANCE, errors),
      RangeError,
      `sum ${0.5 + (0.5 + 2e-9)}`,
    );
  });

  it('refuses the first negative entry before the sum, within the slice asked for', () => {
    expectError(
      () => checkProbabilities([1.5, -0.5, -1], GIVEN_SUM_TOLERANCE, errors),
      RangeError,
      'w[1] = -0.5',
    );
    expect(checkProbabilities([-1, 0.25, 0.75, -1], GIVEN_SUM_TOLERANCE, errors, 1, 2)).toBe(1);
    expectError(() => checkProbabilities([Number.NaN], GIVEN_SUM_TOLERANCE, errors), RangeError, 'sum NaN');
  });
});

describe('lists of candidates', () => {
  it('an array with at least one entry', () => {
    expect(readCandidates([1, 'a'], 'components', 'numbers')).toEqual([1, 'a']);
    expectError(
      () => readCandidates(3, 'components', 'candidate numbers of components'),
      TypeError,
      'components must be an array of candidate numbers of components, got number',
    );
    expectError(
      () => readCandidates([], 'covariance', 'covariance types'),
      RangeError,
      'covariance must list at least one candidate, got an empty array',
    );
  });
});
