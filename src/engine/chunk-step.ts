/**
 * The E-step of one chunk of a stream, wherever it runs: on the calling thread (inline fitStream,
 * the online learner) or in a worker (fitStream with `workers`). A chunk (in the fit's units) goes
 * through one reusable wasm buffer of CHUNK_ROWS rows, slice by slice, on today's fused kernels.
 * With missing values its complete rows take that path and its other rows go pattern by pattern
 * through ./pattern-pass.ts, their expected complete-data statistics added (all centred
 * on the current means). The chunk's statistics are the sum of its slices in order, so the same
 * chunk gives the same bits in every thread.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MatrixValues, MixtureParameters } from '../internal-types';
import { groupByPattern, hasMissing } from '../missing/patterns';
import { chunkWeight } from '../stream/survey';
import type { SufficientStatistics } from '../sufficient-statistics';
import { addStatistics } from '../sufficient-statistics';
import { CHUNK_ROWS, type DataChunk } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { Arena, type F64Block } from '../wasm/memory';
import { Workspace, type WorkspaceRows } from '../wasm/workspace';
import { PatternPass } from './pattern-pass';

/** A chunk's row that the current mixture explains worst: its index in the chunk (−1: none) and log p. */
export interface WorstRow {
  /** Index of the row in the chunk; −1 when the chunk has no row of positive weight of that kind. */
  readonly row: number;
  /**
   * log p(x) of the row (of its observed coordinates, for a row with missing values); +∞ when `row` is −1.
   */
  readonly logNorm: number;
}

/**
 * The worst-explained rows of a chunk: among its complete rows, and among its rows with missing
 * values (whose log p(x_o) are of fewer coordinates: a complete row is preferred anywhere in the data).
 */
export interface ChunkWorst {
  /** The worst among the chunk's complete rows. */
  readonly complete: WorstRow;
  /** The worst among its rows with missing values. */
  readonly partial: WorstRow;
}

const NONE: WorstRow = { row: -1, logNorm: Infinity };

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

  load(values: MatrixValues, weights: Float64Array | undefined, rows: number): void {
    this.x.write(values);
    if (weights) this.weights.write(weights);
    this.totalWeight = weights ? chunkWeight(weights, rows) : rows;
    this.chunks = [{ start: 0, rows, x: this.x, valueBytes: 8, weights: weights ? this.weights : undefined }];
  }

  dispose(): void {
    this.arena.dispose();
  }
}

/** A chunk split for the E-step: the complete rows (all of them without missing values), and the others. */
interface SplitChunk {
  readonly complete: DenseMatrix;
  readonly weights: Float64Array | undefined;
  /** For each complete row, its row in the chunk; undefined when every row is complete. */
  readonly completeRows: Int32Array | undefined;
  /** The rows with missing values, in wasm memory; undefined when there are none. */
  readonly patterns: PatternPass | undefined;
}

/**
 * The E-step of one chunk at a time (fitStream, workers' chunks, model.statistics): the chunk is copied into
 * wasm memory slice by slice, its complete rows run through the fused kernels and its rows with missing
 * values (with `missing`) through the pattern passes. Holds no rows between calls; `dispose` frees its wasm
 * memory.
 */
export class ChunkStep {
  private readonly buffer: SliceBuffer;
  private readonly workspace: Workspace<SliceBuffer>;
  private params: MixtureParameters | undefined;

  /** @param missing - whether chunks may hold NaN (missing values, `missing: 'em'`). */
  constructor(
    private readonly kernels: Kernels,
    readonly d: number,
    readonly k: number,
    readonly model: CovarianceModel,
    private readonly missing: boolean,
  ) {
    this.buffer = new SliceBuffer(kernels, d);
    try {
      this.workspace = new Workspace(this.buffer, k, model);
    } catch (error) {
      this.buffer.dispose();
      throw error;
    }
  }

