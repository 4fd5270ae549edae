/**
 * Starting parameters for one EM run, in the units of the fit's data (standardized when asked) and
 * in the compact form of the covariance type. Every random choice comes from the restart's stream.
 */

import { DEFAULT_CONTROL } from '../covariance/constrained';
import { compactFromDiagonals } from '../covariance/diagonals';
import type { CovarianceModel } from '../covariance/model';
import type { ConjugatePrior } from '../covariance/prior';
import type { StartRows } from '../engine/start-rows';
import type { InitMethod } from '../fit-options';
import { type Hierarchy, hierarchicalLabels } from '../hierarchical/start';
import type { DenseMatrix, ExplicitStart, MatrixValues, MixtureParameters } from '../internal-types';
import { checkVariances } from '../magnitudes';
import type { Random, RandomState } from '../random';
import { columnMoments } from '../standardize';
import type { SufficientStatistics } from '../sufficient-statistics';
import { runPaced, type Yielder } from '../yield';
import { lloyd, seedKMeansPlusPlus } from './kmeans';
import { mStep } from './m-step';

/** What every initialiser may draw on. */
export interface InitContext {
  /** The fit's data, on the TypeScript side (standardized when asked). */
  readonly X: DenseMatrix;
  /** One weight ≥ 0 per row of X; undefined when every row counts once. */
  readonly sampleWeight: Float64Array | undefined;
  /**
   * The rows on this thread, for the k-means starts and the statistics of a partition: the
   * engine's own (inline fits), or a copy made on first use for the starts alone (../engine/start-rows.ts).
   */
  startRows(): StartRows;
  /** The covariance type being fitted: a start from a partition ends in its M-step. */
  readonly model: CovarianceModel;
  /** K: the components to start. */
  readonly k: number;
  /** The fit's `regCovar`, added to the start's covariance diagonals as to every M-step's. */
  readonly regCovar: number;
  /** The fit's merge tree for the 'hierarchical' start, built on first use and shared by every K. */
  hierarchy(): Promise<Hierarchy>;
  /** Lloyd's stopping tolerance on these data (`lloydTolerance`), computed on first use and shared by every start. */
  lloydTolerance(): number;
  /** Paces long starts: they yield to the event loop (and see an abort) through it. */
  readonly yielder: Yielder;
  /**
   * k-means partitions already computed on these data, by method, K and the random stream's state:
   * the candidates of a selection with the same K share one (as mclust's share one hierarchical
   * start), since k-means does not depend on the covariance type.
   */
  readonly partitions?: Map<string, Partition>;
  /** MAP-EM's prior: every M-step of the fit uses it, a hard partition's start too (as mclust's). */
  readonly prior?: ConjugatePrior | undefined;
}

/**
 * The start of one run. A start from a hard partition ends in an M-step: the iterative models' inner
 * estimates from it (orientation, shape, volumes) are left in `carry`, where the run's own M-steps
 * go on from them rather than from the identity (as mclust's `me*` loops carry them from one M-step
 * to the next).
 */
export async function initialParameters(
  init: InitMethod | ExplicitStart,
  context: InitContext,
  random: Random,
  carry?: Record<string, Float64Array>,
): Promise<MixtureParameters> {
  switch (init) {
    case 'random':
      return randomStart(context, random);
    case 'random-from-data':
      return randomFromDataStart(context, random, carry);
    case 'kmeans++':
      return kmeansStart(context, random, false, carry);
    case 'kmeans':
      return kmeansStart(context, random, true, carry);
    case 'hierarchical': {
      const { labels, centers } = hierarchicalLabels(await context.hierarchy(), context.X, context.k);
      return labelStart(context, labels, centers, carry);
    }
    default:
      return explicitStart(init, context, random);
  }
}

/** Whether an explicit start gives every part, so that no restart could differ from another. */
export function isCompleteStart(start: ExplicitStart): boolean {
  return start.weights !== undefined && start.means !== undefined && start.covariances !== undefined;
}

