/**
 * The wasm buffers of one mixture over one data set: the parameters in the kernels' form, the
 * per-chunk buffers and the statistics (./mixture-buffers.ts), laid out once for (d, k, covariance
 * type), and the passes over the data's rows. Every E-step walks the data's chunks in place; nothing
 * is allocated per iteration but the statistics copied out.
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import { runToEnd, type Steps } from '../yield';
import type { WasmData } from './data';
import { Arena } from './memory';
import { MixtureBuffers } from './mixture-buffers';
import { spanRows, spans } from './spans';

/** Visits a span of rows: log p(x) per row and the responsibilities (rows×K), views valid during the call. */
export type ChunkVisitor = (start: number, rows: number, logNorm: Float64Array, resp: Float64Array) => void;

/** What a workspace reads of its rows: a data set in wasm memory, or a stream's reusable chunk buffer. */
export type WorkspaceRows = Pick<WasmData, 'kernels' | 'd' | 'rows' | 'chunks' | 'totalWeight'>;

/** One mixture's kernels over a data set's rows in wasm memory. */
export class Workspace<Rows extends WorkspaceRows = WasmData> {
  /** D: features. */
  readonly d: number;
  /** K: components. */
  readonly k: number;
  private readonly arena: Arena;
  private readonly buffers: MixtureBuffers;
  /** Rows per kernel call (see ./spans.ts). */
  private readonly span: number;

  /** @throws RangeError when the covariances cannot be one WebAssembly buffer. */
  constructor(
    readonly data: Rows,
    k: number,
    readonly model: CovarianceModel,
  ) {
    const { kernels, d } = data;
    this.d = d;
    this.k = k;
    this.span = spanRows(model, d, k, data.chunks[0]?.valueBytes);
    this.arena = new Arena(kernels);
    try {
      // Per-row buffers hold one kernel call's rows.
      this.buffers = new MixtureBuffers(this.arena, kernels, model, d, k, Math.min(data.rows, this.span));
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
    const { buffers } = this;
    buffers.loadLogWeights(params.weights);
    buffers.means.write(params.means);
    buffers.covariances.write(params.covariances);
    return buffers.factorise(this.d) - 1;
  }

  /**
   * Every component whose covariance the last `loadParameters` could not factorise (tied: [0]), each
   * factorised on its own, so that one pass finds them all.
   */
  singularComponents(): number[] {
    const { d, k, model, buffers } = this;
    if (model.sharedCovariance) return buffers.factorise(d, 0, k) === 0 ? [] : [0];
    const singular: number[] = [];
    for (let c = 0; c < k; c++) if (buffers.factorise(d, c, 1) !== 0) singular.push(c);
    return singular;
  }

  /** The E-step over every row (one fused kernel call per span), summed into statistics centred on the current means. */
  eStep(): SufficientStatistics {
    return runToEnd(this.eStepSteps());
  }

  /** As `eStep`, yielding between kernel calls (see ../yield.ts). */
  *eStepSteps(): Steps<SufficientStatistics> {
    const { buffers, d } = this;
    buffers.clearStatistics();
    let logLikelihood = 0;
    for (const span of spans(this.data.chunks, this.span, d)) {
      logLikelihood += buffers.eStep(span, d);
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
    const { buffers, d } = this;
    let total = 0;
    for (const span of spans(this.data.chunks, this.span, d)) {
      const unweighted = buffers.responsibilities(span, d);
      total += span.weights ? buffers.applyRowWeights(span) : unweighted;
      yield;
    }
    return total;
  }

  /**
   * Σᵢ wᵢ log p(xᵢ) and the entropy of the hard classification, −Σᵢ wᵢ log maxₖ γᵢₖ (the ICL's
   * penalty), in one pass: the responsibilities the log-likelihood pass computes anyway.
   */
  logLikelihoodAndEntropy(): { logLikelihood: number; entropy: number } {
    return runToEnd(this.logLikelihoodAndEntropySteps());
  }

  /** As `logLikelihoodAndEntropy`, yielding between kernel calls. */
  *logLikelihoodAndEntropySteps(): Steps<{ logLikelihood: number; entropy: number }> {
    const { buffers, d } = this;
    let logLikelihood = 0;
    let entropy = 0;
    for (const span of spans(this.data.chunks, this.span, d)) {
      const unweighted = buffers.responsibilities(span, d);
      entropy = buffers.classificationEntropy(span, entropy);
      logLikelihood += span.weights ? buffers.applyRowWeights(span) : unweighted;
      yield;
    }
    return { logLikelihood, entropy };
  }

  /** The row (of positive weight) that the current mixture explains worst, and its log p(x). */
  worstExplainedRow(): { row: number; logNorm: number } {
    return runToEnd(this.worstExplainedRowSteps());
  }

  /** As `worstExplainedRow`, yielding between kernel calls. */
  *worstExplainedRowSteps(): Steps<{ row: number; logNorm: number }> {
    const { buffers, d } = this;
    let worst = -1;
    let lowest = Infinity;
    for (const span of spans(this.data.chunks, this.span, d)) {
      buffers.responsibilities(span, d);
      const logNorm = buffers.logNorm.view();
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
    const { buffers, d, k } = this;
    for (const span of spans(this.data.chunks, this.span, d)) {
      buffers.responsibilities(span, d);
      visit(
        span.chunk.start + span.offset,
        span.rows,
        buffers.logNorm.view().subarray(0, span.rows),
        buffers.logProb.view().subarray(0, span.rows * k),
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
    const { buffers, d, k } = this;
    buffers.clearStatistics();
    buffers.means.write(centers);
    for (const span of spans(this.data.chunks, this.span, d)) {
      const resp = buffers.logProb.view();
      resp.fill(0, 0, span.rows * k);
      const first = span.chunk.start + span.offset;
      for (let i = 0; i < span.rows; i++) {
        const label = labels[first + i] as number;
        if (label >= 0) resp[i * k + label] = 1;
      }
      if (span.weights) {
        buffers.logNorm.view().fill(0, 0, span.rows);
        buffers.applyRowWeights(span);
      }
      buffers.accumulate(span, d);
      yield;
    }
    return this.statistics(0);
  }

  /** Frees the buffers (not the data); the workspace must not be used afterwards. */
  dispose(): void {
    this.arena.dispose();
  }

  private statistics(logLikelihood: number): SufficientStatistics {
    const { buffers } = this;
    return {
      weight: this.data.totalWeight,
      logLikelihood,
      nk: buffers.nk.read(),
      first: buffers.first.read(),
      scatter: buffers.scatter.read(),
      centers: buffers.means.read(),
    };
  }
}
