/**
 * The bridge to `symmetricEigens` (assembly/jacobi.ts): the Jacobi eigen-decompositions of K
 * symmetric matrices in this thread's module, ordered as src/eigen.ts orders its own. The rotations
 * are src/eigen.ts's operation for operation, so the results have its bits; with the copies in and
 * out, wasm runs them 1.4× faster (nine 8×8 matrices), which counts for the M-steps of EEV, VEV and
 * EVV (one decomposition per component per M-step).
 */
import { orderedEigen, type SymmetricEigen } from '../eigen';
import type { Kernels } from './kernels';
import { Arena, type F64Block } from './memory';
import { threadKernels } from './thread-kernels';

/**
 * The eigen-decomposition of each of the k symmetric d×d matrices stored one after another in `a`
 * (k×d×d row-major, both triangles read): as `symmetricEigen(a, d, c·d·d)` for each c.
 * @param kernels - the module to run in: this thread's, or a given build's (the kernel tests).
 */
export function symmetricEigens(
  a: Float64Array,
  d: number,
  k: number,
  kernels: Kernels = threadKernels(),
): SymmetricEigen[] {
  const arena = new Arena(kernels);
  try {
    // Every block first (an allocation may grow memory and detach views), then the copy in.
    const [matrices, values, vectors, scratch] = [k * d * d, k * d, k * d * d, d * d].map((length) =>
      arena.f64(length),
    ) as [F64Block, F64Block, F64Block, F64Block];
    matrices.write(a.subarray(0, k * d * d));
    kernels.symmetricEigens(matrices.ptr, values.ptr, vectors.ptr, scratch.ptr, d, k);
    const diagonal = values.read();
    const rotations = vectors.read();
    return Array.from({ length: k }, (_, c) => orderedEigen(diagonal, rotations, d, c * d, c * d * d));
  } finally {
    arena.dispose();
  }
}
