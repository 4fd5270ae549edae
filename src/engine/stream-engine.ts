/**
 * The E-step over a stream: every pass reads the source again and E-steps each chunk (./chunk-step.ts:
 * one reusable wasm buffer of CHUNK_ROWS rows, today's fused kernels), on the calling thread or, with
 * `workers`, in a worker (../stream/chunk-dispatch.ts: a bounded number of chunks in flight, replies merged
 * in the order of the chunks, so the result is the same bits either way). Memory holds one chunk
 * (with workers, at most 2 per worker and the one being read), whatever the length of the stream.
 * Every pass is checked against the first: a source that yields other rows (or as many rows with
 * other weights, or other missing values) is an Error, not a silently different fit.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import { type Standardization, standardizeMatrix } from '../standardize';
import { ChunkDispatch, type ChunkReply } from '../stream/chunk-dispatch';
import { readPass, type StreamSource } from '../stream/source';
import { chunkWeight, countMissing, type Survey } from '../stream/survey';
import { addStatistics, type SufficientStatistics } from '../sufficient-statistics';
import { kernelsSync } from '../wasm/load';
import type { WorkerPool } from '../workers/pool';
import type { ChunkRow } from '../workers/protocol';
import { ChunkStep } from './chunk-step';
import type { EStepEngine } from './estep-engine';

type PassKind = 'eStep' | 'logLikelihood' | 'worstExplainedRow';

/** What the engine needs to read passes: the source, what the first pass saw, how to transform. */
export interface StreamPasses {
  /** The stream, called once per pass. */
  readonly source: StreamSource;
  /** What the first pass saw: rows, weights, moments, and a sample for the starts. */
  readonly survey: Survey;
  /** The z-scoring each chunk goes through before its E-step; undefined when not standardizing. */
  readonly standardization: Standardization | undefined;
  /** Aborts a pass between chunks; undefined when not given. */
  readonly signal: AbortSignal | undefined;
  /** Whether chunks may hold NaN (`missing: 'em'`). */
  readonly missing: boolean;
  /** In the fit's units, what a missing value is filled with where a row is used whole (re-seeding). */
  readonly fill: Float64Array;
}

/**
 * The E-step over a stream: each pass reads the source again, chunk by chunk, on this thread or spread over a
 * worker pool, and sums the chunks' statistics in order (so every engine gives the same bits). Holds no rows.
 */
export class StreamEngine implements EStepEngine {
  readonly d: number;
  /** Rows with an observed value, and their total weight: rows with none count nowhere. */
  readonly rows: number;
  readonly totalWeight: number;
  /** Passes read so far, the first (survey) pass included. */
  passes = 1;
  private readonly local: ChunkStep;
  private params: MixtureParameters | undefined;
  /** Bumped by every `loadParameters`: workers factorise each version once. */
  private version = 0;

  /**
   * @param reseedRow - where `worstExplainedRow` puts the row it finds (in the fit's units), so that
   *   re-seeding, which reads rows of the start's sample, finds it at the index it returns.
   * @param pool - workers (started with no rows) to deal the chunks to; none: this thread. The module
   *   must be loaded on this thread (`loadEngines`, ./load.ts).
   */
  constructor(
    private readonly input: StreamPasses,
    readonly k: number,
    readonly model: CovarianceModel,
    private readonly reseedRow: { readonly index: number; readonly values: Float64Array },
    private readonly pool: WorkerPool | undefined,
  ) {
    const { survey } = input;
    this.d = survey.cols;
    this.rows = survey.informativeRows;
    this.totalWeight = survey.informativeWeight;
    this.local = new ChunkStep(kernelsSync(), this.d, k, model, input.missing);
  }

  loadParameters(params: MixtureParameters): number {
    this.params = params;
    this.version++;
    return this.local.loadParameters(params);
  }

  singularComponents(): number[] {
    return this.local.singularComponents();
  }

  async eStep(): Promise<SufficientStatistics> {
    let total: SufficientStatistics | undefined;
    const centers = this.current().means;
    await this.pass('eStep', (reply) => {
      const stats = { ...(reply.statistics as NonNullable<ChunkReply['statistics']>), centers };
      if (total) addStatistics(total, stats);
      else total = { ...stats, centers: centers.slice() };
    });
    const stats = total as SufficientStatistics;
    stats.weight = this.totalWeight;
    return stats;
  }

  async logLikelihood(): Promise<number> {
    let total = 0;
    await this.pass('logLikelihood', (reply) => {
      total += reply.logLikelihood as number;
    });
    return total;
  }

