/**
 * How the built bundles load, as a Node user meets them: `ready` with `file:` URLs and with a server
 * that answers 404 (errors name the URL and the status), `supportsSimd()` after slim was handed the
 * scalar binary, workers started from `workerUrl` (the only way in slim), no fetch machinery touched
 * on a cold start with the embedded binary, and an uncaught error that prints a short stack.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_CLUSTERS } from './helpers';

const DIST = new URL('../dist/', import.meta.url);
const run = promisify(execFile);

/** Runs `code` as an ES module in a fresh Node process, from the repository root. */
async function node(code: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

const OPTIONS = { components: 2, seed: 7, regCovar: 1e-3 };

describe('gmm-wasm/slim in Node', () => {
  let server: ReturnType<typeof createServer>;
  let origin = '';

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(404, 'Not Found');
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names the URL and the HTTP status, reads file: URLs, and reports the scalar binary it was given', async () => {
    const slim = await import(new URL('slim.js', DIST).href);
    const full = await import(new URL('index.js', DIST).href);
    await expect(slim.ready(`${origin}/gmm.wasm`)).rejects.toThrow(
      `gmm-wasm could not load the binary from ${origin}/gmm.wasm: HTTP 404 Not Found`,
    );
    const missing = new URL('nothing.wasm', DIST);
    await expect(slim.ready(missing)).rejects.toThrow(
      `gmm-wasm could not load the binary from ${missing.href}: no such file`,
    );
    await expect(slim.ready(42)).rejects.toThrow(
      'gmm-wasm ready(source): source must be the bytes of gmm.wasm, a WebAssembly.Module, a Response or a URL',
    );
    // A failed ready leaves nothing behind: the scalar binary, by file: URL, is taken next.
    await slim.ready(new URL('gmm-scalar.wasm', DIST));
    expect(slim.supportsSimd()).toBe(false);
    const scalar = await slim.GaussianMixture.fit(TWO_CLUSTERS, OPTIONS);
    const simd = await full.GaussianMixture.fit(TWO_CLUSTERS, OPTIONS);
    expect(full.supportsSimd()).toBe(true);
    expect(Array.from(scalar.predict(TWO_CLUSTERS))).toEqual(Array.from(simd.predict(TWO_CLUSTERS)));
    expect(Math.abs(scalar.logLikelihood - simd.logLikelihood)).toBeLessThan(1e-12);

    // Slim embeds no worker: workers need workerUrl, here a file: URL of the exported worker.js.
    await expect(slim.GaussianMixture.fit(TWO_CLUSTERS, { ...OPTIONS, workers: 1 })).rejects.toThrow(
      'gmm-wasm/slim embeds no worker: pass workerUrl, the URL of gmm-wasm/worker.js as your bundler or ' +
        'server provides it, or use workers: 0 to fit on the calling thread',
    );
    const workerUrl = new URL('worker.js', DIST);
    const pooled = await slim.GaussianMixture.fit(TWO_CLUSTERS, { ...OPTIONS, workers: 2, workerUrl });
    expect(Math.abs(pooled.logLikelihood - scalar.logLikelihood)).toBeLessThan(1e-12);
  });
});

describe('workerUrl', () => {
  it('is a string or a URL, checked before any work', async () => {
    const { GaussianMixture } = await import(new URL('index.js', DIST).href);
    await expect(GaussianMixture.fit(TWO_CLUSTERS, { ...OPTIONS, workerUrl: 3 })).rejects.toThrow(
      new TypeError('workerUrl must be a string or a URL, got number'),
    );
    await expect(GaussianMixture.fit(TWO_CLUSTERS, { ...OPTIONS, workerUrl: 'http://[' })).rejects.toThrow(
      new RangeError("workerUrl must be a URL (absolute, or relative to the page), got 'http://['"),
    );
  });
});

describe('a cold start in Node', () => {
  it('never loads the fetch machinery when the binary is embedded', async () => {
    const result = await node(`
      const { GaussianMixture } = await import('./dist/index.js');
      await GaussianMixture.fit([[0], [1], [5], [6]], { components: 2, seed: 1 });
      console.log(JSON.stringify(process.moduleLoadList.filter((name) => /undici|fetch/.test(name))));
    `);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('an uncaught error prints a short stack: no minified bundle, no embedded binary', async () => {
    for (const entry of ['./dist/index.js', './dist/index.cjs']) {
      const result = await node(`
        const { GaussianMixture } = await import('${entry}');
        GaussianMixture.fromJSON('{"format":"gmm-wasm"}');
      `);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("TypeError: GaussianMixture.fromJSON: missing field 'version'");
      expect(result.stderr.length).toBeLessThan(2000);
      for (const line of result.stderr.split('\n')) expect(line.length).toBeLessThan(200);
    }
  });
});
