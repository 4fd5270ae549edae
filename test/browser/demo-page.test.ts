/**
 * The browser demo (`npm run build:demo`, served by scripts/serve-demo.mjs) loads, fits on a click and draws
 * the clusters: the scatter canvas is saved to build/browser-test/demo.png and must not be blank.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GmmDemoHandle } from '../../demo/web/main';
import { browserTestsRun } from '../../scripts/chromium.mjs';
import { launchChromium, REPO_ROOT, SETUP_TIMEOUT, watchProblems } from './harness';

const SCREENSHOT = join(REPO_ROOT, 'build', 'browser-test', 'demo.png');

interface DemoServer {
  readonly url: string;
  close(): Promise<void>;
}

/** scripts/serve-demo.mjs has no type declarations; a specifier TypeScript does not resolve keeps it untyped. */
async function serveDemo(): Promise<DemoServer> {
  const script = new URL('../../scripts/serve-demo.mjs', import.meta.url).href;
  const module = (await import(/* @vite-ignore */ script)) as {
    serveDemo(options: { port: number }): Promise<DemoServer>;
  };
  return module.serveDemo({ port: 0 });
}

/** The demo's handle, as its page declares it (functions run in the page cannot share a helper). */
type DemoWindow = Window & { gmmDemo?: GmmDemoHandle };

interface CanvasCensus {
  readonly width: number;
  readonly height: number;
  /** Pixels that are neither transparent nor white. */
  readonly painted: number;
  /** Distinct colours among the painted pixels, each channel rounded to 16 levels. */
  readonly colours: number;
  /** Painted pixels of a clear colour (unfitted points, axes and text are grey). */
  readonly coloured: number;
  /** Hues (of 12 sectors) that at least 100 coloured pixels have: one per cluster, at least. */
  readonly hues: number;
}

