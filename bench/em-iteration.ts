/**
 * `npm run bench`: milliseconds per EM iteration over a fixed grid of shapes, gmm-wasm against
 * scikit-learn, the plain TypeScript reference EM and two npm EM packages, all from the same seeded
 * data and the same fixed start for the same number of iterations. Each implementation runs in its
 * own child process. Prints a Markdown table and writes it, with every number as JSON, to
 * bench/results/. Exits 1 when gmm-wasm, sklearn and plain TS do not reach the same log-likelihood,
 * so a timing is never reported for different work.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runImplementation } from './children';
import {
  AGREEMENT,
  GRID,
  IMPLEMENTATIONS,
  type Implementation,
  REG_COVAR,
  SEED,
  SKIP_SECONDS_PER_ITERATION,
  shapeLabel,
  TIMING,
} from './grid';
import { describeMachine, machineLines } from './machine';
import { measureMissingValues, missingValuesMarkdown } from './missing';
import { writeProblem } from './problem';
import {
  HEADER,
  markdownTable,
  NOTES,
  type ShapeResult,
  shapeResult,
  strictFailures,
  tableRow,
  writeResults,
} from './report';
import type { Outcome } from './timing';

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
const machine = describeMachine();
const header = machineLines(machine);
for (const line of header) console.log(line);

const results: ShapeResult[] = [];
const dir = mkdtempSync(join(os.tmpdir(), 'gmm-wasm-bench-'));
try {
  for (const shape of GRID) {
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

console.log('missing values: 100 000×8 K=8 full, 10 % MCAR, against the complete data');
const missingValues = await measureMissingValues();

const sklearnBlas = results.map((r) => r.outcomes.sklearn).find((o) => o.status === 'ok')?.blas;
const table = markdownTable([HEADER, ...results.map(tableRow)]);
const markdown = [
  `# gmm-wasm benchmark, ${new Date().toISOString()}`,
  '',
  ...header.map((line) => `${line}  `),
  ...(sklearnBlas ? [`sklearn BLAS (threadpoolctl): ${sklearnBlas}  `] : []),
  '',
  table,
  '',
  ...NOTES.map((note) => `- ${note}`),
  '',
  ...missingValuesMarkdown(missingValues),
].join('\n');
console.log(`\n${markdown}\n`);

const failures = strictFailures(results, machine.python !== undefined);
const { python, ...rest } = machine;
writeResults(markdown, {
  date: new Date().toISOString(),
  machine: rest,
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
    timing: TIMING,
    skipSecondsPerIteration: SKIP_SECONDS_PER_ITERATION,
  },
  shapes: results,
  missingValues,
  failures,
  totalSeconds: (performance.now() - began) / 1000,
});
console.log(
  `results written to bench/results/latest.md and latest.json (${((performance.now() - began) / 1000).toFixed(0)} s)`,
);

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  console.error('the implementations did not do the same work; timings are not comparable');
  process.exit(1);
}
