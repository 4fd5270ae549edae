/**
 * `--stream` reads a CSV as the reader of whole files does: the same columns left out with the same
 * notice, the same header, delimiter (`;` with decimal commas, tab), `--columns` ranges and names
 * the model remembers, the same numbers (predictions bit for bit), and the same error line and exit
 * status for every file it refuses. Each case runs both ways, as a user runs them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as cli, ROOT } from './cli-run';

const F = 'test/fixtures/cli';
const IRIS = 'demo/data/iris.csv';
const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-cli-stream-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// More rows than one chunk of the streamed reader (16 384), with a label column and R's row names,
// so that the notice and the column choice must hold across chunks.
const LONG = join(scratch, 'long.csv');
writeFileSync(
  LONG,
  `"","u","kind","v"\n${Array.from({ length: 20_000 }, (_, i) => {
    const side = i % 2;
    return `"${i + 1}",${(side * 6 + Math.sin(i)).toFixed(6)},"${side ? 'b' : 'a'}",${Math.cos(i * 7).toFixed(6)}`;
  }).join('\n')}\n`,
);
const HEADER_ONLY = join(scratch, 'header-only.csv');
writeFileSync(HEADER_ONLY, 'a,b\n');
const EMPTY = join(scratch, 'empty.csv');
writeFileSync(EMPTY, '\n\n');

/** Data files (and flags) that both readers take: what each must read the same way. */
const READABLE: [string, string[]][] = [
  ["R's write.csv of iris: row names and Species left out", [`${F}/r-iris.csv`]],
  ['a header and a text column', [`${F}/with-header.csv`]],
  ['no header and a text column', [`${F}/no-header.csv`]],
  ["R's write.csv2: ';' and decimal commas", [`${F}/r-faithful-csv2.csv`]],
  ['tab-separated, detected', [`${F}/r-faithful.tsv`]],
  ['tab-separated, --delimiter tab', [`${F}/r-faithful.tsv`, '--delimiter', 'tab']],
  ['--columns by a range of names', [IRIS, '--columns', 'sepal_length..petal_width']],
  ['--columns by numbers, a cut-style range and a list', [IRIS, '--columns', '1-2,4']],
  ['more rows than a chunk', [LONG]],
];

