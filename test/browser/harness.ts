/**
 * What the browser tests share: a static server on 127.0.0.1 for the built `dist/` and for pages generated
 * into a temporary folder (with response headers chosen per path, e.g. a Content-Security-Policy), Debian's
 * Chromium driven by playwright-core, and a page that imports a bundle as `window.gmm`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import type { Library } from '../built-library';

/** The library as a page sees it after `import * as gmm from '/dist/index.js'`. */
export type { Library };

declare global {
  interface Window {
    /** Set by the pages of `bundlePage`. */
    gmm: Library;
  }
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(REPO_ROOT, 'dist');

/** Launching Chromium and loading pages: generous, as other test files share the machine's two cores. */
export const SETUP_TIMEOUT = 60_000;

/** The built bundles the pages import; `npm test` builds them first (pretest). */
export function requireDist(): void {
  for (const file of ['index.js', 'slim.js', 'gmm.wasm']) {
    if (!existsSync(join(DIST, file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
  }
}

/**
 * Debian's Chromium (CHROMIUM_PATH overrides where it is). `launch` gives every browser a new, empty
 * profile in a temporary folder of its own and deletes it on `close`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** Page errors and console errors, collected from the moment of the call. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/**
 * A page `/<name>.html` whose module script `/<name>.js` imports `bundle` and sets `window.gmm`. The
 * script is a file, not inline, so that a CSP of `script-src 'self'` lets it run.
 */
export function bundlePage(name: string, bundle: '/dist/index.js' | '/dist/slim.js'): Record<string, string> {
  return {
    [`/${name}.html`]: [
      '<!doctype html>',
      '<html lang="en">',
      '<meta charset="utf-8">',
      `<title>${name}</title>`,
      '<link rel="icon" href="data:,">',
      `<script type="module" src="/${name}.js"></script>`,
      '</html>',
      '',
    ].join('\n'),
    [`/${name}.js`]: `import * as gmm from '${bundle}';\nwindow.gmm = gmm;\n`,
  };
}

/** Opens `url` and waits until its module script has set `window.gmm`. */
export async function openBundlePage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(url);
  // Module scripts run before the load event that `goto` waits for.
  const loaded = await page.evaluate(() => typeof window.gmm === 'object');
  if (!loaded)
    throw new Error(`${url} did not load its bundle: ${problems.join('; ') || 'no error reported'}`);
  return { page, problems };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface ServerOptions {
  /** Generated files by URL path (`/page.html` → its text), written to a temporary folder. */
  readonly pages: Readonly<Record<string, string>>;
  /** Response headers by URL path, added to that path's response only. */
  readonly headers?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Stops the server and deletes the generated pages. */
  close(): Promise<void>;
}

/** Serves `/dist/…` from the repository's `dist/` and every other path from the generated pages. */
export async function startServer(options: ServerOptions): Promise<TestServer> {
  const pagesRoot = await mkdtemp(join(tmpdir(), 'gmm-browser-test-'));
  for (const [path, text] of Object.entries(options.pages)) {
    const file = join(pagesRoot, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  const server = createServer((request, response) => {
    serve(request, response, pagesRoot, options.headers ?? {}).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(pagesRoot, { recursive: true, force: true });
    },
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  pagesRoot: string,
  headers: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  const [root, rest] = pathname.startsWith('/dist/')
    ? [DIST, pathname.slice('/dist'.length)]
    : [pagesRoot, pathname];
  const file = normalize(join(root, rest));
  const body = file.startsWith(root + sep) ? await readFile(file).catch(() => undefined) : undefined;
  if (request.method !== 'GET' || body === undefined) {
    response.writeHead(request.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`cannot ${request.method} ${pathname}`);
    return;
  }
  response.writeHead(200, {
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    ...headers[pathname],
  });
  response.end(body);
}
