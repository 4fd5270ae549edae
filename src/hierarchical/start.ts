/**
 * mclust's start: the model-based hierarchical clustering of at most `HIERARCHY_ROWS` rows drawn by
 * the seed, cut into K clusters, whose hard labels give the first M-step. The tree depends on the
 * data and the seed alone, so one tree serves every restart and every K of a `selectModel` call.
 */

import type { DenseMatrix } from '../internal-types';
import { Random } from '../random';
import type { Steps } from '../yield';
import { cutTree } from './cut';
import { svdTransform } from './transform';
import { mergeTreeSteps } from './tree';

/** mclust's `mclust.options("subset")`: larger data are clustered on a random subset of this many rows. */
export const HIERARCHY_ROWS = 2000;
/** The random stream of the subset: apart from the restarts' streams 0, 1, 2, … */
const SUBSET_STREAM = 0x7fff_ffff;

/** A merge tree over some rows of the data. */
export interface Hierarchy {
  /** The rows the tree was built on, ascending. */
  readonly rows: Int32Array;
  /** `mergeTree`'s merges, in labels 0…rows.length − 1 (positions in `rows`). */
  readonly merges: Int32Array;
}

/**
 * The tree over the rows of positive weight, all of them when there are at most `HIERARCHY_ROWS`,
 * else that many drawn without replacement by the seed. Sample weights choose rows, not merges:
 * mclust's criterion has no weights. In steps, one merge each, for a fit to pace.
 */
export function* buildHierarchy(
  X: DenseMatrix,
  sampleWeight: Float64Array | undefined,
  seed: number,
): Steps<Hierarchy> {
  const rows = subsetRows(X.rows, sampleWeight, new Random(seed, SUBSET_STREAM));
  const merges = yield* mergeTreeSteps(svdTransform(X, rows));
  return { rows, merges };
}

/**
 * Hard labels for all rows of the data from the K-cluster cut (−1 for rows outside the tree's
 * subset, which the first M-step leaves out), and each cluster's mean, for centring its statistics.
 */
export function hierarchicalLabels(
  hierarchy: Hierarchy,
  X: DenseMatrix,
  k: number,
): { labels: Int32Array; centers: Float64Array } {
  const { rows, merges } = hierarchy;
  const d = X.cols;
  const cut = cutTree(merges, rows.length, k);
  const labels = new Int32Array(X.rows).fill(-1);
  const centers = new Float64Array(k * d);
  const counts = new Float64Array(k);
  rows.forEach((row, i) => {
    const c = cut[i] as number;
    labels[row] = c;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < d; j++)
      centers[c * d + j] = (centers[c * d + j] as number) + (X.data[row * d + j] as number);
  });
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) centers[c * d + j] = (centers[c * d + j] as number) / (counts[c] as number);
  return { labels, centers };
}

/** Rows of positive weight: all when few enough, else `HIERARCHY_ROWS` of them by a partial Fisher–Yates shuffle, ascending. */
function subsetRows(n: number, sampleWeight: Float64Array | undefined, random: Random): Int32Array {
  const usable = Int32Array.from({ length: n }, (_, i) => i).filter(
    (i) => !sampleWeight || (sampleWeight[i] as number) > 0,
  );
  if (usable.length <= HIERARCHY_ROWS) return usable;
  for (let i = 0; i < HIERARCHY_ROWS; i++) {
    const j = i + random.integer(usable.length - i);
    const chosen = usable[j] as number;
    usable[j] = usable[i] as number;
    usable[i] = chosen;
  }
  return usable.slice(0, HIERARCHY_ROWS).sort();
}
