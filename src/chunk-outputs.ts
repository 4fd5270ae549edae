import { type ChunkVisitor, ROWS_PER_STEP } from './engine/prediction';
import type { Steps } from './yield';

/**
 * Runs a visitor over every chunk of rows a model evaluates (the model's own E-step walk), in steps
 * (one kernel call each), so that the same walk serves `predict` (run to the end) and
 * `predictAsync` (paced, see ./yield.ts).
 */
export type ChunkWalk = (visit: ChunkVisitor) => Steps<void>;

/**
 * The most responsible component of each of `rows` rows, read off the responsibilities chunk by
 * chunk (ties go to the lower index, as an argmax does).
 */
export function* argmaxLabels(rows: number, k: number, walk: ChunkWalk): Steps<Int32Array> {
  const labels = new Int32Array(rows);
  yield* walk((start, count, _logNorm, resp) => {
    for (let i = 0; i < count; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if ((resp[i * k + c] as number) > (resp[i * k + best] as number)) best = c;
      labels[start + i] = best;
    }
  });
  return labels;
}

/** The responsibilities of each of `rows` rows as views of one K-wide row-major block. */
export function* responsibilityRows(rows: number, k: number, walk: ChunkWalk): Steps<Float64Array[]> {
  const all = new Float64Array(rows * k);
  yield* walk((start, _count, _logNorm, resp) => all.set(resp, start * k));
  const views: Float64Array[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    views[i] = all.subarray(i * k, (i + 1) * k);
    // A view costs about as much as a row of a kernel call: a pause every chunk's worth of them.
    if ((i + 1) % ROWS_PER_STEP === 0) yield;
  }
  return views;
}
