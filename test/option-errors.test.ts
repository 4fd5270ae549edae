/**
 * Every estimator's option errors carry the option's name as the field `option`, as `fit`'s do
 * (test/errors.test.ts): `fitStream`, `OnlineGaussianMixture` and `BayesianGaussianMixture`, each
 * with its exact message and class.
 */
import { describe, expect, it } from 'vitest';
import {
  BayesianGaussianMixture,
  GaussianMixture,
  OnlineGaussianMixture,
  type OptionError,
} from '../src/index';

const rows = [
  [0, 1],
  [2, 3],
  [4, 6],
  [7, 7],
  [1, 1],
  [3, 2],
];

async function caught(run: () => unknown): Promise<OptionError> {
  try {
    await run();
  } catch (error) {
    return error as OptionError;
  }
  throw new Error('expected an error');
}

type Case = readonly [option: string, options: object, kind: typeof TypeError, message: string];

function expectOption(error: OptionError, [option, , kind, message]: Case): void {
  expect(error.constructor).toBe(kind);
  expect([error.message, error.option]).toEqual([message, option]);
}

describe('fitStream option errors name their option', () => {
  it.each<Case>([
    [
      'sampleWeight',
      { components: 2, sampleWeight: [1] },
      TypeError,
      'fitStream takes sample weights with the chunks, as { X, sampleWeight }, not as the option sampleWeight',
    ],
    [
      'startSample',
      { components: 2, startSample: 0 },
      RangeError,
      'startSample must be an integer from 1 to 10000000, got 0',
    ],
    [
      'startSample',
      { components: 2, startSample: '9' },
      TypeError,
      'startSample must be a number, got string',
    ],
    ['maxIter', { components: 2, maxIter: -1 }, RangeError, 'maxIter must be an integer ≥ 0, got -1'],
    ['components', { components: 7 }, RangeError, 'components (7) exceeds the number of rows (6)'],
    [
      'prior',
      { components: 2, prior: 'default' },
      RangeError,
      'prior is not available for fitStream: its defaults need the whole data in memory; use GaussianMixture.fit',
    ],
  ])('%s: %s', async (...test) => {
    const [, options] = test;
    expectOption(await caught(() => GaussianMixture.fitStream(() => [rows], options as never)), test);
  });

  it('components against the rows of positive weight', async () => {
    const source = () => [{ X: rows, sampleWeight: [1, 0, 0, 0, 0, 0] }];
    const error = await caught(() => GaussianMixture.fitStream(source, { components: 2 }));
    expectOption(error, [
      'components',
      {},
      RangeError,
      'components (2) exceeds the number of rows with positive weight (1)',
    ]);
  });
});

describe('OnlineGaussianMixture option errors name their option', () => {
  it.each<Case>([
    ['stepDecay', { components: 2, stepDecay: 0.5 }, RangeError, 'stepDecay must be in (0.5, 1], got 0.5'],
    ['stepDecay', { components: 2, stepDecay: '1' }, TypeError, 'stepDecay must be a number, got string'],
    [
      'startSample',
      { components: 2, startSample: 0 },
      RangeError,
      'startSample must be an integer ≥ 1, got 0',
    ],
    [
      'workers',
      { components: 2, workers: 1 },
      TypeError,
      'OnlineGaussianMixture runs on the calling thread: the option workers does not apply',
    ],
    [
      'sampleWeight',
      { components: 2, sampleWeight: [1] },
      TypeError,
      'OnlineGaussianMixture takes sample weights with the chunks, as { X, sampleWeight }, not as the option sampleWeight',
    ],
    ['tol', { components: 2, tol: '1' }, TypeError, 'tol must be a number, got string'],
    [
      'prior',
      { components: 2, prior: 'default' },
      RangeError,
      'prior is not available for OnlineGaussianMixture: stepwise EM has no MAP form here; use GaussianMixture.fit',
    ],
  ])('%s: %s', async (...test) => {
    const [, options] = test;
    expectOption(await caught(() => new OnlineGaussianMixture(options as never)), test);
  });
});

describe('BayesianGaussianMixture option errors name their option', () => {
  it.each<Case>([
    ['prune', { components: 2, prune: 1 }, TypeError, 'prune must be a boolean, got number'],
    [
      'standardize',
      { components: 2, standardize: true },
      RangeError,
      'standardize is not available for BayesianGaussianMixture: its priors are stated in the units of X (scale X before fitting instead)',
    ],
    [
      'covariance',
      { components: 2, covariance: 'EII' },
      RangeError,
      "covariance must be one of 'full', 'diag', 'spherical', 'tied' for BayesianGaussianMixture, got 'EII'",
    ],
    [
      'meanPrecision',
      { components: 2, meanPrecision: '1' },
      TypeError,
      'meanPrecision must be a number, got string',
    ],
    [
      'degreesOfFreedom',
      { components: 2, degreesOfFreedom: 0.5 },
      RangeError,
      'degreesOfFreedom must be a finite number > D − 1 = 1, got 0.5',
    ],
    [
      'init',
      { components: 2, init: { responsibilities: [[1, 0]] } },
      RangeError,
      'init.responsibilities has 1 rows, but X has 6',
    ],
    ['maxIter', { components: 2, maxIter: -1 }, RangeError, 'maxIter must be an integer ≥ 0, got -1'],
  ])('%s: %s', async (...test) => {
    const [, options] = test;
    expectOption(await caught(() => BayesianGaussianMixture.fit(rows, options as never)), test);
  });

  it('a fitted model of another shape as init', async () => {
    const fitted = await BayesianGaussianMixture.fit(rows, { components: 2, seed: 1 });
    const error = await caught(() =>
      BayesianGaussianMixture.fit(rows, { components: 3, init: fitted } as never),
    );
    expectOption(error, ['init', {}, RangeError, 'init model has 2 components, but components is 3']);
  });
});
