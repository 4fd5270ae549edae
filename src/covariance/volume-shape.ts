/**
 * The alternating loop of VEI and VEV (Celeux & Govaert 1995, as mclust's `msvei`/`msvev`): given
 * each component's scatter eigenvalues ωₖ (VEI: Wₖ's diagonal; VEV: Wₖ's eigenvalues in decreasing
 * order, the orientation being Wₖ's eigenvectors), find the volumes λₖ and the one shape A
 * (|A| = 1) that maximise the likelihood:
 *   λₖ = Σⱼ ωₖⱼ/Aⱼ / (D·Nₖ),   A ∝ Σₖ ωₖ/λₖ, scaled to |A| = 1,
 * (under the conjugate prior VEI's divisor also counts the prior's degrees of freedom: ./prior-step.ts)
 * until the largest relative change of λ and A is ≤ `innerTol`, or `innerMaxIter` passes.
 */
import { relativeChange } from './constrained';
import { geometricMean } from './matrix';
import type { MStepControl } from './model';

/** The fixed point of the alternating loop: the volumes and the one shape. */
export interface VolumeShape {
  /** K volumes λₖ. */
  readonly scale: Float64Array;
  /** D shape values, geometric mean 1. */
  readonly shape: Float64Array;
}

/**
 * @param omega - K×D scatter eigenvalues.
 * @param divisors - K divisors of λₖ's sum: D·Nₖ.
 * @param shape - the start of A (mclust: ones for VEI, Σₖ ωₖ normalised for VEV); updated in place.
 */
export function volumeShape(
  omega: Float64Array,
  divisors: Float64Array,
  shape: Float64Array,
  d: number,
  control: MStepControl,
): VolumeShape {
  const k = divisors.length;
  const scale = new Float64Array(k).fill(1);
  const previous = new Float64Array(k + d);
  const current = new Float64Array(k + d);
  for (let inner = 0; inner < control.innerMaxIter; inner++) {
    previous.set(scale, 0);
    previous.set(shape, k);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (omega[c * d + j] as number) / (shape[j] as number);
      scale[c] = sum / (divisors[c] as number);
    }
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += (omega[c * d + j] as number) / (scale[c] as number);
      shape[j] = sum;
    }
    const volume = geometricMean(shape);
    for (let j = 0; j < d; j++) shape[j] = (shape[j] as number) / volume;
    current.set(scale, 0);
    current.set(shape, k);
    if (!(relativeChange(previous, current) > control.innerTol)) break;
  }
  return { scale, shape };
}
