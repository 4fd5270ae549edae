/**
 * Data for the k-means kernel tests: rows placed exactly halfway between two centres, where only
 * the order of the comparisons decides the label.
 */
import { at, mulberry32, normal, pointsNear, seedOf } from './harness';

/** Rows placed exactly halfway between centres 1 and 2: in the first block, the last block, the tail. */
export const TIED_ROWS = [0, 3, 4095, 4097];

/**
 * 4099 rows of d around three centres, with TIED_ROWS exactly as near to centre 1 as to centre 2 and
 * far from centre 0. Centres are k×d = 3×d.
 */
export function tiedProblem(d: number): { x: Float64Array; centers: Float64Array; n: number } {
  const n = 4099;
  const random = mulberry32(seedOf(d, n, 3) + 42);
  // Multiples of 1/8 of modest size: c₁ ± s and c₁ + 2s are exact, so both differences are ±s exactly.
  const c1 = Float64Array.from({ length: d }, () => Math.round(24 * normal(random)) / 8);
  const s = Float64Array.from(
    { length: d },
    () => ((random() < 0.5 ? -1 : 1) * (1 + Math.floor(4 * random()))) / 8,
  );
  const c0 = c1.map((v) => v - 40);
  const c2 = c1.map((v, j) => v + 2 * at(s, j));
  const centers = Float64Array.of(...c0, ...c1, ...c2);
  const x = pointsNear(random, centers, n, d, 3);
  for (const row of TIED_ROWS)
    x.set(
      c1.map((v, j) => v + at(s, j)),
      row * d,
    );
  return { x, centers, n };
}
