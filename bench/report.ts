/**
 * The benchmark's results: the log-likelihood agreement check, the Markdown table, and the files
 * written to bench/results/.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AGREEMENT,
  flopsPerIteration,
  IMPLEMENTATIONS,
  type Implementation,
  type Shape,
  SKIP_SECONDS_PER_ITERATION,
  STRICT,
  shapeLabel,
  TIMING,
} from './grid';
import type { Outcome, Timed } from './timing';

export interface ShapeResult {
  readonly shape: Shape;
  readonly label: string;
  readonly flopsPerIteration: number;
  readonly outcomes: Record<Implementation, Outcome>;
  /** |LL − LL(gmm-wasm)| / |LL(gmm-wasm)| of every timed implementation. */
  readonly relativeDifference: Partial<Record<Implementation, number>>;
}

export function shapeResult(shape: Shape, outcomes: Record<Implementation, Outcome>): ShapeResult {
  const reference = outcomes['gmm-wasm'];
  const relativeDifference: Partial<Record<Implementation, number>> = {};
  for (const name of IMPLEMENTATIONS) {
    const outcome = outcomes[name];
    if (outcome.status !== 'ok' || reference.status !== 'ok') continue;
    const scale = Math.abs(reference.logLikelihood);
    relativeDifference[name] = Math.abs(outcome.logLikelihood - reference.logLikelihood) / scale;
  }
  return {
    shape,
    label: shapeLabel(shape),
    flopsPerIteration: flopsPerIteration(shape),
    outcomes,
    relativeDifference,
  };
}

function agrees(result: ShapeResult, name: Implementation): boolean {
  const difference = result.relativeDifference[name];
  return difference !== undefined && difference <= AGREEMENT;
}

