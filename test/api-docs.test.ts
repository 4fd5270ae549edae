/**
 * The API reference: typedoc builds docs/api/ from the public entry points (typedoc.json makes an
 * undocumented export, or a broken link, a warning). No warning of any other kind is allowed, and
 * none for an undocumented export of the modules listed here: add a TSDoc comment (meaning, default,
 * shape, @throws) to whatever you export, and add your module to the list once it is documented.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Modules whose every export is documented, and must stay so. */
const DOCUMENTED = [
  'src/index.ts',
  'src/types.ts',
  'src/GaussianMixture.ts',
  'src/json.ts',
  'src/json-columns.ts',
  'src/select.ts',
  'src/selectModel.ts',
  'src/paced-prediction.ts',
  'src/stream/statistics-format.ts',
  'src/wasm/load.ts',
  'src/wasm/source.ts',
];

it('typedoc generates docs/api; every export of the documented modules has its TSDoc', async () => {
  const typedoc = fileURLToPath(new URL('../node_modules/typedoc/bin/typedoc', import.meta.url));
  // Warnings are reported here, one by one, rather than failing typedoc at the first.
  const args = [typedoc, '--logLevel', 'Warn', '--treatWarningsAsErrors', 'false'];
  const output = await promisify(execFile)(process.execPath, args, { cwd: ROOT }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
  );
  // typedoc colours its output: drop the escape sequences.
  const lines = output
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .filter((line) => line.startsWith('[warning]') || line.startsWith('[error]'));
  const summary = lines.filter((line) => /^\[warning\] Found \d+ errors and \d+ warnings$/.test(line));
  const problems = lines
    .filter((line) => !summary.includes(line))
    .filter((line) => {
      const undocumented = /defined in gmm-wasm\/(\S+), does not have any documentation$/.exec(line);
      return !undocumented || DOCUMENTED.includes(undocumented[1] as string);
    });
  expect(problems).toEqual([]);
}, 180_000);
