// Reproductions of defects found by hostile use, each with the outcome it has now: a model that
// once could not be sampled, a fit that once aborted in the allocator, and wide fits that once held
// the thread for minutes in the degeneracy checks.
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, type InitMethod, NumericalFailureError } from '../src/index';
import { choleskyLower } from '../src/linalg';
import { startHeartbeat } from './heartbeat';
import { expectRejection } from './helpers';

const BLOCKED_MS = 250;

describe('a tied model of two repeated points, regCovar: 0, maxIter: 0, and its sample()', () => {
  // These fits once resolved with an exactly singular covariance in the data's units (for example
  // [[1.2e-46, −1.2e-46], [−1.2e-46, 1.2e-46]]), which sample() then failed to factorise:
  // "Cannot read properties of undefined (reading '0')". The singular start is now refused.
  const options = { covariance: 'tied', regCovar: 0, maxIter: 0, standardize: true } as const;
  const refused = 'the tied covariance is not positive definite at the start; increase regCovar (now 0)';

  it.each([0, 1, 9])('two points a hair apart, each twice, random-from-data, seed %i', async (seed) => {
    const X = [
      [1e-8, 0],
      [1e-8, 0],
      [0, 1e-8],
      [0, 1e-8],
    ];
    await expectRejection(
      GaussianMixture.fit(X, { ...options, components: 1, init: 'random-from-data', seed }),
      NumericalFailureError,
      refused,
    );
  });

  it.each([0, 1, 9])('two points ±1e150 apart, each twice, K = 2, seed %i', async (seed) => {
    const X = [
      [1e150, 1],
      [1e150, 1],
      [-1e150, 2],
      [-1e150, 2],
    ];
    await expectRejection(
      GaussianMixture.fit(X, { ...options, components: 2, init: 'random-from-data', seed }),
      NumericalFailureError,
      `${refused} or reduce components (now 2)`,
    );
  });

  it.each<InitMethod>(['kmeans', 'kmeans++'])('rows on one line, %s, K = 2', async (init) => {
    const X = [
      [0, 0],
      [0, 0],
      [1, 1],
      [2, 2],
    ];
    for (const seed of [0, 1, 9])
      await expectRejection(
        GaussianMixture.fit(X, { ...options, components: 2, init, seed }),
        NumericalFailureError,
        `${refused} or reduce components (now 2)`,
      );
  });

  it('every such fit that resolves samples finite rows from a covariance that factorises', async () => {
    const sets = [
      [[1], [1], [4], [4]],
      [
        [0, 0],
        [0, 0],
        [1, 1],
        [1, 1],
      ],
      [
        [1, 2, 3],
        [1, 2, 3],
        [4, 5, 7],
        [4, 5, 7],
      ],
      [
        [1e-8, 0],
        [1e-8, 0],
        [0, 1e-8],
        [0, 1e-8],
      ],
    ];
    let resolved = 0;
    let refusedCount = 0;
    for (const X of sets)
      for (const init of ['random', 'kmeans', 'random-from-data', 'hierarchical'] as const)
        for (const standardize of [false, true])
          for (const seed of [0, 1, 2]) {
            let model: GaussianMixture;
            try {
              model = await GaussianMixture.fit(X, { ...options, standardize, components: 1, init, seed });
            } catch (error) {
              expect((error as Error).message).toMatch(/^the tied covariance is not positive definite/);
              refusedCount++;
              continue;
            }
            resolved++;
            const d = model.features;
            expect(choleskyLower(new Float64Array(model.covariances.flat(2)), d, 0)).toBeDefined();
            const { X: draws } = model.sample(20, { seed: 3 });
            for (const row of draws) for (const value of row) expect(Number.isFinite(value)).toBe(true);
          }
    // Both outcomes occur, so both branches above are exercised.
    expect(resolved).toBeGreaterThan(0);
    expect(refusedCount).toBeGreaterThan(0);
  }, 30_000);
});

describe('2 rows × 12 000 columns', () => {
  const d = 12_000;
  const X = [
    Array.from({ length: d }, (_, j) => Math.sin(j)),
    Array.from({ length: d }, (_, j) => Math.cos(j)),
  ];

  // Once `abort: Allocation too large at ~lib/rt/tlsf.ts:461:29`, from inside the wasm allocator.
  // mclust's names are stored as the type whose kernels they share, which the message names.
  it.each<[CovarianceType, string]>([
    ['full', 'full'],
    ['tied', 'tied'],
    ['VVV', 'full'],
    ['EEE', 'tied'],
  ])('%s: a RangeError naming the limit and what to change', async (covariance, stored) => {
    for (const components of [1, 2])
      await expectRejection(
        GaussianMixture.fit(X, { components, covariance, seed: 1 }),
        RangeError,
        `covariance: '${stored}' with ${components} components and 12000 features needs 2.17 GiB in one ` +
          `WebAssembly buffer, more than the 1 GiB one allocation can hold; use covariance: 'diag' or ` +
          `'spherical', or fewer features or components`,
      );
  });

  // The degeneracy checks once built K full 12 000 × 12 000 matrices (1.15 GB each) and ran the
  // Jacobi method on them: the fit never returned. Axis-aligned covariances are checked as K×D numbers.
  it.each<CovarianceType>(['diag', 'spherical', 'EEI', 'EII', 'VEI', 'EVI'])(
    '%s fits, the event loop never held for 250 ms',
    async (covariance) => {
      const heartbeat = startHeartbeat();
      const model = await GaussianMixture.fit(X, { components: 2, covariance, seed: 1, maxIter: 5 });
      expect(heartbeat.stop().blockedMs).toBeLessThan(BLOCKED_MS);
      expect(model.features).toBe(d);
      expect(Number.isFinite(model.logLikelihood)).toBe(true);
    },
    30_000,
  );
});

describe('a wide full fit with few rows', () => {
  // 2 rows × 300 full: the degeneracy check once ran the Jacobi method on 300 × 300 (about a second
  // here; two minutes at 800 columns) although the component's 2 rows already make it degenerate.
  it('reports the component degenerate for its rows alone', async () => {
    const d = 300;
    const X = [
      Array.from({ length: d }, (_, j) => Math.sin(j)),
      Array.from({ length: d }, (_, j) => Math.cos(j)),
    ];
    const model = await GaussianMixture.fit(X, { components: 1, seed: 1, maxIter: 2 });
    expect(model.degenerate).toEqual([0]);
  }, 30_000);
});
