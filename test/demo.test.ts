import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fitIris } from '../demo/iris';

const seeds = Array.from({ length: 20 }, (_, seed) => seed);

describe('Iris demo', () => {
  it.each(seeds)('recovers the species with seed %i (adjusted Rand index ≥ 0.85)', async (seed) => {
    const fit = await fitIris(seed);
    expect(fit.model.seed).toBe(seed);
    expect(fit.ari).toBeGreaterThanOrEqual(0.85);
    expect(fit.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('prints the settings, the confusion matrix and the adjusted Rand index when run as a script', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'demo/iris.ts', '--seed', '0'],
      {
        cwd: root,
      },
    );
    expect(stdout).toContain('seed 0');
    expect(stdout).toContain('Confusion matrix');
    const matrix = stdout.slice(stdout.indexOf('Confusion matrix'));
    for (const species of ['setosa', 'versicolor', 'virginica']) expect(matrix).toContain(species);
    const ari = /adjusted Rand index: (-?\d+\.\d+)/.exec(stdout)?.[1];
    expect(Number(ari)).toBeGreaterThanOrEqual(0.85);
  }, 15_000);
});