/** Whether every restart from this start would be the same run: a complete explicit start, or the tree's. */
export function isDeterministicStart(init: InitMethod | ExplicitStart): boolean {
  return init === 'hierarchical' || (typeof init === 'object' && isCompleteStart(init));
}

/**
 * The original design: π = 1/K; μ = K distinct rows drawn at random; Σₖ = diag(uⱼ·var_j(X)) with
 * uⱼ ~ U(0.5, 1.5), so the start suits the data's scale (brought to the type's form: spherical takes
 * the diagonal's mean, tied the components' mean).
 */
function randomStart(context: InitContext, random: Random): MixtureParameters {
  const { X, k, model } = context;
  const d = X.cols;
  const variance = usableVariance(context);
  const rows = distinctRows(context, random);
  const means = new Float64Array(k * d);
  const diagonals = new Float64Array(k * d);
  rows.forEach((row, c) => {
    means.set(X.data.subarray(row * d, row * d + d), c * d);
    for (let j = 0; j < d; j++) diagonals[c * d + j] = (0.5 + random.uniform()) * (variance[j] as number);
  });
  return {
    weights: new Float64Array(k).fill(1 / k),
    means,
    covariances: compactFromDiagonals(model, diagonals, d, k),
  };
}

/**
 * scikit-learn's 'random_from_data': K distinct rows, each the whole responsibility of one
 * component, then one M-step: μ = the rows, Σ = regCovar·I, π by the rows' weights.
 */
function randomFromDataStart(
  context: InitContext,
  random: Random,
  carry: Record<string, Float64Array> | undefined,
): Promise<MixtureParameters> {
  const { X, k } = context;
  const labels = new Int32Array(X.rows).fill(-1);
  const centers = new Float64Array(k * X.cols);
  distinctRows(context, random).forEach((row, c) => {
    labels[row] = c;
    centers.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), c * X.cols);
  });
  return labelStart(context, labels, centers, carry);
}

/** A start's hard partition, and where the random stream stood after drawing it. */
export interface Partition {
  /** One label in [0, K) per row of X. */
  readonly labels: Int32Array;
  /** K×D: the partition's centres (k-means' centroids, or the chosen rows). */
  readonly centers: Float64Array;
  /**
   * The random stream's state after the partition was drawn, so that a shared partition leaves the stream as
   * drawing it would have.
   */
  readonly after: RandomState;
  /**
   * The partition's statistics, by the kernel that summed them (full and tied models share one,
   * the diagonal and spherical ones another): the same for every covariance type that reads them.
   */
  readonly statistics: Map<unknown, SufficientStatistics>;
}

/**
 * k-means++ seeds, then (for 'kmeans') Lloyd iterations; the hard labels become the start through
 * one M-step, as scikit-learn's 'kmeans'. Plain 'kmeans++' labels rows by their nearest seed — more
 * useful than scikit-learn's 'k-means++', which gives each component only its seed row.
 */
async function kmeansStart(
  context: InitContext,
  random: Random,
  iterate: boolean,
  carry?: Record<string, Float64Array>,
): Promise<MixtureParameters> {
  // The same data, K and stream position give the same partition: computed once, bit for bit.
  const key = `${iterate ? 'kmeans' : 'kmeans++'} ${context.k} ${random.state().join(' ')}`;
  const kept = context.partitions?.get(key);
  if (kept) {
    random.restore(kept.after);
    return labelStart(context, kept.labels, kept.centers, carry, kept.statistics);
  }
  const clustering = context.startRows().kMeans(context.k);
  let partition: Partition;
  try {
    const { yielder } = context;
    const seeds = await seedKMeansPlusPlus(clustering, context.X, random, context.sampleWeight, yielder);
    const { centers, labels } = iterate
      ? await lloyd(clustering, context.X, seeds, context.lloydTolerance(), yielder)
      : seeds;
    partition = { labels, centers, after: random.state(), statistics: new Map() };
  } finally {
    clustering.dispose();
  }
  context.partitions?.set(key, partition);
  return labelStart(context, partition.labels, partition.centers, carry, partition.statistics);
}

