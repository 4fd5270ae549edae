/**
 * The hierarchical start's tree against mclust's `hc(modelName = "VVV", use = "SVD")` on the same
 * rows, side by side in one run: N rows (default 2000, mclust's subset size) of four overlapping 4-D
 * Gaussians. Reports the wall time and the CPU time (user + system) of each (ours: the median of
 * several builds after a first, cold one), their ratios, and whether the merge sequences agree. On a
 * shared machine the CPU times are the fairer comparison: wall time includes waiting for a core. Needs Rscript with mclust for the
 * comparison; without it, reports ours alone.
 *
 *   npm run bench:hierarchical [-- --rows 2000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { svdTransform } from '../src/hierarchical/transform';
import { mergeTree } from '../src/hierarchical/tree';
import { Random } from '../src/random';

const REPEATS = 5;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** N rows from four 4-D Gaussians of different centres and spreads. */
function dataset(n: number, d = 4): { data: Float64Array; rows: number; cols: number } {
  const random = new Random(20261201);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    for (let j = 0; j < d; j++) data[i * d + j] = 3 * ((c + j) % 3) + (0.5 + c / 2) * random.normal();
  }
  return { data, rows: n, cols: d };
}

interface OurTiming {
  readonly cold: number;
  readonly median: number;
  readonly cpuMedian: number;
  readonly merges: Int32Array;
}

function ours(X: ReturnType<typeof dataset>): OurTiming {
  const rows = Int32Array.from({ length: X.rows }, (_, i) => i);
  const time = () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const merges = mergeTree(svdTransform(X, rows));
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, merges };
  };
  const first = time();
  const runs = Array.from({ length: REPEATS }, time);
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(REPEATS / 2)] as number;
  return {
    cold: first.ms,
    median: middle(runs.map((run) => run.ms)),
    cpuMedian: middle(runs.map((run) => run.cpuMs)),
    merges: first.merges,
  };
}

function mclust(
  X: ReturnType<typeof dataset>,
): { seconds: number; cpuSeconds: number; merges: number[]; version: string } | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gmm-hc-'));
  try {
    const csv = path.join(dir, 'x.csv');
    const out = path.join(dir, 'merges.txt');
    const lines = Array.from({ length: X.rows }, (_, i) =>
      Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)).join(','),
    );
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const script = `suppressPackageStartupMessages(library(mclust));
      X <- as.matrix(read.csv("${csv}", header = FALSE)); dimnames(X) <- NULL
      t <- system.time(h <- hc(X, modelName = "VVV", use = "SVD"))
      write(unclass(h)[1:2, ], "${out}", ncolumns = 2)
      cat(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], as.character(packageVersion("mclust")), "\\n")`;
    const run = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    if (run.error || run.status !== 0)
      return `Rscript with mclust not available (${run.error?.message ?? run.stderr.trim()})`;
    const [seconds, cpuSeconds, version] = run.stdout.trim().split(/\s+/);
    // hc's result is 2 × (n − 1); write() goes column by column, so pair by pair.
    const merges = readFileSync(out, 'utf8').trim().split(/\s+/).map(Number);
    return { seconds: Number(seconds), cpuSeconds: Number(cpuSeconds), merges, version: version ?? '?' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = argument('--rows', 2000);
const X = dataset(n);
const loadBefore = os.loadavg()[0] ?? 0;
const mine = ours(X);
const theirs = mclust(X);
console.log(
  `hierarchical tree (VVV, SVD transform), ${n} rows × ${X.cols}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${loadBefore.toFixed(2)} before the run`,
);
console.log(
  `gmm-wasm: ${mine.median.toFixed(1)} ms wall, ${mine.cpuMedian.toFixed(1)} ms CPU (medians of ${REPEATS}; first, cold call ${mine.cold.toFixed(1)} ms wall)`,
);
if (typeof theirs === 'string') {
  console.log(`mclust: ${theirs}`);
} else {
  const agree =
    theirs.merges.length === mine.merges.length &&
    theirs.merges.every((label, i) => label - 1 === mine.merges[i]);
  let first = theirs.merges.findIndex((label, i) => label - 1 !== mine.merges[i]);
  if (first >= 0) first = Math.floor(first / 2);
  console.log(
    `mclust ${theirs.version} hc: ${(theirs.seconds * 1000).toFixed(0)} ms wall, ${(theirs.cpuSeconds * 1000).toFixed(0)} ms CPU (system.time)`,
  );
  console.log(
    `ratio mclust / gmm-wasm: ${((theirs.cpuSeconds * 1000) / mine.cpuMedian).toFixed(1)}× in CPU time, ${((theirs.seconds * 1000) / mine.median).toFixed(1)}× wall (cold call: ${((theirs.seconds * 1000) / mine.cold).toFixed(1)}× wall)`,
  );
  console.log(
    agree ? `merge sequences: identical (${n - 1} merges)` : `merge sequences differ from merge ${first}`,
  );
}
