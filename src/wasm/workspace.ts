/**
 * The wasm buffers of one mixture over one data set: the parameters in the kernels' form, the
 * per-chunk buffers and the statistics, laid out once for (d, k, covariance type). Every E-step walks
 * the data's chunks in place; nothing is allocated per iteration but the statistics copied out.
 */
import type { CovarianceModel } from '../covariance/model';
import { log } from '../math';
import type { SufficientStatistics } from '../statistics';
import type { MixtureParameters } from '../types';
import { CHUNK_ROWS, type DataChunk, type WasmData } from './data';
import { type Kernels, workLength } from './kernels';
import { Arena, type F64Block } from './memory';

/** Visits a chunk: log p(x) per row and the responsibilities (rows×K), views valid during the call. */
export type ChunkVisitor = (start: number, rows: number, logNorm: Float64Array, resp: Float64Array) => void;

/** What a workspace reads of its rows: a data set in wasm memory, or a stream's reusable chunk buffer. */
export type WorkspaceRows = Pick<WasmData, 'kernels' | 'd' | 'rows' | 'chunks' | 'totalWeight'>;

export class Workspace<Rows extends WorkspaceRows = WasmData> {
  readonly d: number;
  readonly k: number;
  private readonly kernels: Kernels;
  private readonly arena: Arena;
  private readonly logWeights: F64Block;
  private readonly means: F64Block;
  private readonly covariances: F64Block;
  private readonly precisions: F64Block;
  private readonly logDet: F64Block;
  private readonly logProb: F64Block;
  private readonly logNorm: F64Block;
  private readonly nk: F64Block;
  private readonly first: F64Block;
  private readonly scatter: F64Block;
  private readonly work: F64Block;

