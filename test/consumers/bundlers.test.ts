// The packed tarball in a fresh project, run by Deno and Bun and bundled by webpack (for the web and
// for a Node server with `workers: 2`), esbuild and Rollup, each page loaded in Chromium: every one
// must print the fixture fit of Node's esm.mjs bit for bit, and the builds must not warn about
// this package. Bundle sizes are printed for the record.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { threeBlobs } from './dataset';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = (tool: string) => join(REPO, 'node_modules', '.bin', tool);
const CHILD_ENV = { ...process.env, NODE_ENV: 'production' };

async function run(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env: CHILD_ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

async function runOrThrow(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Bytes of every file under `dir`, raw and gzipped, for the record. */
async function sizes(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((name) => /\.(m?js|wasm)$/.test(name));
  const parts = await Promise.all(
    files.map(async (name) => {
      const bytes = await readFile(join(dir, name));
      return `${name} ${bytes.length} B (${gzipSync(bytes).length} B gzipped)`;
    }),
  );
  return parts.join(', ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Loads `dir/index.html` in Chromium and returns what the page printed. */
async function fitInChromium(
  dir: string,
): Promise<{ labels: number[]; logLikelihood: number; slim: unknown }> {
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
  const port = typeof address === 'object' && address ? address.port : 0;
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch(chromiumLaunchOptions(chromiumPath));
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    const result = page.locator('#result[data-status]');
    await result.waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(await result.getAttribute('data-status'), text).toBe('done');
    expect(problems).toEqual([]);
    return JSON.parse(text);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the packed package in other runtimes and bundlers', () => {
  let temp = '';
  let project = '';
  let node: { labels: number[]; logLikelihood: number; slimLabels: number[] } | undefined;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'gmm-wasm-bundlers-'));
    project = join(temp, 'project');
    await mkdir(join(project, 'node_modules'), { recursive: true });
    const packed = await runOrThrow(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', temp],
      REPO,
    );
    const tarball = join(temp, (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '');
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await runOrThrow(
      'npm',
      [
        'install',
        tarball,
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--cache',
        join(temp, 'cache'),
      ],
      project,
    );
    for (const tool of ['webpack', 'esbuild', 'rollup', '@rollup']) {
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

  /** Each bundler's page build: the output directory gets index.html next to the bundle. */
  const PAGES: Record<string, { urlModule: string; build: (out: string) => [string, string[]] }> = {
    'webpack (web)': {
      urlModule: 'wasm-url-webpack.js',
      build: (out) => [process.execPath, ['bundlers/webpack-build.mjs', 'web', 'bundlers/page.js', out]],
    },
    esbuild: {
      urlModule: 'wasm-url-import.js',
      build: (out) => [
        BIN('esbuild'),
        [
          'bundlers/page.js',
          '--bundle',
          '--format=iife',
          '--minify',
          '--loader:.wasm=file',
          `--outfile=${out}/page.js`,
        ],
      ],
    },
    Rollup: {
      urlModule: 'wasm-url-none.js',
      build: (out) => [
        process.execPath,
        [
          join('node_modules', 'rollup', 'dist', 'bin', 'rollup'),
          'bundlers/page.js',
          '--format',
          'iife',
          '--file',
          `${out}/page.js`,
          '--plugin',
          '@rollup/plugin-node-resolve={browser:true}',
        ],
      ],
    },
  };

  it.runIf(browserTestsRun()).each(Object.keys(PAGES))(
    '%s: a page that imports gmm-wasm and gmm-wasm/slim builds without warnings and fits in Chromium as Node does',
    async (name) => {
      const page = PAGES[name] as (typeof PAGES)[string];
      const out = join(project, `out-${name.replace(/\W+/g, '-')}`);
      await mkdir(out, { recursive: true });
      await cp(join(project, 'bundlers', page.urlModule), join(project, 'bundlers', 'wasm-url.js'));
      const [command, args] = page.build(out);
      const build = await run(command, args, project);
      expect(build.code, build.stderr + build.stdout).toBe(0);
      expect(`${build.stdout}${build.stderr}`).not.toMatch(/WARNING|Critical dependency|\(!\)/);
      await cp(join(project, 'bundlers', 'index.html'), join(out, 'index.html'));
      const shown = await fitInChromium(out);
      expect(shown.labels).toEqual(node?.labels);
      expect(shown.logLikelihood).toBe(node?.logLikelihood);
      if (page.urlModule !== 'wasm-url-none.js') {
        expect(shown.slim).toEqual({ labels: node?.labels, logLikelihood: node?.logLikelihood });
      }
      expect((await stat(join(out, 'page.js'))).size).toBeGreaterThan(0);
      console.info(`${name}: ${await sizes(out)}`);
    },
    // webpack's production build of a page takes a minute on a busy 2-vCPU machine.
    240_000,
  );
});
