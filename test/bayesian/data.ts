/** Seeded data sets for the Bayesian mixture's tests. */
import { mulberry32, standardNormal } from '../random';

/** Gaussian blobs: `perCluster` rows around each centre, each coordinate with its own spread. */
export function blobs(
  seed: number,
  centres: readonly (readonly number[])[],
  perCluster: number,
  spread = 1,
): {
  X: number[][];
  labels: number[];
} {
  const random = mulberry32(seed);
  const X: number[][] = [];
  const labels: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perCluster; i++) {
      X.push(centre.map((value, j) => value + spread * (1 + 0.3 * j) * standardNormal(random)));
      labels.push(c);
    }
  });
  return { X, labels };
}

/** Three well-separated groups in 2-D (scikit-learn's RandomData, in spirit). */
export const THREE_GROUPS = blobs(
  7,
  [
    [0, 0],
    [12, 2],
    [3, 14],
  ],
  40,
);

/** Uniform responsibilities drawn from a seed, rows normalised: a start both libraries can share. */
export function randomResponsibilities(seed: number, rows: number, k: number): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: rows }, () => {
    const row = Array.from({ length: k }, () => random());
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((value) => value / sum);
  });
}
