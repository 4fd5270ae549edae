/**
 * The fits the two WebAssembly builds are compared on (test/build-identity.test.ts): every covariance
 * type at shapes that cover the kernels' blocks of 8 rows, their panels of 128 and the tail of
 * n % 8 rows, odd and even D, weighted rows, missing values, the Bayesian mixture and float32 fits. Each case
 * returns every number a user can read from its result, or the error message, so that two builds
 * can be compared bit for bit.
 */
import type * as Library from '../src/index';
import type { CovarianceType } from '../src/types';
import { mulberry32, standardNormal } from './random';

type Lib = typeof Library;

/** [rows, features, components]: tail only; one block; a panel, a block and a tail; several panels; two chunks. */
export const SHAPES: readonly (readonly [number, number, number])[] = [
  [7, 3, 2],
  [8, 1, 2],
  [139, 2, 3],
  [397, 5, 4],
  [1037, 8, 3],
  [4109, 13, 5],
];

export const COVARIANCES: readonly CovarianceType[] = [
  'full',
  'tied',
  'diag',
  'spherical',
  'EII',
  'EEI',
  'VEI',
  'EVI',
  'VEE',
  'EVE',
  'VVE',
  'EEV',
  'VEV',
  'EVV',
];

export interface Case {
  readonly name: string;
  run(lib: Lib): Promise<unknown>;
}

/** Rows around `k` centres 4 apart, some coordinates NaN when `missing` > 0 (never a whole row). */
function data(seed: number, n: number, d: number, k: number, missing = 0): number[][] {
  const random = mulberry32(seed);
  const centres = Array.from({ length: k }, () =>
    Array.from({ length: d }, () => 4 * standardNormal(random)),
  );
  return Array.from({ length: n }, (_, i) => {
    const centre = centres[i % k] as number[];
    const row = centre.map((value, j) => value + (1 + 0.3 * j) * standardNormal(random));
    if (missing > 0 && d > 1 && random() < missing) row[Math.floor(random() * d)] = Number.NaN;
    return row;
  });
}

function weightsFor(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => 0.25 + 2 * random());
}

/** Every number of a fitted mixture, and of its predictions on the rows it was fitted to. */
function readMixture(model: Library.GaussianMixture, X: number[][]): unknown {
  return {
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
    logLikelihood: model.logLikelihood,
    history: model.history,
    iterations: model.iterations,
    converged: model.converged,
    proba: model.predictProba(X).map((row) => Array.from(row)),
    scores: Array.from(model.scoreSamples(X)),
    bic: model.bic(X),
  };
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function mixtureCases(): Case[] {
  const cases: Case[] = [];
  SHAPES.forEach(([n, d, k], s) => {
    COVARIANCES.forEach((covariance, t) => {
      // EVE's and VVE's M-steps iterate in TypeScript over the full kernels' statistics: wide shapes
      // would spend seconds there and cover no kernel that VVV and VEE do not.
      if ((covariance === 'EVE' || covariance === 'VVE') && d > 5) return;
      const seed = 1000 * s + t + 1;
      const X = data(seed, n, d, k);
      // Weighted rows on every other type, so each shape has both.
      const sampleWeight = t % 2 === 1 ? weightsFor(seed + 7, n) : undefined;
      cases.push({
        name: `${covariance} ${n}×${d} K=${k}${sampleWeight ? ' weighted' : ''}`,
        run: (lib) =>
          outcome(async () => {
            const options = { components: k, covariance, seed, maxIter: 12, tol: 0, sampleWeight };
            return readMixture(await lib.GaussianMixture.fit(X, options), X);
          }),
      });
    });
  });
  return cases;
}

function missingCases(): Case[] {
  return SHAPES.filter(([, d]) => d > 1).flatMap(([n, d, k], s) =>
    (['full', 'diag', 'VVV', 'spherical'] as const).map((covariance, t) => {
      const seed = 50_000 + 100 * s + t;
      const X = data(seed, n, d, k, 0.15);
      return {
        name: `missing: 'em', ${covariance} ${n}×${d} K=${k}`,
        run: (lib: Lib) =>
          outcome(async () => {
            const options = { components: k, covariance, seed, maxIter: 8, tol: 0, missing: 'em' as const };
            const model = await lib.GaussianMixture.fit(X, options);
            return {
              ...(readMixture(model, X) as object),
              imputed: model.impute(X).map((r) => Array.from(r)),
            };
          }),
      };
    }),
  );
}

function bayesianCases(): Case[] {
  return ([SHAPES[2], SHAPES[5]] as const).flatMap((shape, s) =>
    (['full', 'tied', 'diag', 'spherical'] as const).map((covariance, t) => {
      const [n, d, k] = shape as readonly [number, number, number];
      const seed = 90_000 + 10 * s + t;
      const X = data(seed, n, d, k);
      return {
        name: `Bayesian ${covariance} ${n}×${d} K=${k}`,
        run: (lib: Lib) =>
          outcome(async () => {
            const model = await lib.BayesianGaussianMixture.fit(X, {
              components: k + 1,
              covariance,
              seed,
              maxIter: 10,
            });
            return {
              weights: model.weights,
              means: model.means,
              covariances: model.covariances,
              lowerBound: model.lowerBound,
              history: model.history,
              proba: model.predictProba(X).map((row) => Array.from(row)),
              scores: Array.from(model.scoreSamples(X)),
            };
          }),
      };
    }),
  );
}

/** `precision: 'float32'` fits: the f32 kernels' blocks of 16, panels of 256 and tails, k-means starts, weights. */
function float32Cases(): Case[] {
  return ([SHAPES[2], SHAPES[4], SHAPES[5]] as const).flatMap((shape, s) =>
    (['full', 'tied', 'diag', 'spherical'] as const).map((covariance, t) => {
      const [n, d, k] = shape as readonly [number, number, number];
      const seed = 70_000 + 10 * s + t;
      const X = data(seed, n, d, k);
      const sampleWeight = t % 2 === 0 ? weightsFor(seed + 3, n) : undefined;
      const init = t < 2 ? ('kmeans' as const) : ('random' as const);
      return {
        name: `precision: 'float32', ${covariance} ${n}×${d} K=${k}, ${init}${sampleWeight ? ', weighted' : ''}`,
        run: (lib: Lib) =>
          outcome(async () => {
            const options = { components: k, covariance, seed, maxIter: 10, tol: 0, init, sampleWeight };
            const model = await lib.GaussianMixture.fit(X, { ...options, precision: 'float32' as const });
            return readMixture(model, X);
          }),
      };
    }),
  );
}

/** Every case, in a fixed order. */
export function buildIdentityCases(): Case[] {
  return [...mixtureCases(), ...missingCases(), ...bayesianCases(), ...float32Cases()];
}
