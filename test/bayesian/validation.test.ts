/** Every refusal of `BayesianGaussianMixture.fit` and `fromJSON`, with its class and literal message. */
import { describe, it } from 'vitest';
import { BayesianGaussianMixture } from '../../src/index';
import { expectError, expectRejection } from '../helpers';
import { THREE_GROUPS } from './data';

const X = THREE_GROUPS.X;

type Case = readonly [string, Record<string, unknown>, typeof TypeError | typeof RangeError, string];

const CASES: readonly Case[] = [
  [
    'weightPrior of the wrong kind',
    { weightPrior: 3 },
    TypeError,
    'weightPrior must be a string, got number',
  ],
  [
    'an unknown weightPrior',
    { weightPrior: 'dirichlet' },
    RangeError,
    "weightPrior must be 'dirichlet-process' or 'dirichlet-distribution', got 'dirichlet'",
  ],
  [
    'weightConcentration 0',
    { weightConcentration: 0 },
    RangeError,
    'weightConcentration must be a finite number > 0, got 0',
  ],
  [
    'weightConcentration ∞',
    { weightConcentration: Infinity },
    RangeError,
    'weightConcentration must be a finite number > 0, got Infinity',
  ],
  [
    'weightConcentration NaN',
    { weightConcentration: Number.NaN },
    RangeError,
    'weightConcentration must be a finite number > 0, got NaN',
  ],
  [
    'meanPrecision < 0',
    { meanPrecision: -1 },
    RangeError,
    'meanPrecision must be a finite number > 0, got -1',
  ],
  [
    'meanPrecision of the wrong kind',
    { meanPrecision: '1' },
    TypeError,
    'meanPrecision must be a number, got string',
  ],
  [
    'meanPrior of the wrong length',
    { meanPrior: [1] },
    RangeError,
    'meanPrior has 1 values, expected 2 (columns of X)',
  ],
  ['meanPrior with NaN', { meanPrior: [1, Number.NaN] }, RangeError, 'meanPrior[1] is NaN'],
  [
    'degreesOfFreedom = D − 1',
    { degreesOfFreedom: 1 },
    RangeError,
    'degreesOfFreedom must be a finite number > D − 1 = 1, got 1',
  ],
  [
    'degreesOfFreedom of the wrong kind',
    { degreesOfFreedom: '3' },
    TypeError,
    'degreesOfFreedom must be a number, got string',
  ],
  [
    'an asymmetric full covariancePrior',
    {
      covariancePrior: [
        [1, 0.5],
        [0.4, 1],
      ],
    },
    RangeError,
    'covariancePrior must be symmetric; [0][1] differs from [1][0]',
  ],
  [
    'an indefinite full covariancePrior',
    {
      covariancePrior: [
        [1, 2],
        [2, 1],
      ],
    },
    RangeError,
    'covariancePrior must be positive definite',
  ],
  [
    'a full covariancePrior of the wrong shape',
    { covariancePrior: [[1, 0]] },
    RangeError,
    'covariancePrior must have 2 rows (columns of X), got 1',
  ],
  [
    'a diag covariancePrior with a variance ≤ 0',
    { covariance: 'diag', covariancePrior: [1, -1] },
    RangeError,
    'covariancePrior[1] must be > 0, got -1',
  ],
  [
    'a diag covariancePrior that is not a list',
    { covariance: 'diag', covariancePrior: 2 },
    TypeError,
    "covariancePrior for covariance 'diag' must be an array of D variances, got number",
  ],
  [
    'a spherical covariancePrior that is a list',
    { covariance: 'spherical', covariancePrior: [1, 1] },
    TypeError,
    'covariancePrior must be a number, got array',
  ],
  [
    'a spherical covariancePrior ≤ 0',
    { covariance: 'spherical', covariancePrior: 0 },
    RangeError,
    "covariancePrior for covariance 'spherical' must be a finite number > 0, got 0",
  ],
  ['prune of the wrong kind', { prune: 'yes' }, TypeError, 'prune must be a boolean, got string'],
  [
    'standardize',
    { standardize: true },
    RangeError,
    'standardize is not available for BayesianGaussianMixture: its priors are stated in the units of X (scale X before fitting instead)',
  ],
  [
    'missing of another value',
    { missing: 'drop' },
    RangeError,
    "missing must be 'error' or 'em', got 'drop'",
  ],
  [
    'responsibilities with another key',
    { init: { responsibilities: [[1]], means: [] } },
    TypeError,
    "unknown key 'means' in init; an init with responsibilities has no other keys",
  ],
  [
    'responsibilities of the wrong kind',
    { init: { responsibilities: 'uniform' } },
    TypeError,
    'init.responsibilities must be an array of rows or { data, rows, cols }, got string',
  ],
  [
    'responsibilities with too few rows',
    { init: { responsibilities: [[0.5, 0.25, 0.25]] } },
    RangeError,
    `init.responsibilities has 1 rows, but X has ${X.length}`,
  ],
  [
    'responsibilities with another K',
    { init: { responsibilities: X.map(() => [0.5, 0.5]) } },
    RangeError,
    'init.responsibilities has 2 columns, but components is 3',
  ],
  [
    'a negative responsibility',
    { init: { responsibilities: X.map((_, i) => (i === 4 ? [1.5, -0.5, 0] : [1, 0, 0])) } },
    RangeError,
    'init.responsibilities[4][1] must be ≥ 0, got -0.5',
  ],
  [
    'responsibilities not summing to 1',
    { init: { responsibilities: X.map((_, i) => (i === 2 ? [0.5, 0.25, 0.125] : [1, 0, 0])) } },
    RangeError,
    'init.responsibilities[2] sums to 0.875, not 1',
  ],
  [
    'an option of GaussianMixture.fit, checked as there',
    { maxIter: -1 },
    RangeError,
    'maxIter must be an integer ≥ 0, got -1',
  ],
];

