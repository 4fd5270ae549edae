import { describe, expect, it } from 'vitest';
import type { DenseMatrix, ExplicitStart } from '../src/internal-types';
import type { CovarianceType } from '../src/types';
import { checkColumns, describeKind, readMatrix, resolveFitOptions } from '../src/validate/index';
import { expectAllClose } from './helpers';

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

/** A 2×2 matrix from its entries, row by row. */
const m2 = (a: number, b: number, c: number, d: number) => [
  [a, b],
  [c, d],
];
const identity = m2(1, 0, 0, 1);

function explicitStart(
  init: unknown,
  covariance: CovarianceType = 'full',
  X: DenseMatrix = X3x2,
): ExplicitStart {
  const { init: start } = resolveFitOptions({ components: 2, covariance, init }, X);
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

  it('copies a flat number[], and aliases a flat Float32Array (kept f32, not widened)', () => {
    const fromArray = readMatrix({ data: [1, 2, 3, 4], rows: 2, cols: 2 });
    expect(fromArray.data).toEqual(new Float64Array([1, 2, 3, 4]));
    const f32 = new Float32Array([0.1, 0.2]);
    const fromF32 = readMatrix({ data: f32, rows: 1, cols: 2 });
    expect(fromF32.data).toBe(f32);
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
  const f64 = (length: number) => new Float64Array(length);
  // Each case: the literal message, its class, and an input that must produce it.
  it.each<[string, ErrorClass, unknown]>([
    ['X must be an array of rows or { data, rows, cols }, got string', TypeError, 'abc'],
    ['X must be an array of rows or { data, rows, cols }, got number', TypeError, 5],
    ['X must be an array of rows or { data, rows, cols }, got null', TypeError, null],
    ['X must be an array of rows or { data, rows, cols }, got undefined', TypeError, undefined],
    ['X must be an array of rows or { data, rows, cols }, got boolean', TypeError, true],
    ['X must be an array of rows or { data, rows, cols }, got function', TypeError, () => 0],
    ['X must be an array of rows or { data, rows, cols }, got object', TypeError, { data: [1], rows: 1 }],
    ['X must be an array of rows or { data, rows, cols }, got Float64Array', TypeError, f64(4)],
    ['row 1 of X must be an array of numbers, got string', TypeError, [[1], 'x']],
    ['row 0 of X must be an array of numbers, got null', TypeError, [null]],
    ['row 0 of X must be an array of numbers, got Int32Array', TypeError, [new Int32Array(2)]],
    ['X is empty: it needs at least one row', RangeError, []],
    ['X has no columns: rows need at least one value', RangeError, [[], []]],
    ['row 2 has 1 columns, expected 2', RangeError, [[1, 2], [3, 4], [5]]],
    ['row 1 has 2 columns, expected 1', RangeError, [[1], f64(2)]],
    ['X[0][1] is a string, expected a number', TypeError, [[1, '2']]],
    ['X[1][0] is undefined, expected a number', TypeError, [[1], [undefined]]],
    ['X[0][0] is null, expected a number', TypeError, [[null]]],
    ['X[1][0] is NaN', RangeError, [[1], [Number.NaN]]],
    ['X[0][0] is Infinity', RangeError, [[Number.POSITIVE_INFINITY]]],
    ['X[0][1] is -Infinity', RangeError, [[1, Number.NEGATIVE_INFINITY]]],
    ['X[1][1] is NaN', RangeError, [[1, 2], new Float64Array([0, Number.NaN])]],
    ['X[0][0] is Infinity', RangeError, [new Float32Array([1 / 0, 0])]],
    [
      'X[0][1] is Infinity',
      RangeError,
      [
        [1, 1 / 0],
        [Number.NaN, 'a', 3],
      ],
    ],
    ['X.rows must be a number, got string', TypeError, { data: f64(2), rows: '2', cols: 1 }],
    ['X.rows must be an integer ≥ 1, got 0', RangeError, { data: f64(0), rows: 0, cols: 1 }],
    ['X.rows must be an integer ≥ 1, got 1.5', RangeError, { data: f64(3), rows: 1.5, cols: 2 }],
    ['X.rows must be an integer ≥ 1, got NaN', RangeError, { data: f64(1), rows: Number.NaN, cols: 1 }],
    ['X.cols must be a number, got null', TypeError, { data: f64(2), rows: 2, cols: null }],
    ['X.cols must be an integer ≥ 1, got -1', RangeError, { data: f64(2), rows: 2, cols: -1 }],
    ['X.cols must be an integer ≥ 1, got Infinity', RangeError, { data: f64(2), rows: 1, cols: 1 / 0 }],
    [
      'X.data must be a Float64Array, Float32Array or number[], got string',
      TypeError,
      { data: 'abc', rows: 1, cols: 3 },
    ],
    [
      'X.data must be a Float64Array, Float32Array or number[], got Int32Array',
      TypeError,
      { data: new Int32Array(3), rows: 1, cols: 3 },
    ],
    ['X.data has length 5, expected rows × cols = 2×3 = 6', RangeError, { data: f64(5), rows: 2, cols: 3 }],
    ['X[1][1] is NaN', RangeError, { data: new Float64Array([0, 1, 2, 3, Number.NaN, 5]), rows: 2, cols: 3 }],
    ['X[0][2] is a string, expected a number', TypeError, { data: [0, 1, '2'], rows: 1, cols: 3 }],
    ['X[1][1] is Infinity', RangeError, { data: [0, 1, 2, 1 / 0], rows: 2, cols: 2 }],
    ['X[0][0] is -Infinity', RangeError, { data: new Float32Array([-1 / 0]), rows: 1, cols: 1 }],
  ])('%s', (message, kind, X) => {
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
      sampleWeight: undefined,
      onIteration: undefined,
      signal: undefined,
      workers: 0,
      innerTol: Math.sqrt(Number.EPSILON),
      innerMaxIter: 1000,
      missing: 'error',
      precision: 'float64',
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
      workers: 2,
      innerTol: -1,
      innerMaxIter: 5,
      missing: 'em',
    });
    const resolved = resolveFitOptions(options, X3x2);
    // precision 'float32' goes with neither workers nor missing: 'em' (test/float32.test.ts).
    expect(resolved).toEqual({ ...options, sampleWeight: undefined, precision: 'float64' });
    expect(resolved.onIteration).toBe(onIteration);
    expect(resolved.signal).toBe(signal);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveFitOptions({ components: 1, seed: 0 }, X3x2).seed).toBe(0);
  });

  it.each<CovarianceType>([
    'full',
    'diag',
    'spherical',
    'tied',
    'EII',
    'VII',
    'EEI',
    'VEI',
    'EVI',
    'VVI',
    'EEE',
    'VEE',
    'EVE',
    'VVE',
    'EEV',
    'VEV',
    'EVV',
    'VVV',
  ])('accepts covariance %s', (covariance) => {
    expect(resolveFitOptions({ components: 2, covariance }, X3x2).covariance).toBe(covariance);
  });

  it.each(['random', 'kmeans++', 'kmeans', 'random-from-data', 'hierarchical'])('accepts init %s', (init) => {
    expect(resolveFitOptions({ components: 2, init }, X3x2).init).toBe(init);
  });

  it('accepts a duck-typed AbortSignal', () => {
    const signal = { aborted: false, addEventListener() {} };
    expect(resolveFitOptions({ components: 1, signal }, X3x2).signal).toBe(signal);
  });
});

