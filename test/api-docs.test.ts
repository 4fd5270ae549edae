/**
 * The API reference: typedoc builds docs/api/ from the public entry points with every exported
 * class, function, method, property and type documented (typedoc.json makes an undocumented one,
 * or a broken link, a warning, and warnings errors). Add a TSDoc comment to whatever you export.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

it('typedoc generates docs/api with no warning: every export documented', async () => {
  const typedoc = fileURLToPath(new URL('../node_modules/typedoc/bin/typedoc', import.meta.url));
  const result = await promisify(execFile)(process.execPath, [typedoc, '--logLevel', 'Warn'], {
    cwd: ROOT,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
}, 120_000);
