/**
 * `npm run bench`: milliseconds per EM iteration over a fixed grid of shapes (every covariance type),
 * gmm-wasm in float64 and float32 against scikit-learn, the plain TypeScript reference EM and two npm
 * EM packages, all from the same seeded data and the same fixed start for the same number of
 * iterations; then whole workflows (a fit with restarts, a model selection) against scikit-learn and
 * mclust; then the missing-values row. Each grid implementation runs in its own child process. Prints
 * a Markdown table and writes it, with every number as JSON, to bench/results/latest.{md,json}. Exits
 * 1 when gmm-wasm, sklearn and plain TS do not reach the same log-likelihood, so a timing is never
 * reported for different work, or when a workflow's other side crashed.
 *
 * A subset (written to bench/results/partial.{md,json} instead):
 *   BENCH_PARTS=grid,workflows,missing   the parts to run (default all three)
 *   BENCH_SHAPES='tied|spherical'        a regular expression the grid's shape labels must match
 * e.g. `BENCH_PARTS=grid BENCH_SHAPES='×32 ' npm run bench`. See bench/parts.ts.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runImplementation } from './children';
import {
  AGREEMENT,
  FLOAT32_AGREEMENT,
  IMPLEMENTATIONS,
  type Implementation,
  REG_COVAR,
  SEED,
  SKIP_SECONDS_PER_ITERATION,
  shapeLabel,
  TIMING,
} from './grid';
import { describeMachine, machineLines } from './machine';
import { type MissingValuesResult, measureMissingValues, missingValuesMarkdown } from './missing';
import { selection } from './parts';
import { writeProblem } from './problem';
import {
  hasFloat32,
  markdownTable,
  notes,
  type ShapeResult,
  shapeResult,
  strictFailures,
  header as tableHeader,
  tableRow,
  writeResults,
} from './report';
import type { Outcome } from './timing';
import { workflowMarkdown } from './workflow-report';
import { measureWorkflows, type WorkflowRow } from './workflows';

/** The version in a package.json, given relative to the repository root. */
function versionAt(packageJson: string): string {
  const path = new URL(`../${packageJson}`, import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

function progress(name: Implementation, outcome: Outcome): string {
  if (outcome.status !== 'ok') return `  ${name}: ${outcome.cell} (${outcome.reason})`;
  const problem = outcome.logLikelihoodProblem ? ` (${outcome.logLikelihoodProblem})` : '';
  const timings = outcome.perIteration.map((t) => t.toFixed(2)).join(', ');
  return `  ${name}: ${outcome.msPerIteration.toFixed(2)} ms/it [${timings}; ${outcome.fitsPerTiming} fit(s) each], LL ${outcome.logLikelihood}${problem}`;
}

const began = performance.now();
const chosen = selection();
const machine = describeMachine();
const header = machineLines(machine);
for (const line of header) console.log(line);
if (chosen.subset) console.log(`subset: ${chosen.subset}`);

const results: ShapeResult[] = [];
if (chosen.parts.has('grid')) {
  const dir = mkdtempSync(join(os.tmpdir(), 'gmm-wasm-bench-'));
  try {
    for (const shape of chosen.shapes) {
      console.log(`${shapeLabel(shape)}, T = ${shape.iterations}`);
      writeProblem(dir, shape);
      const outcomes = {} as Record<Implementation, Outcome>;
      for (const name of IMPLEMENTATIONS) {
        outcomes[name] = runImplementation(name, dir, machine.python);
        console.log(progress(name, outcomes[name]));
      }
      results.push(shapeResult(shape, outcomes));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const workflows: WorkflowRow[] = chosen.parts.has('workflows')
  ? await measureWorkflows(machine.python, (line) => console.log(line))
  : [];

let missingValues: MissingValuesResult | undefined;
if (chosen.parts.has('missing')) {
  console.log('missing values: 100 000×8 K=8 full, 10 % MCAR, against the complete data');
  missingValues = await measureMissingValues();
}

const sklearnBlas = results.map((r) => r.outcomes.sklearn).find((o) => o.status === 'ok')?.blas;
const float32 = hasFloat32(results);
const endLoad = os.loadavg()[0] ?? Number.NaN;
const markdown = [
  `# gmm-wasm benchmark, ${new Date().toISOString()}`,
  '',
  ...header.map((line) => `${line}  `),
  ...(sklearnBlas ? [`sklearn BLAS (threadpoolctl): ${sklearnBlas}  `] : []),
  ...(chosen.subset ? [`subset: ${chosen.subset}  `] : []),
  `1-minute load average: ${machine.loadAverage1m.toFixed(2)} at the start, ${endLoad.toFixed(2)} at the end  `,
  ...(results.length > 0
    ? [
        '',
        markdownTable([tableHeader(float32), ...results.map((result) => tableRow(result, float32))]),
        '',
        ...notes(float32).map((note) => `- ${note}`),
        ...(float32 ? [] : ["- float32: not measured — this build has no `precision: 'float32'` option."]),
      ]
    : []),
  ...(workflows.length > 0 ? ['', ...workflowMarkdown(workflows)] : []),
  ...(missingValues ? ['', ...missingValuesMarkdown(missingValues)] : []),
].join('\n');
console.log(`\n${markdown}\n`);

const failures = [
  ...strictFailures(results),
  ...workflows
    .filter((row) => row.other.status === 'failed')
    .map((row) => `${row.workflow} against ${row.against}: ${'reason' in row.other ? row.other.reason : ''}`),
];
const { python, ...rest } = machine;
const seconds = (performance.now() - began) / 1000;
const name = chosen.subset ? 'partial' : 'latest';
writeResults(name, markdown, {
  date: new Date().toISOString(),
  machine: rest,
  subset: chosen.subset,
  loadAverage1mAtEnd: endLoad,
  versions: {
    node: machine.node,
    python: python?.python,
    sklearn: python?.sklearn,
    numpy: python?.numpy,
    sklearnBlas,
    'gmm-wasm': versionAt('package.json'),
    'gaussian-mixture-model': versionAt('node_modules/gaussian-mixture-model/package.json'),
    'expectation-maximization': versionAt('node_modules/expectation-maximization/package.json'),
  },
  settings: {
    seed: SEED,
    regCovar: REG_COVAR,
    agreement: AGREEMENT,
    float32Agreement: FLOAT32_AGREEMENT,
    timing: TIMING,
    skipSecondsPerIteration: SKIP_SECONDS_PER_ITERATION,
  },
  shapes: results,
  workflows,
  missingValues,
  failures,
  totalSeconds: seconds,
});
console.log(`results written to bench/results/${name}.md and ${name}.json (${seconds.toFixed(0)} s)`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  console.error('the implementations did not do the same work, or one crashed; see above');
  process.exit(1);
}