describe('resolveFitOptions refuses', () => {
  const k2 = (options: object) => ({ components: 2, ...options });
  it.each<[string, ErrorClass, unknown]>([
    ['options must be an object, got undefined', TypeError, undefined],
    ['options must be an object, got null', TypeError, null],
    ['options must be an object, got number', TypeError, 2],
    ['options must be an object, got array', TypeError, [2]],
    ["unknown option 'max_iter'; did you mean 'maxIter'?", TypeError, k2({ max_iter: 5 })],
    ["unknown option 'Seed'; did you mean 'seed'?", TypeError, k2({ Seed: 1 })],
    ["unknown option 'n_components'; did you mean 'components'?", TypeError, { n_components: 2 }],
    ["unknown option 'covarianceType'", TypeError, k2({ covarianceType: 'full' })],
    ['options.components is required: the number of mixture components', TypeError, {}],
    [
      'options.components is required: the number of mixture components',
      TypeError,
      { components: undefined },
    ],
    ['components must be a number, got string', TypeError, { components: '2' }],
    ['components must be an integer ≥ 1, got 0', RangeError, { components: 0 }],
    ['components must be an integer ≥ 1, got 1.5', RangeError, { components: 1.5 }],
    ['components must be an integer ≥ 1, got NaN', RangeError, { components: Number.NaN }],
    ['components must be an integer ≥ 1, got Infinity', RangeError, { components: 1 / 0 }],
    ['components (4) exceeds the number of rows (3)', RangeError, { components: 4 }],
    ['restarts must be an integer ≥ 1, got 0', RangeError, k2({ restarts: 0 })],
    ['restarts must be a number, got string', TypeError, k2({ restarts: '1' })],
    ['maxIter must be an integer ≥ 0, got -1', RangeError, k2({ maxIter: -1 })],
    ['maxIter must be an integer ≥ 0, got 2.5', RangeError, k2({ maxIter: 2.5 })],
    ['tol must be a finite number ≥ 0, got -1', RangeError, k2({ tol: -1 })],
    ['tol must be a finite number ≥ 0, got NaN', RangeError, k2({ tol: Number.NaN })],
    ['tol must be a finite number ≥ 0, got Infinity', RangeError, k2({ tol: 1 / 0 })],
    ['regCovar must be a finite number ≥ 0, got -0.000001', RangeError, k2({ regCovar: -1e-6 })],
    ['regCovar must be a number, got null', TypeError, k2({ regCovar: null })],
    ['seed must be an integer from 0 to 4294967295, got -1', RangeError, k2({ seed: -1 })],
    ['seed must be an integer from 0 to 4294967295, got 4294967296', RangeError, k2({ seed: 2 ** 32 })],
    ['seed must be an integer from 0 to 4294967295, got 0.5', RangeError, k2({ seed: 0.5 })],
    ['seed must be a number, got string', TypeError, k2({ seed: '7' })],
    ['standardize must be a boolean, got string', TypeError, k2({ standardize: 'yes' })],
    ['standardize must be a boolean, got number', TypeError, k2({ standardize: 1 })],
    ['onIteration must be a function, got number', TypeError, k2({ onIteration: 5 })],
    ['signal must be an AbortSignal, got object', TypeError, k2({ signal: {} })],
    [
      'signal must be an AbortSignal, got object',
      TypeError,
      k2({ signal: { aborted: 'no', addEventListener() {} } }),
    ],
    ['signal must be an AbortSignal, got boolean', TypeError, k2({ signal: true })],
    ['covariance must be a string, got number', TypeError, k2({ covariance: 3 })],
    [
      "covariance must be one of 'full', 'diag', 'spherical', 'tied', 'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV', got 'FULL'",
      RangeError,
      k2({ covariance: 'FULL' }),
    ],
    ['init must be a string or { weights, means, covariances }, got number', TypeError, k2({ init: 5 })],
    ['init must be a string or { weights, means, covariances }, got null', TypeError, k2({ init: null })],
    ['init must be a string or { weights, means, covariances }, got array', TypeError, k2({ init: [] })],
    [
      "init must be one of 'random', 'kmeans++', 'kmeans', 'random-from-data', 'hierarchical' or explicit { weights, means, covariances }, got 'k-means'",
      RangeError,
      k2({ init: 'k-means' }),
    ],
    [
      "unknown key 'toJSON' in init; expected weights, means, covariances, precisions",
      TypeError,
      k2({ init: { weights: [0.5, 0.5], toJSON: () => ({}) } }),
    ],
    ['workers must be an integer ≥ 0, got 1.5', RangeError, k2({ workers: 1.5 })],
    ['workers must be an integer ≥ 0, got -1', RangeError, k2({ workers: -1 })],
    ['workers must be a number, got string', TypeError, k2({ workers: '2' })],
  ])('%s', (message, kind, options) => {
    expectThrows(() => resolveFitOptions(options, X3x2), kind, message);
  });
});

