import { describe, expect, it } from 'vitest';
import type { DenseMatrix, ExplicitStart } from '../src/types';
import { checkColumns, describeKind, readMatrix, resolveFitOptions } from '../src/validate';

type ErrorClass = typeof TypeError | typeof RangeError;

/** vitest's `toThrow(new RangeError(...))` compares messages only; this also checks the class. */
function expectThrows(run: () => unknown, kind: ErrorClass, message: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(kind);
  expect((thrown as Error).message).toBe(message);
}

const X3x2 = readMatrix([
  [1, 2],
  [3, 4],
  [5, 7],
]);
const X3x3 = readMatrix([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 10],
]);

function explicitStart(init: unknown, X: DenseMatrix = X3x2): ExplicitStart {
  const { init: start } = resolveFitOptions({ components: 2, init }, X);
  if (typeof start === 'string') throw new Error(`expected an explicit start, got '${start}'`);
  return start;
}

describe('readMatrix accepts every Matrix form', () => {
  it('copies number[][] into row-major f64', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(readMatrix(X)).toEqual({ data: new Float64Array([1, 2, 3, 4, 5, 6]), rows: 2, cols: 3 });
  });

  it('copies Float64Array and Float32Array rows, also mixed', () => {
    const X = [new Float64Array([0.1, 2]), new Float32Array([0.1, 4]), [5, 6]];
    const { data, rows, cols } = readMatrix(X);
    expect([rows, cols]).toEqual([3, 2]);
    expect(Array.from(data)).toEqual([0.1, 2, Math.fround(0.1), 4, 5, 6]);
  });

  it('aliases a flat Float64Array instead of copying it', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const X = readMatrix({ data, rows: 3, cols: 2 });
    expect(X.data).toBe(data);
    expect([X.rows, X.cols]).toEqual([3, 2]);
  });

  it('copies a flat number[] and a flat Float32Array', () => {
    const fromArray = readMatrix({ data: [1, 2, 3, 4], rows: 2, cols: 2 });
    expect(fromArray.data).toEqual(new Float64Array([1, 2, 3, 4]));
    const f32 = new Float32Array([0.1, 0.2]);
    const fromF32 = readMatrix({ data: f32, rows: 1, cols: 2 });
    expect(fromF32.data).toBeInstanceOf(Float64Array);
    expect(Array.from(fromF32.data)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });

  it('accepts a single value', () => {
    expect(readMatrix([[-0.5]])).toEqual({ data: new Float64Array([-0.5]), rows: 1, cols: 1 });
  });

  it('never mutates its input', () => {
    const rows = [[1, 2], new Float64Array([3, 4]), new Float32Array([5, 6])];
    const flat = { data: [1, 2, 3, 4], rows: 2, cols: 2 };
    const before = structuredClone({ rows, flat });
    readMatrix(rows);
    readMatrix(flat);
    expect({ rows, flat }).toEqual(before);
  });

  it('validates a 1e6 × 32 flat Float64Array, and finds a NaN in its last entry', () => {
    const rows = 1_000_000;
    const data = new Float64Array(rows * 32).fill(0.5);
    expect(readMatrix({ data, rows, cols: 32 }).rows).toBe(rows);
    data[data.length - 1] = Number.NaN;
    expectThrows(() => readMatrix({ data, rows, cols: 32 }), RangeError, 'X[999999][31] is NaN');
  });
});