describe('BayesianGaussianMixture.fit refuses', () => {
  it.each(CASES)('%s', async (_name, options, kind, message) => {
    await expectRejection(BayesianGaussianMixture.fit(X, { components: 3, ...options }), kind, message);
  });

  it('options that are not an object', async () => {
    await expectRejection(
      BayesianGaussianMixture.fit(X, null as never),
      TypeError,
      'options must be an object, got null',
    );
  });

  it('a warm start from a model of another K, type or weight prior', async () => {
    const model = await BayesianGaussianMixture.fit(X, { components: 3, seed: 1, maxIter: 2 });
    await expectRejection(
      BayesianGaussianMixture.fit(X, { components: 4, init: model }),
      RangeError,
      'init model has 3 components, but components is 4',
    );
    await expectRejection(
      BayesianGaussianMixture.fit(X, { components: 3, covariance: 'diag', init: model }),
      RangeError,
      "init model has covariance 'full', but covariance is 'diag'",
    );
    await expectRejection(
      BayesianGaussianMixture.fit(X, { components: 3, weightPrior: 'dirichlet-distribution', init: model }),
      RangeError,
      "init model has weightPrior 'dirichlet-process', but weightPrior is 'dirichlet-distribution'",
    );
    await expectRejection(
      BayesianGaussianMixture.fit(
        X.map((row) => [...row, 1]),
        { components: 3, init: model },
      ),
      RangeError,
      'init model has 2 features, but X has 3 columns',
    );
  });

  it('a default covariance prior from a single row', async () => {
    await expectRejection(
      BayesianGaussianMixture.fit([[1, 2]], { components: 1 }),
      RangeError,
      'covariancePrior defaults to the data covariance, which needs more than one row (total sample weight 1); give covariancePrior',
    );
  });
});

describe('a fitted model refuses', () => {
  it('rows of another width, and bad sample arguments', async () => {
    const model = await BayesianGaussianMixture.fit(X, { components: 3, seed: 1 });
    expectError(
      () => model.predict([[1, 2, 3]]),
      RangeError,
      'X has 3 columns, but the model was fitted on 2',
    );
    expectError(() => model.sample(0), RangeError, 'n must be an integer ≥ 1, got 0');
  });
});

