/**
 * The command line, run as a user runs it (a subprocess, from the sources through tsx): fit → JSON →
 * predict agrees with the library, probabilities, the selection table, header detection both ways,
 * help and version, and every error path with its literal line on stderr and its exit status.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IRIS = 'demo/data/iris.csv';
const FIXTURES = 'test/fixtures/cli';
const FEATURES = 'sepal_length,sepal_width,petal_length,petal_width';
const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `gmm-wasm …args` from the repository root; resolves whatever the exit status. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The four measurements of Iris, read independently of the CLI. */
function irisFeatures(): number[][] {
  const records: string[][] = parse(readFileSync(join(ROOT, IRIS)), { from_line: 2 });
  return records.map((record) => record.slice(0, 4).map(Number));
}

let saved: Promise<{ file: string; fit: Run }> | undefined;

/** One Iris model that the CLI fitted and wrote with --out, shared by the predict tests. */
function savedModel(): Promise<{ file: string; fit: Run }> {
  const file = join(scratch, 'iris.json');
  const options = ['-k', '3', '--covariance', 'diag', '--standardize', '--seed', '11', '--out', file];
  saved ??= cli('fit', IRIS, ...options, '--columns', FEATURES).then((fit) => ({ file, fit }));
  return saved;
}

describe.concurrent('gmm-wasm', () => {
  it('fit writes the model the library fits with the same options, and a summary on stderr', async () => {
    const run = await cli('fit', IRIS, '-k', '3', '--columns', '1,2,3,4', '--seed', '7');
    expect(run.code).toBe(0);
    const expected = await GaussianMixture.fit(irisFeatures(), { components: 3, seed: 7 });
    expect(JSON.parse(run.stdout)).toEqual(expected.toJSON());
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`gmm-wasm: K = 3, 'full' covariance, 150 rows × 4 columns of ${IRIS}`);
    expect(lines[1]).toMatch(/^ {2}converged after \d+ iterations \(seed 7\)$/);
    expect(lines[2]).toMatch(/^ {2}log-likelihood -\d+\.\d{4} per row, BIC \d+\.\d{2}$/);
    expect(lines[3]).toMatch(/^ {2}weights( 0\.\d{3}){3}$/);
  });

  it("predict gives the library's labels for the model fit wrote, columns chosen by name", async () => {
    const { file, fit } = await savedModel();
    expect(fit.code).toBe(0);
    expect(fit.stdout).toBe('');
    expect(fit.stderr).toContain(`model written to ${file}`);
    const run = await cli('predict', file, IRIS, '--columns', FEATURES);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('label');
    const expected = GaussianMixture.fromJSON(readFileSync(file, 'utf8')).predict(irisFeatures());
    expect(lines.slice(1).map(Number)).toEqual(Array.from(expected));
  });

  it('predict --proba writes p0,p1,p2 rows that sum to 1 and whose argmax is the label', async () => {
    const { file } = await savedModel();
    const run = await cli('predict', file, IRIS, '--columns', '1,2,3,4', '--proba');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('p0,p1,p2');
    const rows = lines.slice(1).map((line) => line.split(',').map(Number));
    expect(rows).toHaveLength(150);
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    }
    const labels = GaussianMixture.fromJSON(readFileSync(file, 'utf8')).predict(irisFeatures());
    expect(rows.map((row) => row.indexOf(Math.max(...row)))).toEqual(Array.from(labels));
  });

  it('select prints one row per candidate, marks the best, and writes it with --out', async () => {
    const out = join(scratch, 'best.json');
    const run = await cli(
      'select',
      IRIS,
      '-k',
      '1..4',
      '--covariance',
      'full,diag',
      '--columns',
      '1,2,3,4',
      '--seed',
      '1',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^ +K {2}covariance +BIC +AIC {2}log-likelihood {2}converged$/);
    const rows = lines.filter((line) => /^[* ] +\d+ {2}(full|diag) /.test(line));
    expect(rows).toHaveLength(8);
    const starred = rows.filter((line) => line.startsWith('*'));
    expect(starred).toHaveLength(1);
    const [, k, type] = /^\* +(\d+) {2}(\w+)/.exec(starred[0] as string) ?? [];
    expect(lines).toContain(`* best by BIC (lower is better): K = ${k}, '${type}' covariance`);
    const best = GaussianMixture.fromJSON(readFileSync(out, 'utf8'));
    expect([best.components, best.covariance]).toEqual([Number(k), type]);
  });

  it('-k takes a list or one number', async () => {
    const run = await cli('select', IRIS, '-k', '2,4', '--columns', '1,2,3,4', '--seed', '1');
    expect(run.stdout.split('\n').filter((line) => /^[* ] +\d+ {2}full /.test(line))).toHaveLength(2);
    const one = await cli('select', IRIS, '-k', '3', '--columns', '1,2,3,4', '--seed', '1');
    expect(one.stdout).toMatch(/^\* +3 {2}full /m);
  });

  it('reads a file with and without a header row alike (a label column is data, not a header)', async () => {
    const options = ['-k', '2', '--columns', '1,2,3,4', '--seed', '3'];
    const [withHeader, without] = await Promise.all([
      cli('fit', `${FIXTURES}/with-header.csv`, ...options),
      cli('fit', `${FIXTURES}/no-header.csv`, ...options),
    ]);
    expect(withHeader.code).toBe(0);
    expect(without.code).toBe(0);
    expect(without.stderr).toContain('30 rows × 4 columns');
    expect(withHeader.stderr).toContain('30 rows × 4 columns');
    expect(without.stdout).toBe(withHeader.stdout);
  });

  it('--help names every command; each command has its help; --version is the package version', async () => {
    const commands = ['fit', 'predict', 'select'];
    const [help, version, ...own] = await Promise.all([
      cli('--help'),
      cli('--version'),
      ...commands.map((command) => cli(command, '--help')),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Unknown options are usage errors');
    commands.forEach((command, i) => {
      expect(help.stdout).toContain(`gmm-wasm ${command} <`);
      expect(own[i]?.code).toBe(0);
      expect(own[i]?.stdout).toContain(`Usage: gmm-wasm ${command} <`);
    });
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });

  const F = FIXTURES;
  const iris4 = [IRIS, '--columns', '1,2,3,4'];
  it.each<[string, string[], string, number]>([
    ['a missing file', ['fit', 'nope.csv', '-k', '2'], 'cannot read nope.csv: no such file or directory', 1],
    [
      'a text cell',
      ['fit', `${F}/bad-cell.csv`, '-k', '1'],
      `${F}/bad-cell.csv:5: column 'b' is 'abc', not a number`,
      1,
    ],
    [
      'an empty cell',
      ['fit', `${F}/empty-cell.csv`, '-k', '1'],
      `${F}/empty-cell.csv:2: column 2 is empty`,
      1,
    ],
    [
      'a short row',
      ['fit', `${F}/ragged.csv`, '-k', '1'],
      `${F}/ragged.csv:3: 1 field, expected 2 as on line 1`,
      1,
    ],
    [
      'a text column chosen',
      ['fit', IRIS, '-k', '3'],
      `${IRIS}:2: column 'species' is 'setosa', not a number`,
      1,
    ],
    [
      'an unknown column',
      ['fit', IRIS, '-k', '3', '--columns', '1,petal'],
      `--columns: ${IRIS} has no column 'petal' (it has sepal_length, sepal_width, petal_length, petal_width, species)`,
      1,
    ],
    [
      'a column out of range',
      ['fit', IRIS, '-k', '3', '--columns', '1,9'],
      `--columns: there is no column 9; ${IRIS} has 5 (numbered from 1)`,
      1,
    ],
    [
      'a name without header',
      ['fit', `${F}/no-header.csv`, '-k', '2', '--columns', 'a'],
      `--columns: 'a' is a name, but ${F}/no-header.csv has no header row`,
      1,
    ],
    [
      'not a model',
      ['predict', `${F}/not-a-model.json`, ...iris4],
      `${F}/not-a-model.json is not a gmm-wasm model: missing field 'format'`,
      1,
    ],
    [
      'columns for another model',
      ['predict', `${F}/model-2d.json`, ...iris4],
      '--columns chooses 4, but the model was fitted on 2',
      1,
    ],
    [
      'all columns for another model',
      ['predict', `${F}/model-2d.json`, `${F}/three-columns.csv`],
      `${F}/three-columns.csv has 3 columns, but the model was fitted on 2; choose them with --columns`,
      1,
    ],
    [
      'a bad covariance',
      ['fit', ...iris4, '-k', '3', '--covariance', 'round'],
      "--covariance must be one of 'full', 'diag', 'spherical', 'tied', got 'round'",
      1,
    ],
    ['a K too large', ['fit', ...iris4, '-k', '200'], '-k (200) exceeds the number of rows (150)', 1],
    ['a K of 0', ['select', ...iris4, '-k', '0..2'], '-k must be an integer ≥ 1, got 0', 1],
    [
      'a seed that is not a number',
      ['fit', ...iris4, '-k', '3', '--seed', 'abc'],
      "--seed must be a number, got 'abc'",
      1,
    ],
    [
      'a negative max-iter',
      ['fit', ...iris4, '-k', '3', '--max-iter', '-1'],
      '--max-iter must be an integer ≥ 0, got -1',
      1,
    ],
    [
      'an unknown init',
      ['fit', ...iris4, '-k', '3', '--init', 'best'],
      "--init must be one of 'random', 'kmeans', 'kmeans++', 'random-from-data', got 'best'",
      1,
    ],
    [
      'a bad -k for select',
      ['select', ...iris4, '-k', 'few'],
      "-k must be a range 1..8, a list 2,4,6 or a number, got 'few'",
      1,
    ],
    [
      'an empty range',
      ['select', ...iris4, '-k', '4..2'],
      '-k 4..2 is an empty range; write the lower bound first',
      1,
    ],
    [
      'a bad criterion',
      ['select', ...iris4, '-k', '1..2', '--criterion', 'fit'],
      "--criterion must be 'bic' or 'aic', got 'fit'",
      1,
    ],
    [
      'an unknown option',
      ['fit', ...iris4, '-k', '3', '--bogus'],
      "unknown option '--bogus' (see 'gmm-wasm fit --help')",
      2,
    ],
    ['a missing -k', ['select', ...iris4], "select needs -k (see 'gmm-wasm select --help')", 2],
    [
      'an option without value',
      ['fit', IRIS, '-k', '--seed', '1'],
      "option '-k' needs a value (see 'gmm-wasm fit --help')",
      2,
    ],
    [
      'a value for a flag',
      ['predict', 'm.json', IRIS, '--proba=yes'],
      "option '--proba' takes no value (see 'gmm-wasm predict --help')",
      2,
    ],
    [
      'a missing file name',
      ['predict', 'm.json'],
      "predict needs a data file (see 'gmm-wasm predict --help')",
      2,
    ],
    [
      'a surplus argument',
      ['fit', IRIS, 'more.csv', '-k', '2'],
      "unexpected argument 'more.csv' (see 'gmm-wasm fit --help')",
      2,
    ],
    ['an unknown command', ['fitt', IRIS], "unknown command 'fitt' (see 'gmm-wasm --help')", 2],
  ])('%s: one line on stderr and the exit status', async (_, args, message, code) => {
    const run = await cli(...args);
    expect(run.stderr).toBe(`gmm-wasm: ${message}\n`);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
  });
});