describe('readMatrix refuses', () => {
  const matrixKind = (kind: string) => `X must be an array of rows or { data, rows, cols }, got ${kind}`;
  const data = (length: number) => new Float64Array(length);
  it.each<[string, unknown, ErrorClass, string]>([
    ['a string', 'abc', TypeError, matrixKind('string')],
    ['a number', 5, TypeError, matrixKind('number')],
    ['null', null, TypeError, matrixKind('null')],
    ['undefined', undefined, TypeError, matrixKind('undefined')],
    ['a boolean', true, TypeError, matrixKind('boolean')],
    ['a function', () => 0, TypeError, matrixKind('function')],
    ['an object without cols', { data: [1], rows: 1 }, TypeError, matrixKind('object')],
    ['a bare typed array', data(4), TypeError, matrixKind('Float64Array')],
    ['a row that is a string', [[1], 'x'], TypeError, 'row 1 of X must be an array of numbers, got string'],
    ['a null row', [null], TypeError, 'row 0 of X must be an array of numbers, got null'],
    [
      'an Int32Array row',
      [new Int32Array(2)],
      TypeError,
      'row 0 of X must be an array of numbers, got Int32Array',
    ],
    ['no rows', [], RangeError, 'X is empty: it needs at least one row'],
    ['no columns', [[], []], RangeError, 'X has no columns: rows need at least one value'],
    ['ragged rows', [[1, 2], [3, 4], [5]], RangeError, 'row 2 has 1 columns, expected 2'],
    ['a longer typed row', [[1], data(2)], RangeError, 'row 1 has 2 columns, expected 1'],
    ['a string entry', [[1, '2']], TypeError, 'X[0][1] is a string, expected a number'],
    [
      'an undefined entry',
      [
        [1, 2],
        [3, undefined],
      ],
      TypeError,
      'X[1][1] is a undefined, expected a number',
    ],
    ['a null entry', [[null]], TypeError, 'X[0][0] is a object, expected a number'],
    [
      'NaN',
      [
        [1, 2],
        [3, Number.NaN],
      ],
      RangeError,
      'X[1][1] is NaN',
    ],
    ['Infinity', [[Number.POSITIVE_INFINITY]], RangeError, 'X[0][0] is Infinity'],
    ['-Infinity', [[1, Number.NEGATIVE_INFINITY]], RangeError, 'X[0][1] is -Infinity'],
    ['NaN in a Float64Array row', [[1, 2], new Float64Array([0, Number.NaN])], RangeError, 'X[1][1] is NaN'],
    ['Infinity in a Float32Array row', [new Float32Array([1 / 0, 0])], RangeError, 'X[0][0] is Infinity'],
    [
      'the first bad value, row-major',
      [
        [1, 1 / 0],
        [Number.NaN, 'a'],
      ],
      RangeError,
      'X[0][1] is Infinity',
    ],
    [
      'rows of the wrong kind',
      { data: data(2), rows: '2', cols: 1 },
      TypeError,
      'X.rows must be a number, got string',
    ],
    ['zero rows', { data: data(0), rows: 0, cols: 1 }, RangeError, 'X.rows must be an integer ≥ 1, got 0'],
    [
      'fractional rows',
      { data: data(3), rows: 1.5, cols: 2 },
      RangeError,
      'X.rows must be an integer ≥ 1, got 1.5',
    ],
    [
      'NaN rows',
      { data: data(1), rows: Number.NaN, cols: 1 },
      RangeError,
      'X.rows must be an integer ≥ 1, got NaN',
    ],
    [
      'cols of the wrong kind',
      { data: data(2), rows: 2, cols: null },
      TypeError,
      'X.cols must be a number, got null',
    ],
    [
      'negative cols',
      { data: data(2), rows: 2, cols: -1 },
      RangeError,
      'X.cols must be an integer ≥ 1, got -1',
    ],
    [
      'infinite cols',
      { data: data(2), rows: 1, cols: 1 / 0 },
      RangeError,
      'X.cols must be an integer ≥ 1, got Infinity',
    ],
    [
      'data of the wrong kind',
      { data: 'abc', rows: 1, cols: 3 },
      TypeError,
      'X.data must be a Float64Array, Float32Array or number[], got string',
    ],
    [
      'data as an Int32Array',
      { data: new Int32Array(3), rows: 1, cols: 3 },
      TypeError,
      'X.data must be a Float64Array, Float32Array or number[], got Int32Array',
    ],
    [
      'data of the wrong length',
      { data: data(5), rows: 2, cols: 3 },
      RangeError,
      'X.data has length 5, expected rows × cols = 2×3 = 6',
    ],
    [
      'NaN in flat data',
      { data: new Float64Array([0, 1, 2, 3, Number.NaN, 5]), rows: 2, cols: 3 },
      RangeError,
      'X[1][1] is NaN',
    ],
    [
      'a string in flat data',
      { data: [0, 1, '2'], rows: 1, cols: 3 },
      TypeError,
      'X[0][2] is a string, expected a number',
    ],
    [
      'Infinity in flat data',
      { data: [0, 1, 2, 1 / 0], rows: 2, cols: 2 },
      RangeError,
      'X[1][1] is Infinity',
    ],
    [
      '-Infinity in flat f32 data',
      { data: new Float32Array([-1 / 0]), rows: 1, cols: 1 },
      RangeError,
      'X[0][0] is -Infinity',
    ],
  ])('%s', (_case, X, kind, message) => {
    expectThrows(() => readMatrix(X), kind, message);
  });

  it('names the matrix as asked', () => {
    expectThrows(
      () => readMatrix(1, 'Y'),
      TypeError,
      'Y must be an array of rows or { data, rows, cols }, got number',
    );
    expectThrows(() => readMatrix([[1], [Number.NaN]], 'Y'), RangeError, 'Y[1][0] is NaN');
    expectThrows(
      () => readMatrix({ data: [1], rows: 2, cols: 1 }, 'Y'),
      RangeError,
      'Y.data has length 1, expected rows × cols = 2×1 = 2',
    );
  });
});

