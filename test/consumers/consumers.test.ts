// The packed tarball, installed into a fresh project the way a user installs it, then used from Node
// ESM and CommonJS, typechecked by TypeScript (nodenext and bundler resolution), and bundled by Vite
// and run in Chromium. Catches what the in-repo tests cannot: the `files` list, the `exports` map, the
// published declarations.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { threeBlobs } from './dataset';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('.', import.meta.url));
const FIXTURE_FILES = [
  'esm.mjs',
  'cjs.cjs',
  'consumer.ts',
  'consumer-nodom.ts',
  'vite-app/index.html',
  'vite-app/main.js',
];
// Vitest sets NODE_ENV=test, which would make `vite build` bundle a development build.
const CHILD_ENV = { ...process.env, NODE_ENV: 'production' };

/** What esm.mjs and cjs.cjs print. */
interface NodeResult {
  labels: number[];
  logLikelihood: number;
  selected: number;
  candidates: number;
  slimLabels: number[];
  wasm: string;
}

/** Runs a command; resolves with its exit code and output instead of throwing, so tests show both. */
async function run(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, env: CHILD_ENV });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

/** Like `run`, but a failure is an exception: for the setup steps. */
async function runOrThrow(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** The Chromium to drive: CHROMIUM_PATH, else `chromium` on the PATH (playwright cannot download one). */
async function findChromium(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error('no chromium on the PATH: install it or set CHROMIUM_PATH');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serves the files under `root` on 127.0.0.1, on a free port. */
async function serveStatic(root: string) {
  const server = createServer((request, response) => {
    // URL parsing resolves `..` segments, so every path stays under root.
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    readFile(join(root, file)).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        });
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
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the packed package, installed in a fresh project', () => {
  let temp = '';
  let project = '';
  let esmOutput: Promise<NodeResult> | undefined;

  /** esm.mjs's result, run once and shared by the tests that compare against it. */
  const esmResult = () => {
    esmOutput ??= runOrThrow(process.execPath, ['esm.mjs'], project).then((out) => JSON.parse(out));
    return esmOutput;
  };

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'gmm-wasm-consumers-'));
    project = join(temp, 'project');
    await mkdir(join(project, 'node_modules'), { recursive: true });
    // --ignore-scripts: pack exactly the dist/ that `pretest` built.
    const packed = await runOrThrow(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', temp],
      REPO,
    );
    const tarball = join(temp, (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '');
    await writeFile(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    // Offline for certain: --offline with an empty private cache means npm can take nothing from the
    // registry nor from whatever this machine's cache holds. The package has no runtime dependency
    // (the CLI bundles its CSV parser), so nothing else is needed.
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
        join(temp, 'npm-cache'),
      ],
      project,
    );
    // Linked after the install, which would prune them as extraneous.
    for (const tool of ['typescript', 'vite']) {
      await symlink(join(REPO, 'node_modules', tool), join(project, 'node_modules', tool), 'dir');
    }
    for (const file of FIXTURE_FILES) await cp(join(FIXTURES, file), join(project, file));
    await writeFile(join(project, 'dataset.json'), JSON.stringify(threeBlobs()));
  }, 120_000);

  afterAll(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('ESM: the full entry fits, gmm-wasm/slim fits with the exported gmm.wasm, and BIC picks K = 3', async () => {
    const result = await esmResult();
    const blocks = [0, 20, 40].map((start) => new Set(result.labels.slice(start, start + 20)));
    expect(blocks.map((labels) => labels.size)).toEqual([1, 1, 1]);
    expect(new Set(result.labels).size).toBe(3);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
    expect(result.selected).toBe(3);
    expect(result.candidates).toBe(4);
    expect(result.slimLabels).toEqual(result.labels);
    expect(result.wasm).toBe(join('node_modules', 'gmm-wasm', 'dist', 'gmm.wasm'));
  });

  it('the installed package has no dependency, and its gmm-wasm command reads a CSV from stdin', async () => {
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules', 'gmm-wasm', 'package.json'), 'utf8'),
    ) as { dependencies?: object };
    expect(manifest.dependencies).toBeUndefined();
    const csv = ['x,y,label', ...threeBlobs().map(([x, y], i) => `${x},${y},blob${Math.floor(i / 20)}`)];
    await writeFile(join(project, 'blobs.csv'), `${csv.join('\n')}\n`);
    const bin = join(project, 'node_modules', '.bin', 'gmm-wasm');
    const fit = await run(bin, ['fit', 'blobs.csv', '-k', '3', '--seed', '1', '-o', 'model.json'], project);
    expect(fit.code, fit.stderr).toBe(0);
    expect(fit.stderr.split('\n')[0]).toBe(
      "gmm-wasm: blobs.csv: left out the non-numeric column 'label' ('blob0' on line 2); " +
        '--columns chooses the columns',
    );
    const predict = await run(bin, ['predict', 'model.json', 'blobs.csv'], project);
    const labels = predict.stdout.trimEnd().split('\n').slice(1).map(Number);
    expect(labels).toHaveLength(60);
    expect([0, 20, 40].map((start) => new Set(labels.slice(start, start + 20)).size)).toEqual([1, 1, 1]);
  });

  it('CommonJS: require() gives exactly what import gives', async () => {
    const cjs = await run(process.execPath, ['cjs.cjs'], project);
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual(await esmResult());
  });

  /** The TypeScript set-ups a consumer may have: three resolutions, and no DOM or Node types at all. */
  const TYPESCRIPT = {
    nodenext: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      lib: ['ES2022', 'DOM'],
      file: 'consumer.ts',
    },
    bundler: { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], file: 'consumer.ts' },
    node10: { module: 'esnext', moduleResolution: 'node10', lib: ['ES2022', 'DOM'], file: 'consumer.ts' },
    'no-DOM': { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022'], file: 'consumer-nodom.ts' },
  } as const;

  it.each(Object.keys(TYPESCRIPT) as (keyof typeof TYPESCRIPT)[])(
    'TypeScript (%s): the declarations resolve and reject a wrong option',
    async (name) => {
      const { file, ...setup } = TYPESCRIPT[name];
      const config = join(project, `tsconfig.${name}.json`);
      const compilerOptions = {
        target: 'ES2022',
        ...setup,
        // No @types/node here: the declarations must stand on their own.
        types: [],
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        // Check the published .d.ts files too: a reference to something missing must fail.
        skipLibCheck: false,
      };
      await writeFile(config, JSON.stringify({ compilerOptions, files: [file] }, null, 2));
      const tsc = await run(
        process.execPath,
        [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', config],
        project,
      );
      expect(tsc.stdout).toBe('');
      expect(tsc.code).toBe(0);
    },
  );

  it.runIf(browserTestsRun())(
    'Vite: a page that imports gmm-wasm builds, and fits in Chromium with the result of Node',
    async () => {
      const vite = join('node_modules', 'vite', 'bin', 'vite.js');
      await runOrThrow(process.execPath, [vite, 'build', 'vite-app', '--logLevel', 'warn'], project);
      const server = await serveStatic(join(project, 'vite-app', 'dist'));
      const browser = await chromium.launch(chromiumLaunchOptions(await findChromium()));
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        await page.goto(server.url);
        const result = page.locator('#result[data-status]');
        await result.waitFor({ timeout: 30_000 });
        expect(await result.getAttribute('data-status'), (await result.textContent()) ?? '').toBe('done');
        const shown = JSON.parse((await result.textContent()) ?? '') as NodeResult;
        const node = await esmResult();
        expect(shown.labels).toEqual(node.labels);
        expect(shown.logLikelihood).toBeCloseTo(node.logLikelihood, 10);
      } finally {
        await browser.close();
        await server.close();
      }
      expect(problems).toEqual([]);
    },
  );
});
