/**
 * `npm run bench:mclust`: the wall-clock ratio of mclust's `Mclust()` to `selectModel(…, {
 * covariance: 'all' })` over the same grid — mclust's fourteen models × K = 1…9 — on one seeded
 * 10 000 × 8 mixture, run one after the other in this process and an `Rscript` child, alternating so
 * that other load on the machine hits both alike. The two are not the same computation step for
 * step: mclust starts every candidate from one hierarchical clustering and iterates to its own
 * tolerance (1e-5 relative change of the total log-likelihood); gmm-wasm starts the candidates of
 * each K from one k-means partition (shared across the models, as mclust shares its tree) and
 * iterates, at most 100 times, to `tol` 1e-4 per row — about mclust's rule on these data, whose
 * mean log-likelihood is about −12.8 (1e-5 × 12.8 ≈ 1.3e-4 per row). Both pick a model by BIC; the
 * script prints the two choices beside the times. `REPETITIONS=1` runs each once. Needs R with
 * mclust (`r-cran-mclust`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

async function timeOurs(x: ReturnType<typeof mixtureDataset>): Promise<{ ms: number; best: string }> {
  const started = performance.now();
  const { best } = await selectModel(x, {
    components: Array.from({ length: MAX_K }, (_, i) => i + 1),
    covariance: 'all',
    init: 'kmeans',
    tol: 1e-4,
    maxIter: 100,
    seed: 1,
  });
  return { ms: performance.now() - started, best: `${best.covariance},${best.components}` };
}

function timeMclust(csv: string): { ms: number; best: string } {
  const out = execFileSync('Rscript', [join(import.meta.dirname, 'mclust_grid.R'), csv, `${MAX_K}`, '1'], {
    encoding: 'utf8',
  });
  const seconds = Number(/seconds ([\d.]+)/.exec(out)?.[1]);
  const best = /best (\S+) (\d+)/.exec(out);
  return { ms: seconds * 1000, best: `${best?.[1]},${best?.[2]}` };
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
    const ours: number[] = [];
    const theirs: number[] = [];
    let choices = { ours: '', mclust: '' };
    for (let r = 0; r < REPETITIONS; r++) {
      const a = await timeOurs(x);
      const b = timeMclust(csv);
      ours.push(a.ms);
      theirs.push(b.ms);
      choices = { ours: a.best, mclust: b.best };
    }
    const [mine, mclust] = [median(ours), median(theirs)];
    console.log(`${ROWS} × ${COLS} (a ${COMPONENTS}-component mixture), 14 models × K = 1…${MAX_K}:`);
    console.log(
      `  gmm-wasm selectModel  ${mine.toFixed(0)} ms (median of ${REPETITIONS}), best ${choices.ours}`,
    );
    console.log(
      `  mclust Mclust()       ${mclust.toFixed(0)} ms (median of ${REPETITIONS}), best ${choices.mclust}`,
    );
    console.log(`  ratio                 ${(mclust / mine).toFixed(1)}× (mclust / gmm-wasm)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
