/**
 * All wasm memory of one computation over one data set: the rows (copied in once), the current
 * parameters in the kernels' form, the per-chunk buffers and the statistics. Laid out once for
 * (rows, d, k); every E-step walks the rows chunk by chunk in place.
 */
import type { SufficientStatistics } from '../statistics';
import type { DenseMatrix, MixtureParameters } from '../types';
import { type Kernels, workLength } from './kernels';
import { Arena, type F64Block } from './memory';

/**
 * Rows per kernel call: small enough for V8 to tier up between calls and for the chunk to stay in
 * cache, large enough that call overhead vanishes. A multiple of the kernels' SIMD block of 8.
 */
export const CHUNK_ROWS = 4096;

/** wasm32 addresses 4 GiB; leave room for the module's own data and the allocator. */
const MAX_BYTES = 4 * 1024 ** 3 - 64 * 1024 ** 2;

/** Visits the chunk [start, start + rows): log p(x) per row and the responsibilities (rows×K). */
export type ChunkVisitor = (start: number, rows: number, logNorm: Float64Array, resp: Float64Array) => void;

export class Workspace {
  readonly rows: number;
  readonly d: number;
  readonly k: number;
  private readonly arena: Arena;
  /** The rows in chunks of CHUNK_ROWS, one block each (the allocator's blocks stop short of 1 GiB). */
  private readonly chunks: F64Block[];
  private readonly logWeights: F64Block;
  private readonly means: F64Block;
  private readonly covariances: F64Block;
  private readonly precChol: F64Block;
  private readonly logDet: F64Block;
  private readonly logProb: F64Block;
  private readonly logNorm: F64Block;
  private readonly nk: F64Block;
  private readonly first: F64Block;
  private readonly scatter: F64Block;
  private readonly work: F64Block;

  /**
   * Copies the rows of `data` into wasm memory.
   * @throws RangeError when the data and buffers cannot fit in wasm32's 4 GiB.
   */
  constructor(
    private readonly kernels: Kernels,
    data: DenseMatrix,
    k: number,
  ) {
    const { rows, cols: d } = data;
    const chunk = Math.min(rows, CHUNK_ROWS);
    const lengths = [
      rows * d,
      k,
      k * d,
      k * d * d,
      k * d * d,
      k,
      chunk * k,
      chunk,
      k,
      k * d,
      k * d * d,
      workLength(d),
    ];
    const bytes = lengths.reduce((sum, length) => sum + 8 * length, 8 * rows * d);
    if (bytes > MAX_BYTES) {
      const maxRows = Math.floor((MAX_BYTES - (bytes - rows * d * 8)) / (d * 8));
      throw new RangeError(
        `${rows} rows × ${d} columns need ${(bytes / 1024 ** 3).toFixed(2)} GiB of WebAssembly memory, ` +
          `more than wasm32's 4 GiB; at ${d} columns at most about ${maxRows} rows fit`,
      );
    }
    this.rows = rows;
    this.d = d;
    this.k = k;
    this.arena = new Arena(kernels);
    try {
      const [
        x,
        logWeights,
        means,
        covariances,
        precChol,
        logDet,
        logProb,
        logNorm,
        nk,
        first,
        scatter,
        work,
      ] = lengths.map((length) => this.arena.f64(length)) as [F64Block, ...F64Block[]] as F64Block[];
      this.logWeights = logWeights as F64Block;
      this.means = means as F64Block;
      this.covariances = covariances as F64Block;
      this.precChol = precChol as F64Block;
      this.logDet = logDet as F64Block;
      this.logProb = logProb as F64Block;
      this.logNorm = logNorm as F64Block;
      this.nk = nk as F64Block;
      this.first = first as F64Block;
      this.scatter = scatter as F64Block;
      this.work = work as F64Block;
      this.chunks = [];
      for (let start = 0; start < rows; start += CHUNK_ROWS) {
        const end = Math.min(rows, start + CHUNK_ROWS);
        const block = this.arena.f64((end - start) * d);
        block.write(data.data.subarray(start * d, end * d));
        this.chunks.push(block);
      }
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
  }

  /**
   * Loads parameters and factorises their covariances.
   * @returns −1 when every covariance is positive definite, else the index of the first that is not.
   */
  setParameters(params: MixtureParameters): number {
    const logWeights = this.logWeights.view();
    for (let c = 0; c < this.k; c++) logWeights[c] = Math.log(params.weights[c] as number);
    this.means.write(params.means);
    this.covariances.write(params.covariances);
    const { d, k } = this;
    const status = this.kernels.choleskyPrecisionFull(
      this.covariances.ptr,
      this.precChol.ptr,
      this.logDet.ptr,
      this.work.ptr,
      d,
      k,
    );
    return status - 1;
  }

  /** The E-step over every row, chunk by chunk, summed into statistics centred on the current means. */
  eStep(): SufficientStatistics {
    this.nk.view().fill(0);
    this.first.view().fill(0);
    this.scatter.view().fill(0);
    const { kernels, d, k } = this;
    let logLikelihood = 0;
    for (let start = 0; start < this.rows; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, this.rows - start);
      const xPtr = this.chunkPointer(start);
      logLikelihood += this.responsibilities(xPtr, rows);
      kernels.accumulateFull(
        xPtr,
        this.logProb.ptr,
        this.means.ptr,
        this.nk.ptr,
        this.first.ptr,
        this.scatter.ptr,
        this.work.ptr,
        rows,
        d,
        k,
      );
    }
    return {
      rows: this.rows,
      logLikelihood,
      nk: this.nk.read(),
      first: this.first.read(),
      scatter: this.scatter.read(),
      centers: this.means.read(),
    };
  }

  /** Σᵢ log p(xᵢ) under the current parameters, without statistics. */
  logLikelihood(): number {
    let total = 0;
    for (let start = 0; start < this.rows; start += CHUNK_ROWS) {
      total += this.responsibilities(this.chunkPointer(start), Math.min(CHUNK_ROWS, this.rows - start));
    }
    return total;
  }

  /** Calls `visit` for every chunk with views valid only during the call. */
  forEachChunk(visit: ChunkVisitor): void {
    for (let start = 0; start < this.rows; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, this.rows - start);
      this.responsibilities(this.chunkPointer(start), rows);
      visit(
        start,
        rows,
        this.logNorm.view().subarray(0, rows),
        this.logProb.view().subarray(0, rows * this.k),
      );
    }
  }

  /** Frees every buffer; the workspace must not be used afterwards. */
  dispose(): void {
    this.arena.dispose();
  }

  private chunkPointer(start: number): number {
    return (this.chunks[start / CHUNK_ROWS] as F64Block).ptr;
  }

  /** Log-densities then responsibilities of one chunk, left in `logProb`; returns Σ log p(x). */
  private responsibilities(xPtr: number, rows: number): number {
    const { kernels, d, k } = this;
    kernels.logDensityFull(
      xPtr,
      this.means.ptr,
      this.precChol.ptr,
      this.logDet.ptr,
      this.logWeights.ptr,
      this.logProb.ptr,
      this.work.ptr,
      rows,
      d,
      k,
    );
    return kernels.normalizeLogProb(this.logProb.ptr, this.logNorm.ptr, rows, k);
  }
}
