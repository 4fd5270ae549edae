/**
 * `gmm-wasm fit --stream --missing` and `predict --stream --missing`: a CSV with empty and NA cells
 * read in passes gives the model fitStream gives the same rows with NaN, and predictions stream out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { type CliRun, runCli } from './cli-run';
import { blobs, expectAllClose, mulberry32 } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-cli-stream-missing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

const { X: complete } = blobs(
  8,
  [
    [0, 0, 0],
    [6, 2, -1],
  ],
  1500,
);
const random = mulberry32(2);
const X = complete.map((row) => row.map((v) => (random() < 0.1 ? Number.NaN : v)));
// Missing cells spelled as an empty cell or NA, alternately.
let spelling = 0;
const cell = (v: number) => (Number.isNaN(v) ? (spelling++ % 2 ? 'NA' : '') : String(v));
const csv = join(scratch, 'holes.csv');
writeFileSync(csv, `a,b,c\n${X.map((row) => row.map(cell).join(',')).join('\n')}\n`);

describe('gmm-wasm --stream --missing', () => {
  it('fit --stream --missing equals fitStream with missing: em on the rows; predict --stream labels every row', async () => {
    const expected = await GaussianMixture.fitStream(() => [X], { components: 2, seed: 3, missing: 'em' });
    const run = await cli('fit', csv, '--stream', '--missing', '-k', '2', '--seed', '3');
    expect(run.stderr).toContain('3000 rows × 3 columns');
    expect(run.code).toBe(0);
    const model = GaussianMixture.fromJSON(run.stdout);
    expect(model.missing).toBe('em');
    expectAllClose(model.means, expected.means, 1e-10, 'means');
    expectAllClose(model.covariances, expected.covariances, 1e-10, 'covariances');
    const saved = join(scratch, 'model.json');
    writeFileSync(saved, run.stdout);
    const predicted = await cli('predict', saved, csv, '--stream', '--missing');
    expect(predicted.code).toBe(0);
    const labels = predicted.stdout.trim().split('\n');
    expect(labels[0]).toBe('label');
    expect(labels.slice(1).map(Number)).toEqual(Array.from(expected.predict(X)));
  }, 60_000);

  it('without --missing, an empty cell says that --missing exists', async () => {
    const run = await cli('fit', csv, '--stream', '-k', '2');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /holes\.csv:\d+: column '[abc]' is (empty|'NA', not a number) \(with --missing it is read as a missing value\)/,
    );
  }, 30_000);
});