  constructor(
    readonly data: Rows,
    k: number,
    readonly model: CovarianceModel,
  ) {
    const { kernels, d } = data;
    const chunk = Math.min(data.rows, CHUNK_ROWS);
    this.kernels = kernels;
    this.d = d;
    this.k = k;
    this.arena = new Arena(kernels);
    try {
      const f64 = (length: number) => this.arena.f64(length);
      this.logWeights = f64(k);
      this.means = f64(k * d);
      this.covariances = f64(model.compactLength(d, k));
      this.precisions = f64(model.compactLength(d, k));
      this.logDet = f64(k);
      this.logProb = f64(chunk * k);
      this.logNorm = f64(chunk);
      this.nk = f64(k);
      this.first = f64(k * d);
      this.scatter = f64(model.scatterLength(d, k));
      this.work = f64(workLength(d));
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
  }

  /**
   * Loads parameters (covariances in the model's compact form) and factorises the covariances.
   * @returns −1 when all are positive definite, else the index of the first that is not (0 for tied).
   */
  setParameters(params: MixtureParameters): number {
    const logWeights = this.logWeights.view();
    for (let c = 0; c < this.k; c++) logWeights[c] = log(params.weights[c] as number);
    this.means.write(params.means);
    this.covariances.write(params.covariances);
    const status = this.model.factorise(
      this.kernels,
      this.covariances.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.work.ptr,
      this.d,
      this.k,
    );
    return status - 1;
  }

  /** The E-step over every chunk (one fused kernel call each), summed into statistics centred on the current means. */
  eStep(): SufficientStatistics {
    this.clearStatistics();
    const { d, k } = this;
    const eStep = this.model.eStep(this.kernels);
    let logLikelihood = 0;
    for (const chunk of this.data.chunks) {
      logLikelihood += eStep(
        chunk.x.ptr,
        this.means.ptr,
        this.precisions.ptr,
        this.logDet.ptr,
        this.logWeights.ptr,
        chunk.weights?.ptr ?? 0,
        this.logProb.ptr,
        this.logNorm.ptr,
        this.nk.ptr,
        this.first.ptr,
        this.scatter.ptr,
        this.work.ptr,
        chunk.rows,
        d,
        k,
      );
    }
    return this.statistics(logLikelihood);
  }

  /** Σᵢ wᵢ log p(xᵢ) under the current parameters, without statistics. */
  logLikelihood(): number {
    let total = 0;
    for (const chunk of this.data.chunks) total += this.weightedResponsibilities(chunk);
    return total;
  }

  /** The row (of positive weight) that the current mixture explains worst, and its log p(x). */
  worstExplainedRow(): { row: number; logNorm: number } {
    let worst = -1;
    let lowest = Infinity;
    for (const chunk of this.data.chunks) {
      this.responsibilities(chunk);
      const logNorm = this.logNorm.view();
      const weights = chunk.weights?.view();
      for (let i = 0; i < chunk.rows; i++) {
        if (weights && !((weights[i] as number) > 0)) continue;
        if (worst < 0 || (logNorm[i] as number) < lowest) {
          lowest = logNorm[i] as number;
          worst = chunk.start + i;
        }
      }
    }
    return { row: worst, logNorm: lowest };
  }

  /** Calls `visit` for every chunk with unweighted responsibilities (for predict and score). */
  forEachChunk(visit: ChunkVisitor): void {
    for (const chunk of this.data.chunks) {
      this.responsibilities(chunk);
      visit(
        chunk.start,
        chunk.rows,
        this.logNorm.view().subarray(0, chunk.rows),
        this.logProb.view().subarray(0, chunk.rows * this.k),
      );
    }
  }

  /**
   * Statistics of hard labels (−1: the row counts for no component), centred on `centers`: each
   * row's whole weight goes to its label. Turns a k-means partition into a first M-step. Leaves
   * `centers` loaded as the means: call `setParameters` before the next E-step.
   */
  labelStatistics(labels: Int32Array, centers: Float64Array): SufficientStatistics {
    this.clearStatistics();
    this.means.write(centers);
    const { k } = this;
    for (const chunk of this.data.chunks) {
      const resp = this.logProb.view();
      resp.fill(0, 0, chunk.rows * k);
      for (let i = 0; i < chunk.rows; i++) {
        const label = labels[chunk.start + i] as number;
        if (label >= 0) resp[i * k + label] = 1;
      }
      if (chunk.weights) {
        this.logNorm.view().fill(0, 0, chunk.rows);
        this.kernels.weightResponsibilities(
          this.logProb.ptr,
          this.logNorm.ptr,
          chunk.weights.ptr,
          chunk.rows,
          k,
        );
      }
      this.accumulate(chunk);
    }
    return this.statistics(0);
  }

  /** Frees the buffers (not the data); the workspace must not be used afterwards. */
  dispose(): void {
    this.arena.dispose();
  }

  private clearStatistics(): void {
    this.nk.view().fill(0);
    this.first.view().fill(0);
    this.scatter.view().fill(0);
  }

  private statistics(logLikelihood: number): SufficientStatistics {
    return {
      weight: this.data.totalWeight,
      logLikelihood,
      nk: this.nk.read(),
      first: this.first.read(),
      scatter: this.scatter.read(),
      centers: this.means.read(),
    };
  }

  private accumulate(chunk: DataChunk): void {
    const { d, k } = this;
    this.model.accumulate(this.kernels)(
      chunk.x.ptr,
      this.logProb.ptr,
      this.means.ptr,
      this.nk.ptr,
      this.first.ptr,
      this.scatter.ptr,
      this.work.ptr,
      chunk.rows,
      d,
      k,
    );
  }

  /** Responsibilities of one chunk, scaled by its sample weights; returns Σ wᵢ log p(xᵢ). */
  private weightedResponsibilities(chunk: DataChunk): number {
    const total = this.responsibilities(chunk);
    if (!chunk.weights) return total;
    return this.kernels.weightResponsibilities(
      this.logProb.ptr,
      this.logNorm.ptr,
      chunk.weights.ptr,
      chunk.rows,
      this.k,
    );
  }

  /** Log-densities then responsibilities of one chunk, left in `logProb`; returns Σ log p(x). */
  private responsibilities(chunk: DataChunk): number {
    const { d, k } = this;
    this.model.density(this.kernels)(
      chunk.x.ptr,
      this.means.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.logWeights.ptr,
      this.logProb.ptr,
      this.work.ptr,
      chunk.rows,
      d,
      k,
    );
    return this.kernels.normalizeLogProb(this.logProb.ptr, this.logNorm.ptr, chunk.rows, k);
  }
}