describe('explicit init', () => {
  const means = m2(1, 2, 5, 7);
  const means3 = [new Float64Array(3), new Float64Array([1, 1, 1])];

  it('flattens means and leaves the parts not given to the initialiser', () => {
    const start = explicitStart({ means: [new Float64Array([1, 2]), new Float32Array([5, 7])] });
    expect(start).toEqual({
      weights: undefined,
      means: new Float64Array([1, 2, 5, 7]),
      covariances: undefined,
      logLikelihood: undefined,
    });
    expect(Object.isFrozen(start)).toBe(true);
  });

  it('takes weights alone, precisions alone, or nothing at all', () => {
    expect(explicitStart({ weights: [0.25, 0.75] })).toEqual({
      weights: new Float64Array([0.25, 0.75]),
      means: undefined,
      covariances: undefined,
      logLikelihood: undefined,
    });
    // Precisions are inverted into covariances: [[2, 1], [1, 2]]⁻¹ = [[2, −1], [−1, 2]] / 3.
    const { covariances } = explicitStart({ precisions: [m2(4, 0, 0, 0.5), m2(2, 1, 1, 2)] });
    expect(Array.from(covariances ?? []).slice(0, 4)).toEqual([0.25, 0, 0, 2]);
    expectAllClose(Array.from(covariances ?? []).slice(4), [2 / 3, -1 / 3, -1 / 3, 2 / 3], 1e-15, 'inverse');
    expect(explicitStart({})).toEqual({
      weights: undefined,
      means: undefined,
      covariances: undefined,
      logLikelihood: undefined,
    });
  });

  it('renormalises weights to sum to 1 and flattens covariances, leaving the input alone', () => {
    const init = { weights: [0.3, 0.7000005], means, covariances: [identity, m2(2, 1, 1, 2)] };
    const before = structuredClone(init);
    const start = explicitStart(init);
    const weights = start.weights ?? new Float64Array(0);
    expect(weights.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 15);
    expect((weights[1] as number) / (weights[0] as number)).toBeCloseTo(0.7000005 / 0.3, 12);
    expect(start.means).toEqual(new Float64Array([1, 2, 5, 7]));
    expect(start.covariances).toEqual(new Float64Array([1, 0, 0, 1, 2, 1, 1, 2]));
    expect(init).toEqual(before);
  });

  it('accepts asymmetry within 1e-10 of the largest entry', () => {
    const nearlySymmetric = m2(1e6, 1e-5, 0, 1e6);
    expect(explicitStart({ means, covariances: [identity, nearlySymmetric] }).covariances?.[5]).toBe(1e-5);
  });

  it('accepts a 3×3 positive definite matrix and refuses one singular only at the last pivot', () => {
    const definite = [
      new Float64Array([4, 2, 0.6]),
      new Float64Array([2, 2, 0.4]),
      new Float64Array([0.6, 0.4, 3]),
    ];
    const start = explicitStart({ means: means3, covariances: [definite, definite] }, 'full', X3x3);
    expect(start.covariances).toHaveLength(18);
    const singular = [new Float64Array([2, 1, 3]), new Float64Array([1, 2, 3]), new Float64Array([3, 3, 6])];
    expectThrows(
      () => explicitStart({ means: means3, covariances: [definite, singular] }, 'full', X3x3),
      RangeError,
      'init.covariances[1] is not positive definite',
    );
  });

  it.each<[string, ErrorClass, object]>([
    [
      "unknown key 'mean' in init; expected weights, means, covariances, precisions",
      TypeError,
      { means, mean: means },
    ],
    [
      'init takes covariances or precisions (their inverses), not both',
      TypeError,
      { covariances: [identity, identity], precisions: [identity, identity] },
    ],
    ['init.precisions must have 2 matrices (components), got 1', RangeError, { precisions: [identity] }],
    ['init.precisions[1] is not positive definite', RangeError, { precisions: [identity, m2(1, 2, 2, 1)] }],
    ['init.means must be an array, got string', TypeError, { means: 'x' }],
    ['init.means must have 2 rows (components), got 1', RangeError, { means: [[1, 2]] }],
    ['init.means[0] must be an array of numbers, got number', TypeError, { means: [1, 2] }],
    [
      'init.means[1] has 3 values, expected 2 (columns of X)',
      RangeError,
      { means: [[1, 2], new Float64Array(3)] },
    ],
    ['init.means[1][0] is NaN', RangeError, { means: [[1, 2], new Float64Array([Number.NaN, 4])] }],
    ['init.means[0][1] is a string, expected a number', TypeError, { means: [[1, '2'], [3]] }],
    ['init.weights must be an array of numbers, got string', TypeError, { means, weights: 'x' }],
    ['init.weights has 3 values, expected 2 (components)', RangeError, { means, weights: [0.2, 0.3, 0.5] }],
    ['init.weights[0] must be ≥ 0, got -0.5', RangeError, { means, weights: [-0.5, 1.5] }],
    ['init.weights[1] is NaN', RangeError, { means, weights: [1, Number.NaN] }],
    ['init.weights must sum to 1, got 0.75', RangeError, { means, weights: [0.25, 0.5] }],
    [
      'init.covariances must have 2 matrices (components), got 1',
      RangeError,
      { means, covariances: [identity] },
    ],
    [
      'init.covariances[1] must have 2 rows (columns of X), got 3',
      RangeError,
      { means, covariances: [identity, [[1, 0], [0, 1], [0]]] },
    ],
    [
      'init.covariances[0][1] has 1 values, expected 2 (columns of X)',
      RangeError,
      { means, covariances: [[[1, 0], [1]], identity] },
    ],
    [
      'init.covariances[0][0][0] is Infinity',
      RangeError,
      { means, covariances: [m2(1 / 0, 0, 0, 1), identity] },
    ],
    [
      'init.covariances[1] is not symmetric: [0][1] = 0.5 but [1][0] = 0.4',
      RangeError,
      { means, covariances: [identity, m2(1, 0.5, 0.4, 1)] },
    ],
    [
      'init.covariances[0] is not positive definite',
      RangeError,
      { means, covariances: [m2(1, 2, 2, 1), identity] },
    ],
    [
      'init.covariances[1] is not positive definite',
      RangeError,
      { means, covariances: [identity, m2(0, 0, 0, 0)] },
    ],
    [
      'init.covariances[1] is not positive definite',
      RangeError,
      { means, covariances: [identity, m2(-1, 0, 0, 1)] },
    ],
  ])('%s', (message, kind, init) => {
    expectThrows(() => explicitStart(init), kind, message);
  });
});

