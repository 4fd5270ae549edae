/** Confidence ellipses of a two-dimensional Gaussian, from the eigen-decomposition of its covariance. */

/** Eigenvalues (largest first) and the unit eigenvector of the largest, of a symmetric 2×2 matrix. */
export interface Eigen2 {
  readonly values: [number, number];
  /** Angle of the first eigenvector from the x axis, in radians. */
  readonly angle: number;
}

/** Eigen-decomposition of [[a, b], [b, c]] in closed form. */
export function eigenSymmetric2(a: number, b: number, c: number): Eigen2 {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  // atan2 picks the eigenvector of the larger eigenvalue, also when b = 0 and c > a (angle π/2).
  return { values: [mean + radius, mean - radius], angle: 0.5 * Math.atan2(2 * b, a - c) };
}

/**
 * Points on the ellipse at Mahalanobis distance `scale` around `mean`: (x−μ)ᵀ Σ⁻¹ (x−μ) = scale².
 * Returned in data units, so any (even unequal) axis scaling maps them correctly.
 * @param covariance the 2×2 covariance, as rows.
 */
export function ellipsePoints(
  mean: readonly number[],
  covariance: readonly (readonly number[])[],
  scale: number,
  segments = 96,
): [number, number][] {
  const a = covariance[0]?.[0] ?? 0;
  const b = covariance[0]?.[1] ?? 0;
  const c = covariance[1]?.[1] ?? 0;
  const { values, angle } = eigenSymmetric2(a, b, c);
  const major = scale * Math.sqrt(Math.max(values[0], 0));
  const minor = scale * Math.sqrt(Math.max(values[1], 0));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const mx = mean[0] ?? 0;
  const my = mean[1] ?? 0;
  const points: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const t = (2 * Math.PI * i) / segments;
    const u = major * Math.cos(t);
    const v = minor * Math.sin(t);
    points.push([mx + u * cos - v * sin, my + u * sin + v * cos]);
  }
  return points;
}
