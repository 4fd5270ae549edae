/**
 * A Next.js app with one server route that fits with `workers: 2`, on the packed tarball: built by
 * `next build` (Turbopack, Next's default) and by `next build --webpack`, each with no warning, then
 * served by `next start`; the route must answer with the fit Node's esm.mjs prints (inline bit for
 * bit, pooled within 1e-12). Next, React and React DOM come from next-app/package-lock.json (exact
 * versions and integrity hashes), installed by `npm ci` in a temporary copy, so that the
 * repository's own install stays lean.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threeBlobs } from './dataset';
import { CHILD_ENV, pack, run, runOrThrow, unpackInto } from './packed';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** What the route answers (and, for its first two fields, what esm.mjs prints). */
interface RouteAnswer {
  labels: number[];
  logLikelihood: number;
  pooledLabels: number[];
  pooledLogLikelihood: number;
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** GET `url` until the server answers (it starts in about a second), for at most a minute. */
async function getWhenUp(url: string, server: ChildProcess, log: () => string): Promise<Response> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${log()}`);
    const answer = await fetch(url).catch(() => undefined);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${url} within a minute:\n${log()}`);
}

describe('a Next.js server route', () => {
  let temp = '';
  let app = '';
  let node: { labels: number[]; logLikelihood: number } | undefined;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'gmm-wasm-next-'));
    app = join(temp, 'next-app');
    const tarball = await pack(temp);
    await cp(join(HERE, 'next-app'), app, { recursive: true });
    // --ignore-scripts: Next needs none of its dependencies' install steps to build a route.
    await runOrThrow('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], app);
    await unpackInto(tarball, app);
    const X = threeBlobs();
    await writeFile(join(app, 'dataset.js'), `export default ${JSON.stringify(X)};\n`);
    await writeFile(join(app, 'dataset.json'), JSON.stringify(X));
    await cp(join(HERE, 'esm.mjs'), join(app, 'esm.mjs'));
    node = JSON.parse(await runOrThrow(process.execPath, ['esm.mjs'], app));
  }, 600_000);

  // The app's node_modules hold ~20 000 files: removing them takes a while on a busy machine.
  afterAll(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  }, 180_000);

  it.each([
    ['next build (Turbopack)', []],
    ['next build --webpack', ['--webpack']],
  ])(
    '%s: no warning, and the route fits with workers: 2 as Node does',
    async (_name, flags) => {
      const next = join(app, 'node_modules', 'next', 'dist', 'bin', 'next');
      await rm(join(app, '.next'), { recursive: true, force: true });
      const build = await run(process.execPath, [next, 'build', ...flags], app);
      const printed = `${build.stdout}${build.stderr}`;
      expect(build.code, printed).toBe(0);
      expect(printed).toMatch(/Compiled successfully/);
      // With CI=true Next adds a notice about its own build cache, which says nothing about the code.
      const notices = printed.split('\n').filter((line) => !/^⚠ No build cache found\b/.test(line));
      expect(notices.join('\n')).not.toMatch(/warn|⚠|Critical dependency|Module not found/i);
      const port = await freePort();
      const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
        cwd: app,
        env: CHILD_ENV,
      });
      let log = '';
      server.stdout.on('data', (piece) => {
        log += piece;
      });
      server.stderr.on('data', (piece) => {
        log += piece;
      });
      try {
        const answer = await getWhenUp(`http://127.0.0.1:${port}/api/fit`, server, () => log);
        const text = await answer.text();
        expect(answer.status, text).toBe(200);
        const out = JSON.parse(text) as RouteAnswer;
        expect(out.labels).toEqual(node?.labels);
        expect(out.logLikelihood).toBe(node?.logLikelihood);
        expect(out.pooledLabels).toEqual(node?.labels);
        expect(Math.abs(out.pooledLogLikelihood - (node?.logLikelihood ?? 0))).toBeLessThan(1e-12);
        expect(log).not.toMatch(/error|warn/i);
      } finally {
        server.kill();
      }
    },
    600_000,
  );
});
