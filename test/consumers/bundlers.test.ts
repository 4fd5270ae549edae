// The packed tarball in a fresh project, run by Deno and Bun and bundled by webpack (for the web and
// for a Node server with `workers: 2`), Vite, esbuild, `bun build` and Rollup, each page loaded in
// Chromium: every one must print the fixture fit of Node's esm.mjs bit for bit, with the full entry
// and with gmm-wasm/slim, and the builds must not warn. The slim pages get the binary's URL exactly
// as the README's per-bundler table says (its code, its flags), so the table is tested here.
// Bundle sizes are printed for the record.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { threeBlobs } from './dataset';
import { pack, REPO, run, runOrThrow, sizes } from './packed';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = (tool: string) => join(REPO, 'node_modules', '.bin', tool);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** What page.js shows. */
interface PageResult {
  labels: number[];
  logLikelihood: number;
  slim: { labels: number[]; logLikelihood: number };
  missing: string;
}

/** Loads `dir/index.html` in Chromium; returns what the page printed and the origin it was served from. */
async function fitInChromium(dir: string): Promise<{ shown: PageResult; origin: string }> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    readFile(join(dir, file)).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/`);
    const result = page.locator('#result[data-status]');
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? '';
    expect(await result.getAttribute('data-status'), text).toBe('done');
    expect(problems).toEqual([]);
    return { shown: JSON.parse(text), origin };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** One row of the README's table: the bundler, the line of code that gives the URL, what the build needs. */
interface TableRow {
  readonly code: string;
  /** The backquoted items of the third column (flags, plugins, their options); none for "nothing". */
  readonly needs: readonly string[];
}

/** The README's per-bundler table of the slim path, by bundler name (backquotes dropped). */
async function readmeTable(): Promise<Record<string, TableRow>> {
  const lines = (await readFile(join(REPO, 'README.md'), 'utf8')).split('\n');
  const start = lines.findIndex((line) => line.startsWith("| bundler | the binary's URL"));
  expect(start, "README.md has the table '| bundler | the binary's URL …'").toBeGreaterThan(0);
  const rows: Record<string, TableRow> = {};
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [name, code, needs] = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    const quoted = (cell: string) => Array.from(cell.matchAll(/`([^`]+)`/g), (match) => match[1] as string);
    rows[(name ?? '').replaceAll('`', '')] = {
      code: quoted(code ?? '')[0] ?? '',
      needs: needs?.startsWith('nothing') ? [] : quoted(needs ?? ''),
    };
  }
  return rows;
}

