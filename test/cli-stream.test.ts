/**
 * `gmm-wasm fit --stream` and `predict --stream`, run as a user runs them: CSV and binary input read
 * in passes give the model the in-memory fit gives, predictions stream out, and bad flags and files
 * are refused with their literal line and exit status.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { type CliRun, runCli } from './cli-run';
import { blobs, expectAllClose } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-cli-stream-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

// 20 000 rows: the CSV reader hands the library two chunks (of 16 384 and the rest).
const { X } = blobs(
  8,
  [
    [0, 0, 0],
    [6, 2, -1],
  ],
  10_000,
);
const csv = join(scratch, 'rows.csv');
writeFileSync(csv, `a,b,c\n${X.map((row) => row.join(',')).join('\n')}\n`);
const f64 = join(scratch, 'rows.f64');
writeFileSync(f64, Buffer.from(Float64Array.from(X.flat()).buffer));
const f32 = join(scratch, 'rows.f32');
writeFileSync(f32, Buffer.from(Float32Array.from(X.flat()).buffer));

describe('gmm-wasm --stream', () => {
  it('fit --stream on CSV, float64 and float32 binary equals fitStream on the rows in memory', async () => {
    // More rows than the start's sample: the start is fitStream's, not fit's.
    const expected = await GaussianMixture.fitStream(() => [X], { components: 2, seed: 3 });
    for (const args of [[csv], [f64, '--binary', '3']]) {
      const run = await cli('fit', ...(args as string[]), '--stream', '-k', '2', '--seed', '3');
      expect(run.stderr).toContain('20000 rows × 3 columns');
      expect(run.stderr).toMatch(/\d+ passes over the data/);
      expect(run.code).toBe(0);
      const model = GaussianMixture.fromJSON(run.stdout);
      expectAllClose(model.means, expected.means, 1e-10, 'means');
    }
    const single = await cli(
      'fit',
      f32,
      '--stream',
      '--binary',
      '3',
      '--dtype',
      'float32',
      '-k',
      '2',
      '--seed',
      '3',
    );
    expect(single.code).toBe(0);
    expectAllClose(GaussianMixture.fromJSON(single.stdout).means, expected.means, 1e-5, 'float32 means');
  }, 60_000);

  it('predict --stream writes the labels predict writes', async () => {
    const model = await GaussianMixture.fit(X.slice(0, 500), { components: 2, seed: 3 });
    const file = join(scratch, 'model.json');
    writeFileSync(file, JSON.stringify(model));
    const run = await cli('predict', file, f64, '--stream', '--binary', '3');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('label');
    expect(lines.slice(1)).toEqual(Array.from(model.predict(X), String));
    const proba = await cli('predict', file, csv, '--stream', '--proba');
    expect(proba.stdout.split('\n')[0]).toBe('p0,p1');
    expect(proba.stdout.trim().split('\n')).toHaveLength(X.length + 1);
  }, 60_000);

  it('refuses what it cannot read, with one line and the exit status', async () => {
    const cases: [string[], number, string][] = [
      [
        ['fit', csv, '--binary', '3', '-k', '2'],
        2,
        "gmm-wasm: --binary needs --stream (see 'gmm-wasm fit --help')\n",
      ],
      [
        ['fit', f64, '--stream', '--dtype', 'float32', '-k', '2'],
        2,
        "gmm-wasm: --dtype needs --binary (see 'gmm-wasm fit --help')\n",
      ],
      [
        ['fit', f64, '--stream', '--binary', '3', '--dtype', 'int8', '-k', '2'],
        2,
        "gmm-wasm: --dtype must be float64 or float32, got 'int8' (see 'gmm-wasm fit --help')\n",
      ],
      [
        ['fit', f64, '--stream', '--binary', '7', '-k', '2'],
        1,
        `gmm-wasm: ${f64} has 480000 bytes, not a whole number of rows of 7 float64 values (56 bytes each)\n`,
      ],
      [
        ['fit', f64, '--stream', '--binary', '0', '-k', '2'],
        1,
        'gmm-wasm: --binary must be the number of columns, an integer ≥ 1, got 0\n',
      ],
    ];
    for (const [args, code, stderr] of cases) {
      const run = await cli(...args);
      expect(run.stderr).toBe(stderr);
      expect(run.code).toBe(code);
    }
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, `a,b\n1,2\n3,x\n`);
    const run = await cli('fit', bad, '--stream', '-k', '1');
    expect(run.stderr).toBe(`gmm-wasm: ${bad}:3: column 'b' is 'x', not a number\n`);
    expect(run.code).toBe(1);
    expect(readFileSync(csv, 'utf8').length).toBeGreaterThan(0);
  }, 60_000);
});
