/**
 * The command line's mclust side, run as a user runs it (a subprocess, from the sources through
 * tsx): `select --covariance all` prints mclust's BIC table with the library's values, `--help` names
 * every covariance model, and `--prior` fits MAP-EM (or says which models have no prior).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MCLUST_MODELS } from '../src/covariance/index';
import { GaussianMixture, selectModel } from '../src/index';
import { demoData } from './model-choice';

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

describe.concurrent('gmm-wasm and mclust', () => {
  it('select --covariance all prints the fourteen models × K as mclust does, with the library’s BIC', async () => {
    const run = await cli(
      'select',
      IRIS,
      '-k',
      '1..3',
      '--covariance',
      'all',
      '--seed',
      '1',
      '--init',
      'kmeans',
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "Bayesian Information Criterion (BIC), mclust's sign (2·log-likelihood − parameters·ln N, higher is better):",
    );
    expect((lines[1] as string).trim().split(/\s+/)).toEqual([...MCLUST_MODELS]);
    const { table } = await selectModel(demoData('iris.csv', 4), {
      components: [1, 2, 3],
      covariance: 'all',
      seed: 1,
      init: 'kmeans',
    });
    for (const k of [1, 2, 3]) {
      const cells = (lines[1 + k] as string).trim().split(/\s+/);
      expect(cells[0]).toBe(String(k));
      MCLUST_MODELS.forEach((model, j) => {
        const row = table.find((r) => r.components === k && r.covariance === model);
        expect(cells[j + 1], `${model},${k}`).toBe((-(row?.bic ?? Number.NaN)).toFixed(3));
      });
    }
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe('Top 3 models based on the BIC criterion:');
    const top = [...table].sort((a, b) => a.bic - b.bic).slice(0, 3);
    expect(lines[7]).toBe(
      top.map((r) => `${r.covariance},${r.components} ${(-r.bic).toFixed(3)}`).join('  '),
    );
    expect(top[0]?.covariance).toBe('VEV');
  });

  it('--help of fit and select names every covariance model, and all for select', async () => {
    const [fit, select] = await Promise.all([cli('fit', '--help'), cli('select', '--help')]);
    for (const text of [fit.stdout, select.stdout]) {
      for (const name of ['full', 'diag', 'spherical', 'tied', ...MCLUST_MODELS])
        expect(text).toMatch(new RegExp(`\\b${name}\\b`));
      expect(text).toContain('--prior');
    }
    expect(select.stdout).toContain(
      "or all:\n                       mclust's fourteen (with --prior its ten)",
    );
  });

  it('fit --prior writes the MAP-EM model the library fits', async () => {
    const run = await cli(
      'fit',
      IRIS,
      '-k',
      '2',
      '--covariance',
      'VEV',
      '--prior',
      '--seed',
      '2',
      '--init',
      'kmeans',
    );
    expect(run.code).toBe(0);
    const saved = JSON.parse(run.stdout);
    const model = await GaussianMixture.fit(demoData('iris.csv', 4), {
      components: 2,
      covariance: 'VEV',
      prior: 'default',
      seed: 2,
      init: 'kmeans',
    });
    expect(saved.prior).toEqual(model.toJSON().prior);
    expect(saved.means).toEqual(model.toJSON().means);
    expect(GaussianMixture.fromJSON(saved).prior).toEqual(model.prior);
  });

  it('fit --prior with a model mclust has no prior for fails with the reason', async () => {
    const run = await cli('fit', IRIS, '-k', '2', '--covariance', 'EVE', '--prior');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').at(-2)).toBe(
      "gmm-wasm: --prior: mclust has no conjugate prior for covariance 'EVE'; it has one for EII, VII, EEI, VEI, EVI, VVI, EEE, EEV, VEV, VVV (and the aliases spherical, diag, tied, full)",
    );
  });
});