/** Why the run must fail: a strict implementation that did not run or did not agree with gmm-wasm. */
export function strictFailures(results: readonly ShapeResult[], sklearnInstalled: boolean): string[] {
  const failures: string[] = [];
  for (const result of results) {
    for (const name of STRICT) {
      if (name === 'sklearn' && !sklearnInstalled) continue;
      const outcome = result.outcomes[name];
      if (outcome.status !== 'ok')
        failures.push(`${result.label}: ${name} ${outcome.status}: ${outcome.reason}`);
      else if (!agrees(result, name)) {
        const difference = result.relativeDifference[name]?.toExponential(1) ?? 'n/a';
        failures.push(
          `${result.label}: ${name} log-likelihood differs from gmm-wasm by ${difference} relative`,
        );
      }
    }
  }
  return failures;
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

function timedOf(outcome: Outcome): Timed | undefined {
  return outcome.status === 'ok' ? outcome : undefined;
}

function mib(bytes: number): string {
  const value = bytes / 1024 ** 2;
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

/** A time in ms/it, or why there is none. */
function timeCell(outcome: Outcome): string {
  return outcome.status === 'ok' ? ms(outcome.msPerIteration) : outcome.cell;
}

/** A package's cell: its time with its own ✓/✗, or why it did not run. */
function packageCell(result: ShapeResult, name: Implementation): string {
  const outcome = result.outcomes[name];
  if (outcome.status !== 'ok') return outcome.cell;
  if (outcome.logLikelihoodProblem) return `${ms(outcome.msPerIteration)} ✗ singular Σ`;
  const mark = agrees(result, name) ? '✓' : `✗ ${result.relativeDifference[name]?.toExponential(0) ?? ''}`;
  return `${ms(outcome.msPerIteration)} ${mark}`;
}

const JS_LABELS: Partial<Record<Implementation, string>> = {
  'plain-ts': 'plain TS',
  'gaussian-mixture-model': 'g-m-m',
  'expectation-maximization': 'e-m',
};

export const HEADER = [
  'shape, T',
  'gmm-wasm ms/it',
  'GFLOP/s',
  'sklearn ms/it',
  'ratio sklearn/gmm-wasm',
  'plain TS ms/it',
  'gaussian-mixture-model ms/it',
  'expectation-maximization ms/it',
  'ratio fastest-JS/gmm-wasm',
  'peak wasm MiB',
  'LL ✓',
];

export function tableRow(result: ShapeResult): string[] {
  const wasm = timedOf(result.outcomes['gmm-wasm']);
  const sklearn = timedOf(result.outcomes.sklearn);
  const fastestJs = (['plain-ts', 'gaussian-mixture-model', 'expectation-maximization'] as const)
    .map((name) => ({ name, timed: timedOf(result.outcomes[name]) }))
    .filter((entry) => entry.timed !== undefined)
    .sort((a, b) => (a.timed?.msPerIteration ?? 0) - (b.timed?.msPerIteration ?? 0))[0];
  const ratio = (other: Timed | undefined): string =>
    wasm && other ? `${(other.msPerIteration / wasm.msPerIteration).toFixed(1)}×` : '–';
  const strictDifferences = STRICT.map((name) => result.relativeDifference[name] ?? 0);
  const disagreeing = STRICT.filter((name) => {
    const outcome = result.outcomes[name];
    return outcome.status === 'failed' || (outcome.status === 'ok' && !agrees(result, name));
  });
  return [
    `${result.label}, T=${result.shape.iterations}`,
    timeCell(result.outcomes['gmm-wasm']),
    wasm ? (result.flopsPerIteration / wasm.msPerIteration / 1e6).toFixed(2) : '–',
    timeCell(result.outcomes.sklearn),
    ratio(sklearn),
    timeCell(result.outcomes['plain-ts']),
    packageCell(result, 'gaussian-mixture-model'),
    packageCell(result, 'expectation-maximization'),
    fastestJs ? `${ratio(fastestJs.timed)} (${JS_LABELS[fastestJs.name]})` : '–',
    wasm?.peakWasmBytes ? mib(wasm.peakWasmBytes) : '–',
    disagreeing.length === 0
      ? `✓ ${Math.max(...strictDifferences).toExponential(0)}`
      : `✗ ${disagreeing.join(', ')}`,
  ];
}

export function markdownTable(rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

export const NOTES = [
  `ms/it: median over up to ${TIMING.repeats} timings after a warm-up, each timing ≥ ${TIMING.minRunMs} ms of ` +
    'back-to-back fits of T iterations from the same start (tol 0); an implementation gets no further timing ' +
    `once ${TIMING.budgetMs / 1000} s went into its timings of a shape. Each implementation runs in a fresh process.`,
  'gmm-wasm and sklearn: fit time / T, including validation, the final E-step and (gmm-wasm) one copy of X ' +
    'into wasm memory; plain TS also runs the final E-step; the npm packages run T M-steps and T E-steps. ' +
    'Single thread everywhere (sklearn: 1 BLAS thread).',
  'GFLOP/s: gmm-wasm, counting N·K·(2D² + 5D) flops per iteration for full and N·K·7D for diag.',
  "ratio: the other implementation's ms/it ÷ gmm-wasm's (higher = gmm-wasm faster); fastest-JS = the " +
    'fastest of plain TS and the two npm packages (g-m-m = gaussian-mixture-model, e-m = expectation-maximization).',
  `npm packages: skipped where one iteration, timed on a subsample and scaled to N, exceeds ${SKIP_SECONDS_PER_ITERATION} s.`,
  `LL ✓: gmm-wasm, sklearn and plain TS reach the same final mean log-likelihood within ${AGREEMENT.toExponential(0)} ` +
    'relative (largest difference shown); the npm packages carry their own ✓/✗ and relative difference, ' +
    "which does not fail the run. Peak wasm MiB: wasm memory after the shape's fits, in its own process.",
];

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/** Writes bench/results/latest.md and latest.json. */
export function writeResults(markdown: string, json: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}latest.md`, `${markdown}\n`);
  writeFileSync(`${RESULTS}latest.json`, `${JSON.stringify(json, null, 2)}\n`);
}
