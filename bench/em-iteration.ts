/**
 * `npm run bench`: milliseconds per full-covariance EM iteration, gmm-wasm against the plain TypeScript
 * reference EM, on the same seeded data from the same start. Exits 1 if the two do not reach the same
 * log-likelihood, so a timing is never reported for different work.
 */

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { GaussianMixture } from '../src/index';
import { plainEm } from '../test/reference/em';
import { fixedStart, mixtureDataset } from './dataset';

const ROWS = 100_000;
const COLS = 8;
const COMPONENTS = 8;
const ITERATIONS = 20;
const REG_COVAR = 1e-6;
const SEED = 20240607;
const WASM_REPEATS = 3;
const PLAIN_REPEATS = 2;
const WARMUP_ITERATIONS = 2;
const AGREEMENT = 1e-6;

const x = mixtureDataset(SEED, ROWS, COLS, COMPONENTS);
const start = fixedStart(x, COMPONENTS);

async function runWasm(iterations: number): Promise<number> {
  const model = await GaussianMixture.fit(x, {
    components: COMPONENTS,
    init: start.nested,
    maxIter: iterations,
    tol: 0,
    regCovar: REG_COVAR,
  });
  if (model.iterations !== iterations) {
    throw new Error(`gmm-wasm ran ${model.iterations} iterations, expected ${iterations}`);
  }
  return model.logLikelihood;
}

function runPlain(iterations: number): number {
  return plainEm(x.data, ROWS, COLS, start.flat, { iterations, regCovar: REG_COVAR }).logLikelihood;
}

/** Milliseconds per iteration of each timed run, and the log-likelihood of the last run. */
async function time(
  repeats: number,
  run: () => number | Promise<number>,
): Promise<{ perIteration: number[]; logLikelihood: number }> {
  const perIteration: number[] = [];
  let logLikelihood = Number.NaN;
  for (let r = 0; r < repeats; r++) {
    const began = performance.now();
    logLikelihood = await run();
    perIteration.push((performance.now() - began) / ITERATIONS);
  }
  return { perIteration, logLikelihood };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

const cpus = os.cpus();
console.log(`Node ${process.version} on ${cpus[0]?.model ?? 'unknown CPU'} (${cpus.length} cores)`);
const load = os.loadavg()[0] ?? 0;
if (load > 0.5) {
  console.log(`warning: machine busy: numbers are noisy (1-minute load average ${load.toFixed(2)})`);
}
console.log(
  `${ROWS} × ${COLS} points, K = ${COMPONENTS}, full covariances, ${ITERATIONS} EM iterations (tol 0), ` +
    `seed ${SEED}`,
);

await runWasm(WARMUP_ITERATIONS);
runPlain(WARMUP_ITERATIONS);
const wasm = await time(WASM_REPEATS, () => runWasm(ITERATIONS));
const plain = await time(PLAIN_REPEATS, () => runPlain(ITERATIONS));

const plainMedian = median(plain.perIteration);
const rows = [
  ['implementation', 'ms/iteration (median)', 'best', 'ratio vs plain TS'],
  ...[
    { name: `gmm-wasm (median of ${WASM_REPEATS})`, times: wasm.perIteration },
    { name: `plain TypeScript (median of ${PLAIN_REPEATS})`, times: plain.perIteration },
  ].map(({ name, times }) => [
    name,
    median(times).toFixed(2),
    Math.min(...times).toFixed(2),
    `${(plainMedian / median(times)).toFixed(2)}×`,
  ]),
];
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) {
  console.log(
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd(),
  );
}
console.log(
  `ms/iteration = whole run / ${ITERATIONS}; ratio = plain TS median / this median (higher is faster)`,
);
console.log('gmm-wasm times include validation, one copy of X into wasm memory and the final E-step;');
console.log('plain TS also runs a final E-step, so the comparison slightly favours plain TS');

const difference = Math.abs(wasm.logLikelihood - plain.logLikelihood) / Math.abs(plain.logLikelihood);
console.log(`final mean log-likelihood: gmm-wasm ${wasm.logLikelihood}, plain TS ${plain.logLikelihood}`);
console.log(`relative difference ${difference.toExponential(2)} (must be ≤ ${AGREEMENT.toExponential(0)})`);
if (!(difference <= AGREEMENT)) {
  console.error(
    'FAIL: the implementations did not reach the same log-likelihood; timings are not comparable',
  );
  process.exit(1);
}
