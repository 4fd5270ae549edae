/**
 * Content-Security-Policy: `'wasm-unsafe-eval'` (and `worker-src blob:` for `workers`) is all a page needs;
 * without it the fit rejects with the library's own message instead of a bare CompileError.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun } from '../../scripts/chromium.mjs';
import { TWO_CLUSTERS } from '../helpers';
import {
  bundlePage,
  launchChromium,
  openBundlePage,
  requireDist,
  SETUP_TIMEOUT,
  startServer,
  type TestServer,
} from './harness';

const ALLOWING = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:";
const FORBIDDING = "script-src 'self'";
/** A strict page: workers only from its own origin, no `blob:`. */
const NO_BLOB = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

const X = TWO_CLUSTERS;

/** Fits `X` in the page, resolving to the model's log-likelihood or the error's name and message. */
function fitInPage(input: { X: number[][]; workers: number; workerUrl?: string }) {
  return window.gmm.GaussianMixture.fit(input.X, {
    components: 2,
    seed: 7,
    regCovar: 1e-3,
    workers: input.workers,
    ...(input.workerUrl === undefined ? {} : { workerUrl: input.workerUrl }),
  })
    .then((model) => ({
      ok: true as const,
      logLikelihood: model.logLikelihood,
      labels: Array.from(model.predict(input.X)),
    }))
    .catch((error: unknown) => ({
      ok: false as const,
      name: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message : String(error),
    }));
}

describe.runIf(browserTestsRun())('Content-Security-Policy', () => {
  let browser: Browser | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    requireDist();
    server = await startServer({
      pages: {
        ...bundlePage('allowing', '/dist/index.js'),
        ...bundlePage('forbidding', '/dist/index.js'),
        ...bundlePage('no-blob', '/dist/index.js'),
        ...bundlePage('slim-no-blob', '/dist/slim.js'),
      },
      headers: {
        '/allowing.html': { 'content-security-policy': ALLOWING },
        '/forbidding.html': { 'content-security-policy': FORBIDDING },
        '/no-blob.html': { 'content-security-policy': NO_BLOB },
        '/slim-no-blob.html': { 'content-security-policy': NO_BLOB },
      },
    });
    browser = await launchChromium();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`fits inline and with a worker under ${ALLOWING}`, async () => {
    const { page, problems } = await openBundlePage(browser as Browser, `${server?.origin}/allowing.html`);
    let workersStarted = 0;
    page.on('worker', () => {
      workersStarted += 1;
    });
    const inline = await page.evaluate(fitInPage, { X, workers: 0 });
    const pooled = await page.evaluate(fitInPage, { X, workers: 1 });
    if (!inline.ok || !pooled.ok) throw new Error(`a fit failed: ${JSON.stringify({ inline, pooled })}`);
    const [a, , , b] = inline.labels;
    expect(inline.labels).toEqual([a, a, a, b, b, b]);
    expect(a).not.toBe(b);
    expect(pooled.labels).toEqual(inline.labels);
    expect(Math.abs(pooled.logLikelihood - inline.logLikelihood)).toBeLessThan(
      1e-12 * Math.abs(inline.logLikelihood),
    );
    expect(workersStarted).toBe(1);
    expect(problems).toEqual([]);
  });

  it(`rejects with the documented error under ${FORBIDDING}`, async () => {
    const { page } = await openBundlePage(browser as Browser, `${server?.origin}/forbidding.html`);
    const result = await page.evaluate(fitInPage, { X, workers: 0 });
    console.info(`under ${FORBIDDING}: ${JSON.stringify(result)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.name).toBe('Error');
      expect(result.message.startsWith('gmm-wasm could not instantiate its WebAssembly module:')).toBe(true);
    }
    // The failure leaves nothing behind: a second attempt fails the same way instead of hanging.
    expect(await page.evaluate(fitInPage, { X, workers: 0 })).toEqual(result);
  });

  it(`under ${NO_BLOB}: the blob: worker is refused with the reason, workerUrl fits`, async () => {
    const { page } = await openBundlePage(browser as Browser, `${server?.origin}/no-blob.html`);
    const refused = await page.evaluate(fitInPage, { X, workers: 1 });
    console.info(`blob: worker under ${NO_BLOB}: ${JSON.stringify(refused)}`);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toMatch(/^gmm-wasm(:| could not start) a blob: worker/);
      expect(refused.message).toContain(
        'a Content Security Policy must allow it (worker-src blob:), or serve gmm-wasm/worker.js and pass ' +
          'workerUrl, or use workers: 0 to fit on the calling thread',
      );
    }
    const inline = await page.evaluate(fitInPage, { X, workers: 0 });
    const served = await page.evaluate(fitInPage, { X, workers: 2, workerUrl: '/dist/worker.js' });
    if (!inline.ok || !served.ok) throw new Error(`a fit failed: ${JSON.stringify({ inline, served })}`);
    expect(served.labels).toEqual(inline.labels);
    expect(Math.abs(served.logLikelihood - inline.logLikelihood)).toBeLessThan(
      1e-12 * Math.abs(inline.logLikelihood),
    );
  });

  it('gmm-wasm/slim: workers need workerUrl, and fit with it', async () => {
    const { page } = await openBundlePage(browser as Browser, `${server?.origin}/slim-no-blob.html`);
    await page.evaluate(() => window.gmm.ready(new URL('/dist/gmm.wasm', location.href)));
    const missing = await page.evaluate(fitInPage, { X, workers: 1 });
    expect(missing).toEqual({
      ok: false,
      name: 'Error',
      message:
        'gmm-wasm/slim embeds no worker: pass workerUrl, the URL of gmm-wasm/worker.js as your bundler or ' +
        'server provides it, or use workers: 0 to fit on the calling thread',
    });
    const served = await page.evaluate(fitInPage, { X, workers: 1, workerUrl: '/dist/worker.js' });
    expect(served.ok).toBe(true);
  });
});
