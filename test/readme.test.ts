/**
 * The README's examples, extracted and run verbatim: every `js` block as a Node ES module (importing
 * the package by name, which resolves to the built dist/), the `html` block as a page in Chromium,
 * and every `gmm-wasm …` line of the shell blocks, in order, in a directory whose data.csv is the
 * Iris file. (The `npm …` lines are what CI itself runs; the `ts` blocks name placeholders such as
 * `machines` and run in readme-sketches.test.ts with those filled in.)
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestsRun, chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { numericIrisCsv, ROOT, readmeBlocks } from './readme-blocks';

const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-readme-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const blocks = readmeBlocks;

const run = promisify(execFile);

describe('the README, verbatim', () => {
  it.each(blocks('js').map((code, i) => [i + 1, code]))('js example %i runs in Node', async (index, code) => {
    // Inside the repository, so that `gmm-wasm` resolves to the package itself (dist/).
    const file = join(ROOT, 'build', `readme-example-${index}.mjs`);
    mkdirSync(join(ROOT, 'build'), { recursive: true });
    writeFileSync(file, code as string);
    const { stderr } = await run(process.execPath, [file], { cwd: ROOT });
    expect(stderr).toBe('');
  });

  it('the shell examples of the CLI run as written, on a data.csv', async () => {
    const lines = blocks('sh')
      .flatMap((block) => block.split('\n'))
      .filter((line) => line.startsWith('gmm-wasm '));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const dir = mkdtempSync(join(scratch, 'cli-'));
    copyFileSync(join(ROOT, 'demo', 'data', 'iris.csv'), join(dir, 'data.csv'));
    // The streaming examples read a numeric CSV (the streamed reader takes numeric columns only) and
    // raw float64 rows of 32 values: eight separated groups.
    writeFileSync(join(dir, 'huge.csv'), numericIrisCsv(true));
    const rows = 2000;
    const raw = new Float64Array(rows * 32);
    for (let i = 0; i < raw.length; i++)
      raw[i] = ((Math.floor(i / 32) % 8) * 10 + Math.sin(i * 12.9898) * 2) % 80;
    writeFileSync(join(dir, 'huge.f64'), new Uint8Array(raw.buffer));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // What `npm install` puts on the PATH: the package's bin, run by this Node.
    const shim = `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'gmm-wasm.mjs')}" "$@"\n`;
    writeFileSync(join(bin, 'gmm-wasm'), shim, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    for (const line of lines) {
      const result = await run('sh', ['-c', line], { cwd: dir, env }).catch(
        (error: { stderr: string; code: number }) => error,
      );
      expect('code' in result ? `${line}: exit ${result.code}: ${result.stderr}` : 'ok').toBe('ok');
    }
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).format).toBe('gmm-wasm');
    expect(readFileSync(join(dir, 'responsibilities.csv'), 'utf8').split('\n')[0]).toBe('p0,p1,p2');
  });

  it.runIf(browserTestsRun())('the html example fits in Chromium, from node_modules/gmm-wasm', async () => {
    const [html] = blocks('html');
    const site = mkdtempSync(join(scratch, 'site-'));
    mkdirSync(join(site, 'node_modules'));
    symlinkSync(ROOT, join(site, 'node_modules', 'gmm-wasm'));
    writeFileSync(join(site, 'index.html'), `<!doctype html><link rel="icon" href="data:,">${html}`);
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.wasm': 'application/wasm',
    };
    const server = createServer((request, response) => {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      const file = pathname === '/' ? '/index.html' : pathname;
      try {
        const body = readFileSync(join(site, file));
        response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const browser = await chromium.launch(
      chromiumLaunchOptions(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    );
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.body.textContent?.startsWith('weights'), null, {
        timeout: 30_000,
      });
      expect(await page.evaluate(() => document.body.textContent)).toMatch(/^weights 0\.\d\d, 0\.\d\d$/);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
