/**
 * The E-step over a stream: every pass reads the source again, copies each chunk into one reusable
 * wasm buffer of CHUNK_ROWS rows (a longer chunk goes through it in slices), runs today's fused
 * kernels on it and moves on. wasm memory holds one slice, the JavaScript side one chunk, whatever
 * the length of the stream. Every pass is checked against the first: a source that yields other
 * rows (or as many rows with other weights) is an Error, not a silently different fit.
 */
import type { CovarianceModel } from '../covariance/model';
import type { EStepEngine } from '../engine';
import { type Standardization, standardizeMatrix } from '../standardize';
import { addStatistics, type SufficientStatistics } from '../statistics';
import type { MixtureParameters } from '../types';
import { CHUNK_ROWS, type DataChunk } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { Arena, type F64Block } from '../wasm/memory';
import { Workspace, type WorkspaceRows } from '../wasm/workspace';
import { readPass, type StreamSource } from './source';
import { chunkWeight, type Survey } from './survey';

/** One slice of a chunk in wasm memory, in the fit's units. */
interface Slice {
  /** Index of the slice's first row in the stream. */
  readonly start: number;
  readonly rows: number;
  /** rows×d values, the same that were copied in (for taking a row out). */
  readonly values: Float64Array;
}

/** The wasm rows a workspace sees: one slice at a time, loaded in place. */
class SliceBuffer implements WorkspaceRows {
  readonly rows = CHUNK_ROWS;
  chunks: readonly DataChunk[] = [];
  totalWeight = 0;
  private readonly arena: Arena;
  private readonly x: F64Block;
  private readonly weights: F64Block;

  constructor(
    readonly kernels: Kernels,
    readonly d: number,
  ) {
    this.arena = new Arena(kernels);
    try {
      this.x = this.arena.f64(CHUNK_ROWS * d);
      this.weights = this.arena.f64(CHUNK_ROWS);
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
  }

  load(values: Float64Array, weights: Float64Array | undefined, rows: number): void {
    this.x.write(values);
    if (weights) this.weights.write(weights);
    this.totalWeight = weights ? chunkWeight(weights, rows) : rows;
    this.chunks = [{ start: 0, rows, x: this.x, weights: weights ? this.weights : undefined }];
  }

  dispose(): void {
    this.arena.dispose();
  }
}

/** What the engine needs to read passes: the source, what the first pass saw, how to transform. */
export interface StreamPasses {
  readonly source: StreamSource;
  readonly survey: Survey;
  readonly standardization: Standardization | undefined;
  readonly signal: AbortSignal | undefined;
}

export class StreamEngine implements EStepEngine {
  readonly d: number;
  readonly rows: number;
  readonly totalWeight: number;
  /** Passes read so far, the first (survey) pass included. */
  passes = 1;
  private readonly buffer: SliceBuffer;
  private readonly workspace: Workspace<SliceBuffer>;

  /**
   * @param reseedRow - where `worstExplainedRow` puts the row it finds (in the fit's units), so that
   *   re-seeding, which reads rows of the start's sample, finds it at the index it returns.
   */
  constructor(
    private readonly input: StreamPasses,
    kernels: Kernels,
    readonly k: number,
    readonly model: CovarianceModel,
    private readonly reseedRow: { readonly index: number; readonly values: Float64Array },
  ) {
    const { survey } = input;
    this.d = survey.cols;
    this.rows = survey.rows;
    this.totalWeight = survey.weight;
    this.buffer = new SliceBuffer(kernels, this.d);
    try {
      this.workspace = new Workspace(this.buffer, k, model);
    } catch (error) {
      this.buffer.dispose();
      throw error;
    }
  }

  setParameters(params: MixtureParameters): number {
    return this.workspace.setParameters(params);
  }

  singularComponents(): number[] {
    return this.workspace.singularComponents();
  }

  async eStep(): Promise<SufficientStatistics> {
    let total: SufficientStatistics | undefined;
    await this.pass(() => {
      const stats = this.workspace.eStep();
      if (total) addStatistics(total, stats);
      else total = stats;
    });
    const stats = total as SufficientStatistics;
    stats.weight = this.totalWeight;
    return stats;
  }

  async logLikelihood(): Promise<number> {
    let total = 0;
    await this.pass(() => {
      total += this.workspace.logLikelihood();
    });
    return total;
  }

  async worstExplainedRow(): Promise<number> {
    let lowest = Infinity;
    let found = false;
    await this.pass((slice) => {
      const { row, logNorm } = this.workspace.worstExplainedRow();
      if (row >= 0 && (!found || logNorm < lowest)) {
        found = true;
        lowest = logNorm;
        this.reseedRow.values.set(slice.values.subarray(row * this.d, (row + 1) * this.d));
      }
    });
    return found ? this.reseedRow.index : -1;
  }

  dispose(): void {
    this.workspace.dispose();
    this.buffer.dispose();
  }

  /** One pass over the source, each slice loaded before `visit` sees it. */
  private async pass(visit: (slice: Slice) => void): Promise<void> {
    const { source, survey, standardization, signal } = this.input;
    const pass = ++this.passes;
    let weight = 0;
    const summary = await readPass(
      source,
      (chunk) => {
        if (chunk.X.cols !== survey.cols) throw changed(pass, `${chunk.X.cols} columns`, `${survey.cols}`);
        const X = standardization ? standardizeMatrix(chunk.X, standardization) : chunk.X;
        weight += chunk.weights ? chunkWeight(chunk.weights, X.rows) : X.rows;
        const d = this.d;
        for (let from = 0; from < X.rows; from += CHUNK_ROWS) {
          const rows = Math.min(CHUNK_ROWS, X.rows - from);
          const values = X.data.subarray(from * d, (from + rows) * d);
          this.buffer.load(values, chunk.weights?.subarray(from, from + rows), rows);
          visit({ start: chunk.start + from, rows, values });
        }
      },
      () => signal,
    );
    if (summary.rows !== survey.rows) throw changed(pass, `${summary.rows} rows`, `${survey.rows}`);
    if (weight !== survey.weight)
      throw changed(pass, `a total sample weight of ${weight}`, `${survey.weight}`);
  }
}

function changed(pass: number, seen: string, first: string): Error {
  return new Error(
    `the data changed between passes: pass ${pass} read ${seen}, the first pass ${first}; ` +
      'fitStream needs a source that yields the same rows, in the same order, every time it is called',
  );
}