describe.runIf(browserTestsRun())('the browser demo', () => {
  let browser: Browser | undefined;
  let server: DemoServer | undefined;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'build', 'demo-web', 'index.html'))) {
      await promisify(execFile)('npm', ['run', 'build:demo'], { cwd: REPO_ROOT });
    }
    server = await serveDemo();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads, fits on a click and draws the clusters', async () => {
    const page: Page = await (browser as Browser).newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(server?.url ?? '');
    await page.waitForFunction(() => (window as DemoWindow).gmmDemo !== undefined, undefined, {
      timeout: SETUP_TIMEOUT,
    });
    await page.evaluate(() => (window as DemoWindow).gmmDemo?.ready);
    await page.getByTestId('fit').click();
    await page.waitForFunction(() => ((window as DemoWindow).gmmDemo?.fitCount ?? 0) > 0, undefined, {
      timeout: SETUP_TIMEOUT,
    });
    // Let the redraws scheduled for the next animation frames land.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const lastFit = await page.evaluate(() => (window as DemoWindow).gmmDemo?.lastFit);
    expect(lastFit?.components).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(lastFit?.logLikelihood)).toBe(true);

    const canvas = page.getByTestId('scatter-canvas');
    await mkdir(join(REPO_ROOT, 'build', 'browser-test'), { recursive: true });
    await canvas.screenshot({ path: SCREENSHOT });
    const census = await canvas.evaluate((element: HTMLCanvasElement): CanvasCensus => {
      const context = element.getContext('2d');
      if (!context) throw new Error('the scatter canvas has no 2d context');
      const { data } = context.getImageData(0, 0, element.width, element.height);
      const colours = new Set<number>();
      const sectors = new Array<number>(12).fill(0);
      let painted = 0;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
        if (a === 0 || (r === 255 && g === 255 && b === 255)) continue;
        painted += 1;
        colours.add(((r >> 4) << 12) | ((g >> 4) << 8) | ((b >> 4) << 4) | (a >> 4));
        const max = Math.max(r, g, b);
        const chroma = max - Math.min(r, g, b);
        if (a < 128 || chroma < 60) continue;
        coloured += 1;
        const hue =
          max === r ? ((g - b) / chroma + 6) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
        const sector = Math.floor(hue * 2) % 12;
        sectors[sector] = (sectors[sector] ?? 0) + 1;
      }
      const hues = sectors.filter((count) => count >= 100).length;
      return { width: element.width, height: element.height, painted, colours: colours.size, coloured, hues };
    });
    console.info(
      `scatter canvas ${census.width}×${census.height}: ${census.painted} painted pixels ` +
        `(${((100 * census.painted) / (census.width * census.height)).toFixed(1)} %), ${census.colours} colours, ` +
        `${census.coloured} of a clear colour in ${census.hues} hues`,
    );
    expect(census.width * census.height).toBeGreaterThan(100_000);
    expect(census.painted / (census.width * census.height)).toBeGreaterThan(0.05);
    expect(census.colours).toBeGreaterThan(10);
    expect(census.coloured / (census.width * census.height)).toBeGreaterThan(0.01);
    expect(census.hues).toBeGreaterThanOrEqual(lastFit?.components ?? 1);
    expect(problems).toEqual([]);
  }, 120_000);

  it('refits the Bayesian mixture as the concentration slider moves: fewer components at small γ', async () => {
    const page: Page = await (browser as Browser).newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(server?.url ?? '');
    await page.waitForFunction(() => (window as DemoWindow).gmmDemo !== undefined, undefined, {
      timeout: SETUP_TIMEOUT,
    });
    await page.evaluate(() => (window as DemoWindow).gmmDemo?.ready);
    const activeAt = async (position: string): Promise<number> => {
      await page.getByTestId('bayes-concentration').fill(position);
      const concentration = 10 ** Number(position);
      await page.waitForFunction(
        // 10 ** x may differ in its last bit between the page and Node: compare, not equate.
        (expected) =>
          Math.abs(((window as DemoWindow).gmmDemo?.lastBayes?.concentration ?? 0) - expected) <
          1e-9 * expected,
        concentration,
        { timeout: SETUP_TIMEOUT },
      );
      return (await page.evaluate(() => (window as DemoWindow).gmmDemo?.lastBayes?.components)) ?? 0;
    };
    const few = await activeAt('-4');
    const many = await activeAt('3');
    expect(few).toBeGreaterThanOrEqual(1);
    expect(many).toBeGreaterThan(few);
    await expect(page.getByTestId('bayes-active').textContent()).resolves.toContain(
      `${many} of 8 components active`,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it("lists the four names and mclust's fourteen, grouped, each with its picture, and fits any of them", async () => {
    const page: Page = await (browser as Browser).newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(server?.url ?? '');
    await page.waitForFunction(() => (window as DemoWindow).gmmDemo !== undefined, undefined, {
      timeout: SETUP_TIMEOUT,
    });
    await page.evaluate(() => (window as DemoWindow).gmmDemo?.ready);
    const menu = await page.getByTestId('covariance').evaluate((select: HTMLSelectElement) =>
      Array.from(select.querySelectorAll('optgroup'), (group) => ({
        label: group.label,
        options: Array.from(group.querySelectorAll('option'), (option) => [option.value, option.text]),
      })),
    );
    expect(menu.map((group) => group.label)).toEqual([
      'scikit-learn',
      'mclust · round (…II)',
      'mclust · axis-aligned (…I)',
      'mclust · one orientation for all (…E)',
      'mclust · each its own orientation (…V)',
    ]);
    const values = menu.flatMap((group) => group.options.map(([value]) => value));
    expect(values).toEqual([
      'full',
      'tied',
      'diag',
      'spherical',
      'EII',
      'VII',
      'EEI',
      'VEI',
      'EVI',
      'VVI',
      'EEE',
      'VEE',
      'EVE',
      'VVE',
      'EEV',
      'VEV',
      'EVV',
      'VVV',
    ]);
    for (const [value, text] of menu.flatMap((group) => group.options)) {
      // The name, then a picture of a few words.
      expect(text).toMatch(new RegExp(`^${value} — \\S.{10,}$`));
    }
    expect(await page.getByTestId('covariance').inputValue()).toBe('full');
    await page.getByTestId('covariance').selectOption('VEV');
    await page.getByTestId('fit').click();
    await page.waitForFunction(() => ((window as DemoWindow).gmmDemo?.fitCount ?? 0) > 0, undefined, {
      timeout: SETUP_TIMEOUT,
    });
    await expect(page.locator('#status').textContent()).resolves.toMatch(/^Fitted K=3 VEV on /);
    expect(problems).toEqual([]);
  }, 120_000);
});