  /**
   * Loads and factorises parameters for the chunks that follow.
   * @returns −1 when every covariance is positive definite, else the first that is not (0 for tied).
   */
  loadParameters(params: MixtureParameters): number {
    this.params = params;
    return this.workspace.loadParameters(params);
  }

  /** Every component the last `loadParameters` could not factorise (tied: [0]), in order. */
  singularComponents(): number[] {
    return this.workspace.singularComponents();
  }

  /** The chunk's statistics centred on the current means: its slices' sums added in order. */
  statistics(X: DenseMatrix, weights: Float64Array | undefined): SufficientStatistics {
    const params = this.current();
    const split = this.split(X, weights);
    try {
      let total: SufficientStatistics | undefined;
      this.slices(split, () => {
        const stats = this.workspace.eStep();
        if (total) addStatistics(total, stats);
        else total = stats;
      });
      total ??= this.zero(params);
      if (split.patterns) {
        total.weight += split.patterns.totalWeight;
        total.logLikelihood += split.patterns.eStep(params, total);
      }
      return total;
    } finally {
      split.patterns?.dispose();
    }
  }

  /** Σᵢ wᵢ log p(xᵢ) (of the observed values) over the chunk's rows. */
  logLikelihood(X: DenseMatrix, weights: Float64Array | undefined): number {
    const split = this.split(X, weights);
    try {
      let total = 0;
      this.slices(split, () => {
        total += this.workspace.logLikelihood();
      });
      return split.patterns ? total + split.patterns.logLikelihood(this.current()) : total;
    } finally {
      split.patterns?.dispose();
    }
  }

  /** The chunk's worst-explained complete row, and row with missing values (of positive weight). */
  worstExplainedRow(X: DenseMatrix, weights: Float64Array | undefined): ChunkWorst {
    const split = this.split(X, weights);
    try {
      let complete = NONE;
      this.slices(split, (from) => {
        const { row, logNorm } = this.workspace.worstExplainedRow();
        if (row >= 0 && (complete.row < 0 || logNorm < complete.logNorm)) {
          const inChunk = from + row;
          complete = { row: split.completeRows ? (split.completeRows[inChunk] as number) : inChunk, logNorm };
        }
      });
      const partial = split.patterns ? split.patterns.worstExplainedRow(this.current()) : NONE;
      return { complete, partial };
    } finally {
      split.patterns?.dispose();
    }
  }

  /** Frees the wasm memory; the object cannot be used after. */
  dispose(): void {
    this.workspace.dispose();
    this.buffer.dispose();
  }

  private split(X: DenseMatrix, weights: Float64Array | undefined): SplitChunk {
    if (!this.missing || !hasMissing(X)) {
      return { complete: X, weights, completeRows: undefined, patterns: undefined };
    }
    const layout = groupByPattern(X, weights);
    const patterns =
      layout.patterns.length > 0
        ? new PatternPass(this.kernels, layout.patterns, this.d, this.k, this.model)
        : undefined;
    return {
      complete: layout.complete,
      weights: layout.completeWeights,
      completeRows: layout.completeRows,
      patterns,
    };
  }

  /** Loads each slice of the complete rows into the buffer, then calls `visit` with its first row. */
  private slices(split: SplitChunk, visit: (from: number) => void): void {
    const { complete, weights } = split;
    const d = this.d;
    for (let from = 0; from < complete.rows; from += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, complete.rows - from);
      this.buffer.load(
        complete.data.subarray(from * d, (from + rows) * d),
        weights?.subarray(from, from + rows),
        rows,
      );
      visit(from);
    }
  }

  private zero(params: MixtureParameters): SufficientStatistics {
    const { d, k, model } = this;
    return {
      weight: 0,
      logLikelihood: 0,
      nk: new Float64Array(k),
      first: new Float64Array(k * d),
      scatter: new Float64Array(model.scatterLength(d, k)),
      centers: params.means.slice(),
    };
  }

  private current(): MixtureParameters {
    if (!this.params) throw new Error('the chunk E-step has no parameters loaded');
    return this.params;
  }
}
