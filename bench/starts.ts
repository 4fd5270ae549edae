/**
 * How the starts compare on real data: for raw Iris and Old Faithful (demo/data), each candidate
 * (K, covariance type) fitted from `'hierarchical'` (one run: the start is deterministic) and from
 * `'random'` and `'kmeans'` with 10 restarts (the best kept), each over seeds 0…9. Reports the final
 * mean log-likelihood (the median over seeds, and the worst) and the median wall time of a fit, all
 * in one run on one machine.
 *
 *   npm run bench:starts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { InitMethod } from '../src/fit-options';
import { GaussianMixture } from '../src/index';
import type { CovarianceType } from '../src/types';

const SEEDS = Array.from({ length: 10 }, (_, seed) => seed);
const RESTARTS = 10;

/** The numeric columns of a CSV with a header row (a column that is not a number ends the row). */
function readCsv(file: string): number[][] {
  const text = readFileSync(new URL(`../demo/data/${file}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',').map(Number);
      const end = cells.findIndex((cell) => Number.isNaN(cell));
      return end < 0 ? cells : cells.slice(0, end);
    });
}

const SETS: { name: string; X: number[][]; candidates: [number, CovarianceType][] }[] = [
  {
    name: 'Iris (raw)',
    X: readCsv('iris.csv'),
    candidates: [
      [2, 'full'],
      [3, 'full'],
      [4, 'full'],
      [3, 'diag'],
    ],
  },
  {
    name: 'Old Faithful',
    X: readCsv('faithful.csv'),
    candidates: [
      [2, 'full'],
      [3, 'tied'],
      [3, 'full'],
      [4, 'full'],
    ],
  },
];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function measure(
  X: number[][],
  components: number,
  covariance: CovarianceType,
  init: InitMethod,
): Promise<{ logLikelihoods: number[]; ms: number[] }> {
  const logLikelihoods: number[] = [];
  const ms: number[] = [];
  for (const seed of SEEDS) {
    const restarts = init === 'hierarchical' ? 1 : RESTARTS;
    const start = performance.now();
    try {
      const model = await GaussianMixture.fit(X, {
        components,
        covariance,
        init,
        restarts,
        seed,
        maxIter: 1000,
      });
      logLikelihoods.push(model.logLikelihood);
    } catch {
      logLikelihoods.push(Number.NaN);
    }
    ms.push(performance.now() - start);
  }
  return { logLikelihoods, ms };
}

console.log(
  `starts compared: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${(os.loadavg()[0] ?? 0).toFixed(2)} at the start; seeds 0…9; random and kmeans with ${RESTARTS} restarts, hierarchical once`,
);
console.log('');
console.log(
  '| data | K, type | init | mean log-likelihood: median over seeds | worst seed | ms per fit (median) |',
);
console.log('|---|---|---|---|---|---|');
for (const set of SETS) {
  for (const [components, covariance] of set.candidates) {
    for (const init of ['hierarchical', 'kmeans', 'random'] as const) {
      const { logLikelihoods, ms } = await measure(set.X, components, covariance, init);
      const worst = Math.min(...logLikelihoods.map((value) => (Number.isNaN(value) ? -Infinity : value)));
      console.log(
        `| ${set.name} | ${components} ${covariance} | ${init}${init === 'hierarchical' ? '' : ` ×${RESTARTS}`} | ${median(logLikelihoods).toFixed(5)} | ${worst.toFixed(5)} | ${median(ms).toFixed(1)} |`,
      );
    }
  }
}
