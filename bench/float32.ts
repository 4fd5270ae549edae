/**
 * `npm run bench:float32`: `precision: 'float32'` beside the float64 default on the bench grid's
 * shapes (bench/grid.ts: every covariance type at 100 000×8 and 100 000×32, K = 8). Each pair of
 * fits starts from the grid's fixed start and runs the same T iterations; the two are timed in
 * alternation (float64, float32, float64, …), so a load change hits both. Prints ms per iteration,
 * the speed ratio, and the relative difference of the final mean log-likelihoods: the accuracy the
 * README states. `--quick` runs the two D = 32 full and diag rows only; `--accuracy` fits each
 * shape once in each precision, untimed; `--covariance=tied,spherical` keeps the rows of those types.
 */
import { GaussianMixture } from '../src/index';
import { type Dataset, fixedStart, mixtureDataset } from './dataset';
import { GRID, REG_COVAR, SEED, type Shape, shapeLabel } from './grid';
import { describeMachine, machineLines } from './machine';
import { median } from './timing';

/** `--covariance=tied,spherical` keeps the grid's rows of those types. */
const TYPES = process.argv
  .find((arg) => arg.startsWith('--covariance='))
  ?.slice('--covariance='.length)
  .split(',');
const ROWS: readonly Shape[] = TYPES ? GRID.filter((row) => TYPES.includes(row.covariance)) : GRID;
const QUICK = process.argv.includes('--quick');
const ACCURACY = process.argv.includes('--accuracy');
/** Alternated timings of each precision; the median is reported. */
const ROUNDS = ACCURACY ? 1 : 3;

async function fitOnce(
  x: Dataset,
  row: Shape,
  precision: 'float64' | 'float32',
): Promise<{ ms: number; logLikelihood: number }> {
  const { nested, flat } = fixedStart(x, row.components);
  const d = row.cols;
  // Spherical takes one variance per component: the mean of the fixed start's diagonal.
  const covariances =
    row.covariance === 'spherical'
      ? Array.from({ length: row.components }, (_, c) => {
          let sum = 0;
          for (let j = 0; j < d; j++) sum += flat.covariances[(c * d + j) * d + j] as number;
          return sum / d;
        })
      : nested.covariances;
  const began = performance.now();
  const model = await GaussianMixture.fit(x, {
    components: row.components,
    covariance: row.covariance,
    init: { ...nested, covariances },
    maxIter: row.iterations,
    tol: 0,
    regCovar: REG_COVAR,
    precision,
  });
  return { ms: (performance.now() - began) / row.iterations, logLikelihood: model.logLikelihood };
}

async function main(): Promise<void> {
  for (const line of machineLines(describeMachine())) console.log(line);
  console.log('| shape | float64 ms/iter | float32 ms/iter | speed-up | relative Δ log-likelihood |');
  console.log('|---|---|---|---|---|');
  const rows = QUICK
    ? ROWS.filter((row) => row.cols === 32 && (row.covariance === 'full' || row.covariance === 'diag'))
    : ROWS;
  for (const row of rows) {
    const x = mixtureDataset(SEED, row.rows, row.cols, row.components);
    const times = { float64: [] as number[], float32: [] as number[] };
    const final = { float64: 0, float32: 0 };
    if (!ACCURACY) {
      await fitOnce(x, row, 'float64');
      await fitOnce(x, row, 'float32');
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const precision of ['float64', 'float32'] as const) {
        const { ms, logLikelihood } = await fitOnce(x, row, precision);
        times[precision].push(ms);
        final[precision] = logLikelihood;
      }
    }
    const double = median(times.float64);
    const single = median(times.float32);
    const relative = Math.abs(final.float32 - final.float64) / Math.abs(final.float64);
    const label = shapeLabel(row);
    console.log(
      `| ${label} | ${double.toFixed(2)} | ${single.toFixed(2)} | ${(double / single).toFixed(2)}× | ${relative.toExponential(1)} |`,
    );
  }
}

await main();
