/**
 * Missing values on the command line, run as a user runs it: `--missing` and `--na-values` read
 * holes as NaN and fit with `missing: 'em'` exactly as the library does; `impute` writes the
 * completed CSV; without `--missing` an empty cell's error says that the flag exists.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { mulberry32 } from './helpers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-cli-missing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** Iris's four measurements with 15 % of cells removed, written with each spelling of a hole in turn. */
const SPELLINGS = ['', 'NA', '?', 'NaN'];
const records: string[][] = parse(readFileSync(join(ROOT, 'demo/data/iris.csv')), { from_line: 2 });
const random = mulberry32(2024);
let hole = 0;
const X = records.map((record) =>
  record.slice(0, 4).map((cell) => (random() < 0.15 ? Number.NaN : Number(cell))),
);
const text = (spell: (i: number) => string) =>
  `a,b,c,d,species\n${X.map((row, i) => [...row.map((v) => (Number.isNaN(v) ? spell(hole++) : String(v))), records[i]?.[4]].join(',')).join('\n')}\n`;
const holes = join(scratch, 'holes.csv');
writeFileSync(
  holes,
  text((i) => SPELLINGS[i % 4] as string),
);
const sentinel = join(scratch, 'sentinel.csv');
writeFileSync(
  sentinel,
  text(() => '-999'),
);
const COLUMNS = ['--columns', 'a,b,c,d'];

describe('gmm-wasm with missing values', () => {
  it('without --missing, a hole is an error that names the flag', async () => {
    const run = await cli('fit', holes, '-k', '2', ...COLUMNS);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^gmm-wasm: .*holes\.csv:\d+: column '[abcd]' (is empty|is '(NA|\?|NaN)', not a number) \(with --missing it is read as a missing value\)\n$/,
    );
  });

  it('fit --missing is the library fit with missing: em; impute and predict agree with the library', async () => {
    const modelFile = join(scratch, 'model.json');
    const run = await cli(
      'fit',
      holes,
      '-k',
      '3',
      '--seed',
      '7',
      '--init',
      'kmeans',
      '--missing',
      ...COLUMNS,
      '-o',
      modelFile,
    );
    expect(run.code, run.stderr).toBe(0);
    const library = await GaussianMixture.fit(X, { components: 3, seed: 7, init: 'kmeans', missing: 'em' });
    // The CLI's model also names the columns it was fitted on.
    const { columns, ...saved } = JSON.parse(readFileSync(modelFile, 'utf8'));
    expect(saved).toStrictEqual(JSON.parse(JSON.stringify(library)));
    expect(columns).toEqual(['a', 'b', 'c', 'd']);
    expect(saved.missing).toBe('em');

    const imputed = await cli('impute', modelFile, holes, ...COLUMNS);
    expect(imputed.code, imputed.stderr).toBe(0);
    const lines = imputed.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('a,b,c,d');
    const expected = library.impute(X).map((row) => Array.from(row, String).join(','));
    expect(lines.slice(1)).toEqual(expected);

    const labels = await cli('predict', modelFile, holes, '--missing', ...COLUMNS);
    expect(labels.code, labels.stderr).toBe(0);
    expect(labels.stdout).toBe(`label\n${Array.from(library.predict(X)).join('\n')}\n`);
  });

  it('--na-values says which spelling is a hole', async () => {
    const run = await cli('fit', sentinel, '-k', '2', '--seed', '3', '--na-values', '-999', ...COLUMNS);
    expect(run.code, run.stderr).toBe(0);
    const library = await GaussianMixture.fit(X, { components: 2, seed: 3, missing: 'em' });
    const { columns: _names, ...saved } = JSON.parse(run.stdout);
    expect(saved).toStrictEqual(JSON.parse(JSON.stringify(library)));
  });

  it('impute writes to --out, and needs the model columns', async () => {
    const modelFile = join(scratch, 'model2.json');
    await cli('fit', holes, '-k', '2', '--seed', '1', '--missing', ...COLUMNS, '-o', modelFile);
    const out = join(scratch, 'completed.csv');
    const run = await cli('impute', modelFile, holes, ...COLUMNS, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const completed: string[][] = parse(readFileSync(out), { from_line: 2 });
    expect(completed).toHaveLength(150);
    expect(completed.every((row) => row.every((cell) => Number.isFinite(Number(cell))))).toBe(true);
    // Without --columns, the model's own columns are found by name.
    const byName = await cli('impute', modelFile, holes);
    expect(byName.code, byName.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(byName.stdout);
    const wrong = await cli('impute', modelFile, holes, '--columns', '1,5');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `gmm-wasm: ${holes}:2: column 'species' is 'setosa', not a number; leave it out of --columns\n`,
    );
  });
});