describe('explicit init covariances: every form, expanded to K full D×D', () => {
  const means = m2(1, 2, 5, 7);
  const tied = m2(2, 0.5, 0.5, 1);

  it.each<[CovarianceType, string, unknown, number[]]>([
    ['full', 'K×D×D', [identity, m2(2, 1, 1, 2)], [1, 0, 0, 1, 2, 1, 1, 2]],
    ['tied', 'D×D', tied, [2, 0.5, 0.5, 1, 2, 0.5, 0.5, 1]],
    [
      'tied',
      'D×D typed rows',
      [new Float64Array([2, 0.5]), new Float32Array([0.5, 1])],
      [2, 0.5, 0.5, 1, 2, 0.5, 0.5, 1],
    ],
    ['tied', 'K equal D×D', [tied, m2(2, 0.5, 0.5, 1)], [2, 0.5, 0.5, 1, 2, 0.5, 0.5, 1]],
    ['diag', 'K×D', [[1, 2], new Float64Array([3, 4])], [1, 0, 0, 2, 3, 0, 0, 4]],
    ['diag', 'K×D×D, -0 counting as 0', [m2(1, 0, 0, 2), m2(3, -0, 0, 4)], [1, 0, 0, 2, 3, -0, 0, 4]],
    ['spherical', 'K', [0.5, 3], [0.5, 0, 0, 0.5, 3, 0, 0, 3]],
    ['spherical', 'K Float64Array', new Float64Array([0.5, 3]), [0.5, 0, 0, 0.5, 3, 0, 0, 3]],
    ['spherical', 'K×D×D', [m2(0.5, 0, 0, 0.5), m2(3, 0, 0, 3)], [0.5, 0, 0, 0.5, 3, 0, 0, 3]],
  ])('%s from %s', (covariance, _form, covariances, expected) => {
    const init = { means, covariances };
    const before = structuredClone(init);
    expect(explicitStart(init, covariance).covariances).toEqual(new Float64Array(expected));
    expect(init).toEqual(before);
  });

  it('lays out diag K×D with D = 3 on each diagonal', () => {
    const means3 = [new Float64Array(3), new Float64Array([1, 1, 1])];
    const start = explicitStart(
      {
        means: means3,
        covariances: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      'diag',
      X3x3,
    );
    expect(start.covariances).toEqual(
      new Float64Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 4, 0, 0, 0, 5, 0, 0, 0, 6]),
    );
  });

  it.each<[string, ErrorClass, CovarianceType, unknown]>([
    [
      "init.covariances for covariance 'tied' must be one D×D matrix or 2 equal ones; matrix 1 differs from matrix 0",
      RangeError,
      'tied',
      [identity, m2(1, 0, 0, 1.5)],
    ],
    ['init.covariances must have 2 rows (columns of X), got 3', RangeError, 'tied', [[1, 0], [0, 1], [0]]],
    ['init.covariances[1] has 1 values, expected 2 (columns of X)', RangeError, 'tied', [[1, 0], [1]]],
    ['init.covariances[0] must be an array of numbers, got number', TypeError, 'tied', [1, 0]],
    ['init.covariances must be an array, got string', TypeError, 'tied', 'x'],
    ['init.covariances[1][1] is NaN', RangeError, 'tied', m2(1, 0, 0, Number.NaN)],
    [
      'init.covariances is not symmetric: [0][1] = 0.5 but [1][0] = 0.4',
      RangeError,
      'tied',
      m2(1, 0.5, 0.4, 1),
    ],
    ['init.covariances is not positive definite', RangeError, 'tied', m2(1, 2, 2, 1)],
    ['init.covariances[0] is not positive definite', RangeError, 'tied', [m2(1, 2, 2, 1), m2(1, 2, 2, 1)]],
    [
      'init.covariances[1][0] must be > 0, got 0',
      RangeError,
      'diag',
      [
        [1, 2],
        [0, 1],
      ],
    ],
    [
      'init.covariances[0][1] must be > 0, got -2',
      RangeError,
      'diag',
      [
        [1, -2],
        [1, 1],
      ],
    ],
    [
      'init.covariances must have 2 rows (components), got 3',
      RangeError,
      'diag',
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    ],
    [
      'init.covariances[1] has 3 values, expected 2 (columns of X)',
      RangeError,
      'diag',
      [
        [1, 1],
        [1, 1, 1],
      ],
    ],
    ['init.covariances[1] must be an array of numbers, got number', TypeError, 'diag', [[1, 1], 2]],
    [
      'init.covariances[0][1] is Infinity',
      RangeError,
      'diag',
      [
        [1, 1 / 0],
        [1, 1],
      ],
    ],
    [
      "init.covariances[1] has a nonzero off-diagonal entry [1][0] = 0.25, which covariance 'diag' cannot represent",
      RangeError,
      'diag',
      [identity, m2(1, 0, 0.25, 1)],
    ],
    ['init.covariances[1] is not positive definite', RangeError, 'diag', [identity, m2(1, 0, 0, 0)]],
    ['init.covariances[1] must be > 0, got -1', RangeError, 'spherical', [1, -1]],
    ['init.covariances[0] must be > 0, got 0', RangeError, 'spherical', new Float64Array([0, 1])],
    ['init.covariances has 3 values, expected 2 (components)', RangeError, 'spherical', [1, 1, 1]],
    ['init.covariances[1] is Infinity', RangeError, 'spherical', [1, 1 / 0]],
    ['init.covariances[0] is a string, expected a number', TypeError, 'spherical', ['1', 1]],
    ['init.covariances must be an array of numbers, got number', TypeError, 'spherical', 2],
    [
      'init.covariances[0] is an array, expected a number',
      TypeError,
      'spherical',
      [
        [1, 1],
        [1, 1],
      ],
    ],
    [
      "init.covariances[1] is not a multiple of the identity, which covariance 'spherical' cannot represent",
      RangeError,
      'spherical',
      [identity, m2(1, 0, 0, 2)],
    ],
    [
      "init.covariances[0] is not a multiple of the identity, which covariance 'spherical' cannot represent",
      RangeError,
      'spherical',
      [m2(1, 0.1, 0.1, 1), identity],
    ],
    ['init.covariances[1] is not positive definite', RangeError, 'spherical', [identity, m2(0, 0, 0, 0)]],
    ['init.covariances must have 2 matrices (components), got 1', RangeError, 'spherical', [identity]],
    ['init.covariances[0] must be an array, got number', TypeError, 'full', [1, 1]],
    ['init.covariances must have 2 matrices (components), got 1', RangeError, 'full', [[1, 1]]],
  ])('%s', (message, kind, covariance, covariances) => {
    expectThrows(() => explicitStart({ means, covariances }, covariance), kind, message);
  });
});

