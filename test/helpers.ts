/**
 * Shared test helpers: seeded data, the scikit-learn fixtures, relative-error assertions and
 * error assertions that check the class as well as the literal message.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { mulberry32, standardNormal } from './random';

// ---------------------------------------------------------------------------------------------
// Seeded data

export { mulberry32, standardNormal } from './random';

export interface Blobs {
  /** The rows, cluster by cluster. */
  readonly X: number[][];
  /** The cluster each row was drawn from. */
  readonly labels: number[];
}

/**
 * Isotropic Gaussian clusters: `perCluster` rows around each centre, each coordinate with standard
 * deviation `spread`. Centres far apart relative to `spread` make well-separated, well-conditioned data.
 */
export function blobs(
  seed: number,
  centers: readonly (readonly number[])[],
  perCluster: number,
  spread = 1,
): Blobs {
  const random = mulberry32(seed);
  const X: number[][] = [];
  const labels: number[] = [];
  centers.forEach((center, c) => {
    for (let i = 0; i < perCluster; i++) {
      X.push(center.map((value) => value + spread * standardNormal(random)));
      labels.push(c);
    }
  });
  return { X, labels };
}

/** Three well-separated clusters in the plane, 100 rows each. */
export function threeBlobs(seed: number): Blobs {
  return blobs(
    seed,
    [
      [0, 0],
      [10, 0],
      [5, 9],
    ],
    100,
  );
}

/** Six points in the plane, three near (0, 0) and three near (5, 5): the smallest clear two-cluster fit. */
export const TWO_CLUSTERS: number[][] = [
  [0, 0.1],
  [0.2, -0.1],
  [-0.1, 0.05],
  [5, 5.2],
  [5.1, 4.9],
  [4.8, 5.05],
];

/** `k` random centres in `d` dimensions, coordinates uniform in [−scale, scale). */
export function randomCenters(seed: number, k: number, d: number, scale: number): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: k }, () => Array.from({ length: d }, () => scale * (2 * random() - 1)));
}

// ---------------------------------------------------------------------------------------------
// scikit-learn fixtures

export type FixtureCovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/** One `GaussianMixture(covariance_type, max_iter=T, tol=0)` fit of scikit-learn, from the fixture's init. */
export interface SklearnRun {
  readonly covariance_type: FixtureCovarianceType;
  readonly max_iter: number;
  /** The starting covariances in the compact form of the type: full K×D×D, tied D×D, diag K×D, spherical K. */
  readonly init_covariances_compact: number[][][] | number[][] | number[];
  readonly n_iter: number;
  readonly converged: boolean;
  /** The log-likelihood of the last iteration's E-step: our `history[max_iter − 1]`. */
  readonly lower_bound: number;
  readonly weights: number[];
  readonly means: number[][];
  readonly covariances_full: number[][][];
  /** The mean log-likelihood of the final parameters: our `logLikelihood`. */
  readonly score: number;
  readonly bic: number;
  readonly aic: number;
  readonly n_parameters: number;
  /** The rows (indices into X) whose `predict_proba` and `score_samples` are stored. */
  readonly rows: number[];
  readonly predict_proba: number[][];
  readonly score_samples: number[];
  readonly predict: number[];
  readonly predict_all: number[];
}

export interface SklearnFixture {
  readonly sklearn_version: string;
  readonly name: string;
  readonly n_samples: number;
  readonly n_features: number;
  readonly n_components: number;
  readonly reg_covar: number;
  readonly X: number[][];
  readonly init: {
    readonly weights: number[];
    readonly means: number[][];
    readonly covariances: number[][][];
  };
  readonly runs: SklearnRun[];
}

/** One candidate of `iris-selection.json`: scikit-learn's fit of (K, type) from its recorded start. */
export interface SklearnCandidate {
  readonly components: number;
  readonly covariance_type: FixtureCovarianceType;
  /** Uniform weights, K distinct rows of X (`rows`) as means, covariances `variance`·I. */
  readonly init: {
    readonly rows: number[];
    readonly weights: number[];
    readonly means: number[][];
    readonly variance: number;
  };
  readonly n_iter: number;
  readonly converged: boolean;
  /** Mean log-likelihood of the final parameters: our `logLikelihood`. */
  readonly score: number;
  readonly bic: number;
  readonly aic: number;
  readonly n_parameters: number;
}

