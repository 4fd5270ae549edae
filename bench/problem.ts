/**
 * One benchmark problem on disk: the data and the start as raw little-endian float64 files plus a
 * `meta.json`, written once by the orchestrator and read by every child process (Node and Python), so
 * all implementations see exactly the same numbers and nobody regenerates the data.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedStart, mixtureDataset } from './dataset';
import { REG_COVAR, SEED, type Shape, SKIP_SECONDS_PER_ITERATION, TIMING } from './grid';

/** What `meta.json` holds: the shape plus the shared run settings. */
export interface ProblemMeta extends Shape {
  readonly regCovar: number;
  readonly timing: typeof TIMING;
  readonly skipSecondsPerIteration: number;
}

/** A problem in memory, flat and row-major. */
export interface Problem extends ProblemMeta {
  /** N×D points. */
  readonly x: Float64Array;
  /** K start weights, all 1/K. */
  readonly weights: Float64Array;
  /** K×D start means. */
  readonly means: Float64Array;
  /** K×D×D full start covariances (diagonal matrices). */
  readonly covariances: Float64Array;
  /**
   * K×D start variances, the diagonals of `covariances`: the compact form for 'diag'. Spherical starts
   * from their means ({@link sphericalVariances}), tied from the first covariance matrix.
   */
  readonly variances: Float64Array;
}

const FILES = ['x', 'weights', 'means', 'covariances', 'variances'] as const;

/** Generates the seeded data and fixed start of `shape` and writes them into `dir`. */
export function writeProblem(dir: string, shape: Shape): void {
  const x = mixtureDataset(SEED, shape.rows, shape.cols, shape.components);
  const { flat } = fixedStart(x, shape.components);
  const { cols: d, components: k } = shape;
  const variances = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) variances[c * d + j] = flat.covariances[(c * d + j) * d + j] ?? 0;
  }
  const arrays = { x: x.data, ...flat, variances };
  for (const name of FILES) writeFloats(join(dir, `${name}.f64`), arrays[name]);
  const meta: ProblemMeta = {
    ...shape,
    regCovar: REG_COVAR,
    timing: TIMING,
    skipSecondsPerIteration: SKIP_SECONDS_PER_ITERATION,
  };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
}

/** Writes `array` as raw little-endian float64, the form every child process reads. */
export function writeFloats(path: string, array: Float64Array): void {
  writeFileSync(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

function readFloats(path: string): Float64Array {
  const bytes = readFileSync(path);
  // Copy into a fresh buffer: a small file's Buffer may sit at an offset that is not a multiple of 8.
  return new Float64Array(new Uint8Array(bytes).buffer);
}

/** Reads back what {@link writeProblem} wrote. */
export function readProblem(dir: string): Problem {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as ProblemMeta;
  const [x, weights, means, covariances, variances] = FILES.map((name) =>
    readFloats(join(dir, `${name}.f64`)),
  );
  if (!x || !weights || !means || !covariances || !variances) throw new Error(`incomplete problem in ${dir}`);
  return { ...meta, x, weights, means, covariances, variances };
}

/** The spherical start: each component's variance is the mean of its start variances. */
export function sphericalVariances(p: Problem): Float64Array {
  const { cols: d, components: k } = p;
  return Float64Array.from({ length: k }, (_, c) => {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += p.variances[c * d + j] ?? 0;
    return sum / d;
  });
}
