/**
 * Reproduces demo/web/screenshot.png: serves the built demo on a free port, opens it in headless Chromium,
 * runs a model selection (BIC over K = 1…8), then an Iris fit with the default settings (K = 3), and saves
 * the page. Run `npm run build:demo` first, then `node demo/web/screenshot.mjs [--out file.png]
 * [--no-selection]`. Uses playwright-core with Debian's Chromium (CHROMIUM_PATH overrides where it is).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { serveDemo } from '../../scripts/serve-demo.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: fileURLToPath(new URL('./screenshot.png', import.meta.url)) },
    'no-selection': { type: 'boolean', default: false },
  },
});

/** Clicks the button with `testId` and waits until the demo has shown one more finished fit. */
async function clickAndWaitForFit(page, testId) {
  const before = await page.evaluate(() => window.gmmDemo.fitCount);
  await page.getByTestId(testId).click();
  await page.waitForFunction((count) => window.gmmDemo.fitCount > count, before, { timeout: 120_000 });
}

const server = await serveDemo({ port: 0 });
const profile = await mkdtemp(join(tmpdir(), 'gmm-demo-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  ...chromiumLaunchOptions(),
  viewport: { width: 1440, height: 900 },
  deviceScaleFactor: 1,
});
const problems = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.gmmDemo !== undefined);
  await page.evaluate(() => window.gmmDemo.ready);
  if (!values['no-selection']) await clickAndWaitForFit(page, 'select');
  await clickAndWaitForFit(page, 'fit');
  const lastFit = await page.evaluate(() => window.gmmDemo.lastFit);
  // Let the final requestAnimationFrame redraws land before the picture.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.screenshot({ path: values.out, fullPage: true });
  console.log(
    `${values.out}: K=${lastFit.components}, ${lastFit.iterations} iterations, ` +
      `log-likelihood ${lastFit.logLikelihood.toFixed(4)}; status: ${await page.getByTestId('status').textContent()}`,
  );
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
