/**
 * k-means for the 'kmeans' and 'kmeans++' starts: k-means++ seeding (Arthur & Vassilvitskii), then
 * Lloyd iterations, the distance and centroid work done by wasm kernels.
 */

import type { KMeansCells } from '../engine/start-rows';
import type { DenseMatrix } from '../internal-types';
import type { Random } from '../random';
import { columnMoments } from '../standardize';
import { runPaced, type Yielder } from '../yield';

/** Lloyd stops after this many iterations at the latest (scikit-learn's KMeans default). */
const LLOYD_MAX_ITER = 300;
/** Lloyd stops when the centres move less than this, in squared distance, relative to the mean variance. */
const LLOYD_TOL = 1e-4;

/** A k-means result: the centres and each row's label. */
export interface Partition {
  /** K×D centres, row-major. */
  readonly centers: Float64Array;
  /** One label in [0, K) per row: its nearest centre. */
  readonly labels: Int32Array;
}

/**
 * k-means++ seeding: the first centre a row drawn by weight, each next one a row drawn with
 * probability ∝ weight × squared distance to its nearest centre. Leaves every row assigned to its
 * nearest seed.
 */
export async function seedKMeansPlusPlus(
  clustering: KMeansCells,
  X: DenseMatrix,
  random: Random,
  sampleWeight: Float64Array | undefined,
  yielder: Yielder,
): Promise<Partition> {
  const { rows, cols: d } = X;
  const k = clustering.k;
  const centers = new Float64Array(k * d);
  clustering.reset();
  // One array for every draw, overwritten in place: a fresh copy of the distances and a mapped
  // product per centre cost more than the draw itself at large N.
  const scores = sampleWeight ? sampleWeight.slice() : new Float64Array(rows).fill(1);
  for (let c = 0; c < k; c++) {
    const row = drawProportional(scores, random);
    // The centre as doubles (the row's own values, widened if the rows are f32).
    const center = centers.subarray(c * d, c * d + d);
    center.set(X.data.subarray(row * d, row * d + d));
    await runPaced(clustering.assignNearerSteps(center, c), yielder);
    // After the last centre no draw reads the scores.
    if (c + 1 === k) break;
    clustering.distances(scores);
    if (sampleWeight)
      for (let i = 0; i < rows; i++) scores[i] = (scores[i] as number) * (sampleWeight[i] as number);
  }
  return { centers, labels: clustering.labels() };
}

/**
 * Lloyd's iterations from `seed` until no label changes or the centres barely move, by less than
 * `tolerance` in squared distance (`lloydTolerance` of the data). `seed` is the assignment
 * `clustering` holds (as `seedKMeansPlusPlus` leaves it): each pass counts the rows it moves
 * against the labels there.
 */
export async function lloyd(
  clustering: KMeansCells,
  X: DenseMatrix,
  seed: Partition,
  tolerance: number,
  yielder: Yielder,
): Promise<Partition> {
  const d = X.cols;
  const k = clustering.k;
  let { centers } = seed;
  for (let iteration = 0; iteration < LLOYD_MAX_ITER; iteration++) {
    const { sums, counts } = await runPaced(clustering.centroidSumsSteps(), yielder);
    const next = centers.slice();
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const count = counts[c] as number;
      // An empty cluster keeps its centre: it may win rows back as the others move.
      if (!(count > 0)) continue;
      for (let j = 0; j < d; j++) {
        const value = (sums[c * d + j] as number) / count;
        const moved = value - (centers[c * d + j] as number);
        shift += moved * moved;
        next[c * d + j] = value;
      }
    }
    centers = next;
    const changed = await runPaced(clustering.assignNearestSteps(centers), yielder);
    if (changed === 0 || shift <= tolerance) break;
  }
  return { centers, labels: clustering.labels() };
}

/**
 * Lloyd's tolerance for X under `sampleWeight`: LLOYD_TOL times the mean of the columns' variances,
 * as scikit-learn scales its `tol`. A pass over every row, so the fit's data compute it once for all
 * their starts (`InitContext.lloydTolerance`).
 */
export function lloydTolerance(X: DenseMatrix, sampleWeight: Float64Array | undefined): number {
  const { variance } = columnMoments(X, sampleWeight);
  let sum = 0;
  for (let j = 0; j < X.cols; j++) sum += variance[j] as number;
  return (LLOYD_TOL * sum) / X.cols;
}

/** An index drawn with probability ∝ scores[i] (uniformly when every score is zero). */
function drawProportional(scores: Float64Array, random: Random): number {
  const n = scores.length;
  // Indexed loops: for…of over a typed array ran several times slower in V8 (measured at 100 000
  // rows), and this reads every row for each centre of each start.
  let total = 0;
  for (let i = 0; i < n; i++) total += scores[i] as number;
  if (!(total > 0)) return random.integer(n);
  const target = total * random.uniform();
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += scores[i] as number;
    if (running > target) return i;
  }
  for (let i = n - 1; i >= 0; i--) if ((scores[i] as number) > 0) return i;
  return n - 1;
}
