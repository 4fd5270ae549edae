/**
 * The bridge to the equal-orientation M-step's inner loop (`commonOrientation` in
 * assembly/orientation.ts): copies the scatter matrices and the loop's state into this thread's
 * module (or a given one), runs it, and copies the state back.
 */
import type { Kernels } from './kernels';
import { Arena, type F64Block } from './memory';
import { threadKernels } from './thread-kernels';

/** The MM loop's inputs and the state it starts from (shapes and axes are updated in place). */
export interface OrientationLoop {
  /** K×D×D scatter matrices Wₖ, symmetric bit for bit. */
  readonly w: Float64Array;
  /** K counts Nₖ. */
  readonly nk: Float64Array;
  /** K×D shape diagonals Aₖ: the start, then the result. */
  readonly shape: Float64Array;
  /** D×D axes Dᵀ (row j the j-th axis): the start, then the result. */
  readonly axes: Float64Array;
  /** K volumes λₖ: written when an iteration has run, else left as given. */
  readonly scale: Float64Array;
  /** Σₖ Nₖ. */
  readonly n: number;
  /** D: features. */
  readonly d: number;
  /** K: components. */
  readonly k: number;
  /** VVE (volumes of their own) rather than EVE (one volume). */
  readonly volumes: boolean;
  /** mclust's inner tolerance on the objective's relative change (negative: run every iteration). */
  readonly innerTol: number;
  /** Inner iterations at most. */
  readonly innerMaxIter: number;
}

/**
 * Runs the MM loop in wasm, updating `loop.shape`, `loop.axes` and `loop.scale`.
 * @param kernels - the module to run it in: this thread's, or a given build's (the kernel tests).
 * @returns the iterations run and the majorising constants ωₖ (each Wₖ's largest eigenvalue) it
 *   computed and ran with.
 */
export function runCommonOrientation(
  loop: OrientationLoop,
  kernels: Kernels = threadKernels(),
): { iterations: number; omega: Float64Array } {
  const { w, nk, shape, axes, scale, d, k } = loop;
  const arena = new Arena(kernels);
  try {
    // Every block first (an allocation may grow memory and detach views), then the copies in.
    const [wIn, nkIn, shapeIn, axesIn, scaleIn] = [w, nk, shape, axes, scale].map((values) =>
      arena.f64(values.length),
    ) as [F64Block, F64Block, F64Block, F64Block, F64Block];
    // The majorising constants, which the kernel computes first.
    const omega = arena.f64(k);
    const scratch = arena.f64(kernels.orientationScratchLength(d));
    wIn.write(w);
    nkIn.write(nk);
    shapeIn.write(shape);
    axesIn.write(axes);
    scaleIn.write(scale);
    const iterations = kernels.commonOrientation(
      wIn.ptr,
      nkIn.ptr,
      omega.ptr,
      shapeIn.ptr,
      axesIn.ptr,
      scaleIn.ptr,
      scratch.ptr,
      loop.n,
      d,
      k,
      loop.volumes ? 1 : 0,
      loop.innerTol,
      // An i32 in wasm: past 2³¹ − 1 iterations is as good as unbounded.
      Math.min(loop.innerMaxIter, 2 ** 31 - 1),
    );
    shape.set(shapeIn.view());
    axes.set(axesIn.view());
    scale.set(scaleIn.view());
    return { iterations, omega: omega.read() };
  } finally {
    arena.dispose();
  }
}