describe('checkColumns', () => {
  it('passes a matching matrix and names the mismatch otherwise', () => {
    expect(() => checkColumns(X3x2, 2)).not.toThrow();
    expectThrows(() => checkColumns(X3x2, 3), RangeError, 'X has 2 columns, but the model was fitted on 3');
    expectThrows(
      () => checkColumns(X3x3, 2, 'Y'),
      RangeError,
      'Y has 3 columns, but the model was fitted on 2',
    );
  });
});

describe('describeKind', () => {
  it.each<[unknown, string]>([
    ['s', 'string'],
    [1, 'number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{}, 'object'],
    [false, 'boolean'],
    [() => 0, 'function'],
    [[], 'array'],
    [new Uint8Array(1), 'Uint8Array'],
  ])('%o is %s', (value, kind) => {
    expect(describeKind(value)).toBe(kind);
  });
});

describe('resolveFitOptions fills defaults and keeps what is given', () => {
  it('fills every default from the API table', () => {
    const { seed, ...rest } = resolveFitOptions({ components: 2 }, X3x2);
    expect(rest).toEqual({
      components: 2,
      covariance: 'full',
      init: 'random',
      restarts: 1,
      maxIter: 100,
      tol: 1e-3,
      regCovar: 1e-6,
      standardize: false,
      onIteration: undefined,
      signal: undefined,
    });
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
  });

  it('treats undefined as absent: { seed: undefined } gets a random uint32', () => {
    const resolved = resolveFitOptions(
      { components: 1, seed: undefined, tol: undefined, init: undefined },
      X3x2,
    );
    expect(Number.isInteger(resolved.seed) && resolved.seed >= 0 && resolved.seed <= 0xffffffff).toBe(true);
    expect([resolved.tol, resolved.init]).toEqual([1e-3, 'random']);
  });

  it('keeps every given value and returns a frozen object', () => {
    const onIteration = () => {};
    const { signal } = new AbortController();
    const options = Object.freeze({
      components: 3,
      covariance: 'full',
      init: 'kmeans++',
      restarts: 4,
      maxIter: 0,
      tol: 0,
      regCovar: 0,
      seed: 4294967295,
      standardize: true,
      onIteration,
      signal,
      workers: 0,
    });
    const resolved = resolveFitOptions(options, X3x2);
    expect(resolved).toEqual({ ...options, workers: undefined });
    expect(resolved.onIteration).toBe(onIteration);
    expect(resolved.signal).toBe(signal);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveFitOptions({ components: 1, seed: 0 }, X3x2).seed).toBe(0);
  });

  it('accepts a duck-typed AbortSignal', () => {
    const signal = { aborted: false, addEventListener() {} };
    expect(resolveFitOptions({ components: 1, signal }, X3x2).signal).toBe(signal);
  });
});