describe('warm start from a fitted model', () => {
  /** What init needs of a GaussianMixture, with other fields a real model also has. */
  const model = (fields: object = {}) => ({
    toJSON() {},
    components: 2,
    features: 2,
    covariance: 'full',
    weights: [0.25, 0.75],
    means: m2(1, 2, 5, 7),
    covariances: [identity, m2(2, 1, 1, 2)],
    converged: true,
    ...fields,
  });

  it('reads weights, means and covariances into an explicit start', () => {
    expect(explicitStart(model())).toEqual({
      weights: new Float64Array([0.25, 0.75]),
      means: new Float64Array([1, 2, 5, 7]),
      covariances: new Float64Array([1, 0, 0, 1, 2, 1, 1, 2]),
    });
  });

  it("reads a tied model's K equal matrices and a spherical model's σ²·I", () => {
    const tied = model({ covariances: [m2(2, 1, 1, 2), m2(2, 1, 1, 2)] });
    expect(explicitStart(tied, 'tied').covariances).toEqual(new Float64Array([2, 1, 1, 2, 2, 1, 1, 2]));
    const spherical = model({ covariances: [identity, m2(3, 0, 0, 3)] });
    expect(explicitStart(spherical, 'spherical').covariances).toEqual(
      new Float64Array([1, 0, 0, 1, 3, 0, 0, 3]),
    );
  });

  it("passes a model's full matrices on whatever the type: the fit projects them onto its own", () => {
    // A standardized spherical model is diagonal in the user's units; a full one may seed a diag fit.
    expect(explicitStart(model(), 'diag').covariances).toEqual(new Float64Array([1, 0, 0, 1, 2, 1, 1, 2]));
    const diagonal = model({ covariances: [identity, m2(3, 0, 0, 5)] });
    expect(explicitStart(diagonal, 'spherical').covariances).toEqual(
      new Float64Array([1, 0, 0, 1, 3, 0, 0, 5]),
    );
  });

  it.each<[string, ErrorClass, CovarianceType, object]>([
    ['init model has 3 features, but X has 2 columns', RangeError, 'full', model({ features: 3 })],
    ['init model has 1 components, but components is 2', RangeError, 'full', model({ components: 1 })],
    ['init.weights must sum to 1, got 0.5', RangeError, 'full', model({ weights: [0.25, 0.25] })],
    [
      'init.means[1] has 3 values, expected 2 (columns of X)',
      RangeError,
      'full',
      model({
        means: [
          [1, 2],
          [3, 4, 5],
        ],
      }),
    ],
    [
      'init.covariances[1] is not positive definite',
      RangeError,
      'full',
      model({ covariances: [identity, m2(1, 2, 2, 1)] }),
    ],
  ])('%s', (message, kind, covariance, init) => {
    expectThrows(() => explicitStart(init, covariance), kind, message);
  });
});

