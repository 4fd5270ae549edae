/**
 * The wasm buffers of one mixture over one data set: the parameters in the kernels' form, the
 * per-chunk buffers and the statistics, laid out once for (d, k, covariance type). Every E-step walks
 * the data's chunks in place; nothing is allocated per iteration but the statistics copied out.
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import { log } from '../logarithm';
import type { SufficientStatistics } from '../sufficient-statistics';
import { runToEnd, type Steps } from '../yield';
import type { WasmData } from './data';
import { type Kernels, workLength } from './kernels';
import { Arena, type F64Block, MAX_BLOCK_BYTES, showBytes } from './memory';
import { type Span, spanRows, spans } from './spans';

/** Visits a span of rows: log p(x) per row and the responsibilities (rows×K), views valid during the call. */
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
  /** Rows per kernel call (see ./spans.ts). */
  private readonly span: number;

  constructor(
    readonly data: Rows,
    k: number,
    readonly model: CovarianceModel,
  ) {
    const { kernels, d } = data;
    this.kernels = kernels;
    this.d = d;
    this.k = k;
    this.span = spanRows(model, d, k, data.chunks[0]?.valueBytes);
    // Per-row buffers hold one kernel call's rows.
    const chunk = Math.min(data.rows, this.span);
    checkParameterSize(kernels, model, d, k);
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
      this.work = f64(workLength(kernels, d, model.compactLength(d, 1) > d));
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
  }

  /**
   * Loads parameters (covariances in the model's compact form) and factorises the covariances.
   * @returns −1 when all are positive definite, else the index of the first that is not (0 for tied).
   */
  loadParameters(params: MixtureParameters): number {
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

  /**
   * Every component whose covariance the last `loadParameters` could not factorise (tied: [0]), each
   * factorised on its own, so that one pass finds them all.
   */
  singularComponents(): number[] {
    const { k, model } = this;
    if (model.sharedCovariance) return this.factoriseAt(0, k) ? [] : [0];
    const singular: number[] = [];
    for (let c = 0; c < k; c++) if (!this.factoriseAt(c, 1)) singular.push(c);
    return singular;
  }

  /** Factorises `count` covariances from component c; whether all are positive definite. */
  private factoriseAt(c: number, count: number): boolean {
    const { d, model } = this;
    const compact = model.compactLength(d, c) * 8;
    const status = model.factorise(
      this.kernels,
      this.covariances.ptr + compact,
      this.precisions.ptr + compact,
      this.logDet.ptr + c * 8,
      this.work.ptr,
      d,
      count,
    );
    return status === 0;
  }

  /** The E-step over every row (one fused kernel call per span), summed into statistics centred on the current means. */
  eStep(): SufficientStatistics {
    return runToEnd(this.eStepSteps());
  }

  /** As `eStep`, yielding between kernel calls (see ../yield.ts). */
  *eStepSteps(): Steps<SufficientStatistics> {
    this.clearStatistics();
    const { d, k } = this;
    const eStep = this.model.eStep(this.kernels);
    let logLikelihood = 0;
    for (const span of spans(this.data.chunks, this.span, d)) {
      logLikelihood += eStep(
        span.x,
        this.means.ptr,
        this.precisions.ptr,
        this.logDet.ptr,
        this.logWeights.ptr,
        span.weights,
        this.logProb.ptr,
        this.logNorm.ptr,
        this.nk.ptr,
        this.first.ptr,
        this.scatter.ptr,
        this.work.ptr,
        span.rows,
        d,
        k,
      );
      yield;
    }
    return this.statistics(logLikelihood);
  }

  /** Σᵢ wᵢ log p(xᵢ) under the current parameters, without statistics. */
  logLikelihood(): number {
    return runToEnd(this.logLikelihoodSteps());
  }

  /** As `logLikelihood`, yielding between kernel calls. */
  *logLikelihoodSteps(): Steps<number> {
    let total = 0;
    for (const span of spans(this.data.chunks, this.span, this.d)) {
      total += this.weightedResponsibilities(span);
      yield;
    }
    return total;
  }

  /** The row (of positive weight) that the current mixture explains worst, and its log p(x). */
  worstExplainedRow(): { row: number; logNorm: number } {
    return runToEnd(this.worstExplainedRowSteps());
  }

  /** As `worstExplainedRow`, yielding between kernel calls. */
  *worstExplainedRowSteps(): Steps<{ row: number; logNorm: number }> {
    let worst = -1;
    let lowest = Infinity;
    for (const span of spans(this.data.chunks, this.span, this.d)) {
      this.responsibilities(span);
      const logNorm = this.logNorm.view();
      const weights = span.chunk.weights?.view();
      for (let i = 0; i < span.rows; i++) {
        if (weights && !((weights[span.offset + i] as number) > 0)) continue;
        if (worst < 0 || (logNorm[i] as number) < lowest) {
          lowest = logNorm[i] as number;
          worst = span.chunk.start + span.offset + i;
        }
      }
      yield;
    }
    return { row: worst, logNorm: lowest };
  }

  /** Calls `visit` for every span of rows with unweighted responsibilities (for predict and score). */
  forEachChunk(visit: ChunkVisitor): void {
    runToEnd(this.forEachChunkSteps(visit));
  }

  /** As `forEachChunk`, yielding between kernel calls. */
  *forEachChunkSteps(visit: ChunkVisitor): Steps<void> {
    for (const span of spans(this.data.chunks, this.span, this.d)) {
      this.responsibilities(span);
      visit(
        span.chunk.start + span.offset,
        span.rows,
        this.logNorm.view().subarray(0, span.rows),
        this.logProb.view().subarray(0, span.rows * this.k),
      );
      yield;
    }
  }

  /**
   * Statistics of hard labels (−1: the row counts for no component), centred on `centers`: each
   * row's whole weight goes to its label. Turns a k-means partition into a first M-step. Leaves
   * `centers` loaded as the means: call `loadParameters` before the next E-step.
   */
  labelStatistics(labels: Int32Array, centers: Float64Array): SufficientStatistics {
    return runToEnd(this.labelStatisticsSteps(labels, centers));
  }

  /** As `labelStatistics`, yielding between kernel calls. */
  *labelStatisticsSteps(labels: Int32Array, centers: Float64Array): Steps<SufficientStatistics> {
    this.clearStatistics();
    this.means.write(centers);
    const { k } = this;
    for (const span of spans(this.data.chunks, this.span, this.d)) {
      const resp = this.logProb.view();
      resp.fill(0, 0, span.rows * k);
      const first = span.chunk.start + span.offset;
      for (let i = 0; i < span.rows; i++) {
        const label = labels[first + i] as number;
        if (label >= 0) resp[i * k + label] = 1;
      }
      if (span.weights) {
        this.logNorm.view().fill(0, 0, span.rows);
        this.kernels.weightResponsibilities(this.logProb.ptr, this.logNorm.ptr, span.weights, span.rows, k);
      }
      this.accumulate(span);
      yield;
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

  private accumulate(span: Span): void {
    const { d, k } = this;
    this.model.accumulate(this.kernels)(
      span.x,
      this.logProb.ptr,
      this.means.ptr,
      this.nk.ptr,
      this.first.ptr,
      this.scatter.ptr,
      this.work.ptr,
      span.rows,
      d,
      k,
    );
  }

  /** Responsibilities of one span, scaled by its sample weights; returns Σ wᵢ log p(xᵢ). */
  private weightedResponsibilities(span: Span): number {
    const total = this.responsibilities(span);
    if (!span.weights) return total;
    return this.kernels.weightResponsibilities(
      this.logProb.ptr,
      this.logNorm.ptr,
      span.weights,
      span.rows,
      this.k,
    );
  }

  /** Log-densities then responsibilities of one span, left in `logProb`; returns Σ log p(x). */
  private responsibilities(span: Span): number {
    const { d, k } = this;
    this.model.density(this.kernels)(
      span.x,
      this.means.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.logWeights.ptr,
      this.logProb.ptr,
      this.work.ptr,
      span.rows,
      d,
      k,
    );
    return this.kernels.normalizeLogProb(this.logProb.ptr, this.logNorm.ptr, span.rows, k);
  }
}

/**
 * Refuses (d, k, type) whose covariances cannot be one WebAssembly buffer, before allocating any.
 * @throws RangeError naming the size, the limit, and what to change.
 */
function checkParameterSize(kernels: Kernels, model: CovarianceModel, d: number, k: number): void {
  const bytes =
    8 *
    Math.max(
      model.compactLength(d, k),
      model.scatterLength(d, k),
      workLength(kernels, d, model.compactLength(d, 1) > d),
    );
  if (bytes <= MAX_BLOCK_BYTES) return;
  const advice =
    model.type === 'diag' || model.type === 'spherical'
      ? 'use fewer features or components'
      : "use covariance: 'diag' or 'spherical', or fewer features or components";
  throw new RangeError(
    `covariance: '${model.type}' with ${k} components and ${d} features needs ${showBytes(bytes)} in one ` +
      `WebAssembly buffer, more than the 1 GiB one allocation can hold; ${advice}`,
  );
}
