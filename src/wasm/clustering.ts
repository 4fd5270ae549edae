/**
 * wasm buffers for k-means over a data set: each row's label and squared distance to its nearest
 * centre so far, and the centroid sums. The algorithm itself lives in `../kmeans.ts`.
 */

import type { Steps } from '../yield';
import { CHUNK_ROWS, type WasmData } from './data';
import { workLength } from './kernels';
import { Arena, type F64Block } from './memory';

/**
 * The wasm buffers of k-means over a data set's rows (labels, nearest squared distances, centroid sums) and
 * the kernel passes over them; `dispose` frees them.
 */
export class Clustering {
  private readonly arena: Arena;
  private readonly labelBlocks: F64Block[] = [];
  private readonly distanceBlocks: F64Block[] = [];
  private readonly center: F64Block;
  private readonly centers: F64Block;
  private readonly sums: F64Block;
  private readonly counts: F64Block;
  private readonly work: F64Block;
  /** Weight 1 for every row of an unweighted data set. */
  private readonly ones: F64Block;

  constructor(
    private readonly data: WasmData,
    readonly k: number,
  ) {
    this.arena = new Arena(data.kernels);
    try {
      for (const chunk of data.chunks) {
        this.labelBlocks.push(this.arena.f64(chunk.rows));
        this.distanceBlocks.push(this.arena.f64(chunk.rows));
      }
      this.center = this.arena.f64(data.d);
      this.centers = this.arena.f64(k * data.d);
      this.sums = this.arena.f64(k * data.d);
      this.counts = this.arena.f64(k);
      this.work = this.arena.f64(workLength(data.kernels, data.d, false));
      this.ones = this.arena.f64(Math.min(CHUNK_ROWS, data.rows));
      this.ones.view().fill(1);
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
  }

  /** Forgets every assignment: all rows infinitely far from any centre. */
  reset(): void {
    for (const block of this.distanceBlocks) block.view().fill(Infinity);
    for (const block of this.labelBlocks) block.view().fill(0);
  }

  /**
   * Moves each row to `label` where `center` is strictly nearer than its current centre, yielding
   * after each chunk (see ../yield.ts).
   */
  *assignNearerSteps(center: Float64Array, label: number): Steps<void> {
    this.center.write(center);
    const { kernels, d } = this.data;
    for (const [index, chunk] of this.data.chunks.entries()) {
      kernels.assignNearer(
        chunk.x.ptr,
        this.center.ptr,
        (this.labelBlocks[index] as F64Block).ptr,
        (this.distanceBlocks[index] as F64Block).ptr,
        this.work.ptr,
        chunk.rows,
        d,
        label,
      );
      yield;
    }
  }

  /**
   * Assigns every row to its nearest of the k centres (k×d), ties to the lowest label: the same
   * labels and distances as `reset()` then `assignNearer` for each centre in order, in one
   * pass over the rows.
   * Returns how many rows changed label; yields after each chunk.
   */
  *assignNearestSteps(centers: Float64Array): Steps<number> {
    this.centers.write(centers);
    const { kernels, d } = this.data;
    let changed = 0;
    for (const [index, chunk] of this.data.chunks.entries()) {
      changed += kernels.assignNearest(
        chunk.x.ptr,
        this.centers.ptr,
        (this.labelBlocks[index] as F64Block).ptr,
        (this.distanceBlocks[index] as F64Block).ptr,
        this.work.ptr,
        chunk.rows,
        d,
        this.k,
      );
      yield;
    }
    return changed;
  }

  /** Each row's squared distance to its nearest centre, copied out (into `out` when given: N doubles). */
  distances(out?: Float64Array): Float64Array {
    return this.gather(this.distanceBlocks, out);
  }

  /** Each row's label, copied out. */
  labels(): Int32Array {
    return Int32Array.from(this.gather(this.labelBlocks));
  }

  /** Weighted sums of the rows of each cluster (k×d) and the clusters' total weights (k), yielding after each chunk. */
  *centroidSumsSteps(): Steps<{ sums: Float64Array; counts: Float64Array }> {
    this.sums.view().fill(0);
    this.counts.view().fill(0);
    const { kernels, d } = this.data;
    for (const [index, chunk] of this.data.chunks.entries()) {
      kernels.accumulateCentroids(
        chunk.x.ptr,
        (this.labelBlocks[index] as F64Block).ptr,
        (chunk.weights ?? this.ones).ptr,
        this.sums.ptr,
        this.counts.ptr,
        chunk.rows,
        d,
      );
      yield;
    }
    return { sums: this.sums.read(), counts: this.counts.read() };
  }

  /** Frees the buffers; the object cannot be used after. */
  dispose(): void {
    this.arena.dispose();
  }

  private gather(blocks: F64Block[], out: Float64Array = new Float64Array(this.data.rows)): Float64Array {
    this.data.chunks.forEach((chunk, index) => {
      out.set((blocks[index] as F64Block).view(), chunk.start);
    });
    return out;
  }
}