describe('sampleWeight', () => {
  const resolveWeights = (sampleWeight: unknown, components = 2) =>
    resolveFitOptions({ components, sampleWeight }, X3x2).sampleWeight;

  it.each<[string, ArrayLike<number>]>([
    ['an array', [1, 0, 2.5]],
    ['a Float64Array', new Float64Array([1, 0, 2.5])],
    ['a Float32Array', new Float32Array([1, 0, 2.5])],
  ])('copies %s into a Float64Array', (_form, weights) => {
    const resolved = resolveWeights(weights);
    expect(resolved).toEqual(new Float64Array([1, 0, 2.5]));
    (weights as { [i: number]: number })[0] = 9;
    expect(resolved?.[0]).toBe(1);
  });

  it('accepts any typed array of numbers and K up to the rows of positive weight', () => {
    expect(resolveWeights(new Uint8Array([0, 0, 4]), 1)).toEqual(new Float64Array([0, 0, 4]));
    expect(resolveWeights([-0, 1, 1])).toEqual(new Float64Array([-0, 1, 1]));
  });

  it.each<[string, ErrorClass, unknown]>([
    ['sampleWeight must be an array of numbers, got string', TypeError, 'abc'],
    ['sampleWeight must be an array of numbers, got number', TypeError, 1],
    ['sampleWeight must be an array of numbers, got null', TypeError, null],
    ['sampleWeight must be an array of numbers, got object', TypeError, { length: 3, 0: 1, 1: 1, 2: 1 }],
    ['sampleWeight must be an array of numbers, got BigInt64Array', TypeError, new BigInt64Array(3)],
    ['sampleWeight must be an array of numbers, got DataView', TypeError, new DataView(new ArrayBuffer(24))],
    ['sampleWeight has 2 values, expected 3 (one per row of X)', RangeError, [1, 1]],
    ['sampleWeight has 4 values, expected 3 (one per row of X)', RangeError, new Float64Array(4)],
    ['sampleWeight[1] is a string, expected a number', TypeError, [1, '1', 1]],
    ['sampleWeight[2] is undefined, expected a number', TypeError, [1, 1, undefined]],
    ['sampleWeight[0] is NaN', RangeError, [Number.NaN, 1, 1]],
    ['sampleWeight[2] is Infinity', RangeError, new Float32Array([1, 1, 1 / 0])],
    ['sampleWeight[1] is negative (-0.5)', RangeError, [1, -0.5, 1]],
    ['sampleWeight is all zeros: at least one row needs a positive weight', RangeError, new Float64Array(3)],
    ['components (2) exceeds the number of rows with positive weight (1)', RangeError, [0, 3, 0]],
  ])('%s', (message, kind, sampleWeight) => {
    expectThrows(() => resolveWeights(sampleWeight), kind, message);
  });
});
