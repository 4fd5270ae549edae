/**
 * The command line, run as a user runs it (a subprocess, from the sources through tsx): fit → JSON →
 * predict agrees with the library, probabilities, the selection table, header detection both ways,
 * help and version, and every error path with its literal line on stderr and its exit status.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { EM_OPTIONS } from '../src/cli/options';
import { PREDICT_OPTIONS } from '../src/cli/predict';
import { SELECT_OPTIONS } from '../src/cli/select';
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
  return cliWithInput('', ...args);
}

/** `gmm-wasm …args` with `input` on its standard input. */
function cliWithInput(input: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

/** The four measurements of Iris, read independently of the CLI. */
function irisFeatures(): number[][] {
  const records: string[][] = parse(readFileSync(join(ROOT, IRIS)), { from_line: 2 });
  return records.map((record) => record.slice(0, 4).map(Number));
}

const F = FIXTURES;
const IRIS4 = `${IRIS} --columns 1,2,3,4`;

/** Command lines (split at spaces) that fail with exit status 1, and their message. */
const ERRORS: [string, string][] = [
  ['fit nope.csv -k 2', 'cannot read nope.csv: no such file or directory'],
  [`fit ${F}/bad-cell.csv -k 1`, `${F}/bad-cell.csv:5: column 'b' is 'abc', not a number`],
  [
    `fit ${F}/empty-cell.csv -k 1`,
    `${F}/empty-cell.csv:2: column 2 is empty (with --missing it is read as a missing value)`,
  ],
  [`fit ${F}/ragged.csv -k 1`, `${F}/ragged.csv:3: 1 field, expected 2 as on line 1`],
  [
    `fit ${IRIS} -k 3 --columns 1,5`,
    `${IRIS}:2: column 'species' is 'setosa', not a number; leave it out of --columns`,
  ],
  [`fit ${F}/bad-cell.csv -k 1 --columns 2..3`, `${F}/bad-cell.csv:5: column 'b' is 'abc', not a number`],
  [
    `fit ${IRIS} -k 3 --columns 4..2`,
    "--columns: the range '4..2' is reversed; write the first column first",
  ],
  [`fit ${IRIS} -k 3 --columns 1-3,3`, "--columns chooses column 'petal_length' twice"],
  [`fit ${IRIS} -k 3 --delimiter ab`, "--delimiter must be one character or 'tab', got 'ab'"],
  [
    `fit ${F}/r-faithful.tsv -k 2 --delimiter ,`,
    `${F}/r-faithful.tsv has no numeric column (line 2); choose columns with --columns`,
  ],
  [
    `fit ${F}/bad-quote.csv -k 2`,
    `${F}/bad-quote.csv:2: a quote inside a field that does not start with one ` +
      "(fields separated by ','; --delimiter sets another)",
  ],
  [`fit ${IRIS} -k 0x3`, "-k must be a decimal integer, got '0x3'"],
  [`fit ${IRIS} -k 3.0`, "-k must be a decimal integer, got '3.0'"],
  [`fit ${IRIS} -k 3 --seed 1e3`, "--seed must be a decimal integer, got '1e3'"],
  [`fit ${IRIS} -k 3 --restarts 0b10`, "--restarts must be a decimal integer, got '0b10'"],
  [`fit ${IRIS} -k 3 --tol 0x10`, "--tol must be a number, got '0x10'"],
  [`fit ${IRIS} -k 3 --reg-covar Infinity`, "--reg-covar must be a number, got 'Infinity'"],
  [`fit ${IRIS} -k 3 --out ${F}`, `cannot write ${F}: it is a directory`],
  ['predict test/fixtures/cli/model-2d.json - --columns 1,2', 'stdin has no data rows'],
  ['predict - test/fixtures/cli/three-columns.csv', "the model must be a file; '-' (stdin) is for the data"],
  [
    `fit ${IRIS} -k 3 --columns 1,petal`,
    `--columns: ${IRIS} has no column 'petal' ` +
      '(it has sepal_length, sepal_width, petal_length, petal_width, species)',
  ],
  [`fit ${IRIS} -k 3 --columns 1,9`, `--columns: there is no column 9; ${IRIS} has 5 (numbered from 1)`],
  [
    `fit ${F}/no-header.csv -k 2 --columns a`,
    `--columns: 'a' is a name, but ${F}/no-header.csv has no header row`,
  ],
  [
    `predict ${F}/not-a-model.json ${IRIS4}`,
    `${F}/not-a-model.json is not a gmm-wasm model: missing field 'format'`,
  ],
  [`predict ${F}/model-2d.json ${IRIS4}`, '--columns chooses 4, but the model was fitted on 2'],
  [
    `predict ${F}/model-2d.json ${F}/three-columns.csv`,
    `${F}/three-columns.csv has 3 numeric columns, but the model was fitted on 2; choose them with --columns`,
  ],
  [
    `fit ${IRIS4} -k 3 --covariance round`,
    "--covariance must be one of 'full', 'diag', 'spherical', 'tied', 'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV', got 'round'",
  ],
  [`fit ${IRIS4} -k 200`, '-k (200) exceeds the number of rows (150)'],
  [`select ${IRIS4} -k 0..2`, '-k must be an integer ≥ 1, got 0'],
  [`fit ${IRIS4} -k 3 --seed abc`, "--seed must be a decimal integer, got 'abc'"],
  [`fit ${IRIS4} -k 3 --max-iter -1`, '--max-iter must be an integer ≥ 0, got -1'],
  [
    `fit ${IRIS4} -k 3 --init best`,
    "--init must be one of 'random', 'kmeans', 'kmeans++', 'random-from-data', 'hierarchical', got 'best'",
  ],
  [`select ${IRIS4} -k few`, "-k must be a range 1..8, a list 2,4,6 or a number, got 'few'"],
  [`select ${IRIS4} -k 4..2`, '-k 4..2 is an empty range; write the lower bound first'],
  [`select ${IRIS4} -k 1..2 --criterion fit`, "--criterion must be 'bic', 'aic' or 'icl', got 'fit'"],
];

/** Command lines that are usage errors (exit status 2), and their message. */
const USAGE_ERRORS: [string, string][] = [
  [`fit ${IRIS4} -k 3 --bogus`, "unknown option '--bogus' (see 'gmm-wasm fit --help')"],
  [
    `fit ${IRIS4} -k 3 --max-iters 5`,
    "unknown option '--max-iters'; did you mean '--max-iter'? (see 'gmm-wasm fit --help')",
  ],
  [
    `select ${IRIS4} -k 1..3 --criteria aic`,
    "unknown option '--criteria'; did you mean '--criterion'? (see 'gmm-wasm select --help')",
  ],
  [
    `predict m.json ${IRIS} --prob`,
    "unknown option '--prob'; did you mean '--proba'? (see 'gmm-wasm predict --help')",
  ],
  [`select ${IRIS4}`, "select needs -k (see 'gmm-wasm select --help')"],
  [`fit ${IRIS} -k --seed 1`, "option '-k' needs a value (see 'gmm-wasm fit --help')"],
  [`predict m.json ${IRIS} --proba=yes`, "option '--proba' takes no value (see 'gmm-wasm predict --help')"],
  ['predict m.json', "predict needs a data file (see 'gmm-wasm predict --help')"],
  [`fit ${IRIS} more.csv -k 2`, "unexpected argument 'more.csv' (see 'gmm-wasm fit --help')"],
  [`fitt ${IRIS}`, "unknown command 'fitt'; did you mean 'fit'? (see 'gmm-wasm --help')"],
  [`cluster ${IRIS}`, "unknown command 'cluster' (see 'gmm-wasm --help')"],
];

let saved: Promise<{ file: string; fit: Run }> | undefined;

/** One Iris model that the CLI fitted and wrote with --out, shared by the predict tests. */
function savedModel(): Promise<{ file: string; fit: Run }> {
  const file = join(scratch, 'iris.json');
  const options = ['-k', '3', '--covariance', 'diag', '--standardize', '--seed', '11', '--out', file];
  saved ??= cli('fit', IRIS, ...options, '--columns', FEATURES).then((fit) => ({ file, fit }));
  return saved;
}

// Concurrent subprocesses through tsx: on a busy 2-vCPU machine a test of several runs takes minutes.
describe.concurrent('gmm-wasm', { timeout: 240_000 }, () => {
  it('fit writes the model the library fits with the same options, and a summary on stderr', async () => {
    const run = await cli('fit', IRIS, '-k', '3', '--columns', '1,2,3,4', '--seed', '7');
    expect(run.code).toBe(0);
    const expected = await GaussianMixture.fit(irisFeatures(), { components: 3, seed: 7 });
    const { columns, ...saved } = JSON.parse(run.stdout);
    expect(saved).toEqual(expected.toJSON());
    expect(columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
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
    expect(lines[0]).toMatch(
      /^ +K {2}covariance +BIC +AIC +ICL {2}log-likelihood {2}degenerate {2}converged$/,
    );
    const rows = lines.filter((line) => /^[* ] +\d+ {2}(full|diag) /.test(line));
    expect(rows).toHaveLength(8);
    const starred = rows.filter((line) => line.startsWith('*'));
    expect(starred).toHaveLength(1);
    const [, k, type] = /^\* +(\d+) {2}(\w+)/.exec(starred[0] as string) ?? [];
    expect(lines).toContain(`* best by BIC (lower is better): K = ${k}, '${type}' covariance (seed 1)`);
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
    // The same model; only the file with a header gives it column names.
    const { columns, ...named } = JSON.parse(withHeader.stdout);
    expect(JSON.parse(without.stdout)).toEqual(named);
    expect(columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
  });

  it('--help names every command, a command has its own help, --version is the package version', async () => {
    const [help, own, version] = await Promise.all([
      cli('--help'),
      cli('select', '--help'),
      cli('--version'),
    ]);
    expect(help.code).toBe(0);
    for (const command of ['fit', 'predict', 'select'])
      expect(help.stdout).toContain(`gmm-wasm ${command} <`);
    expect(help.stdout).toContain('Unknown options are usage errors');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('Usage: gmm-wasm select <data.csv> -k 1..8 [options]');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });

  it("takes R's write.csv export as it is: row names and the species left out with one notice", async () => {
    const file = `${F}/r-iris.csv`;
    const run = await cli('fit', file, '-k', '3', '--seed', '7');
    expect(run.code).toBe(0);
    const [notice, summary] = run.stderr.split('\n');
    expect(notice).toBe(
      `gmm-wasm: ${file}: left out the non-numeric columns 1 (no name: row names), ` +
        "'Species' ('setosa' on line 2); --columns chooses the columns",
    );
    expect(summary).toBe(`gmm-wasm: K = 3, 'full' covariance, 150 rows × 4 columns of ${file}`);
    const expected = await GaussianMixture.fit(irisFeatures(), { components: 3, seed: 7 });
    const saved = JSON.parse(run.stdout) as { columns: string[] };
    expect(saved.columns).toEqual(['Sepal.Length', 'Sepal.Width', 'Petal.Length', 'Petal.Width']);
    expect(GaussianMixture.fromJSON(saved).means).toEqual(expected.means);
  });

  it('the README example on the demo Iris file: the species column left out, the fit the same', async () => {
    const [bare, chosen] = await Promise.all([
      cli('fit', IRIS, '-k', '3', '--seed', '7'),
      cli('fit', IRIS, '-k', '3', '--seed', '7', '--columns', 'sepal_length..petal_width'),
    ]);
    expect(bare.code).toBe(0);
    expect(bare.stderr.split('\n')[0]).toBe(
      `gmm-wasm: ${IRIS}: left out the non-numeric column 'species' ('setosa' on line 2); ` +
        '--columns chooses the columns',
    );
    expect(chosen.stderr).not.toContain('left out');
    expect(bare.stdout).toBe(chosen.stdout);
  });

  it('--columns ranges by number, by name and as cut writes them choose the same columns', async () => {
    const runs = await Promise.all(
      ['1..4', '1-4', 'sepal_length..petal_width', '1,2..3,petal_width'].map((columns) =>
        cli('fit', IRIS, '-k', '2', '--seed', '5', '--columns', columns),
      ),
    );
    for (const run of runs) expect(run.code).toBe(0);
    expect(new Set(runs.map((run) => run.stdout)).size).toBe(1);
  });

  it("predict finds the model's columns by name, in any order, from stdin", async () => {
    const file = join(scratch, 'r-iris.json');
    const fit = await cli('fit', `${F}/r-iris.csv`, '-k', '3', '--seed', '2', '--out', file);
    expect(fit.code).toBe(0);
    // The same measurements with the columns reversed and a column the model never saw.
    const lines = readFileSync(join(ROOT, F, 'r-iris.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const reversed = lines
      .map((line, i) => `${line.split(',').reverse().join(',')},${i === 0 ? 'extra' : 7}`)
      .join('\n');
    const run = await cliWithInput(reversed, 'predict', file, '-');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = GaussianMixture.fromJSON(readFileSync(file, 'utf8')).predict(irisFeatures());
    expect(run.stdout.trimEnd().split('\n').slice(1).map(Number)).toEqual(Array.from(expected));
    const missing = await cliWithInput('Sepal.Length,x\n1,2\n', 'predict', file, '-');
    expect(missing.stderr).toBe(
      "gmm-wasm: stdin has no column 'Sepal.Width', which the model was fitted on " +
        '(it has Sepal.Length, x); choose the columns with --columns\n',
    );
    expect(missing.code).toBe(1);
  });

  it("reads ';' with decimal commas (write.csv2) and tabs as it reads commas, detected or by --delimiter", async () => {
    const comma = readFileSync(join(ROOT, F, 'r-faithful.tsv'), 'utf8').replaceAll('\t', ',');
    const options = ['-k', '2', '--seed', '9'];
    const runs = await Promise.all([
      cliWithInput(comma, 'fit', '-', ...options),
      cli('fit', `${F}/r-faithful-csv2.csv`, ...options),
      cli('fit', `${F}/r-faithful.tsv`, ...options),
      cli('fit', `${F}/r-faithful.tsv`, ...options, '--delimiter', 'tab'),
      cliWithInput(comma.replaceAll(',', '|'), 'fit', '-', ...options, '-d', '|'),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('272 rows × 2 columns');
    }
    expect(new Set(runs.map((run) => run.stdout)).size).toBe(1);
  });

  it('--out: checked before the fit, written whole, the old file kept when the fit fails', async () => {
    const dir = mkdtempSync(join(scratch, 'out-'));
    const file = join(dir, 'model.json');
    // A path that cannot be written is reported before the fit, whose error (-k 200) would differ.
    const early = await cli('fit', IRIS, '-k', '200', '--out', join(dir, 'missing', 'model.json'));
    expect(early.stderr).toBe(
      `gmm-wasm: cannot write ${join(dir, 'missing', 'model.json')}: no such file or directory\n`,
    );
    expect(early.code).toBe(1);
    const first = await cli('fit', ...IRIS4.split(' '), '-k', '2', '--seed', '1', '--out', file);
    expect(first.code).toBe(0);
    const good = readFileSync(file, 'utf8');
    const failed = await cli('fit', ...IRIS4.split(' '), '-k', '200', '--out', file);
    expect(failed.stderr).toBe('gmm-wasm: -k (200) exceeds the number of rows (150)\n');
    expect(readFileSync(file, 'utf8')).toBe(good);
    const selected = await cli('select', ...IRIS4.split(' '), '-k', '1..2', '--seed', '1', '--out', file);
    expect(selected.code).toBe(0);
    expect(GaussianMixture.fromJSON(readFileSync(file, 'utf8')).components).toBeGreaterThan(0);
    // Nothing but the model is left in the directory: no temporary file.
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('--help of every command lists every option it accepts', async () => {
    const tables = { fit: EM_OPTIONS, select: SELECT_OPTIONS, predict: PREDICT_OPTIONS };
    for (const [command, table] of Object.entries(tables)) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(0);
      for (const [name, spec] of Object.entries(table)) {
        const short = 'short' in spec ? `-${spec.short}, ` : '';
        expect(help.stdout, `${command} --${name}`).toMatch(new RegExp(`^ {2}${short}--${name}\\b`, 'm'));
      }
    }
  });

  it.each(ERRORS)('gmm-wasm %s → exit 1 and one line on stderr', async (line, message) => {
    const run = await cli(...line.split(' '));
    expect(run.stderr).toBe(`gmm-wasm: ${message}\n`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });

  it.each(USAGE_ERRORS)('gmm-wasm %s → exit 2 and one line on stderr', async (line, message) => {
    const run = await cli(...line.split(' '));
    expect(run.stderr).toBe(`gmm-wasm: ${message}\n`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
