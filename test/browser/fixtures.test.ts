/**
 * The same bits in Chromium as in Node: every scikit-learn fixture run (each dataset, covariance type and
 * max_iter 1, 5, 50, from the fixture's start, tol 0) and a seeded k-means fit with restarts are fitted by
 * `dist/index.js` in a page and in Node, and every number must be identical. The fixture itself is a sanity
 * anchor at 1e-8 relative, as in test/sklearn.test.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun } from '../../scripts/chromium.mjs';
import { importBuiltLibrary } from '../built-library';
import {
  at,
  expectAllClose,
  expectClose,
  loadFixture,
  type SklearnFixture,
  type SklearnRun,
} from '../helpers';
import { expectBitIdentical, type FitJobs, type FitSummary, runFitJobs } from './fit-jobs';
import {
  bundlePage,
  launchChromium,
  openBundlePage,
  requireDist,
  SETUP_TIMEOUT,
  startServer,
  type TestServer,
} from './harness';

const DATASETS = ['iris', 'iris-standardized', 'blobs-2d', 'mix-5d', 'mix-16d', 'mix-3d-k2'] as const;
const fixtures: SklearnFixture[] = DATASETS.map((name) => loadFixture(name));

interface Case {
  readonly title: string;
  readonly fixture: SklearnFixture;
  readonly run: SklearnRun;
}

const CASES: Case[] = fixtures.flatMap((fixture) =>
  fixture.runs.map((run) => ({
    title: `${fixture.name}, ${run.covariance_type}, T=${run.max_iter}`,
    fixture,
    run,
  })),
);

/** The mix-5d rows, four components, a seeded k-means start and three restarts. */
const KMEANS_RESTARTS = { components: 4, init: 'kmeans', restarts: 3, seed: 20_251_126 } as const;

const JOBS: Omit<FitJobs, 'library'> = {
  data: fixtures.map((fixture) => fixture.X),
  jobs: [
    ...CASES.map(({ fixture, run }) => ({
      data: fixtures.indexOf(fixture),
      options: {
        components: fixture.n_components,
        covariance: run.covariance_type,
        init: {
          weights: fixture.init.weights,
          means: fixture.init.means,
          covariances: run.init_covariances_compact,
        },
        tol: 0,
        maxIter: run.max_iter,
        regCovar: fixture.reg_covar,
        // An explicit start draws nothing at random, but the reported seed would still be random.
        seed: 1,
      },
    })),
    { data: DATASETS.indexOf('mix-5d'), options: KMEANS_RESTARTS },
  ],
};

const TOLERANCE = 1e-8;

describe.runIf(browserTestsRun())('dist/index.js in Chromium', () => {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  let inBrowser: FitSummary[] = [];
  let inNode: FitSummary[] = [];
  let problems: string[] = [];

  beforeAll(async () => {
    requireDist();
    server = await startServer({ pages: bundlePage('fixtures', '/dist/index.js') });
    browser = await launchChromium();
    const opened = await openBundlePage(browser, `${server.origin}/fixtures.html`);
    problems = opened.problems;
    inBrowser = await opened.page.evaluate(runFitJobs, JOBS);
    const library = await importBuiltLibrary();
    inNode = await runFitJobs({ ...JOBS, library });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fits every job without a page or console error', () => {
    expect(CASES).toHaveLength(DATASETS.length * 4 * 3);
    expect(inBrowser).toHaveLength(JOBS.jobs.length);
    expect(inNode).toHaveLength(JOBS.jobs.length);
    expect(problems).toEqual([]);
  });

  describe.each(CASES.map((c, i) => [c.title, c, i] as const))('%s', (_title, { fixture, run }, i) => {
    it('is bit-identical to Node', () => {
      expectBitIdentical(at(inBrowser, i), at(inNode, i), run.covariance_type);
    });

    it('agrees with scikit-learn to 1e-8', () => {
      const fit = at(inBrowser, i);
      expect(fit.iterations).toBe(run.n_iter);
      expectAllClose(fit.weights, run.weights, TOLERANCE, 'weights');
      expectAllClose(fit.means, run.means, TOLERANCE, 'means');
      expectAllClose(fit.covariances, run.covariances_full, TOLERANCE, 'covariances');
      expectClose(fit.logLikelihood, run.score, TOLERANCE, 0, 'logLikelihood vs score');
      const stored = run.rows.map((row) => at(fit.scoreSamples, row));
      expectAllClose(stored, run.score_samples, TOLERANCE, 'score_samples');
      expect(fit.scoreSamples).toHaveLength(fixture.n_samples);
    });
  });

  it("restarts: 3 with init 'kmeans' and a seed is bit-identical to Node", () => {
    const last = JOBS.jobs.length - 1;
    const fit = at(inBrowser, last);
    expect(fit.seed).toBe(KMEANS_RESTARTS.seed);
    expect(fit.converged).toBe(true);
    expectBitIdentical(fit, at(inNode, last), 'kmeans, 3 restarts');
  });
});
