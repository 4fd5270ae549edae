import type { DenseMatrix } from '../internal-types';
import type { Precision } from '../types';
import { float32Kernels } from './float32';
import type { Kernels } from './kernels';
import { Arena, type F64Block } from './memory';

/**
 * Rows per kernel call: small enough for V8 to tier up between calls and for a chunk to stay in
 * cache, large enough that call overhead vanishes. A multiple of the kernels' SIMD block of 8.
 */
export const CHUNK_ROWS = 4096;

/** wasm32 addresses 4 GiB; leave room for the module's data, the allocator and per-fit buffers. */
export const MAX_WASM_BYTES = 4 * 1024 ** 3 - 256 * 1024 ** 2;

/**
 * Refuses data that cannot fit in wasm32's 4 GiB, before any of it is read or copied.
 * @param valueBytes - bytes per stored value: 8 for float64 rows, 4 for `precision: 'float32'`
 *   (which therefore holds twice the rows); a sample weight is always a double.
 * @throws RangeError naming the size needed and how many rows of this width would fit.
 */
export function checkCapacity(rows: number, cols: number, weighted: boolean, valueBytes: 4 | 8 = 8): void {
  const bytesPerRow = valueBytes * cols + (weighted ? 8 : 0);
  if (rows * bytesPerRow > MAX_WASM_BYTES) {
    throw new RangeError(
      `${rows} rows × ${cols} columns need ${((rows * bytesPerRow) / 1024 ** 3).toFixed(2)} GiB of WebAssembly ` +
        `memory, more than wasm32's 4 GiB allows; at ${cols} columns at most ${Math.floor(MAX_WASM_BYTES / bytesPerRow)} rows fit`,
    );
  }
}

/** A span of at most `CHUNK_ROWS` rows in one wasm block: what one kernel call reads. */
export interface DataChunk {
  /** Index of the chunk's first row. */
  readonly start: number;
  /** Rows in the chunk, 1 to `CHUNK_ROWS`. */
  readonly rows: number;
  /** rows×d values: doubles, or floats packed two to a double of the block (`valueBytes` 4). */
  readonly x: F64Block;
  /** Bytes per value of `x`: 8 (f64) or 4 (f32, precision `'float32'`). */
  readonly valueBytes: 4 | 8;
  /** The rows' sample weights, when the data are weighted. */
  readonly weights: F64Block | undefined;
}

/**
 * The fit's rows in wasm memory, copied in once (as f64, or as f32 for `precision: 'float32'`) in chunks of
 * `CHUNK_ROWS`, with their weights; `dispose` frees them.
 */
export class WasmData {
  /** The module's kernels; for float32 rows, the view whose row-reading kernels are the f32 ones (./float32.ts). */
  readonly kernels: Kernels;
  /** Rows held (every row of the data, weights of zero included). */
  readonly rows: number;
  /** D: values per row. */
  readonly d: number;
  /** The chunks in row order, covering rows 0 to `rows` − 1. */
  readonly chunks: readonly DataChunk[];
  /** Σ of the sample weights (the number of rows when unweighted). */
  readonly totalWeight: number;
  private readonly arena: Arena;

  /**
   * @param data - the rows, f64 or f32: each chunk is copied straight from them into wasm memory
   *   (f32 rows widened by the f64 view's `set`, f64 rows rounded by the f32 view's), so no
   *   converted copy of the whole data set is made on the JavaScript heap.
   * @param precision - `'float32'`: the rows are stored as f32 (rounded once if they are f64).
   * @throws RangeError when the rows cannot fit in wasm32's 4 GiB, naming how many would.
   */
  constructor(
    kernels: Kernels,
    data: DenseMatrix,
    sampleWeight?: Float64Array,
    readonly precision: Precision = 'float64',
  ) {
    const { rows, cols: d } = data;
    const single = precision === 'float32';
    checkCapacity(rows, d, sampleWeight !== undefined, single ? 4 : 8);
    this.kernels = single ? float32Kernels(kernels) : kernels;
    this.rows = rows;
    this.d = d;
    this.totalWeight = sampleWeight ? sampleWeight.reduce((sum, w) => sum + w, 0) : rows;
    this.arena = new Arena(kernels);
    const chunks: DataChunk[] = [];
    try {
      for (let start = 0; start < rows; start += CHUNK_ROWS) {
        const end = Math.min(rows, start + CHUNK_ROWS);
        const values = data.data.subarray(start * d, end * d);
        const x = this.arena.f64(single ? Math.ceil(values.length / 2) : values.length);
        if (single) new Float32Array(kernels.memory.buffer, x.ptr, values.length).set(values);
        else x.write(values);
        let weights: F64Block | undefined;
        if (sampleWeight) {
          weights = this.arena.f64(end - start);
          weights.write(sampleWeight.subarray(start, end));
        }
        chunks.push({ start, rows: end - start, x, valueBytes: single ? 4 : 8, weights });
      }
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
    this.chunks = chunks;
  }

  /** Frees the rows; no computation may use them afterwards. */
  dispose(): void {
    this.arena.dispose();
  }
}
