import type { DenseMatrix } from '../internal-types';
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
 * @throws RangeError naming the size needed and how many rows of this width would fit.
 */
export function checkCapacity(rows: number, cols: number, weighted: boolean): void {
  const bytesPerRow = 8 * (cols + (weighted ? 1 : 0));
  if (rows * bytesPerRow > MAX_WASM_BYTES) {
    throw new RangeError(
      `${rows} rows × ${cols} columns need ${((rows * bytesPerRow) / 1024 ** 3).toFixed(2)} GiB of WebAssembly ` +
        `memory, more than wasm32's 4 GiB allows; at ${cols} columns at most ${Math.floor(MAX_WASM_BYTES / bytesPerRow)} rows fit`,
    );
  }
}

export interface DataChunk {
  /** Index of the chunk's first row. */
  readonly start: number;
  readonly rows: number;
  /** rows×d values. */
  readonly x: F64Block;
  /** The rows' sample weights, when the data are weighted. */
  readonly weights: F64Block | undefined;
}

export class WasmData {
  readonly rows: number;
  readonly d: number;
  readonly chunks: readonly DataChunk[];
  /** Σ of the sample weights (the number of rows when unweighted). */
  readonly totalWeight: number;
  private readonly arena: Arena;

  /**
   * @throws RangeError when the rows cannot fit in wasm32's 4 GiB, naming how many would.
   */
  constructor(
    readonly kernels: Kernels,
    data: DenseMatrix,
    sampleWeight?: Float64Array,
  ) {
    const { rows, cols: d } = data;
    checkCapacity(rows, d, sampleWeight !== undefined);
    this.rows = rows;
    this.d = d;
    this.totalWeight = sampleWeight ? sampleWeight.reduce((sum, w) => sum + w, 0) : rows;
    this.arena = new Arena(kernels);
    const chunks: DataChunk[] = [];
    try {
      for (let start = 0; start < rows; start += CHUNK_ROWS) {
        const end = Math.min(rows, start + CHUNK_ROWS);
        const x = this.arena.f64((end - start) * d);
        x.write(data.data.subarray(start * d, end * d));
        let weights: F64Block | undefined;
        if (sampleWeight) {
          weights = this.arena.f64(end - start);
          weights.write(sampleWeight.subarray(start, end));
        }
        chunks.push({ start, rows: end - start, x, weights });
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