/** How each bundler of the table builds bundlers/page.js into `out`, given the table's third column. */
const BUILDS: Record<string, (out: string, needs: readonly string[]) => [string, string[]]> = {
  'webpack 5': (out, needs) => [
    process.execPath,
    ['bundlers/webpack-build.mjs', 'web', 'bundlers/page.js', out, ...needs],
  ],
  Vite: (out, needs) => [
    process.execPath,
    [
      join('node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      'bundlers/vite',
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
      ...needs,
    ],
  ],
  esbuild: (out, needs) => [
    BIN('esbuild'),
    ['bundlers/page.js', '--bundle', '--format=iife', '--minify', `--outfile=${out}/page.js`, ...needs],
  ],
  'bun build': (out, needs) => [
    BIN('bun'),
    ['build', 'bundlers/page.js', '--format=iife', '--minify', `--outdir=${out}`, ...needs],
  ],
  Rollup: (out, needs) => {
    // `@rollup/plugin-x` followed by its options object, as the table writes them.
    const plugins = needs.flatMap((item, i) => {
      if (!item.startsWith('@rollup/plugin-')) return [];
      const options = needs[i + 1]?.startsWith('{') ? `=${needs[i + 1]}` : '';
      return [
        '--plugin',
        item === '@rollup/plugin-node-resolve' ? `${item}={browser:true}` : `${item}${options}`,
      ];
    });
    return [
      process.execPath,
      [
        join('node_modules', 'rollup', 'dist', 'bin', 'rollup'),
        'bundlers/page.js',
        '--format',
        'iife',
        '--file',
        `${out}/page.js`,
        ...plugins,
      ],
    ];
  },
};

describe('the packed package in other runtimes and bundlers', () => {
  let temp = '';
  let project = '';
  let node: { labels: number[]; logLikelihood: number; slimLabels: number[] } | undefined;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'gmm-wasm-bundlers-'));
    project = join(temp, 'project');
    await mkdir(join(project, 'node_modules'), { recursive: true });
    const tarball = await pack(temp);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const cache = join(temp, 'cache');
    await runOrThrow(
      'npm',
      ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', cache],
      project,
    );
    // Linked after the install, which would prune them as extraneous.
    for (const tool of ['webpack', 'esbuild', 'rollup', '@rollup', 'vite']) {
      await symlink(join(REPO, 'node_modules', tool), join(project, 'node_modules', tool), 'dir');
    }
    await cp(join(HERE, 'esm.mjs'), join(project, 'esm.mjs'));
    await cp(join(HERE, 'bundlers'), join(project, 'bundlers'), { recursive: true });
    const X = threeBlobs();
    await writeFile(join(project, 'dataset.json'), JSON.stringify(X));
    await writeFile(join(project, 'dataset.js'), `export default ${JSON.stringify(X)};\n`);
    node = JSON.parse(await runOrThrow(process.execPath, ['esm.mjs'], project));
  }, 180_000);

  afterAll(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it.each([
    ['Deno', BIN('deno'), ['run', '--allow-all', 'esm.mjs']],
    ['Bun', BIN('bun'), ['esm.mjs']],
  ])('%s runs the ESM consumer and prints what Node prints, bit for bit', async (_name, command, args) => {
    const result = await run(command, args, project);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(node);
  });

  it("webpack target 'node': a bundled server fits with workers: 2, and the build prints no warning", async () => {
    const build = await run(
      process.execPath,
      ['bundlers/webpack-build.mjs', 'node', 'bundlers/server.mjs', 'out-webpack-node'],
      project,
    );
    expect(build.code, build.stderr + build.stdout).toBe(0);
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/WARNING|Critical dependency/);
    const out = JSON.parse(
      await runOrThrow(process.execPath, [join('out-webpack-node', 'server.mjs')], project),
    );
    expect(out.labels).toEqual(node?.labels);
    expect(out.logLikelihood).toBe(node?.logLikelihood);
    expect(out.pooledLabels).toEqual(node?.labels);
    expect(Math.abs(out.pooledLogLikelihood - (node?.logLikelihood ?? 0))).toBeLessThan(1e-12);
    console.info(`webpack node: ${await sizes(join(project, 'out-webpack-node'))}`);
  }, 240_000);

  it("the README's table names exactly the bundlers tested here", async () => {
    expect(Object.keys(await readmeTable()).sort()).toEqual(Object.keys(BUILDS).sort());
  });

  it.runIf(browserTestsRun()).each(Object.keys(BUILDS))(
    "%s: a page with gmm-wasm and gmm-wasm/slim, built as the README's table says, fits in Chromium as Node does",
    async (name) => {
      const row = (await readmeTable())[name];
      expect(row?.code, `README's table row for ${name}`).toMatch(/gmm-wasm\/gmm\.wasm/);
      const { code, needs } = row as TableRow;
      const out = join(project, `out-${name.replace(/\W+/g, '-')}`);
      // The page imports ./wasm-url.js: the table's line of code for this bundler.
      await writeFile(join(project, 'bundlers', 'wasm-url.js'), `${code}\nexport default wasmUrl;\n`);
      await mkdir(out, { recursive: true });
      const [command, args] = (BUILDS[name] as (typeof BUILDS)[string])(out, needs);
      const build = await run(command, args, project);
      expect(build.code, build.stderr + build.stdout).toBe(0);
      expect(`${build.stdout}${build.stderr}`).not.toMatch(/WARN|Critical dependency|\(!\)/i);
      if (name !== 'Vite') await cp(join(project, 'bundlers', 'index.html'), join(out, 'index.html'));
      const { shown, origin } = await fitInChromium(out);
      expect(shown.labels).toEqual(node?.labels);
      expect(shown.logLikelihood).toBe(node?.logLikelihood);
      expect(shown.slim).toEqual({ labels: node?.labels, logLikelihood: node?.logLikelihood });
      expect(shown.missing).toBe(
        `gmm-wasm could not load the binary from ${origin}/no-such.wasm: HTTP 404 Not Found`,
      );
      console.info(`${name}: ${await sizes(name === 'Vite' ? join(out, 'assets') : out)}`);
    },
    // webpack's production build of a page takes a minute on a busy 2-vCPU machine.
    300_000,
  );
});