export interface SelectionFixture {
  readonly sklearn_version: string;
  readonly n_samples: number;
  readonly n_features: number;
  readonly reg_covar: number;
  readonly tol: number;
  readonly max_iter: number;
  readonly X: number[][];
  /** K outer (1…6), covariance types inner in the order full, diag, spherical, tied. */
  readonly candidates: SklearnCandidate[];
}

/** Reads `test/fixtures/sklearn/<name>.json`, located relative to this file. */
export function loadFixture(name: string): SklearnFixture {
  return readJsonFixture(name) as SklearnFixture;
}

/** Reads `test/fixtures/sklearn/iris-selection.json`. */
export function loadSelectionFixture(): SelectionFixture {
  return readJsonFixture('iris-selection') as SelectionFixture;
}

function readJsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/sklearn/${name}.json`, import.meta.url), 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Safe indexing (noUncheckedIndexedAccess) and shapes

/** `list[i]`, failing the test loudly instead of yielding `undefined`. */
export function at<T>(list: ArrayLike<T>, i: number): T {
  const value = list[i];
  if (value === undefined) throw new RangeError(`index ${i} out of range (length ${list.length})`);
  return value;
}

/** The largest absolute value among numbers nested to any depth. */
export function largestMagnitude(values: unknown): number {
  if (typeof values === 'number') return Math.abs(values);
  let largest = 0;
  for (const value of values as Iterable<unknown>) largest = Math.max(largest, largestMagnitude(value));
  return largest;
}

/** All numbers nested in arrays / typed arrays, in order. */
export function flatNumbers(values: unknown): number[] {
  if (typeof values === 'number') return [values];
  const out: number[] = [];
  for (const value of values as Iterable<unknown>) out.push(...flatNumbers(value));
  return out;
}

/** Index of the largest entry (the first on ties, as `predict` breaks them). */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (at(row, i) > at(row, best)) best = i;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Relative-error assertions

/**
 * Asserts |actual − expected| ≤ tolerance·max(|expected|, scale). `scale` is the size of the
 * quantity the value belongs to (its matrix's largest entry), so that an entry near zero is
 * judged against its neighbours rather than against itself.
 */
export function expectClose(
  actual: number,
  expected: number,
  tolerance: number,
  scale = 0,
  what = 'value',
): void {
  const bound = tolerance * Math.max(Math.abs(expected), scale);
  const error = Math.abs(actual - expected);
  if (!(error <= bound)) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (|error| ${error} > ${bound})`);
  }
}

/**
 * Element-wise `expectClose` over equally shaped nested arrays, with the largest magnitude of the
 * whole of `expected` as the scale of every entry.
 */
export function expectAllClose(actual: unknown, expected: unknown, tolerance: number, what = 'array'): void {
  const a = flatNumbers(actual);
  const e = flatNumbers(expected);
  expect(a.length, `${what}: number of entries`).toBe(e.length);
  const scale = largestMagnitude(e);
  e.forEach((value, i) => {
    expectClose(at(a, i), value, tolerance, scale, `${what} entry ${i}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Errors with class and literal message

type ErrorClass = new (...args: never[]) => Error;

function expectErrorLike(thrown: unknown, kind: ErrorClass, message: string): void {
  expect(thrown, 'nothing was thrown').toBeDefined();
  // The exact class: `toBeInstanceOf(Error)` would also accept a RangeError.
  expect((thrown as object).constructor, `class of ${String(thrown)}`).toBe(kind);
  expect((thrown as Error).message).toBe(message);
}

/** Asserts that `run()` throws an instance of exactly `kind` whose message is exactly `message`. */
export function expectError(run: () => unknown, kind: ErrorClass, message: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expectErrorLike(thrown, kind, message);
}

/** The async twin of `expectError`: `promise` rejects with exactly `kind` and `message`. */
export async function expectRejection(
  promise: Promise<unknown>,
  kind: ErrorClass,
  message: string,
): Promise<void> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expectErrorLike(thrown, kind, message);
}
