/**
 * The models whose orientation varies by component, stored as K full matrices: EEV
 * (Σₖ = λ·Dₖ·A·Dₖᵀ), VEV (λₖ·Dₖ·A·Dₖᵀ) and EVV (λ·Dₖ·Aₖ·Dₖᵀ), mclust's `mseev`, `msvev`, `msevv`.
 * Dₖ is Wₖ's eigenvectors, and the eigenvalues ωₖ (decreasing, as LAPACK's SVD orders them) are
 * paired across components by rank.
 */

import type { SymmetricEigen as Eigen } from '../eigen';
import { symmetricEigens } from '../wasm/eigen';
import { constrainedModel, type Scatter } from './constrained';
import { exp } from './exp';
import { full } from './full';
import { compose, geometricMean, logDeterminant } from './matrix';
import { volumeShape } from './volume-shape';

const orientationParameters = (d: number) => (d * (d - 1)) / 2;

/** Each Wₖ's eigen-decomposition, by src/eigen.ts's Jacobi rotations run in wasm (the same bits). */
function eigenOfScatter({ w, d, k }: Scatter): Eigen[] {
  return symmetricEigens(w, d, k);
}

/** λ·A = Σₖ ωₖ / N; Σₖ = Dₖ·(λA)·Dₖᵀ. */
export const EEV = constrainedModel(
  'EEV',
  full,
  false,
  (d, k) => 1 + (d - 1) + k * orientationParameters(d),
  (scatter) => {
    const { n, d, k } = scatter;
    const eigen = eigenOfScatter(scatter);
    const pooled = new Float64Array(d);
    for (const { values } of eigen)
      for (let j = 0; j < d; j++) pooled[j] = (pooled[j] as number) + (values[j] as number);
    const out = new Float64Array(k * d * d);
    eigen.forEach(({ vectors }, c) => {
      compose(vectors, pooled, 1 / n, d, out, c * d * d);
    });
    return out;
  },
);

/** λₖ and one A by mclust's alternating loop, from A = Σₖ ωₖ scaled to |A| = 1. */
export const VEV = constrainedModel(
  'VEV',
  full,
  false,
  (d, k) => k + (d - 1) + k * orientationParameters(d),
  (scatter, control) => {
    const { nk, d, k } = scatter;
    const eigen = eigenOfScatter(scatter);
    const omega = new Float64Array(k * d);
    const start = new Float64Array(d);
    eigen.forEach(({ values }, c) => {
      omega.set(values, c * d);
      for (let j = 0; j < d; j++) start[j] = (start[j] as number) + (values[j] as number);
    });
    const volume = geometricMean(start);
    for (let j = 0; j < d; j++) start[j] = (start[j] as number) / volume;
    const { scale, shape } = volumeShape(
      omega,
      nk.map((count) => d * count),
      control.carry?.VEV ?? start,
      d,
      control,
    );
    if (control.carry) control.carry.VEV = shape;
    const out = new Float64Array(k * d * d);
    eigen.forEach(({ vectors }, c) => {
      compose(vectors, shape, scale[c] as number, d, out, c * d * d);
    });
    return out;
  },
);

/** Σₖ = λ·Wₖ/|Wₖ|^(1/D), λ = Σₖ |Wₖ|^(1/D) / N. */
export const EVV = constrainedModel(
  'EVV',
  full,
  false,
  (d, k) => 1 - k + (k * d * (d + 1)) / 2,
  ({ w, n, d, k }) => {
    const volumes = Array.from({ length: k }, (_, c) => exp(logDeterminant(w, d, c * d * d) / d));
    const lambda = volumes.reduce((sum, g) => sum + g, 0) / n;
    return w.map((value, i) => (lambda * value) / (volumes[Math.floor(i / (d * d))] as number));
  },
);
