/**
 * `workers: 2` in a page: a 200 000 × 8, K = 8 fit runs its E-steps in two Web Workers while the main thread
 * keeps drawing frames, and gives the inline fit's result to 1e-12 relative.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun } from '../../scripts/chromium.mjs';
import type { GaussianMixture } from '../../src/index';
import { flatNumbers } from '../helpers';
import type { FitSummary } from './fit-jobs';
import {
  bundlePage,
  launchChromium,
  openBundlePage,
  requireDist,
  SETUP_TIMEOUT,
  startServer,
  type TestServer,
} from './harness';

interface Measured {
  readonly pooled: FitSummary;
  readonly inline: FitSummary;
  /** Wall time of the pooled fit, ms. */
  readonly duration: number;
  /** requestAnimationFrame callbacks during the pooled fit, and during as long a wait with nothing to do. */
  readonly frames: number;
  readonly idleFrames: number;
}

/** Generates the data in the page (seeded), fits with two workers counting frames, then inline. */
function fitInPage(input: { rows: number; cols: number; k: number; seed: number }): Promise<Measured> {
  const { rows, cols, k, seed } = input;
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const centers = Array.from({ length: k * cols }, () => 10 * (2 * uniform() - 1));
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows * cols; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    data[i] = (centers[(Math.floor(i / cols) % k) * cols + (i % cols)] ?? 0) + normal;
  }
  const X = { data, rows, cols };
  // tol 0: exactly maxIter iterations, long enough (about a second) to count frames meaningfully.
  const options = { components: k, seed, tol: 0, maxIter: 30 };
  const summarize = (model: GaussianMixture): FitSummary => ({
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
    logLikelihood: model.logLikelihood,
    history: model.history,
    iterations: model.iterations,
    converged: model.converged,
    seed: model.seed,
    scoreSamples: [],
  });
  const countFrames = async (during: Promise<unknown>) => {
    let frames = 0;
    let counting = true;
    const tick = () => {
      if (!counting) return;
      frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    await during;
    counting = false;
    return frames;
  };
  return (async () => {
    const started = performance.now();
    let pooled: FitSummary | undefined;
    const frames = await countFrames(
      window.gmm.GaussianMixture.fit(X, { ...options, workers: 2 }).then((model) => {
        pooled = summarize(model);
      }),
    );
    const duration = performance.now() - started;
    const idleFrames = await countFrames(new Promise((resolve) => setTimeout(resolve, duration)));
    const inline = summarize(await window.gmm.GaussianMixture.fit(X, options));
    if (!pooled) throw new Error('the pooled fit gave no model');
    return { pooled, inline, duration, frames, idleFrames };
  })();
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1);
}

function largestDifference(a: unknown, b: unknown): number {
  const x = flatNumbers(a);
  const y = flatNumbers(b);
  expect(x.length).toBe(y.length);
  return x.reduce((worst, value, i) => Math.max(worst, relative(value, y[i] as number)), 0);
}

describe.runIf(browserTestsRun())('workers: 2 in Chromium', () => {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    requireDist();
    server = await startServer({ pages: bundlePage('workers', '/dist/index.js') });
    browser = await launchChromium();
    ({ page, problems } = await openBundlePage(browser, `${server.origin}/workers.html`));
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the main thread drawing and fits what the inline fit does (1e-12 relative)', async () => {
    const measured = await page.evaluate(fitInPage, { rows: 200_000, cols: 8, k: 8, seed: 8 });
    const { pooled, inline, duration, frames, idleFrames } = measured;
    console.info(
      `workers: 2 fit of 200000 x 8, K = 8, 30 iterations: ${duration.toFixed(0)} ms, ` +
        `${frames} animation frames (${idleFrames} when idle for as long)`,
    );
    // rAF fires in headless Chromium (idleFrames shows the page's own rate); at least 10 frames a second.
    expect(idleFrames).toBeGreaterThan(duration / 100);
    expect(frames).toBeGreaterThanOrEqual(duration / 100);
    expect(pooled.iterations).toBe(30);
    expect(inline.iterations).toBe(30);
    expect(relative(pooled.logLikelihood, inline.logLikelihood)).toBeLessThan(1e-12);
    expect(largestDifference(pooled.weights, inline.weights)).toBeLessThan(1e-12);
    expect(largestDifference(pooled.means, inline.means)).toBeLessThan(1e-12);
    expect(largestDifference(pooled.covariances, inline.covariances)).toBeLessThan(1e-12);
    expect(largestDifference(pooled.history, inline.history)).toBeLessThan(1e-12);
    expect(problems).toEqual([]);
  }, 60_000);
});
