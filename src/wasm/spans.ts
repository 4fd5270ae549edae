/**
 * How many rows one kernel call takes. A chunk of CHUNK_ROWS rows is one call while that is a few
 * milliseconds of work; for wide data or many components a chunk is walked in spans, so that no
 * call blocks the thread for long and a fit can yield (and be aborted) between them. The span
 * depends on the shape only (D, K, covariance type), never on timing, so every run makes the same
 * calls and gets the same bits.
 */
import type { CovarianceModel } from '../covariance/model';
import { CHUNK_ROWS, type DataChunk } from './data';

/**
 * Work units (about one multiply-add) per kernel call: a few milliseconds at the ~5 × 10⁹ units a
 * second measured for the E-step kernels on one core.
 */
const UNITS_PER_CALL = 16e6;
/** Spans are whole panels of the kernels (128 rows) when they can be, else whole SIMD blocks (8). */
const PANEL_ROWS = 128;
const BLOCK_ROWS = 8;
/** The f32 kernels' block (assembly/f32/scratch.ts): a span of float32 rows is whole blocks of 16. */
const BLOCK_ROWS_F32 = 16;

/**
 * Rows per call for K components of a covariance model on D features; `valueBytes` 4 for float32
 * rows, whose kernels do a unit of work in about half the time (so twice the rows a call) and
 * leave fewer rows to their scalar tail when a span is whole blocks of 16.
 */
export function spanRows(model: CovarianceModel, d: number, k: number, valueBytes: 4 | 8 = 8): number {
  // A component's covariance costs a row about as much as its compact size (D² full and tied, D
  // diag), and never less than the D differences from its mean; the statistics read it again.
  const perRow = 2 * k * Math.max(d, model.compactLength(d, 1)) + 4 * k;
  const rows = Math.floor(((valueBytes === 4 ? 2 : 1) * UNITS_PER_CALL) / perRow);
  const block = valueBytes === 4 ? BLOCK_ROWS_F32 : BLOCK_ROWS;
  if (rows >= CHUNK_ROWS) return CHUNK_ROWS;
  if (rows >= PANEL_ROWS) return rows - (rows % PANEL_ROWS);
  return Math.max(block, rows - (rows % block));
}

/** A run of rows inside one chunk: `offset` rows from the chunk's start. */
export interface Span {
  /** The chunk the span lies in. */
  readonly chunk: DataChunk;
  /** Rows from the chunk's first row to the span's. */
  readonly offset: number;
  /** Rows in the span: at most what one kernel call should take (see `spanRows`). */
  readonly rows: number;
  /** Byte address of the span's first row, and of its first weight (0 when unweighted). */
  readonly x: number;
  /** See `x`. */
  readonly weights: number;
}

/** The chunks cut into spans of at most `rows` rows, in row order. */
export function* spans(chunks: readonly DataChunk[], rows: number, d: number): Generator<Span> {
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.rows; offset += rows) {
      yield {
        chunk,
        offset,
        rows: Math.min(rows, chunk.rows - offset),
        x: chunk.x.ptr + offset * d * chunk.valueBytes,
        weights: chunk.weights ? chunk.weights.ptr + offset * 8 : 0,
      };
    }
  }
}