describe('BayesianGaussianMixture.fromJSON refuses', () => {
  it.each([
    [
      'not an object',
      3,
      TypeError,
      'BayesianGaussianMixture.fromJSON: the saved model must be an object, got 3',
    ],
    [
      'not JSON text',
      '{',
      TypeError,
      "BayesianGaussianMixture.fromJSON: the string is not JSON (Expected property name or '}' in JSON at position 1)",
    ],
  ] as const)('%s', (_name, json, kind, message) => {
    expectError(() => BayesianGaussianMixture.fromJSON(json), kind, message);
  });

  it('a saved model with a field edited, missing or added', async () => {
    const saved = (await BayesianGaussianMixture.fit(X, { components: 3, seed: 1 })).toJSON();
    const edit = (change: Record<string, unknown>) => ({ ...JSON.parse(JSON.stringify(saved)), ...change });
    const { seed: _seed, ...missing } = saved;
    expectError(
      () => BayesianGaussianMixture.fromJSON(missing),
      TypeError,
      "BayesianGaussianMixture.fromJSON: missing field 'seed' in the saved model",
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ extra: 1 })),
      TypeError,
      "BayesianGaussianMixture.fromJSON: unknown field 'extra' in the saved model",
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ format: 'gmm-wasm' })),
      RangeError,
      "BayesianGaussianMixture.fromJSON: format must be 'gmm-wasm-bayesian', got 'gmm-wasm'",
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ seed: 2 ** 32 })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: seed must be at most 4294967295, got 4294967296',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ seed: -1 })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: seed must be an integer ≥ 0, got -1',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ meanPrecision: [1, 0, 1] })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: meanPrecision[1] must be > 0, got 0',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ degreesOfFreedom: [3, 3, 0.5] })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: degreesOfFreedom[2] must be > D − 1 = 1, got 0.5',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ means: [[0, 0]] })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: means has 1 entries, expected 3',
    );
    expectError(
      () =>
        BayesianGaussianMixture.fromJSON(
          edit({
            covariances: [
              [
                [1, 0],
                [0, 1],
              ],
              [
                [1, 2],
                [2, 1],
              ],
              [
                [1, 0],
                [0, 1],
              ],
            ],
          }),
        ),
      RangeError,
      'BayesianGaussianMixture.fromJSON: covariances[1] is not positive definite',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ history: [] })),
      RangeError,
      `BayesianGaussianMixture.fromJSON: history has 0 entries, expected ${saved.iterations}`,
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ priors: { ...saved.priors, weightPrior: 'uniform' } })),
      RangeError,
      "BayesianGaussianMixture.fromJSON: priors.weightPrior must be 'dirichlet-process' or 'dirichlet-distribution', got 'uniform'",
    );
  });

  it('with the field readers of GaussianMixture.fromJSON: entries, long strings, hostile shapes', async () => {
    const saved = (await BayesianGaussianMixture.fit(X, { components: 3, seed: 1 })).toJSON();
    const edit = (change: Record<string, unknown>) => ({ ...JSON.parse(JSON.stringify(saved)), ...change });
    expectError(
      () =>
        BayesianGaussianMixture.fromJSON(
          edit({
            means: [
              [0, 0],
              [0, 'x'],
              [0, 0],
            ],
          }),
        ),
      TypeError,
      "BayesianGaussianMixture.fromJSON: means[1][1] must be a finite number, got 'x'",
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ meanPrecision: [1, null, 1] })),
      TypeError,
      'BayesianGaussianMixture.fromJSON: meanPrecision[1] must be a finite number, got null',
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ format: 'g'.repeat(100) })),
      RangeError,
      `BayesianGaussianMixture.fromJSON: format must be 'gmm-wasm-bayesian', got '${'g'.repeat(40)}…' (100 characters)`,
    );
    // A shape from the file is checked against the arrays there before anything is allocated.
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ components: 2 ** 40 })),
      RangeError,
      `BayesianGaussianMixture.fromJSON: weightConcentration[0] has 3 entries, expected ${2 ** 40}`,
    );
    expectError(
      () => BayesianGaussianMixture.fromJSON(edit({ iterations: 2 ** 53 })),
      RangeError,
      'BayesianGaussianMixture.fromJSON: iterations must be at most 2^53 − 1, got 9007199254740992',
    );
  });
});
