/** EII: one variance for every component and feature, Σₖ = λ·I (mclust's `mseii`). */
import { constrainedModel } from './constrained';
import { spherical } from './diagonal';

/** λ = Σₖ tr(Wₖ) / (N·D), stored as K equal spherical variances. */
export const EII = constrainedModel(
  'EII',
  spherical,
  true,
  () => 1,
  ({ w, n, d, k }) => {
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += w[i] as number;
    return new Float64Array(k).fill(sum / (n * d));
  },
);