  /**
   * A complete row when there is one, as `fit` with missing values chooses: log-densities of rows
   * with different numbers of observed values do not compare.
   */
  async worstExplainedRow(): Promise<number> {
    let complete: ChunkRow | undefined;
    let partial: ChunkRow | undefined;
    const lower = (found: ChunkRow, best: ChunkRow | undefined) =>
      found.row >= 0 && (!best || found.logNorm < best.logNorm) ? found : best;
    await this.pass('worstExplainedRow', (reply) => {
      const worst = reply.worst as NonNullable<ChunkReply['worst']>;
      complete = lower(worst.complete, complete);
      partial = lower(worst.partial, partial);
    });
    const found = complete ?? partial;
    if (!found?.values) return -1;
    const { values, fill } = { values: found.values, fill: this.input.fill };
    for (let j = 0; j < this.d; j++)
      this.reseedRow.values[j] = Number.isNaN(values[j]) ? (fill[j] as number) : (values[j] as number);
    return this.reseedRow.index;
  }

  dispose(): void {
    this.local.dispose();
  }

  /** One pass over the source: each chunk's reply, in the order of the chunks. */
  private async pass(kind: PassKind, consume: (reply: ChunkReply) => void): Promise<void> {
    const { source, survey, standardization, signal } = this.input;
    const pass = ++this.passes;
    const dispatch = this.pool && new ChunkDispatch(this.pool, consume);
    let weight = 0;
    let missingCells = 0;
    const summary = await readPass(
      source,
      async (chunk) => {
        if (chunk.X.cols !== survey.cols) throw changed(pass, `${chunk.X.cols} columns`, `${survey.cols}`);
        if (this.input.missing) missingCells += countMissing(chunk.X);
        weight += chunk.weights ? chunkWeight(chunk.weights, chunk.X.rows) : chunk.X.rows;
        const X = standardization ? standardizeMatrix(chunk.X, standardization) : chunk.X;
        if (dispatch) await this.send(dispatch, kind, X, chunk.weights, !standardization);
        else consume(this.here(kind, X, chunk.weights));
      },
      () => signal,
      this.input.missing,
    );
    await dispatch?.finish();
    if (summary.rows !== survey.rows) throw changed(pass, `${summary.rows} rows`, `${survey.rows}`);
    if (weight !== survey.weight)
      throw changed(pass, `a total sample weight of ${weight}`, `${survey.weight}`);
    if (missingCells !== survey.missingCells)
      throw changed(pass, `${missingCells} missing values`, `${survey.missingCells}`);
  }

  /** A chunk's reply computed on this thread, in the form a worker sends it. */
  private here(kind: PassKind, X: DenseMatrix, weights: Float64Array | undefined): ChunkReply {
    switch (kind) {
      case 'eStep':
        return { kind: 'chunk', id: -1, statistics: this.local.statistics(X, weights) };
      case 'logLikelihood':
        return { kind: 'chunk', id: -1, logLikelihood: this.local.logLikelihood(X, weights) };
      case 'worstExplainedRow': {
        const { complete, partial } = this.local.worstExplainedRow(X, weights);
        const withValues = ({ row, logNorm }: { row: number; logNorm: number }): ChunkRow => ({
          row,
          logNorm,
          values: row < 0 ? undefined : new Float64Array(X.data.subarray(row * this.d, (row + 1) * this.d)),
        });
        return {
          kind: 'chunk',
          id: -1,
          worst: { complete: withValues(complete), partial: withValues(partial) },
        };
      }
    }
  }

  /** Posts a chunk to the workers; its values copied first when they may be the caller's. */
  private send(
    dispatch: ChunkDispatch,
    kind: PassKind,
    X: DenseMatrix,
    weights: Float64Array | undefined,
    shared: boolean,
  ): Promise<void> {
    const x = shared ? X.data.slice() : X.data;
    // Read weights are the stream's own copy (../stream/chunk-weights.ts), counted above: they can go.
    const transfer: Transferable[] = weights ? [x.buffer, weights.buffer] : [x.buffer];
    return dispatch.send(
      {
        kind: 'chunk',
        pass: kind,
        k: this.k,
        evaluation: this.model.evaluation,
        missing: this.input.missing,
        params: this.current(),
        version: this.version,
        rows: X.rows,
        d: this.d,
        x,
        weights,
      },
      transfer,
    );
  }

  private current(): MixtureParameters {
    if (!this.params) throw new Error('the stream engine has no parameters loaded');
    return this.params;
  }
}

function changed(pass: number, seen: string, first: string): Error {
  return new Error(
    `the data changed between passes: pass ${pass} read ${seen}, the first pass ${first}; ` +
      'fitStream needs a source that yields the same rows, in the same order, every time it is called',
  );
}
