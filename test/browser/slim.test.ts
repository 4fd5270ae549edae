/**
 * `dist/slim.js` in a page: it embeds no binary, so a fit before `ready(url)` fails with the slim message;
 * after `ready(new URL('/dist/gmm.wasm', location.href))` (served as application/wasm) it fits as the full
 * bundle does in the same page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun } from '../../scripts/chromium.mjs';
import { TWO_CLUSTERS } from '../helpers';
import { expectBitIdentical, runFitJobs } from './fit-jobs';
import {
  bundlePage,
  launchChromium,
  openBundlePage,
  requireDist,
  SETUP_TIMEOUT,
  startServer,
  type TestServer,
} from './harness';

const SLIM_MESSAGE = 'gmm-wasm/slim embeds no binary: call `await ready(source)` with gmm.wasm first';

const JOBS = {
  data: [TWO_CLUSTERS],
  jobs: [{ data: 0, options: { components: 2, seed: 7, regCovar: 1e-3 } }],
};

describe.runIf(browserTestsRun())('dist/slim.js in Chromium', () => {
  let browser: Browser | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    requireDist();
    server = await startServer({ pages: bundlePage('slim', '/dist/slim.js') });
    browser = await launchChromium();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fails a fit before ready(url) and fits after it, as the full bundle does', async () => {
    const { page, problems } = await openBundlePage(browser as Browser, `${server?.origin}/slim.html`);
    const wasmResponses: (string | undefined)[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.wasm')) wasmResponses.push(response.headers()['content-type']);
    });

    const before = await page.evaluate(() =>
      window.gmm.GaussianMixture.fit([[0], [1]], { components: 1 }).then(
        () => 'no error',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    );
    expect(before).toBe(SLIM_MESSAGE);

    await page.evaluate(() => window.gmm.ready(new URL('/dist/gmm.wasm', location.href)));
    expect(wasmResponses).toEqual(['application/wasm']);
    const [slim] = await page.evaluate(runFitJobs, JOBS);
    // The same page then imports the full bundle: same engine, so the same bits are due. A string, as
    // vitest would rewrite an import() inside a function into a helper the page does not have.
    await page.evaluate("import('/dist/index.js').then((module) => { window.gmm = module; })");
    const [full] = await page.evaluate(runFitJobs, JOBS);
    if (!slim || !full) throw new Error('a fit gave no result');
    expectBitIdentical(slim, full, 'slim.js vs index.js in one page');
    expect(problems).toEqual([]);
  });
});
