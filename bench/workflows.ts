/**
 * The workflow rows of `npm run bench`: whole tasks as a user runs them, timed end to end (wall clock,
 * data already in memory, one thread everywhere), each beside the same task in scikit-learn or mclust:
 *
 * - fit: `GaussianMixture.fit` with `init: 'kmeans'` and `restarts: 5` against scikit-learn's
 *   `GaussianMixture(n_init=5)` (its default k-means start) on the same 100 000 × 8 rows, K = 8, full;
 *   both stop at tol 1e-3 on the mean log-likelihood per row (both libraries' default) or 100
 *   iterations.
 * - select: `selectModel` over K = 1…9 × spherical, diag, tied, full on 10 000 × 8 rows against
 *   mclust's `Mclust(X, G = 1:9, modelNames = c("VII", "VVI", "EEE", "VVV"))` (the same four models
 *   under mclust's names; its own start and stopping rule, 1e-5 relative change of the total
 *   log-likelihood, about 1.3e-4 per row on these data) and against a scikit-learn loop over the same
 *   36 candidates (k-means start, the lowest BIC chosen). gmm-wasm and the loop stop at tol 1e-4 per
 *   row or 100 iterations, as `npm run bench:mclust` does.
 *
 * gmm-wasm runs in this process, scikit-learn in bench/sklearn_workflows.py, mclust in
 * bench/mclust_grid.R; each after a warm-up, {@link REPEATS} times, the median reported.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaussianMixture, selectModel } from '../src/index';
import { runJsonChild } from './children';
import { type Dataset, mixtureDataset, writeCsv } from './dataset';
import { REG_COVAR, SEED } from './grid';
import { type PythonInfo, pythonEnv } from './machine';
import { writeFloats } from './problem';
import { WORKFLOW_TARGETS } from './targets';
import { median } from './timing';

/** Timed runs of each side of a workflow, after its warm-up. */
export const REPEATS = 3;

const TYPES = ['spherical', 'diag', 'tied', 'full'] as const;
/** mclust's names of the four types, in the same order. */
const MCLUST_MODELS = { spherical: 'VII', diag: 'VVI', tied: 'EEE', full: 'VVV' } as const;

/** The fit workflow's data and settings; scikit-learn receives the same through meta.json. */
export const FIT_WORKFLOW = {
  rows: 100_000,
  cols: 8,
  components: 8,
  seed: SEED,
  settings: { restarts: 5, tol: 1e-3, maxIter: 100, regCovar: REG_COVAR },
} as const;

/** The selection workflow's data (the rows of `npm run bench:mclust`) and settings. */
export const SELECT_WORKFLOW = {
  rows: 10_000,
  cols: 8,
  /** Components of the mixture the rows are drawn from. */
  components: 4,
  seed: 14_000_014,
  maxComponents: 9,
  settings: { tol: 1e-4, maxIter: 100, regCovar: REG_COVAR },
} as const;

/** One side's timings: wall ms of each run, their median, EM iterations of the last, what it found. */
export interface Run {
  readonly status: 'ok';
  readonly ms: readonly number[];
  readonly medianMs: number;
  /** Every EM iteration of the last run, summed over restarts or candidates; undefined: not known. */
  readonly iterations: number | undefined;
  /** The final mean log-likelihood (fit), or the chosen model (select), as shown in the table. */
  readonly result: string;
}

/** A side that did not run, and why. */
export interface NotRun {
  readonly status: 'skipped' | 'failed';
  readonly reason: string;
}

export interface WorkflowRow {
  readonly workflow: string;
  readonly data: string;
  readonly gmm: Run;
  /** Who gmm-wasm is compared with, e.g. `scikit-learn GaussianMixture(n_init=5)`. */
  readonly against: string;
  readonly other: Run | NotRun;
  /** The ratio other ÷ gmm-wasm must reach. */
  readonly target: number;
}

const SKLEARN = fileURLToPath(new URL('./sklearn_workflows.py', import.meta.url));
const MCLUST = fileURLToPath(new URL('./mclust_grid.R', import.meta.url));

function run(ms: number[], iterations: number | undefined, result: string): Run {
  return { status: 'ok', ms, medianMs: median(ms), iterations, result };
}

/** `full K=4`, the name scikit-learn and gmm-wasm give a candidate. */
function modelLabel(covariance: string, components: number): string {
  return `${covariance} K=${components}`;
}

/** Times `task` (after one call of `warmUp`) {@link REPEATS} times; it reports its iterations. */
async function timeOurs(
  warmUp: () => Promise<unknown>,
  task: (count: () => void) => Promise<string>,
): Promise<Run> {
  await warmUp();
  const ms: number[] = [];
  let iterations = 0;
  let result = '';
  for (let r = 0; r < REPEATS; r++) {
    iterations = 0;
    const began = performance.now();
    result = await task(() => iterations++);
    ms.push(performance.now() - began);
  }
  return run(ms, iterations, result);
}

function fitOurs(x: Dataset): Promise<Run> {
  const { components, settings } = FIT_WORKFLOW;
  const options = { components, covariance: 'full', init: 'kmeans', seed: 0, ...settings } as const;
  return timeOurs(
    () => GaussianMixture.fit({ ...x, rows: 2000, data: x.data.subarray(0, 2000 * x.cols) }, options),
    async (count) => {
      const model = await GaussianMixture.fit(x, { ...options, onIteration: count });
      return `LL ${model.logLikelihood.toFixed(4)}`;
    },
  );
}

