/**
 * Degenerate components and failed restarts on raw Iris (measurements rounded to 0.1 cm, so many rows
 * repeat a value): which components are flagged and why, checked against the definition computed
 * here independently; the kept restart is sound when one is; `regCovar: 0` never returns a singular
 * covariance; restarts that fail are skipped and counted; both fields survive JSON.
 */
import { describe, expect, it } from 'vitest';
import { loadIris } from '../demo/iris';
import { type FitOptions, GaussianMixture, NumericalFailureError } from '../src/index';
import { at, expectError, expectRejection } from './helpers';
import { SAVED, savedWith } from './saved-models';

const { X } = loadIris();
const N = X.length;
const D = 4;
const REG_COVAR = 1e-6;

/** The lower Cholesky factor's diagonal, or undefined when the matrix is not positive definite. */
function choleskyDiagonal(a: readonly (readonly number[])[]): number[] | undefined {
  const d = a.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    let pivot = at(at(a, j), j);
    for (let t = 0; t < j; t++) pivot -= at(at(l, j), t) ** 2;
    if (!(pivot > 0)) return undefined;
    at(l, j)[j] = Math.sqrt(pivot);
    for (let i = j + 1; i < d; i++) {
      let s = at(at(a, i), j);
      for (let t = 0; t < j; t++) s -= at(at(l, i), t) * at(at(l, j), t);
      at(l, i)[j] = s / at(at(l, j), j);
    }
  }
  return l.map((row, j) => at(row, j));
}

/** Per-feature variance of raw Iris (population), the data's spread along each axis. */
const FEATURE_VARIANCE = Array.from({ length: D }, (_, j) => {
  const mean = X.reduce((sum, row) => sum + at(row, j), 0) / N;
  return X.reduce((sum, row) => sum + (at(row, j) - mean) ** 2, 0) / N;
});

/**
 * For diag fits the definition reads off the diagonal alone: a component is degenerate when it holds
 * fewer than 2 rows, or some feature's variance in it is within 11·regCovar while the data's variance
 * of that feature (raw Iris: ≥ 0.19 cm²) is over a hundred times larger.
 */
function expectedDiagDegenerate(model: GaussianMixture): number[] {
  return model.weights.flatMap((w, c) => {
    const variances = at(model.covariances, c).map((row, j) => at(row, j));
    const held = variances.some((v, j) => v < 11 * REG_COVAR && at(FEATURE_VARIANCE, j) > 100 * v);
    return w * N < 2 || held ? [c] : [];
  });
}

describe('model.degenerate on raw Iris', () => {
  it('flags a diag component sitting on rows that repeat one petal width (seed 8, K = 6)', async () => {
    const model = await GaussianMixture.fit(X, { components: 6, covariance: 'diag', seed: 8 });
    expect(model.degenerate).toEqual([2]);
    expect(model.degenerate).toEqual(expectedDiagDegenerate(model));
    // 29 rows of setosa with petal width 0.2: the data give it no variance there, regCovar all of it.
    expect(at(model.weights, 2) * N).toBeGreaterThan(28);
    expect(at(at(at(model.covariances, 2), 3), 3)).toBeLessThan(1.01 * REG_COVAR);
  });

  it('flags a diag component with fewer than 2 rows (seed 4, K = 6)', async () => {
    const model = await GaussianMixture.fit(X, { components: 6, covariance: 'diag', seed: 4 });
    expect(model.degenerate).toEqual([1]);
    expect(model.degenerate).toEqual(expectedDiagDegenerate(model));
    expect(at(model.weights, 1) * N).toBeLessThan(1.01);
  });

  it('flags a full component with fewer rows than D + 1 = 5 (seed 5, K = 6)', async () => {
    const model = await GaussianMixture.fit(X, { components: 6, seed: 5 });
    expect(model.degenerate).toEqual([2]);
    expect(at(model.weights, 2) * N).toBeLessThan(D + 1);
    model.weights.forEach((w, c) => {
      if (c !== 2) expect(w * N, `component ${c}`).toBeGreaterThan(D + 1);
    });
  });

  it('flags a full component whose smallest eigenvalue is regCovar (seed 8, K = 5)', async () => {
    const model = await GaussianMixture.fit(X, { components: 5, seed: 8 });
    expect(model.degenerate).toEqual([2]);
    // Constant petal width in the component: the last Cholesky pivot of Σ is exactly regCovar.
    const pivots = (choleskyDiagonal(at(model.covariances, 2)) as number[]).map((v) => v * v);
    expect(Math.min(...pivots)).toBeLessThan(1.01 * REG_COVAR);
    expect(at(model.weights, 2) * N).toBeGreaterThan(28);
  });

  it('is empty for a sound fit and the same for a fit and its JSON', async () => {
    const model = await GaussianMixture.fit(X, { components: 2, seed: 0, restarts: 3 });
    expect(model.degenerate).toEqual([]);
    expect(model.failedRestarts).toBe(0);
    expect(model.toJSON().degenerate).toEqual([]);
  });

  it('keeps a sound restart over a degenerate one with a higher likelihood', async () => {
    const options: FitOptions = { components: 6, covariance: 'diag', seed: 8 };
    const single = await GaussianMixture.fit(X, options);
    const several = await GaussianMixture.fit(X, { ...options, restarts: 10 });
    expect(single.degenerate).toEqual([2]);
    expect(several.degenerate).toEqual([]);
    // Restart 0 of the ten is the single fit: its spike scores higher, and loses.
    expect(several.logLikelihood).toBeLessThan(single.logLikelihood);
  });
});

