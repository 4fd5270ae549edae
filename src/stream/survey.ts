/**
 * The first pass over a stream: its shape, its total weight, its column moments (for `standardize`
 * and for starting covariances) and a seeded uniform reservoir sample of its rows of positive weight
 * (for the starts that pick rows or run k-means), all in one read of the data. With missing values
 * (NaN, `missing: 'em'`) the moments are of each column's observed values, rows with nothing
 * observed are counted apart and never sampled, and sampled rows keep their NaN (filled later,
 * once the observed means are known).
 */
import type { MatrixValues } from '../internal-types';
import { Random } from '../random';
import type { ReadChunk } from './source';

/** The random stream of the reservoir: apart from restart r's stream r. */
const RESERVOIR_STREAM = 0x7e5e_4701;

/** What the first pass learnt of a stream; the later passes and the starts read it. */
export interface Survey {
  /** Rows read, whatever their weight or missing values. */
  readonly rows: number;
  /** D: values per row. */
  readonly cols: number;
  /** Σ wᵢ, adding chunk by chunk as every later pass does, so that passes compare bit for bit. */
  readonly weight: number;
  /** Rows of positive weight: those the reservoir may sample. */
  readonly positiveRows: number;
  /** Whether any chunk brought sample weights. */
  readonly weighted: boolean;
  /** D weighted column means (of the observed values, with missing values). */
  readonly mean: Float64Array;
  /** Weighted population variance per column. */
  readonly variance: Float64Array;
  /** The sample: `sampleRows` rows, row-major, in the user's units. */
  readonly sample: Float64Array;
  /** One sample weight per sampled row. */
  readonly sampleWeights: Float64Array;
  /** Rows in the sample: at most the reservoir's capacity, and at most `positiveRows`. */
  readonly sampleRows: number;
  /** NaN entries seen (0 unless missing values are allowed). */
  readonly missingCells: number;
  /** Rows with at least one observed value, and their Σ wᵢ (`rows` and `weight` without NaN). */
  readonly informativeRows: number;
  /** Σ wᵢ over the rows with at least one observed value. */
  readonly informativeWeight: number;
  /** Per column, Σ wᵢ over the rows where it is observed. */
  readonly observedWeight: Float64Array;
}

/** NaN entries of X. */
export function countMissing(X: { readonly data: MatrixValues }): number {
  const { data } = X;
  let count = 0;
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) count++;
  return count;
}

/** Σ of a chunk's weights, in the order every pass adds them (so that passes compare exactly). */
export function chunkWeight(weights: Float64Array, rows: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) total += weights[i] as number;
  return total;
}

/** Accumulates a survey chunk by chunk. */
export class SurveyBuilder {
  private rows = 0;
  private weight = 0;
  private positiveRows = 0;
  private weighted = false;
  private mean = new Float64Array(0);
  /** Σ w (x − mean)², merged across chunks as Chan, Golub and LeVeque's pairwise update. */
  private squares = new Float64Array(0);
  private sample = new Float64Array(0);
  private sampleWeights = new Float64Array(0);
  private sampleRows = 0;
  private cols = 0;
  private missingCells = 0;
  private informativeRows = 0;
  private informativeWeight = 0;
  /** Per column: Σ w over the rows where it is observed, before this chunk's (for the merge). */
  private mergedWeight = new Float64Array(0);
  private readonly random: Random;

  constructor(
    seed: number,
    private readonly capacity: number,
  ) {
    this.random = new Random(seed, RESERVOIR_STREAM);
  }

  /** Adds one chunk: its count, weight, moments and its part of the reservoir sample. */
  add(chunk: ReadChunk): void {
    const { X, weights } = chunk;
    if (this.cols === 0) this.allocate(X.cols);
    if (weights) this.weighted = true;
    this.rows += X.rows;
    this.weight += weights ? chunkWeight(weights, X.rows) : X.rows;
    const missing = countMissing(X);
    if (missing === 0) this.addComplete(chunk);
    else this.addIncomplete(chunk, missing);
  }

