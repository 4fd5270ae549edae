/**
 * The benchmark's results: the log-likelihood agreement check, the Markdown table, and the files
 * written to bench/results/.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AGREEMENT,
  FLOAT32_AGREEMENT,
  FLOPS_PER_POINT_AND_COMPONENT,
  flopsPerIteration,
  IMPLEMENTATIONS,
  type Implementation,
  type Shape,
  SKIP_SECONDS_PER_ITERATION,
  STRICT,
  shapeLabel,
  TIMING,
} from './grid';
import { float32Target, gflopsTarget, ratioCell, sklearnTarget } from './targets';
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

/**
 * Why the run must fail: a strict implementation that crashed or did not agree with gmm-wasm (one
 * skipped for a reason of its own, sklearn not installed, say, leaves the others to agree).
 */
export function strictFailures(results: readonly ShapeResult[]): string[] {
  const failures: string[] = [];
  for (const result of results) {
    for (const name of STRICT) {
      const outcome = result.outcomes[name];
      if (outcome.status === 'failed') failures.push(`${result.label}: ${name} failed: ${outcome.reason}`);
      else if (outcome.status === 'ok' && !agrees(result, name)) {
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

/** Whether any shape has a float32 timing: the float32 columns appear only then. */
export function hasFloat32(results: readonly ShapeResult[]): boolean {
  return results.some((result) => result.outcomes['gmm-wasm-f32'].status === 'ok');
}

const FLOAT32_HEADER = ['float32 ms/it', 'ratio float64/float32', 'float32 LL rel. diff'];

/** The table's header; the float32 columns with `float32`. */
export function header(float32: boolean): string[] {
  return [
    'shape, T',
    'gmm-wasm ms/it',
    'GFLOP/s',
    'sklearn ms/it',
    'ratio sklearn/gmm-wasm',
    ...(float32 ? FLOAT32_HEADER : []),
    'plain TS ms/it',
    'gaussian-mixture-model ms/it',
    'expectation-maximization ms/it',
    'ratio fastest-JS/gmm-wasm',
    'peak wasm MiB',
    'LL ✓',
  ];
}

/** float32's time, its speed-up over float64 and its log-likelihood's relative difference. */
function float32Cells(result: ShapeResult, wasm: Timed | undefined): string[] {
  const outcome = result.outcomes['gmm-wasm-f32'];
  if (outcome.status !== 'ok' || !wasm) return [timeCell(outcome), '–', '–'];
  const difference = result.relativeDifference['gmm-wasm-f32'] ?? Number.NaN;
  const mark = difference <= FLOAT32_AGREEMENT ? '✓' : '✗';
  return [
    ms(outcome.msPerIteration),
    ratioCell(wasm.msPerIteration / outcome.msPerIteration, float32Target(result.shape)),
    `${difference.toExponential(1)} ${mark}`,
  ];
}

export function tableRow(result: ShapeResult, float32: boolean): string[] {
  const wasm = timedOf(result.outcomes['gmm-wasm']);
  const sklearn = timedOf(result.outcomes.sklearn);
  const fastestJs = (['plain-ts', 'gaussian-mixture-model', 'expectation-maximization'] as const)
    .map((name) => ({ name, timed: timedOf(result.outcomes[name]) }))
    .filter((entry) => entry.timed !== undefined)
    .sort((a, b) => (a.timed?.msPerIteration ?? 0) - (b.timed?.msPerIteration ?? 0))[0];
  const ratio = (other: Timed | undefined, target?: number): string =>
    wasm && other ? ratioCell(other.msPerIteration / wasm.msPerIteration, target) : '–';
  const strictDifferences = STRICT.map((name) => result.relativeDifference[name] ?? 0);
  const disagreeing = STRICT.filter((name) => {
    const outcome = result.outcomes[name];
    return outcome.status === 'failed' || (outcome.status === 'ok' && !agrees(result, name));
  });
  const gflops = wasm ? result.flopsPerIteration / wasm.msPerIteration / 1e6 : undefined;
  return [
    `${result.label}, T=${result.shape.iterations}`,
    timeCell(result.outcomes['gmm-wasm']),
    gflops === undefined ? '–' : ratioCell(gflops, gflopsTarget(result.shape), '', 2),
    timeCell(result.outcomes.sklearn),
    ratio(sklearn, sklearnTarget(result.shape)),
    ...(float32 ? float32Cells(result, wasm) : []),
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

const FLOPS_NOTE = Object.entries(FLOPS_PER_POINT_AND_COMPONENT)
  .map(([type, count]) => `${type} ${count}`)
  .join('; ');

/** The footnotes under the table; the float32 one with `float32`. */
export function notes(float32: boolean): string[] {
  return [
    `ms/it: median over up to ${TIMING.repeats} timings after a warm-up, each timing ≥ ${TIMING.minRunMs} ms of ` +
      'back-to-back fits of T iterations from the same start (tol 0); an implementation gets no further timing ' +
      `once ${TIMING.budgetMs / 1000} s went into its timings of a shape. Each implementation runs in a fresh process.`,
    'gmm-wasm and sklearn: fit time / T, including validation, the final E-step and (gmm-wasm) one copy of X ' +
      'into wasm memory; plain TS also runs the final E-step; the npm packages run T M-steps and T E-steps. ' +
      'Single thread everywhere (sklearn: 1 BLAS thread).',
    `GFLOP/s: gmm-wasm's effective rate, counting N·K × the textbook flops per point and component of one ` +
      `iteration whatever the kernels do — ${FLOPS_NOTE}. At D ≤ 4 the exponentials and logarithms of the ` +
      'responsibilities, not these flops, bound the time.',
    "ratio: the other implementation's ms/it ÷ gmm-wasm's (higher = gmm-wasm faster); fastest-JS = the " +
      'fastest of plain TS and the two npm packages (g-m-m = gaussian-mixture-model, e-m = expectation-maximization).',
    'targets: `✓ ≥ t` met, `✗ ≥ t` missed — sklearn/gmm-wasm ≥ 5 (full at D ≤ 8), ≥ 2.5 (full, D = 32), ≥ 1.5 ' +
      '(full, D = 64), ≥ 5 and ≥ 3 (diag and spherical at D = 8 and 32), ≥ 2 (tied, D = 32); ≥ 18 GFLOP/s ' +
      '(full, D ≥ 32); float32 ≥ 1.6× float64 (D ≥ 32).',
    ...(float32
      ? [
          "float32: `precision: 'float32'` on the same numbers as a Float32Array, same start and T; LL rel. diff = " +
            `|LL(float32) − LL(float64)| / |LL(float64)|, ✓ within ${FLOAT32_AGREEMENT.toExponential(0)}.`,
        ]
      : []),
    `npm packages: skipped where one iteration, timed on a subsample and scaled to N, exceeds ${SKIP_SECONDS_PER_ITERATION} s.`,
    `LL ✓: gmm-wasm, sklearn and plain TS reach the same final mean log-likelihood within ${AGREEMENT.toExponential(0)} ` +
      'relative (largest difference shown); the npm packages carry their own ✓/✗ and relative difference, ' +
      "which does not fail the run. Peak wasm MiB: wasm memory after the shape's fits, in its own process.",
  ];
}

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/**
 * Writes bench/results/`name`.md and `name`.json: `latest` for the whole bench, `partial` (ignored
 * by git) for a subset.
 */
export function writeResults(name: 'latest' | 'partial', markdown: string, json: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}${name}.md`, `${markdown}\n`);
  writeFileSync(`${RESULTS}${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
}