/**
 * The start from a hard partition: its statistics (from `kept` when a candidate with the same
 * statistics kernel summed them already), then one M-step.
 */
async function labelStart(
  context: InitContext,
  labels: Int32Array,
  centers: Float64Array,
  carry: Record<string, Float64Array> | undefined,
  kept?: Map<unknown, SufficientStatistics>,
): Promise<MixtureParameters> {
  const { X, regCovar, model, yielder, prior } = context;
  const rows = context.startRows();
  const kernel = rows.accumulator(model);
  let statistics = kept?.get(kernel);
  if (!statistics) {
    statistics = await runPaced(rows.labelStatisticsSteps(labels, centers), yielder);
    kept?.set(kernel, statistics);
  }
  return mStep(copyStatistics(statistics), X.cols, regCovar, model, { ...DEFAULT_CONTROL, prior, carry });
}

/** A copy for one M-step: the kept statistics serve the next candidate unchanged, whatever this one does. */
function copyStatistics(statistics: SufficientStatistics): SufficientStatistics {
  const { nk, first, scatter, centers } = statistics;
  return {
    ...statistics,
    nk: nk.slice(),
    first: first.slice(),
    scatter: scatter.slice(),
    centers: centers.slice(),
  };
}

/**
 * Explicit parameters (full covariances, already in the fit's units) in the type's compact form. A
 * part not given comes from a 'kmeans' start on the restart's stream, as scikit-learn fills the
 * parts of `weights_init`, `means_init`, `precisions_init` that are `None`: the start's covariances
 * stay those of the k-means cells (about their own centres) even when means are given.
 */
async function explicitStart(
  start: ExplicitStart,
  context: InitContext,
  random: Random,
): Promise<MixtureParameters> {
  const { k, model } = context;
  const d = context.X.cols;
  const { weights, means, covariances } = start;
  const filled = isCompleteStart(start) ? undefined : await kmeansStart(context, random, true);
  return {
    weights: weights ? weights.slice() : (filled as MixtureParameters).weights,
    means: means ? means.slice() : (filled as MixtureParameters).means,
    covariances: covariances ? model.fromFull(covariances, d, k) : (filled as MixtureParameters).covariances,
  };
}

/**
 * Per-column (weighted) population variance, with 1 for a constant column, whose variance the M-step sets.
 * @throws Error when a variance overflows a double (the message says to rescale or standardize).
 */
export function usableVariance(context: InitContext): Float64Array {
  const { variance } = columnMoments(context.X, context.sampleWeight);
  return checkVariances(variance).map((v) => (v > 0 ? v : 1));
}

/**
 * K row indices of positive weight, drawn without replacement (a lazy Fisher–Yates shuffle), distinct
 * in value while possible: two components started on the same point would stay identical forever.
 */
export function distinctRows(context: InitContext, random: Random): number[] {
  const { X, k, sampleWeight } = context;
  const { rows, cols } = X;
  const swapped = new Map<number, number>();
  const chosen: number[] = [];
  const duplicates: number[] = [];
  for (let i = 0; i < rows && chosen.length < k; i++) {
    const j = i + random.integer(rows - i);
    const row = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    if (sampleWeight && !((sampleWeight[row] as number) > 0)) continue;
    const isDuplicate = chosen.some((other) => sameRow(X.data, other, row, cols));
    (isDuplicate ? duplicates : chosen).push(row);
  }
  return chosen.concat(duplicates.slice(0, k - chosen.length));
}

function sameRow(data: MatrixValues, a: number, b: number, cols: number): boolean {
  for (let j = 0; j < cols; j++) if (data[a * cols + j] !== data[b * cols + j]) return false;
  return true;
}