describe('resolveFitOptions refuses', () => {
  const k2 = (options: object) => ({ components: 2, ...options });
  const unavailable = (what: string) => `${what} is not available in this version of gmm-wasm`;
  it.each<[string, unknown, ErrorClass, string]>([
    ['undefined options', undefined, TypeError, 'options must be an object, got undefined'],
    ['null options', null, TypeError, 'options must be an object, got null'],
    ['numeric options', 2, TypeError, 'options must be an object, got number'],
    ['array options', [2], TypeError, 'options must be an object, got array'],
    [
      'an option in snake case',
      k2({ max_iter: 5 }),
      TypeError,
      "unknown option 'max_iter'; did you mean 'maxIter'?",
    ],
    [
      'an option in the wrong case',
      k2({ Seed: 1 }),
      TypeError,
      "unknown option 'Seed'; did you mean 'seed'?",
    ],
    [
      'n_components',
      { n_components: 2 },
      TypeError,
      "unknown option 'n_components'; did you mean 'components'?",
    ],
    ['a far-off option', k2({ covarianceType: 'full' }), TypeError, "unknown option 'covarianceType'"],
    ['no components', {}, TypeError, 'options.components is required: the number of mixture components'],
    [
      'undefined components',
      { components: undefined },
      TypeError,
      'options.components is required: the number of mixture components',
    ],
    ['string components', { components: '2' }, TypeError, 'components must be a number, got string'],
    ['zero components', { components: 0 }, RangeError, 'components must be an integer ≥ 1, got 0'],
    ['fractional components', { components: 1.5 }, RangeError, 'components must be an integer ≥ 1, got 1.5'],
    ['NaN components', { components: Number.NaN }, RangeError, 'components must be an integer ≥ 1, got NaN'],
    [
      'infinite components',
      { components: 1 / 0 },
      RangeError,
      'components must be an integer ≥ 1, got Infinity',
    ],
    [
      'more components than rows',
      { components: 4 },
      RangeError,
      'components (4) exceeds the number of rows (3)',
    ],
    ['zero restarts', k2({ restarts: 0 }), RangeError, 'restarts must be an integer ≥ 1, got 0'],
    ['string restarts', k2({ restarts: '1' }), TypeError, 'restarts must be a number, got string'],
    ['negative maxIter', k2({ maxIter: -1 }), RangeError, 'maxIter must be an integer ≥ 0, got -1'],
    ['fractional maxIter', k2({ maxIter: 2.5 }), RangeError, 'maxIter must be an integer ≥ 0, got 2.5'],
    ['negative tol', k2({ tol: -1 }), RangeError, 'tol must be a finite number ≥ 0, got -1'],
    ['NaN tol', k2({ tol: Number.NaN }), RangeError, 'tol must be a finite number ≥ 0, got NaN'],
    ['infinite tol', k2({ tol: 1 / 0 }), RangeError, 'tol must be a finite number ≥ 0, got Infinity'],
    [
      'negative regCovar',
      k2({ regCovar: -1e-6 }),
      RangeError,
      'regCovar must be a finite number ≥ 0, got -0.000001',
    ],
    ['null regCovar', k2({ regCovar: null }), TypeError, 'regCovar must be a number, got null'],
    ['negative seed', k2({ seed: -1 }), RangeError, 'seed must be an integer from 0 to 4294967295, got -1'],
    [
      'seed 2^32',
      k2({ seed: 2 ** 32 }),
      RangeError,
      'seed must be an integer from 0 to 4294967295, got 4294967296',
    ],
    [
      'fractional seed',
      k2({ seed: 0.5 }),
      RangeError,
      'seed must be an integer from 0 to 4294967295, got 0.5',
    ],
    ['string seed', k2({ seed: '7' }), TypeError, 'seed must be a number, got string'],
    [
      'string standardize',
      k2({ standardize: 'yes' }),
      TypeError,
      'standardize must be a boolean, got string',
    ],
    ['numeric standardize', k2({ standardize: 1 }), TypeError, 'standardize must be a boolean, got number'],
    ['numeric onIteration', k2({ onIteration: 5 }), TypeError, 'onIteration must be a function, got number'],
    ['a plain object signal', k2({ signal: {} }), TypeError, 'signal must be an AbortSignal, got object'],
    ['a boolean signal', k2({ signal: true }), TypeError, 'signal must be an AbortSignal, got boolean'],
    ['numeric covariance', k2({ covariance: 3 }), TypeError, 'covariance must be a string, got number'],
    [
      'an unknown covariance',
      k2({ covariance: 'FULL' }),
      RangeError,
      "covariance must be one of 'full', 'diag', 'spherical', 'tied', got 'FULL'",
    ],
    ['diag', k2({ covariance: 'diag' }), RangeError, `${unavailable("covariance 'diag'")}; use 'full'`],
    [
      'spherical',
      k2({ covariance: 'spherical' }),
      RangeError,
      `${unavailable("covariance 'spherical'")}; use 'full'`,
    ],
    ['tied', k2({ covariance: 'tied' }), RangeError, `${unavailable("covariance 'tied'")}; use 'full'`],
    [
      'numeric init',
      k2({ init: 5 }),
      TypeError,
      'init must be a string or { weights, means, covariances }, got number',
    ],
    [
      'null init',
      k2({ init: null }),
      TypeError,
      'init must be a string or { weights, means, covariances }, got null',
    ],
    [
      'array init',
      k2({ init: [] }),
      TypeError,
      'init must be a string or { weights, means, covariances }, got array',
    ],
    [
      'an unknown init',
      k2({ init: 'k-means' }),
      RangeError,
      "init must be one of 'random', 'kmeans++', 'kmeans', 'random-from-data' or explicit { weights, means, covariances }, got 'k-means'",
    ],
    [
      'kmeans',
      k2({ init: 'kmeans' }),
      RangeError,
      `${unavailable("init 'kmeans'")}; use 'random', 'kmeans++' or explicit parameters`,
    ],
    [
      'random-from-data',
      k2({ init: 'random-from-data' }),
      RangeError,
      `${unavailable("init 'random-from-data'")}; use 'random', 'kmeans++' or explicit parameters`,
    ],
    [
      'a fitted model as init',
      k2({ init: { weights: [0.5, 0.5], toJSON: () => ({}) } }),
      RangeError,
      `${unavailable('init from a fitted GaussianMixture')}; pass { weights, means, covariances }`,
    ],
    ['sampleWeight', k2({ sampleWeight: [1, 1, 1] }), RangeError, unavailable('sampleWeight')],
    ['workers ≥ 1', k2({ workers: 2 }), RangeError, `${unavailable('workers')}; use 0`],
    ['negative workers', k2({ workers: -1 }), RangeError, 'workers must be an integer ≥ 0, got -1'],
    ['string workers', k2({ workers: '2' }), TypeError, 'workers must be a number, got string'],
  ])('%s', (_case, options, kind, message) => {
    expectThrows(() => resolveFitOptions(options, X3x2), kind, message);
  });
});

