/**
 * The library's error classes: a numerical failure is a `NumericalFailureError` that names the
 * component, the iteration and the remedy in fields as well as in words; a validation error names its
 * option in the field `option`; `selectModel` records only numerical failures as failed candidates.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture, NumericalFailureError, type OptionError, selectModel } from '../src/index';

// Five distinct points, each repeated 20 times: with regCovar 0, five components end up on one point
// each with a zero covariance, which no re-seed can cure.
const POINTS = [
  [0, 0],
  [4, 1],
  [1, 5],
  [6, 6],
  [3, 3],
];
const X = POINTS.flatMap((p) => Array.from({ length: 20 }, () => p));
const FAILING = { components: 5, regCovar: 0, init: 'kmeans', seed: 1 } as const;
const REMEDY = 'increase regCovar (now 0), reduce components (now 5) or set standardize: true';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('NumericalFailureError', () => {
  it('names the component, the iteration and the remedy its message states', async () => {
    const error = await rejection(GaussianMixture.fit(X, FAILING));
    expect(error).toBeInstanceOf(NumericalFailureError);
    expect(error).toBeInstanceOf(Error);
    const failure = error as NumericalFailureError;
    expect(failure.name).toBe('NumericalFailureError');
    expect(String(failure)).toBe(`NumericalFailureError: ${failure.message}`);
    const match =
      /^the covariance of component (\d) is not positive definite after iteration (\d+) even after 10 re-seeds; (.*)$/.exec(
        failure.message,
      );
    expect(match).not.toBeNull();
    const [, component, iteration, advice] = match as unknown as [string, string, string, string];
    expect(failure.component).toBe(Number(component));
    expect(failure.iteration).toBe(Number(iteration));
    expect(advice).toBe(REMEDY);
    expect(failure.remedy).toBe(REMEDY);
    expect(Object.keys(failure).sort()).toEqual(['component', 'iteration', 'remedy']);
  });

  it('a tied covariance blames no one component', async () => {
    const line = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    const error = (await rejection(
      GaussianMixture.fit(line, { components: 1, covariance: 'tied', regCovar: 0, seed: 1 }),
    )) as NumericalFailureError;
    expect(error).toBeInstanceOf(NumericalFailureError);
    expect(error.message).toBe(
      'the tied covariance is not positive definite after iteration 1; increase regCovar (now 0) or set standardize: true',
    );
    expect(error.component).toBeUndefined();
    expect(error.iteration).toBe(1);
    expect(error.remedy).toBe('increase regCovar (now 0) or set standardize: true');
  });

  it('data beyond a double’s range fail with the remedy in a field, no component and no iteration', async () => {
    const error = (await rejection(
      GaussianMixture.fit([[1e200], [-1e200]], { components: 1 }),
    )) as NumericalFailureError;
    expect(error).toBeInstanceOf(NumericalFailureError);
    expect(error.remedy).toBe('rescale the data or set standardize: true');
    expect(error.message.endsWith(`; ${error.remedy}`)).toBe(true);
    expect(error.component).toBeUndefined();
    expect(error.iteration).toBeUndefined();
  });
});

describe('selectModel rules out a candidate only for a numerical failure', () => {
  it('records the failing candidate as a row with its error', async () => {
    const { table } = await selectModel(X, { ...FAILING, components: [1, 5] });
    expect(table.map((row) => row.error === undefined)).toEqual([true, false]);
  });

  it('any other error (here a progress callback that throws) rejects the selection at once', async () => {
    const stop = new Error('stop here');
    let calls = 0;
    const error = await rejection(
      selectModel(X, {
        components: [1, 2],
        seed: 1,
        onIteration: () => {
          calls++;
          throw stop;
        },
      }),
    );
    expect(error).toBe(stop);
    expect(calls).toBe(1);
  });
});

describe('validation errors carry the option they are about', () => {
  const rows = [
    [0, 1],
    [2, 3],
    [4, 6],
    [7, 7],
  ];
  it.each([
    ['maxIter', { components: 2, maxIter: -1 }, RangeError, 'maxIter must be an integer ≥ 0, got -1'],
    ['tol', { components: 2, tol: '1' }, TypeError, 'tol must be a number, got string'],
    [
      'seed',
      { components: 2, seed: 2 ** 32 },
      RangeError,
      'seed must be an integer from 0 to 4294967295, got 4294967296',
    ],
    ['components', { components: 5 }, RangeError, 'components (5) exceeds the number of rows (4)'],
    ['covariance', { components: 2, covariance: 'round' }, RangeError, undefined],
    [
      'init',
      { components: 2, init: { means: [[1, 2]] } },
      RangeError,
      'init.means must have 2 rows (components), got 1',
    ],
    // Raised while reading the weights, but about K.
    [
      'components',
      { components: 2, sampleWeight: [0, 0, 0, 1] },
      RangeError,
      'components (2) exceeds the number of rows with positive weight (1)',
    ],
    [
      'maxiter',
      { components: 2, maxiter: 5 },
      TypeError,
      "unknown option 'maxiter'; did you mean 'maxIter'?",
    ],
  ] as const)('%s', async (option, options, kind, message) => {
    const error = (await rejection(GaussianMixture.fit(rows, options as never))) as OptionError;
    expect(error.constructor).toBe(kind);
    if (message !== undefined) expect(error.message).toBe(message);
    expect(error.option).toBe(option);
  });

  it('selectModel’s lists and criterion, and every candidate’s options', async () => {
    const cases: [object, string][] = [
      [{ components: [] }, 'components'],
      [{ components: [1], covariance: 'full' }, 'covariance'],
      [{ components: [1], criterion: 'aicc' }, 'criterion'],
      [{ components: [1, 0] }, 'components'],
      [{ components: [1], restarts: 0 }, 'restarts'],
    ];
    for (const [options, option] of cases) {
      const error = (await rejection(selectModel(rows, options as never))) as OptionError;
      expect(error).toBeInstanceOf(Error);
      expect([error.message, error.option]).toEqual([error.message, option]);
    }
  });

  it('sample’s seed', async () => {
    const model = await GaussianMixture.fit(rows, { components: 1, seed: 1 });
    const error = thrownBy(() => model.sample(2, { seed: -1 })) as OptionError;
    expect(error.message).toBe('seed must be an integer from 0 to 4294967295, got -1');
    expect(error.option).toBe('seed');
  });

  it('errors about X or a saved model name no option', async () => {
    const error = (await rejection(GaussianMixture.fit([[1, Number.NaN]], { components: 1 }))) as OptionError;
    expect(error.message).toBe('X[0][1] is NaN');
    expect(error.option).toBeUndefined();
    const saved = thrownBy(() => GaussianMixture.fromJSON({})) as OptionError;
    expect(saved).toBeInstanceOf(TypeError);
    expect(saved.option).toBeUndefined();
  });
});
