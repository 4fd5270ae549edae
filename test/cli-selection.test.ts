// The CLI's selection table (BIC, AIC, ICL, degenerate candidates, failures) and `--init
// hierarchical`, as printed, character for character, and against the library's own results.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GaussianMixture, selectModel } from '../src/index';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IRIS = 'demo/data/iris.csv';

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

function irisFeatures(): number[][] {
  const records: string[][] = parse(readFileSync(`${ROOT}/${IRIS}`), { from_line: 2 });
  return records.map((record) => record.slice(0, 4).map(Number));
}

describe('gmm-wasm select', () => {
  it('shows ICL and degenerate candidates, and passes over the degenerate ones', async () => {
    const run = await cli(
      'select',
      IRIS,
      '-k',
      '5,6',
      '--covariance',
      'full,diag',
      '--columns',
      '1..4',
      '--seed',
      '4',
    );
    expect(run.code).toBe(0);
    // 5 full and 6 diag have lower BIC than 5 diag, but each has a component on repeated values.
    expect(run.stdout).toBe(
      [
        '   K  covariance     BIC     AIC     ICL  log-likelihood  degenerate  converged',
        '   5  full        690.12  467.33  729.64         -1.0644  yes         yes',
        '   6  full        725.75  457.80  745.04         -0.9327  yes         yes',
        '*  5  diag        700.90  568.43  708.50         -1.6014  no          yes',
        '   6  diag        697.63  538.06  706.85         -1.4402  yes         yes',
        '',
        "* best by BIC (lower is better): K = 5, 'diag' covariance (seed 4)",
        '  degenerate candidates (a component the data do not determine) are passed over',
        '',
      ].join('\n'),
    );
    // The same numbers as the library's selection.
    const { table } = await selectModel(irisFeatures(), {
      components: [5, 6],
      covariance: ['full', 'diag'],
      seed: 4,
    });
    expect(table.map((row) => [row.bic.toFixed(2), row.icl.toFixed(2), row.degenerate])).toEqual([
      ['690.12', '729.64', true],
      ['725.75', '745.04', true],
      ['700.90', '708.50', false],
      ['697.63', '706.85', true],
    ]);
  }, 60_000);

  it('a failed candidate keeps its reason in the last column', async () => {
    const run = await cli(
      'select',
      IRIS,
      '-k',
      '4,5',
      '--reg-covar',
      '0',
      '--columns',
      '1..4',
      '--seed',
      '1',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '   K  covariance     BIC     AIC     ICL  log-likelihood  degenerate  converged',
        '*  4  full        659.54  481.91  660.78         -1.2130  no          yes',
        '   5  full             -       -       -               -  -           failed: the covariance of component 2 ' +
          'is not positive definite after iteration 54 even after 10 re-seeds; increase regCovar (now 0), ' +
          'reduce components (now 5) or set standardize: true',
        '',
        "* best by BIC (lower is better): K = 4, 'full' covariance (seed 1)",
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('--criterion icl ranks by ICL', async () => {
    const run = await cli(
      'select',
      IRIS,
      '-k',
      '2,3',
      '--columns',
      '1..4',
      '--seed',
      '1',
      '--criterion',
      'icl',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '*  2  full        574.02  486.71  574.02         -1.4290  no          yes\n',
    );
    expect(run.stdout).toContain("* best by ICL (lower is better): K = 2, 'full' covariance (seed 1)\n");
  }, 60_000);
});

describe('gmm-wasm fit --init hierarchical', () => {
  it("fits from mclust's start: the library's model, and its summary", async () => {
    const run = await cli(
      'fit',
      IRIS,
      '-k',
      '3',
      '--init',
      'hierarchical',
      '--columns',
      '1..4',
      '--seed',
      '1',
    );
    expect(run.code).toBe(0);
    const expected = await GaussianMixture.fit(irisFeatures(), {
      components: 3,
      init: 'hierarchical',
      seed: 1,
    });
    const saved = JSON.parse(run.stdout);
    expect(saved.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const { columns: _, ...model } = saved;
    expect(model).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(run.stderr).toBe(
      [
        "gmm-wasm: K = 3, 'full' covariance, 150 rows × 4 columns of demo/data/iris.csv",
        '  converged after 28 iterations (seed 1)',
        '  log-likelihood -1.2013 per row, BIC 580.86',
        '  weights 0.333 0.301 0.365',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('--help lists it', async () => {
    const run = await cli('fit', '--help');
    expect(run.stdout).toContain(
      '  --init METHOD        random (default), kmeans, kmeans++, random-from-data or hierarchical\n',
    );
  });
});
