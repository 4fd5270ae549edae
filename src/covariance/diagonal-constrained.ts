/**
 * The axis-aligned models with a constraint across components, stored as K×D variances:
 * EEI (Σₖ = λ·A), EVI (Σₖ = λ·Aₖ) and VEI (Σₖ = λₖ·A), mclust's `mseei`, `msevi`, `msvei`.
 * Their M-steps read Wₖ's diagonal only.
 */
import { constrainedModel } from './constrained';
import { diag } from './diagonal';
import { geometricMean } from './matrix';
import { volumeShape } from './volume-shape';

/** λ·A = Σₖ diag(Wₖ) / N, the same for every component. */
export const EEI = constrainedModel(
  'EEI',
  diag,
  true,
  (d) => d,
  ({ w, n, d, k }) => {
    const pooled = new Float64Array(d);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) pooled[j] = (pooled[j] as number) + (w[c * d + j] as number);
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * d + j] = (pooled[j] as number) / n;
    return out;
  },
);

/** Aₖ = diag(Wₖ) / |diag(Wₖ)|^(1/D), λ = Σₖ |diag(Wₖ)|^(1/D) / N. */
export const EVI = constrainedModel(
  'EVI',
  diag,
  true,
  (d, k) => 1 + k * (d - 1),
  ({ w, n, d, k }) => {
    const volumes = Array.from({ length: k }, (_, c) => geometricMean(w, c * d, d));
    const lambda = volumes.reduce((sum, g) => sum + g, 0) / n;
    return w.map((value, i) => (lambda * value) / (volumes[Math.floor(i / d)] as number));
  },
);

/** λₖ and one A by mclust's alternating loop from A = I. */
export const VEI = constrainedModel(
  'VEI',
  diag,
  true,
  (d, k) => k + (d - 1),
  ({ w, nk, d, k }, control) => {
    const start = control.carry?.VEI ?? new Float64Array(d).fill(1);
    const { scale, shape } = volumeShape(
      w,
      nk.map((count) => d * count),
      start,
      d,
      control,
    );
    if (control.carry) control.carry.VEI = shape;
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) out[c * d + j] = (scale[c] as number) * (shape[j] as number);
    return out;
  },
);
