import type { ChunkVisitor } from './wasm/workspace';

/** Runs a visitor over every chunk of rows a model evaluates (the model's own E-step walk). */
export type ChunkWalk = (visit: ChunkVisitor) => void;

/**
 * The most responsible component of each of `rows` rows, read off the responsibilities chunk by
 * chunk (ties go to the lower index, as an argmax does).
 */
export function argmaxLabels(rows: number, k: number, walk: ChunkWalk): Int32Array {
  const labels = new Int32Array(rows);
  walk((start, count, _logNorm, resp) => {
    for (let i = 0; i < count; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if ((resp[i * k + c] as number) > (resp[i * k + best] as number)) best = c;
      labels[start + i] = best;
    }
  });
  return labels;
}

/** The responsibilities of each of `rows` rows as views of one K-wide row-major block. */
export function responsibilityRows(rows: number, k: number, walk: ChunkWalk): Float64Array[] {
  const all = new Float64Array(rows * k);
  walk((start, _count, _logNorm, resp) => all.set(resp, start * k));
  return Array.from({ length: rows }, (_, i) => all.subarray(i * k, (i + 1) * k));
}