describe('regCovar: 0', () => {
  const options: FitOptions = { components: 2, regCovar: 0, init: 'random-from-data', seed: 0 };

  it('never returns a numerically singular covariance (this start used to converge on one)', async () => {
    // Before the relative test this fit converged with a covariance whose Cholesky pivots spanned
    // 1e-50 (a component on rows that share every petal measurement) and a log-likelihood of −0.97.
    const model = await GaussianMixture.fit(X, options);
    expect(model.converged).toBe(true);
    expect(model.degenerate).toEqual([]);
    for (const covariance of model.covariances) {
      const diagonal = choleskyDiagonal(covariance) as number[];
      expect(Math.min(...diagonal) / Math.max(...diagonal)).toBeGreaterThan(Math.sqrt(Number.EPSILON));
    }
    // The singular component was re-seeded and EM went on to the sound two-cluster solution.
    expect(model.reseeds).toBeGreaterThan(0);
    expect(model.logLikelihood).toBeCloseTo(-1.429, 3);
  });
});

describe('restarts that fail numerically', () => {
  const options: FitOptions = { components: 5, regCovar: 0, seed: 1 };
  const MESSAGE =
    'the covariance of component 2 is not positive definite after iteration 54 even after 10 re-seeds; ' +
    'increase regCovar (now 0), reduce components (now 5) or set standardize: true';

  it('a single restart that fails throws', async () => {
    await expectRejection(GaussianMixture.fit(X, options), NumericalFailureError, MESSAGE);
  });

  it('are skipped and counted when others succeed', async () => {
    const model = await GaussianMixture.fit(X, { ...options, restarts: 10 });
    expect(model.failedRestarts).toBe(3);
    expect(Number.isFinite(model.logLikelihood)).toBe(true);
    expect(model.converged).toBe(true);
    const round = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(round.failedRestarts).toBe(3);
  });

  it('throw the first failure when every restart fails', async () => {
    // A constant column: with regCovar 0 no covariance is ever positive definite.
    const flat = X.map((row) => [at(row, 0), 0]);
    await expectRejection(
      GaussianMixture.fit(flat, { components: 2, regCovar: 0, seed: 3, restarts: 4 }),
      NumericalFailureError,
      'the covariance of component 0 is not positive definite after iteration 3 even after 4 re-seeds; ' +
        'increase regCovar (now 0), reduce components (now 2) or set standardize: true',
    );
  });
});

describe('in JSON', () => {
  it('round-trips degenerate and failedRestarts', async () => {
    const model = await GaussianMixture.fit(X, { components: 6, covariance: 'diag', seed: 8 });
    const json = JSON.parse(JSON.stringify(model));
    expect(json.degenerate).toEqual([2]);
    expect(json.failedRestarts).toBe(0);
    expect(GaussianMixture.fromJSON(json).degenerate).toEqual([2]);
  });

  it('reads a model saved before the fields existed as sound, with no failed restarts', () => {
    const older = savedWith((json) => {
      delete (json as Record<string, unknown>).degenerate;
      delete (json as Record<string, unknown>).failedRestarts;
    });
    const model = GaussianMixture.fromJSON(older);
    expect(model.degenerate).toEqual([]);
    expect(model.failedRestarts).toBe(0);
    expect(model.toJSON()).toEqual(SAVED);
  });

  it.each([
    ['not an array', 2, TypeError, 'degenerate must be an array, got 2'],
    ['a string entry', ['1'], TypeError, "degenerate[0] must be a number, got '1'"],
    [
      'out of range',
      [3],
      RangeError,
      'degenerate[0] must be a component index from 0 to 2 (ascending), got 3',
    ],
    [
      'not ascending',
      [1, 1],
      RangeError,
      'degenerate[1] must be a component index from 2 to 2 (ascending), got 1',
    ],
    [
      'fractional',
      [0.5],
      RangeError,
      'degenerate[0] must be a component index from 0 to 2 (ascending), got 0.5',
    ],
  ] as const)('refuses degenerate %s', (_title, value, kind, message) => {
    const json = savedWith((saved) => Object.assign(saved, { degenerate: value }));
    expectError(() => GaussianMixture.fromJSON(json), kind, `GaussianMixture.fromJSON: ${message}`);
  });

  it('refuses a negative failedRestarts', () => {
    const json = savedWith((saved) => Object.assign(saved, { failedRestarts: -1 }));
    expectError(
      () => GaussianMixture.fromJSON(json),
      RangeError,
      'GaussianMixture.fromJSON: failedRestarts must be an integer ≥ 0, got -1',
    );
  });
});
