/**
 * The cost of missing values: ms per EM iteration of a fit with `missing: 'em'` on data with 10 %
 * of entries missing completely at random, against the same fit on the complete data (same seeded
 * 100 000 × 8 rows, K = 8, full, the same fixed start, tol 0). The two alternate in one process, so
 * other load on the machine hits both alike; the ratio is the number to read. `npm run bench`
 * appends it as its missing-values row; `npm run bench:missing` runs it alone.
 */
import { loadavg } from 'node:os';
import { GaussianMixture } from '../src/index';
import { mulberry32 } from '../test/random';
import { type Dataset, fixedStart, mixtureDataset } from './dataset';
import { median } from './timing';

const ROWS = 100_000;
const COLS = 8;
const COMPONENTS = 8;
const ITERATIONS = 10;
const MISSING_FRACTION = 0.1;
const REPETITIONS = 5;

export interface MissingValuesResult {
  readonly shape: string;
  readonly completeMsPerIteration: number;
  readonly missingMsPerIteration: number;
  /** missing ÷ complete: the target is at most 2. */
  readonly ratio: number;
  /** The same ratio of the process's CPU time (user + system), less disturbed by other load. */
  readonly cpuRatio: number;
  readonly rowsWithMissing: number;
  readonly loadAverage: number;
}

/** The same rows with each entry NaN with probability `fraction`, seeded. */
function withHoles(x: Dataset, fraction: number, seed: number): Dataset {
  const random = mulberry32(seed);
  return { ...x, data: x.data.map((v) => (random() < fraction ? Number.NaN : v)) };
}

/** Wall-clock and CPU milliseconds per iteration of one fit. */
async function msPerIteration(
  x: Dataset,
  init: object,
  missing: boolean,
): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const model = await GaussianMixture.fit(x, {
    components: COMPONENTS,
    init: init as never,
    maxIter: ITERATIONS,
    tol: 0,
    ...(missing ? { missing: 'em' as const } : {}),
  });
  if (model.iterations !== ITERATIONS)
    throw new Error(`expected ${ITERATIONS} iterations, got ${model.iterations}`);
  const used = process.cpuUsage(cpu);
  return {
    wall: (performance.now() - started) / ITERATIONS,
    cpu: (used.user + used.system) / 1000 / ITERATIONS,
  };
}

export async function measureMissingValues(): Promise<MissingValuesResult> {
  const x = mixtureDataset(12_000_012, ROWS, COLS, COMPONENTS);
  const holes = withHoles(x, MISSING_FRACTION, 12);
  const { nested } = fixedStart(x, COMPONENTS);
  await msPerIteration(x, nested, false);
  await msPerIteration(holes, nested, true);
  const complete: { wall: number; cpu: number }[] = [];
  const missing: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    complete.push(await msPerIteration(x, nested, false));
    missing.push(await msPerIteration(holes, nested, true));
  }
  let rowsWithMissing = 0;
  for (let i = 0; i < ROWS; i++) {
    if (holes.data.subarray(i * COLS, (i + 1) * COLS).some((v) => Number.isNaN(v))) rowsWithMissing++;
  }
  const [one, two] = [median(complete.map((t) => t.wall)), median(missing.map((t) => t.wall))];
  const cpuRatio = median(missing.map((t) => t.cpu)) / median(complete.map((t) => t.cpu));
  return {
    shape: `${ROWS.toLocaleString('en').replace(/,/g, ' ')}×${COLS} K=${COMPONENTS} full, ${MISSING_FRACTION * 100} % MCAR, T=${ITERATIONS}`,
    completeMsPerIteration: one,
    missingMsPerIteration: two,
    ratio: two / one,
    cpuRatio,
    rowsWithMissing,
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
}

/** The result as a Markdown table and its note. */
export function missingValuesMarkdown(result: MissingValuesResult): string[] {
  return [
    '| missing values | complete data ms/it | missing: em ms/it | ratio missing/complete | ratio of CPU time | rows with a missing value |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${result.shape} | ${result.completeMsPerIteration.toFixed(2)} | ${result.missingMsPerIteration.toFixed(2)} | ${result.ratio.toFixed(2)}× | ${result.cpuRatio.toFixed(2)}× | ${result.rowsWithMissing} |`,
    '',
    `- missing values: the same rows and start with and without 10 % of entries removed at random, fit time / T (including validation, grouping by pattern and the final E-step), median of ${REPETITIONS} alternating fits in one process (wall clock, and the process's CPU time, which other load disturbs less); 1-minute load average ${result.loadAverage.toFixed(2)}.`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureMissingValues();
  console.log(missingValuesMarkdown(result).join('\n'));
}
