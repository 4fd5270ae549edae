/**
 * `npm run bench:mclust`: the ratio of mclust's `Mclust()` to `selectModel(…, { covariance: 'all' })`
 * over the same grid — mclust's fourteen models × K = 1…9 — on one seeded 10 000 × 8 mixture, run
 * one after the other in this process and an `Rscript` child, alternating so that other load on the
 * machine hits both alike. Both are single-threaded (this bench passes no `workers`; R's mclust is
 * Fortran without threads, and its BLAS is kept to one thread). Wall clock is the primary figure;
 * each side's CPU time (user + system of its own process) is printed beside it, since on a shared
 * machine it is the steadier of the two.
 *
 * The two are not the same computation step for step. mclust starts every candidate from one
 * hierarchical clustering of 2 000 sampled rows and stops when the total log-likelihood changes by
 * less than 1e-5 relative, |ℓₜ − ℓₜ₋₁| / (1 + |ℓₜ|) ≤ 1e-5 (`emControl()$tol[1]`). gmm-wasm starts
 * the candidates of each K from one k-means partition (shared across the models, as mclust shares
 * its tree) and stops when the mean log-likelihood per row changes by less than `tol`. In mean
 * terms mclust's rule is |Δℓ̄| ≤ 1e-5 · (1/N + |ℓ̄|); no candidate's mean log-likelihood here is
 * above −12.786 (VVV, 9), so `tol` = 1e-5 × 12.78 = 1.278e-4 is never looser than mclust's rule for
 * any candidate, and as strict as it at the top of the grid (for the K = 1 models, near −21, mclust
 * stops at 2.2e-4). gmm-wasm caps a candidate at 100 iterations, mclust does not (none of either
 * reaches 100 here). Both pick a model by BIC; the script prints the two
 * choices beside the times. `REPETITIONS=1` runs each once. Needs R with mclust (`r-cran-mclust`).
 *
 * `WORKERS=n` also times `selectModel` with `workers: n` (the E-step split over n worker threads; the
 * starts and M-steps stay on the main thread) in each repetition, and prints it on a line of its
 * own, against the same single-threaded mclust: what a user with n cores gets, never in place of the
 * single-thread ratio. Its CPU time is the main thread's and the workers' together.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectModel } from '../src/index';
import { mixtureDataset } from './dataset';
import { describeMachine, machineLines } from './machine';
import { median } from './timing';

const ROWS = 10_000;
const COLS = 8;
const COMPONENTS = 4;
const MAX_K = 9;
const REPETITIONS = Number(process.env.REPETITIONS ?? 2);
/** mclust's relative 1e-5 just below the grid's highest mean log-likelihood (−12.786): see the header. */
const TOL = 1e-5 * 12.78;
/** Worker threads for the extra `workers` timing; 0: not timed. */
const WORKERS = Number(process.env.WORKERS ?? 0);

interface Timing {
  readonly ms: number;
  /** CPU time of the side's own process (user + system), ms. */
  readonly cpu: number;
  readonly best: string;
}

async function timeOurs(x: ReturnType<typeof mixtureDataset>, workers = 0): Promise<Timing> {
  // process.cpuUsage() counts every thread of the process, worker threads too.
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { best } = await selectModel(x, {
    components: Array.from({ length: MAX_K }, (_, i) => i + 1),
    covariance: 'all',
    init: 'kmeans',
    tol: TOL,
    maxIter: 100,
    seed: 1,
    ...(workers > 0 ? { workers } : {}),
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1000, best: `${best.covariance},${best.components}` };
}

function timeMclust(csv: string): Timing {
  const out = execFileSync('Rscript', [join(import.meta.dirname, 'mclust_grid.R'), csv, `${MAX_K}`, '1'], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  const seconds = Number(/seconds ([\d.]+)/.exec(out)?.[1]);
  const cpu = Number(/cpu ([\d.]+)/.exec(out)?.[1]);
  const best = /best (\S+) (\d+)/.exec(out);
  return { ms: seconds * 1000, cpu: cpu * 1000, best: `${best?.[1]},${best?.[2]}` };
}

async function main(): Promise<void> {
  for (const line of machineLines(describeMachine())) console.log(line);
  const x = mixtureDataset(14_000_014, ROWS, COLS, COMPONENTS);
  const dir = mkdtempSync(join(tmpdir(), 'gmm-bench-'));
  try {
    const csv = join(dir, 'data.csv');
    const lines: string[] = [];
    for (let r = 0; r < ROWS; r++)
      lines.push(Array.from(x.data.subarray(r * COLS, (r + 1) * COLS)).join(','));
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const ours: Timing[] = [];
    const theirs: Timing[] = [];
    const parallel: Timing[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      ours.push(await timeOurs(x));
      theirs.push(timeMclust(csv));
      if (WORKERS > 0) parallel.push(await timeOurs(x, WORKERS));
    }
    const wall = (runs: Timing[]) => median(runs.map((run) => run.ms));
    const cpu = (runs: Timing[]) => median(runs.map((run) => run.cpu));
    const [mine, mclust] = [ours, theirs].map((runs) => ({ wall: wall(runs), cpu: cpu(runs) })) as [
      { wall: number; cpu: number },
      { wall: number; cpu: number },
    ];
    const last = (runs: Timing[]) => (runs[runs.length - 1] as Timing).best;
    console.log(
      `${ROWS} × ${COLS} (a ${COMPONENTS}-component mixture), 14 models × K = 1…${MAX_K}, single thread:`,
    );
    console.log(
      `  stopping: gmm-wasm |Δ mean log-likelihood| < ${TOL.toPrecision(3)}; mclust |Δℓ|/(1+|ℓ|) ≤ 1e-5`,
    );
    const row = (name: string, side: { wall: number; cpu: number }, best: string) =>
      console.log(
        `  ${name.padEnd(21)} ${side.wall.toFixed(0)} ms wall, ${side.cpu.toFixed(0)} ms CPU (medians of ${REPETITIONS}), best ${best}`,
      );
    row('gmm-wasm selectModel', mine, last(ours));
    row('mclust Mclust()', mclust, last(theirs));
    console.log(
      `  ratio                 ${(mclust.wall / mine.wall).toFixed(1)}× wall, ${(mclust.cpu / mine.cpu).toFixed(1)}× CPU (mclust / gmm-wasm)`,
    );
    if (WORKERS > 0) {
      const pooled = { wall: wall(parallel), cpu: cpu(parallel) };
      console.log(`  not single-threaded: gmm-wasm with workers: ${WORKERS}, against the same mclust runs:`);
      row(`selectModel, ${WORKERS} workers`, pooled, last(parallel));
      console.log(
        `  ratio                 ${(mclust.wall / pooled.wall).toFixed(1)}× wall (mclust / gmm-wasm with ${WORKERS} workers; its CPU time is all threads')`,
      );
    }
    console.log(`  load average after: ${os.loadavg()[0]?.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
