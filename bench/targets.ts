/**
 * The speed targets of the second round, each printed beside the ratio it concerns with whether this
 * run met it. A target is a lower bound on a ratio (or a rate); shapes without one show the ratio alone.
 */

import type { Shape } from './grid';

/** Per EM iteration, sklearn's ms ÷ gmm-wasm's, by covariance type and D; undefined: no target. */
export function sklearnTarget(shape: Shape): number | undefined {
  const { covariance, cols } = shape;
  if (covariance === 'full') {
    if (cols <= 8) return 5;
    if (cols === 32) return 2.5;
    if (cols === 64) return 1.5;
    return undefined;
  }
  if (covariance === 'diag' || covariance === 'spherical') {
    if (cols === 8) return 5;
    if (cols === 32) return 3;
    return undefined;
  }
  return cols === 32 ? 2 : undefined;
}

/** GFLOP/s of gmm-wasm in float64, full covariance at D ≥ 32. */
export function gflopsTarget(shape: Shape): number | undefined {
  return shape.covariance === 'full' && shape.cols >= 32 ? 18 : undefined;
}

/** float64 ms ÷ float32 ms at D ≥ 32. */
export function float32Target(shape: Shape): number | undefined {
  return shape.cols >= 32 ? 1.6 : undefined;
}

/** Whole workflows: the other's wall time ÷ gmm-wasm's. */
export const WORKFLOW_TARGETS = {
  /** `fit` with a k-means start and 5 restarts against scikit-learn's `GaussianMixture(n_init=5)`. */
  fitVsSklearn: 5,
  /** `selectModel` over K = 1…9 × four types against mclust's `Mclust()` over the same grid. */
  selectVsMclust: 10,
  /** The same `selectModel` against a scikit-learn loop over the grid. */
  selectVsSklearn: 5,
} as const;

/**
 * `6.4× ✓ ≥ 5` (met), `4.6× ✗ ≥ 5` (missed), or `1.9×` when there is no target; `digits` after the
 * point below 100.
 */
export function ratioCell(ratio: number, target: number | undefined, unit = '×', digits = 1): string {
  const shown = ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(digits);
  if (target === undefined) return `${shown}${unit}`;
  return `${shown}${unit} ${ratio >= target ? '✓' : '✗'} ≥ ${target}`;
}