describe('explicit init', () => {
  const means = [
    [1, 2],
    [5, 7],
  ];
  const identity = [
    [1, 0],
    [0, 1],
  ];

  it('flattens means, makes weights uniform and leaves covariances to the initialiser', () => {
    const start = explicitStart({ means: [new Float64Array([1, 2]), new Float32Array([5, 7])] });
    expect(start).toEqual({
      weights: new Float64Array([0.5, 0.5]),
      means: new Float64Array([1, 2, 5, 7]),
      covariances: undefined,
    });
  });

  it('renormalises weights to sum to 1 and flattens covariances', () => {
    const weights = [0.3, 0.7000005];
    const covariances = [
      identity,
      [
        [2, 1],
        [1, 2],
      ],
    ];
    const start = explicitStart({ weights, means, covariances });
    expect(start.weights.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 15);
    expect((start.weights[1] as number) / (start.weights[0] as number)).toBeCloseTo(0.7000005 / 0.3, 12);
    expect(start.covariances).toEqual(new Float64Array([1, 0, 0, 1, 2, 1, 1, 2]));
    expect(weights).toEqual([0.3, 0.7000005]);
  });

  it('accepts asymmetry within 1e-10 of the largest entry, and 3×3 positive definite matrices', () => {
    const nearlySymmetric = [
      [1e6, 1e-5],
      [0, 1e6],
    ];
    expect(explicitStart({ means, covariances: [identity, nearlySymmetric] }).covariances?.[1]).toBe(1e-5);
    const spd = [
      [4, 2, 0.6],
      [2, 2, 0.4],
      [0.6, 0.4, 3],
    ];
    const means3 = [
      [0, 0, 0],
      [1, 1, 1],
    ];
    expect(explicitStart({ means: means3, covariances: [spd, spd] }, X3x3).covariances).toHaveLength(18);
  });

  it.each<[string, object, ErrorClass, string]>([
    [
      'an unknown key',
      { means, mean: means },
      TypeError,
      "unknown key 'mean' in init; expected weights, means, covariances",
    ],
    [
      'no means',
      { weights: [0.5, 0.5] },
      TypeError,
      'init.means is required: 2 rows (components) of 2 values',
    ],
    ['means of the wrong kind', { means: 'x' }, TypeError, 'init.means must be an array, got string'],
    ['too few means', { means: [[1, 2]] }, RangeError, 'init.means must have 2 rows (components), got 1'],
    [
      'a mean of the wrong kind',
      { means: [1, 2] },
      TypeError,
      'init.means[0] must be an array of numbers, got number',
    ],
    [
      'a mean of the wrong length',
      {
        means: [
          [1, 2],
          [3, 4, 5],
        ],
      },
      RangeError,
      'init.means[1] has 3 values, expected 2 (columns of X)',
    ],
    [
      'a NaN mean',
      {
        means: [
          [1, 2],
          [Number.NaN, 4],
        ],
      },
      RangeError,
      'init.means[1][0] is NaN',
    ],
    [
      'a string in a mean',
      {
        means: [
          [1, '2'],
          [3, 4],
        ],
      },
      TypeError,
      'init.means[0][1] is a string, expected a number',
    ],
    [
      'weights of the wrong kind',
      { means, weights: 'x' },
      TypeError,
      'init.weights must be an array of numbers, got string',
    ],
    [
      'too many weights',
      { means, weights: [0.2, 0.3, 0.5] },
      RangeError,
      'init.weights has 3 values, expected 2 (components)',
    ],
    [
      'a negative weight',
      { means, weights: [-0.5, 1.5] },
      RangeError,
      'init.weights[0] must be ≥ 0, got -0.5',
    ],
    ['a NaN weight', { means, weights: [1, Number.NaN] }, RangeError, 'init.weights[1] is NaN'],
    [
      'weights not summing to 1',
      { means, weights: [0.25, 0.5] },
      RangeError,
      'init.weights must sum to 1, got 0.75',
    ],
    [
      'too few covariances',
      { means, covariances: [identity] },
      RangeError,
      'init.covariances must have 2 matrices (components), got 1',
    ],
    [
      'a covariance with too many rows',
      {
        means,
        covariances: [
          identity,
          [
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      RangeError,
      'init.covariances[1] must have 2 rows (columns of X), got 3',
    ],
    [
      'a covariance row of the wrong length',
      { means, covariances: [[[1, 0], [1]], identity] },
      RangeError,
      'init.covariances[0][1] has 1 values, expected 2 (columns of X)',
    ],
    [
      'an infinite covariance entry',
      {
        means,
        covariances: [
          [
            [1 / 0, 0],
            [0, 1],
          ],
          identity,
        ],
      },
      RangeError,
      'init.covariances[0][0][0] is Infinity',
    ],
    [
      'an asymmetric covariance',
      {
        means,
        covariances: [
          identity,
          [
            [1, 0.5],
            [0.4, 1],
          ],
        ],
      },
      RangeError,
      'init.covariances[1] is not symmetric: [0][1] = 0.5 but [1][0] = 0.4',
    ],
    [
      'an indefinite covariance',
      {
        means,
        covariances: [
          [
            [1, 2],
            [2, 1],
          ],
          identity,
        ],
      },
      RangeError,
      'init.covariances[0] is not positive definite',
    ],
    [
      'a zero covariance',
      {
        means,
        covariances: [
          identity,
          [
            [0, 0],
            [0, 0],
          ],
        ],
      },
      RangeError,
      'init.covariances[1] is not positive definite',
    ],
  ])('refuses %s', (_case, init, kind, message) => {
    expectThrows(() => explicitStart(init), kind, message);
  });

  it('refuses a singular 3×3 covariance found only at the last pivot', () => {
    const singular = [
      [2, 1, 3],
      [1, 2, 3],
      [3, 3, 6],
    ];
    const means3 = [
      [0, 0, 0],
      [1, 1, 1],
    ];
    expectThrows(
      () => explicitStart({ means: means3, covariances: [singular, singular] }, X3x3),
      RangeError,
      'init.covariances[0] is not positive definite',
    );
  });
});
