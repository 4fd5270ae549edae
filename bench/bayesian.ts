/**
 * `npm run bench:bayesian`: the cost of one variational iteration of `BayesianGaussianMixture`
 * against one EM iteration of `GaussianMixture`, side by side in one process on the same seeded
 * data (100 000 × 8, K = 8, full covariances) from the same start. Each fit runs T = 0 and T = 20
 * iterations (tol 0); the difference of the two, over 20, is the cost of an iteration without the
 * set-up, start and final E-step. Fits alternate, and the median of REPEATS rounds is reported.
 */
import { performance } from 'node:perf_hooks';
import { BayesianGaussianMixture, GaussianMixture } from '../src/index';
import { fixedStart, mixtureDataset } from './dataset';

const ROWS = 100_000;
const COLS = 8;
const COMPONENTS = 8;
const ITERATIONS = 20;
const REPEATS = 5;
const SEED = 20;

const data = mixtureDataset(SEED, ROWS, COLS, COMPONENTS);
const start = fixedStart(data, COMPONENTS).nested;
const X = { data: data.data, rows: data.rows, cols: data.cols };

async function timeFit(run: (maxIter: number) => Promise<unknown>, maxIter: number): Promise<number> {
  const began = performance.now();
  await run(maxIter);
  return performance.now() - began;
}

const em = (maxIter: number) =>
  GaussianMixture.fit(X, { components: COMPONENTS, init: start, maxIter, tol: 0, seed: SEED });
const variational = (maxIter: number) =>
  BayesianGaussianMixture.fit(X, { components: COMPONENTS, init: start, maxIter, tol: 0, seed: SEED });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

// One warm-up of each, so that both run in V8's optimising tier.
await em(2);
await variational(2);
const emPerIteration: number[] = [];
const variationalPerIteration: number[] = [];
for (let round = 0; round < REPEATS; round++) {
  const emCost = (await timeFit(em, ITERATIONS)) - (await timeFit(em, 0));
  const variationalCost = (await timeFit(variational, ITERATIONS)) - (await timeFit(variational, 0));
  emPerIteration.push(emCost / ITERATIONS);
  variationalPerIteration.push(variationalCost / ITERATIONS);
}
const emMs = median(emPerIteration);
const variationalMs = median(variationalPerIteration);
console.log(
  `${ROWS} × ${COLS}, K = ${COMPONENTS}, full; median of ${REPEATS} rounds of ${ITERATIONS} iterations`,
);
console.log('| fit | ms per iteration | ratio to EM |');
console.log('|---|---|---|');
console.log(`| GaussianMixture (EM) | ${emMs.toFixed(2)} | 1.00 |`);
console.log(
  `| BayesianGaussianMixture (variational) | ${variationalMs.toFixed(2)} | ${(variationalMs / emMs).toFixed(2)} |`,
);
console.log(`rounds, EM: ${emPerIteration.map((t) => t.toFixed(2)).join(', ')}`);
console.log(`rounds, variational: ${variationalPerIteration.map((t) => t.toFixed(2)).join(', ')}`);
