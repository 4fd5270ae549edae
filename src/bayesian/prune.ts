/**
 * Dropping components from variational parameters (for `prune: true`): the kept components keep
 * their posteriors, in their order; the Dirichlet process's sticks are re-cut at the next M-step.
 */
import type { SklearnCovarianceType as CovarianceType } from '../types';
import type { Dimensions, VariationalParameters } from './parameters';

/** The parameters of the components at `keep` (ascending indices), in the same order. */
export function restrictComponents(
  params: VariationalParameters,
  keep: readonly number[],
  dims: Dimensions,
): VariationalParameters {
  const { d } = dims;
  const pick = (values: Float64Array, width: number) => {
    const out = new Float64Array(keep.length * width);
    keep.forEach((c, at) => {
      out.set(values.subarray(c * width, (c + 1) * width), at * width);
    });
    return out;
  };
  const width: Record<CovarianceType, number> = { full: d * d, tied: 0, diag: d, spherical: 1 };
  return {
    weightConcentration: params.weightConcentration.map((values) => pick(values, 1)),
    meanPrecision: pick(params.meanPrecision, 1),
    means: pick(params.means, d),
    degreesOfFreedom: pick(params.degreesOfFreedom, 1),
    covariances:
      dims.covariance === 'tied'
        ? params.covariances.slice()
        : pick(params.covariances, width[dims.covariance]),
  };
}
