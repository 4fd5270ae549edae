/**
 * What the starts (../em/init.ts, ../em/kmeans.ts) run on: rows in this thread's wasm memory, seen
 * through two engine methods, the statistics of a hard partition and a k-means workspace, so that
 * the starts never lay out wasm buffers themselves. Either the rows an engine already holds (an
 * inline fit's, `EStepEngine.startRows`) or a copy made on first use for the starts alone (pooled
 * fits, missing values, a stream's reservoir sample, an online chunk), freed by its owner.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import { Clustering } from '../wasm/clustering';
import { WasmData } from '../wasm/data';
import { kernelsSync } from '../wasm/load';
import { Workspace } from '../wasm/workspace';
import type { Steps } from '../yield';

/** k-means over the rows: each row's nearest centre so far, and the centroid sums (see ../wasm/clustering.ts). */
export interface KMeansCells {
  /** K: the centres each row is measured against. */
  readonly k: number;
  /** Forgets every assignment: all rows infinitely far from any centre. */
  reset(): void;
  /** Moves each row to `label` where `center` is strictly nearer than its current centre, a chunk a step. */
  assignNearerSteps(center: Float64Array, label: number): Steps<void>;
  /**
   * Assigns every row to its nearest of the k centres (k×d), ties to the lowest label, a chunk a
   * step; returns how many rows changed label.
   */
  assignNearestSteps(centers: Float64Array): Steps<number>;
  /** Each row's squared distance to its nearest centre, copied out (into `out` when given: N doubles). */
  distances(out?: Float64Array): Float64Array;
  /** Each row's label, copied out. */
  labels(): Int32Array;
  /** Weighted sums of the rows of each cluster (k×d) and the clusters' total weights (k), a chunk a step. */
  centroidSumsSteps(): Steps<{ sums: Float64Array; counts: Float64Array }>;
  /** Frees the clustering's wasm memory; nothing can be used after. */
  dispose(): void;
}

/** The rows a start labels, on this thread. */
export interface StartRows {
  /** The statistics of a hard partition (label −1: no component), centred on `centers`, a chunk a step. */
  labelStatisticsSteps(labels: Int32Array, centers: Float64Array): Steps<SufficientStatistics>;
  /** A k-means workspace with `k` centres over the same rows; the caller disposes it. */
  kMeans(k: number): KMeansCells;
  /**
   * The kernel that accumulates `model`'s statistics over these rows: a partition's statistics are
   * the same for every type with the same one, so the starts key the ones they keep by it.
   */
  accumulator(model: CovarianceModel): unknown;
}

/** The start methods over a workspace's own rows (an inline engine's: no copy). */
export function workspaceStartRows(workspace: Workspace): StartRows {
  return {
    labelStatisticsSteps: (labels, centers) => workspace.labelStatisticsSteps(labels, centers),
    kMeans: (k) => new Clustering(workspace.data, k),
    accumulator: (model) => model.accumulate(workspace.data.kernels),
  };
}

/**
 * A copy of `X` (f64, with its weights) in this thread's wasm memory for the starts alone, made on
 * first use (a start that needs no wasm, or a partition already computed, copies nothing).
 * The module must be loaded (../wasm/load.ts).
 */
export class CopiedStartRows implements StartRows {
  private copy: { readonly data: WasmData; readonly workspace: Workspace } | undefined;

  constructor(
    private readonly X: DenseMatrix,
    private readonly sampleWeight: Float64Array | undefined,
    private readonly k: number,
    private readonly model: CovarianceModel,
  ) {}

  labelStatisticsSteps(labels: Int32Array, centers: Float64Array): Steps<SufficientStatistics> {
    return this.workspace().labelStatisticsSteps(labels, centers);
  }

  kMeans(k: number): KMeansCells {
    return new Clustering(this.workspace().data, k);
  }

  accumulator(model: CovarianceModel): unknown {
    // The copy is f64: its kernels are the module's own, so nothing need be copied to know them.
    return model.accumulate(kernelsSync());
  }

  /** Frees the copy of the rows, if one was made. */
  dispose(): void {
    this.copy?.workspace.dispose();
    this.copy?.data.dispose();
    this.copy = undefined;
  }

  private workspace(): Workspace {
    if (!this.copy) {
      const data = new WasmData(kernelsSync(), this.X, this.sampleWeight);
      try {
        this.copy = { data, workspace: new Workspace(data, this.k, this.model) };
      } catch (error) {
        data.dispose();
        throw error;
      }
    }
    return this.copy.workspace;
  }
}
