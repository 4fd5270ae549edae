/**
 * `npm run bench:workers`: the wall-clock ratio of `workers: 2` to `workers: 0` on a seeded
 * 1 000 000 × 8, K = 8 full-covariance fit (20 iterations, tol 0, the same start), alternating the
 * two so that other load on the machine hits both alike. This VM has 2 vCPUs, so 2× is the ceiling,
 * and a busy core spoils the number: the script prints the load average beside it.
 */
import { loadavg } from 'node:os';
import { GaussianMixture } from '../src/index';
import { fixedStart, mixtureDataset } from './dataset';
import { describeMachine, machineLines } from './machine';
import { median } from './timing';

const ROWS = 1_000_000;
const COLS = 8;
const COMPONENTS = 8;
const ITERATIONS = 20;
const REPETITIONS = 3;

async function timeFit(workers: number, x: ReturnType<typeof mixtureDataset>, init: object): Promise<number> {
  const started = performance.now();
  const model = await GaussianMixture.fit(x, {
    components: COMPONENTS,
    init: init as never,
    maxIter: ITERATIONS,
    tol: 0,
    workers,
  });
  if (model.iterations !== ITERATIONS)
    throw new Error(`expected ${ITERATIONS} iterations, got ${model.iterations}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  for (const line of machineLines(describeMachine())) console.log(line);
  const x = mixtureDataset(8_000_008, ROWS, COLS, COMPONENTS);
  const { nested } = fixedStart(x, COMPONENTS);
  await timeFit(0, x, nested);
  await timeFit(2, x, nested);
  const inline: number[] = [];
  const pooled: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    inline.push(await timeFit(0, x, nested));
    pooled.push(await timeFit(2, x, nested));
  }
  const [one, two] = [median(inline), median(pooled)];
  console.log(
    `${ROWS} × ${COLS}, K = ${COMPONENTS}, full, ${ITERATIONS} iterations (median of ${REPETITIONS}):`,
  );
  console.log(`  workers: 0  ${one.toFixed(0)} ms`);
  console.log(`  workers: 2  ${two.toFixed(0)} ms`);
  console.log(`  speed-up ${(one / two).toFixed(2)}× (1-minute load average ${loadavg()[0]?.toFixed(2)})`);
}

await main();
