// `workers`: shards of rows in worker_threads, their E-step statistics summed on this thread. The
// result equals the inline fit up to the order of floating-point sums, and no worker outlives a fit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type CovarianceType, type FitOptions, GaussianMixture, selectModel } from '../src/index';
import { blobs } from './helpers';

const run = promisify(execFile);
const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** 3 000 rows: several chunks of 4 096 would need more; shards of 1 000 exercise the sums anyway. */
const { X } = blobs(
  21,
  [
    [0, 0, 0],
    [5, 1, -2],
    [1, 6, 3],
  ],
  1000,
);

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1);
}

/** The largest relative difference between two lists of numbers of the same length. */
function largestDifference(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, value, i) => Math.max(worst, relative(value, b[i] as number)), 0);
}

function expectSameModel(pooled: GaussianMixture, inline: GaussianMixture): void {
  expect(pooled.iterations).toBe(inline.iterations);
  expect(relative(pooled.logLikelihood, inline.logLikelihood)).toBeLessThan(1e-12);
  expect(largestDifference(pooled.weights, inline.weights)).toBeLessThan(1e-12);
  expect(largestDifference(pooled.means.flat(), inline.means.flat())).toBeLessThan(1e-12);
  expect(largestDifference(pooled.covariances.flat(2), inline.covariances.flat(2))).toBeLessThan(1e-12);
  expect(largestDifference(pooled.history, inline.history)).toBeLessThan(1e-12);
}

describe('workers', () => {
  it.each(TYPES)('%s: two workers fit what the calling thread fits (1e-12 relative)', async (covariance) => {
    const options: FitOptions = { components: 3, covariance, seed: 4, restarts: 2, tol: 0, maxIter: 30 };
    const inline = await GaussianMixture.fit(X, options);
    const pooled = await GaussianMixture.fit(X, { ...options, workers: 2 });
    expectSameModel(pooled, inline);
  });

  // The workers evaluate each type by its E-step side alone (EVALUATION_MODELS): one of mclust's models
  // per side, at D = 8 and K = 4, where VVE's shared-orientation kernels run rather than full's fallback.
  it.each(['EII', 'VEI', 'EEV', 'VVE'] as const)(
    '%s: two workers fit what the calling thread fits',
    async (covariance) => {
      const centres = [0, 1, 2, 3].map((c) => Array.from({ length: 8 }, (_, j) => 4 * Math.sin(3 * c + j)));
      const wide = blobs(8, centres, 500).X;
      const options: FitOptions = { components: 4, covariance, init: 'kmeans', seed: 2, tol: 0, maxIter: 15 };
      expectSameModel(
        await GaussianMixture.fit(wide, { ...options, workers: 2 }),
        await GaussianMixture.fit(wide, options),
      );
    },
  );

  it('agrees with standardize, sample weights and a k-means start (which runs on this thread)', async () => {
    const sampleWeight = X.map((_, i) => 1 + (i % 3));
    const options: FitOptions = {
      components: 3,
      init: 'kmeans',
      standardize: true,
      sampleWeight,
      seed: 9,
      tol: 0,
      maxIter: 20,
    };
    expectSameModel(
      await GaussianMixture.fit(X, { ...options, workers: 3 }),
      await GaussianMixture.fit(X, options),
    );
  });

  it('uses no more workers than rows', async () => {
    const tiny = X.slice(0, 4);
    const options: FitOptions = { components: 2, seed: 1, tol: 0, maxIter: 5 };
    expectSameModel(
      await GaussianMixture.fit(tiny, { ...options, workers: 8 }),
      await GaussianMixture.fit(tiny, options),
    );
  });

  it('serves every candidate of selectModel from one pool', async () => {
    const options = {
      components: [1, 2, 3],
      covariance: ['full', 'diag'] as CovarianceType[],
      seed: 2,
      tol: 0,
      maxIter: 10,
    };
    const inline = await selectModel(X, options);
    const pooled = await selectModel(X, { ...options, workers: 2 });
    pooled.table.forEach((row, i) => {
      const twin = inline.table[i];
      expect([row.components, row.covariance]).toEqual([twin?.components, twin?.covariance]);
      expect(relative(row.bic, twin?.bic as number)).toBeLessThan(1e-12);
      // The workers' last pass sums the classification entropy too: ICL as on this thread.
      expect(relative(row.icl, twin?.icl as number)).toBeLessThan(1e-12);
      if (row.components > 1) expect(row.icl - row.bic).toBeGreaterThan(1);
    });
  });

  it('rejects with the reason of an abort from onIteration, and the next fit works', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const fitting = GaussianMixture.fit(X, {
      components: 3,
      workers: 2,
      tol: 0,
      maxIter: 50,
      signal: controller.signal,
      onIteration: ({ iteration }) => {
        if (iteration === 3) controller.abort(reason);
      },
    });
    await expect(fitting).rejects.toBe(reason);
    const again = await GaussianMixture.fit(X, { components: 3, workers: 2, seed: 1, maxIter: 5 });
    expect(again.iterations).toBeGreaterThan(0);
  });

  it('leaves nothing running: a Node process that fits with workers, or aborts one, exits by itself', async () => {
    const script = `
      import { GaussianMixture } from './src/index.ts';
      const X = Array.from({ length: 2000 }, (_, i) => [i % 7, (i * 13) % 11, (i % 5) * 2]);
      await GaussianMixture.fit(X, { components: 3, workers: 2, seed: 1, maxIter: 10 });
      const controller = new AbortController();
      const fitting = GaussianMixture.fit(X, { components: 3, workers: 2, tol: 0, maxIter: 1000, signal: controller.signal,
        onIteration: ({ iteration }) => { if (iteration === 2) controller.abort(new Error('stop')); } });
      await fitting.catch((error) => console.log('aborted:', error.message));
      console.log('done');
    `;
    const started = performance.now();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      timeout: 30_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['aborted: stop', 'done']);
    // It exited on its own (execFile resolves on exit), well before the timeout would have killed it.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('validates the option', async () => {
    await expect(GaussianMixture.fit(X, { components: 2, workers: -1 })).rejects.toThrow(
      new RangeError('workers must be an integer ≥ 0, got -1'),
    );
  });
});