function selectOurs(x: Dataset): Promise<Run> {
  const components = Array.from({ length: SELECT_WORKFLOW.maxComponents }, (_, i) => i + 1);
  const options = { covariance: TYPES, init: 'kmeans', seed: 1, ...SELECT_WORKFLOW.settings } as const;
  return timeOurs(
    () => selectModel(x, { ...options, components: [1, 2] }),
    async (count) => {
      const { best } = await selectModel(x, { ...options, components, onIteration: count });
      return modelLabel(best.covariance, best.components);
    },
  );
}

/** scikit-learn's side of `workflow`, from the rows in `dir`. */
function sklearnSide(workflow: 'fit' | 'select', dir: string, python: PythonInfo | undefined): Run | NotRun {
  if (!python) return { status: 'skipped', reason: 'scikit-learn not installed' };
  const child = runJsonChild(python.executable, [SKLEARN, workflow, dir], pythonEnv());
  if (!child.ok) return { status: 'failed', reason: child.reason };
  const value = child.value as {
    ms: number[];
    iterations: number;
    logLikelihood?: number;
    chosen?: { covariance: string; components: number };
  };
  const result = value.chosen
    ? modelLabel(value.chosen.covariance, value.chosen.components)
    : `LL ${value.logLikelihood?.toFixed(4)}`;
  return run(value.ms, value.iterations, result);
}

/** mclust's side of the selection, or why it did not run (no Rscript: skipped, with a message). */
function mclustSide(csv: string): Run | NotRun {
  const models = TYPES.map((type) => MCLUST_MODELS[type]).join(',');
  const args = [MCLUST, csv, `${SELECT_WORKFLOW.maxComponents}`, `${REPEATS}`, models];
  const child = spawnSync('Rscript', args, { encoding: 'utf8', timeout: 30 * 60_000 });
  if ((child.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return { status: 'skipped', reason: 'Rscript not found: install R with mclust (r-cran-mclust)' };
  }
  if (child.error || child.status !== 0) {
    return {
      status: 'failed',
      reason: child.error?.message ?? child.stderr.trim().split('\n').slice(-2).join(' '),
    };
  }
  const ms = [...child.stdout.matchAll(/seconds ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  const best = /best (\S+) (\d+)/.exec(child.stdout);
  const covariance = TYPES.find((type) => MCLUST_MODELS[type] === best?.[1]) ?? best?.[1] ?? '?';
  return run(ms, undefined, `${modelLabel(covariance, Number(best?.[2]))} (${best?.[1]})`);
}

function label(rows: number, cols: number): string {
  return `${rows.toLocaleString('en-US').replaceAll(',', ' ')}×${cols}`;
}

/** Writes the rows and the settings for scikit-learn into `dir`, as bench/problem.ts does. */
function writeRows(dir: string, x: Dataset, components: number, workflow: object): void {
  writeFloats(join(dir, 'x.f64'), x.data);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ rows: x.rows, cols: x.cols, components, workflow }));
}

/** Runs both workflows against every other side available; `log` hears of each side as it ends. */
export async function measureWorkflows(
  python: PythonInfo | undefined,
  log: (line: string) => void,
): Promise<WorkflowRow[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'gmm-wasm-workflows-'));
  const rows: WorkflowRow[] = [];
  const side = <T extends Run | NotRun>(name: string, outcome: T): T => {
    log(
      `  ${name}: ${outcome.status === 'ok' ? `${outcome.ms.map((t) => t.toFixed(0)).join(', ')} ms, ${outcome.result}` : outcome.reason}`,
    );
    return outcome;
  };
  try {
    const fit = FIT_WORKFLOW;
    const fitData = mixtureDataset(fit.seed, fit.rows, fit.cols, fit.components);
    writeRows(dir, fitData, fit.components, { ...fit.settings, repeats: REPEATS });
    log(`workflow fit: ${label(fit.rows, fit.cols)} K=${fit.components} full, k-means start, 5 restarts`);
    const fitGmm = side('gmm-wasm', await fitOurs(fitData));
    rows.push({
      workflow: "fit, init: 'kmeans', restarts: 5",
      data: `${label(fit.rows, fit.cols)}, K=${fit.components}, full`,
      gmm: fitGmm,
      against: 'scikit-learn GaussianMixture(n_init=5)',
      other: side('sklearn', sklearnSide('fit', dir, python)),
      target: WORKFLOW_TARGETS.fitVsSklearn,
    });

    const select = SELECT_WORKFLOW;
    const selectData = mixtureDataset(select.seed, select.rows, select.cols, select.components);
    const settings = {
      ...select.settings,
      types: TYPES,
      maxComponents: select.maxComponents,
      repeats: REPEATS,
    };
    writeRows(dir, selectData, select.components, settings);
    const csv = join(dir, 'x.csv');
    writeCsv(csv, selectData);
    log(
      `workflow select: ${label(select.rows, select.cols)}, K = 1…${select.maxComponents} × ${TYPES.join(', ')}`,
    );
    const selectGmm = side('gmm-wasm', await selectOurs(selectData));
    const data = `${label(select.rows, select.cols)}, K=1…${select.maxComponents} × 4 types`;
    const workflow = 'selectModel';
    rows.push({
      workflow,
      data,
      gmm: selectGmm,
      against: 'mclust Mclust(X, G = 1:9, modelNames = c("VII","VVI","EEE","VVV"))',
      other: side('mclust', mclustSide(csv)),
      target: WORKFLOW_TARGETS.selectVsMclust,
    });
    rows.push({
      workflow,
      data,
      gmm: selectGmm,
      against: 'scikit-learn loop over the 36 candidates, lowest BIC',
      other: side('sklearn', sklearnSide('select', dir, python)),
      target: WORKFLOW_TARGETS.selectVsSklearn,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