  /** A chunk without NaN: two passes for its own moments, then one exact merge into the running ones. */
  private addComplete(chunk: ReadChunk): void {
    const { X, weights } = chunk;
    const { rows, cols, data } = X;
    const mean = new Float64Array(cols);
    const total = weights ? chunkWeight(weights, rows) : rows;
    for (let i = 0; i < rows; i++) {
      const w = weights ? (weights[i] as number) : 1;
      for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + w * (data[i * cols + j] as number);
    }
    this.informativeRows += rows;
    this.informativeWeight += total;
    if (total > 0) {
      const squares = new Float64Array(cols);
      for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / total;
      for (let i = 0; i < rows; i++) {
        const w = weights ? (weights[i] as number) : 1;
        for (let j = 0; j < cols; j++) {
          const e = (data[i * cols + j] as number) - (mean[j] as number);
          squares[j] = (squares[j] as number) + w * e * e;
        }
      }
      this.merge(mean, squares, new Float64Array(cols).fill(total));
    }
    for (let i = 0; i < rows; i++) {
      const w = weights ? (weights[i] as number) : 1;
      if (w > 0) this.offer(data, i, cols, w);
    }
  }

  /** A chunk with NaN: the same per column over its observed values; rows with none set apart. */
  private addIncomplete(chunk: ReadChunk, missing: number): void {
    const { X, weights } = chunk;
    const { rows, cols, data } = X;
    this.missingCells += missing;
    const mean = new Float64Array(cols);
    const total = new Float64Array(cols);
    const observed = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const w = weights ? (weights[i] as number) : 1;
      for (let j = 0; j < cols; j++) {
        const value = data[i * cols + j] as number;
        if (Number.isNaN(value)) continue;
        observed[i] = 1;
        total[j] = (total[j] as number) + w;
        mean[j] = (mean[j] as number) + w * value;
      }
      if (observed[i]) {
        this.informativeRows++;
        this.informativeWeight += w;
      }
    }
    const squares = new Float64Array(cols);
    for (let j = 0; j < cols; j++)
      if ((total[j] as number) > 0) mean[j] = (mean[j] as number) / (total[j] as number);
    for (let i = 0; i < rows; i++) {
      const w = weights ? (weights[i] as number) : 1;
      for (let j = 0; j < cols; j++) {
        const value = data[i * cols + j] as number;
        if (Number.isNaN(value)) continue;
        const e = value - (mean[j] as number);
        squares[j] = (squares[j] as number) + w * e * e;
      }
    }
    this.merge(mean, squares, total);
    for (let i = 0; i < rows; i++) {
      const w = weights ? (weights[i] as number) : 1;
      if (w > 0 && observed[i]) this.offer(data, i, cols, w);
    }
  }

  /** The survey of every chunk added so far (variances of columns never observed are 0). */
  finish(): Survey {
    const variance = this.squares.map((s, j) => {
      const total = this.mergedWeight[j] as number;
      return total > 0 ? s / total : 0;
    });
    return {
      rows: this.rows,
      cols: this.cols,
      weight: this.weight,
      positiveRows: this.positiveRows,
      weighted: this.weighted,
      mean: this.mean,
      variance,
      sample: this.sample.subarray(0, this.sampleRows * this.cols),
      sampleWeights: this.sampleWeights.subarray(0, this.sampleRows),
      sampleRows: this.sampleRows,
      missingCells: this.missingCells,
      informativeRows: this.informativeRows,
      informativeWeight: this.informativeWeight,
      observedWeight: this.mergedWeight,
    };
  }

  private allocate(cols: number): void {
    this.cols = cols;
    this.mean = new Float64Array(cols);
    this.squares = new Float64Array(cols);
    this.sample = new Float64Array(this.capacity * cols);
    this.sampleWeights = new Float64Array(this.capacity);
    this.mergedWeight = new Float64Array(cols);
  }

  /** Merges a chunk's column means and squares, of `weight[j]` in column j, into the running ones. */
  private merge(mean: Float64Array, squares: Float64Array, weight: Float64Array): void {
    for (let j = 0; j < this.cols; j++) {
      const w = weight[j] as number;
      if (!(w > 0)) continue;
      const before = this.mergedWeight[j] as number;
      const after = before + w;
      const delta = (mean[j] as number) - (this.mean[j] as number);
      this.mean[j] = (this.mean[j] as number) + (delta * w) / after;
      this.squares[j] =
        (this.squares[j] as number) + (squares[j] as number) + (delta * delta * before * w) / after;
      this.mergedWeight[j] = after;
    }
  }

  /** Algorithm R: the n-th row of positive weight replaces a random one of the reservoir with probability capacity/n. */
  private offer(data: MatrixValues, i: number, cols: number, w: number): void {
    this.positiveRows++;
    let slot = this.sampleRows;
    if (this.sampleRows < this.capacity) this.sampleRows++;
    else {
      slot = this.random.integer(this.positiveRows);
      if (slot >= this.capacity) return;
    }
    this.sample.set(data.subarray(i * cols, (i + 1) * cols), slot * cols);
    this.sampleWeights[slot] = w;
  }
}