describe('fit --stream and predict --stream read a CSV as fit and predict do', () => {
  it.each(READABLE)(
    '%s',
    async (name, [file, ...flags]) => {
      const data = file as string;
      const fitArgs = ['fit', data, ...flags, '-k', '2', '--seed', '1', '--max-iter', '3'];
      const [whole, streamed] = await Promise.all([cli(fitArgs), cli([...fitArgs, '--stream'])]);
      expect(whole.code, whole.stderr).toBe(0);
      expect(streamed.code, streamed.stderr).toBe(0);
      const wholeLines = whole.stderr.split('\n');
      const streamedLines = streamed.stderr.split('\n');
      // The notice (when a column was left out) and the `rows × columns of <file>` line.
      const notice = wholeLines[0]?.startsWith('gmm-wasm: ') && wholeLines[0].includes('left out');
      expect(streamedLines[0]).toBe(wholeLines[0]);
      if (notice) {
        expect(streamedLines[1]).toBe(wholeLines[1]);
        expect(streamedLines.filter((line) => line.includes('left out'))).toHaveLength(1);
      }
      const wholeModel = JSON.parse(whole.stdout) as { columns?: string[] };
      const streamedModel = JSON.parse(streamed.stdout) as { columns?: string[] };
      expect(streamedModel.columns).toEqual(wholeModel.columns);

      // The same model over the same data: the rows must be read to the same numbers.
      const model = join(scratch, `model-${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(model, whole.stdout);
      for (const extra of [[], ['--proba']]) {
        const predictArgs = ['predict', model, data, ...flags, ...extra];
        const [a, b] = await Promise.all([cli(predictArgs), cli([...predictArgs, '--stream'])]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.stderr).toBe(a.stderr);
        expect(b.stdout).toBe(a.stdout);
        expect(b.code).toBe(0);
      }
    },
    120_000,
  );

  /** Files and flags both refuse: each with its message, the same both ways. */
  const REFUSED: [string[], number, string][] = [
    [['fit', 'nope.csv', '-k', '1'], 1, 'cannot read nope.csv: no such file or directory'],
    [['fit', `${F}/bad-cell.csv`, '-k', '1'], 1, `${F}/bad-cell.csv:5: column 'b' is 'abc', not a number`],
    [
      ['fit', `${F}/empty-cell.csv`, '-k', '1'],
      1,
      `${F}/empty-cell.csv:2: column 2 is empty (with --missing it is read as a missing value)`,
    ],
    [['fit', `${F}/ragged.csv`, '-k', '1'], 1, `${F}/ragged.csv:3: 1 field, expected 2 as on line 1`],
    [
      ['fit', IRIS, '-k', '3', '--columns', '1,5'],
      1,
      `${IRIS}:2: column 'species' is 'setosa', not a number; leave it out of --columns`,
    ],
    [
      ['fit', IRIS, '-k', '3', '--columns', '4..2'],
      1,
      "--columns: the range '4..2' is reversed; write the first column first",
    ],
    [['fit', IRIS, '-k', '3', '--columns', '1-3,3'], 1, "--columns chooses column 'petal_length' twice"],
    [
      ['fit', IRIS, '-k', '3', '--delimiter', 'ab'],
      1,
      "--delimiter must be one character or 'tab', got 'ab'",
    ],
    [
      ['fit', `${F}/r-faithful.tsv`, '-k', '2', '--delimiter', ','],
      1,
      `${F}/r-faithful.tsv has no numeric column (line 2); choose columns with --columns`,
    ],
    [
      ['fit', `${F}/bad-quote.csv`, '-k', '2'],
      1,
      `${F}/bad-quote.csv:2: a quote inside a field that does not start with one ` +
        "(fields separated by ','; --delimiter sets another)",
    ],
    [
      ['fit', `${F}/no-header.csv`, '-k', '2', '--columns', 'a'],
      1,
      `--columns: 'a' is a name, but ${F}/no-header.csv has no header row`,
    ],
    [['fit', HEADER_ONLY, '-k', '1'], 1, `${HEADER_ONLY} has a header but no data rows`],
    [['fit', EMPTY, '-k', '1'], 1, `${EMPTY} has no data rows`],
    [
      ['predict', `${F}/model-2d.json`, `${F}/three-columns.csv`],
      1,
      `${F}/three-columns.csv has 3 numeric columns, but the model was fitted on 2; choose them with --columns`,
    ],
    [
      ['predict', `${F}/model-2d.json`, IRIS, '--columns', '1..4'],
      1,
      '--columns chooses 4, but the model was fitted on 2',
    ],
  ];

  it('refuses the same files with the same line and exit status', async () => {
    for (const [args, code, message] of REFUSED) {
      const [whole, streamed] = await Promise.all([cli(args), cli([...args, '--stream'])]);
      expect(whole.stderr, args.join(' ')).toBe(`gmm-wasm: ${message}\n`);
      expect(whole.code).toBe(code);
      expect(streamed.stderr, `${args.join(' ')} --stream`).toBe(whole.stderr);
      expect(streamed.stdout).toBe('');
      expect(streamed.code).toBe(code);
    }
  }, 180_000);

  it('predict --stream reads stdin once; fit --stream, which reads in passes, refuses it', async () => {
    const csv = readFileSync(join(ROOT, F, 'r-iris.csv'), 'utf8');
    const fit = await cli(['fit', `${F}/r-iris.csv`, '-k', '3', '--seed', '2']);
    // Without the column names the model remembers, the columns are chosen (and the notice given) anew.
    const { columns: _, ...unnamed } = JSON.parse(fit.stdout) as { columns?: string[] };
    const model = join(scratch, 'iris-model.json');
    writeFileSync(model, JSON.stringify(unnamed));
    const [whole, streamed] = await Promise.all([
      cli(['predict', model, '-'], csv),
      cli(['predict', model, '-', '--stream'], csv),
    ]);
    expect(whole.code).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(streamed.stderr).toBe(whole.stderr);
    expect(streamed.stderr).toBe(
      "gmm-wasm: stdin: left out the non-numeric columns 1 (no name: row names), 'Species' " +
        "('setosa' on line 2); --columns chooses the columns\n",
    );
    const refused = await cli(['fit', '-', '--stream', '-k', '2'], csv);
    expect(refused.stderr).toBe(
      "gmm-wasm: fit --stream reads the data once per pass, so it needs a file, not stdin (see 'gmm-wasm fit --help')\n",
    );
    expect(refused.code).toBe(2);
  }, 60_000);
});
