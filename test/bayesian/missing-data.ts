/**
 * Data with holes for the variational fit with missing values: three correlated clusters in 4-D
 * (correlation makes the regression of missing on observed coordinates matter) and the masks the
 * tests put on them.
 */
import { blobs, mulberry32 } from '../helpers';

const CENTERS = [
  [0, 0, 0, 0],
  [6, 1, 2, -1],
  [1, 7, -3, 2],
];

export function correlated(seed: number, perCluster = 50): number[][] {
  const { X } = blobs(seed, CENTERS, perCluster, 1.2);
  return X.map(([a = 0, b = 0, c = 0, d = 0]) => [a, b + 0.6 * a, c - 0.5 * b, d + 0.4 * a + 0.3 * c]);
}

/** Each entry missing with probability p, independently (missing completely at random). */
export function mcar(X: number[][], p: number, seed: number): number[][] {
  const random = mulberry32(seed);
  return X.map((row) => row.map((v) => (random() < p ? Number.NaN : v)));
}

/** Columns 2 and 3 go missing more often where column 0 (always observed) is large: missing at random. */
export function mar(X: number[][], seed: number): number[][] {
  const random = mulberry32(seed);
  return X.map((row) =>
    row.map((v, j) => (j >= 2 && random() < ((row[0] as number) > 2 ? 0.6 : 0.1) ? Number.NaN : v)),
  );
}

/** MCAR holes, three rows with nothing observed, and column 3 missing in 85 % of rows. */
export function harsh(X: number[][], seed: number): number[][] {
  const random = mulberry32(seed);
  const holes = mcar(X, 0.1, seed + 1).map((row) =>
    row.map((v, j) => (j === 3 && random() < 0.85 ? Number.NaN : v)),
  );
  for (const i of [4, 70, 120]) holes[i] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  return holes;
}

export const MASKS: [string, (X: number[][]) => number[][]][] = [
  ['MCAR 20 %', (X) => mcar(X, 0.2, 11)],
  ['MAR', (X) => mar(X, 12)],
  ['whole rows missing and a mostly-missing column', (X) => harsh(X, 13)],
];

/** Seeded responsibilities, N×K, rows summing to 1. */
export function randomResponsibilities(rows: number, k: number, seed: number): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: rows }, () => {
    const row = Array.from({ length: k }, () => 0.05 + random());
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
}
