/**
 * Iris with holes: 20 % of its measurements removed at random (seeded), fitted two ways — by EM on
 * the observed values (`missing: 'em'`) and by filling each hole with its column's mean first — each
 * compared with the fit to the complete data. Shared by the browser demo's "Missing values" card.
 */
import { GaussianMixture } from '../src/index';

/** The fits and how far each one's means are from the complete-data fit's. */
export interface MissingValuesDemo {
  readonly complete: GaussianMixture;
  readonly em: GaussianMixture;
  readonly meanFilled: GaussianMixture;
  /** For each component of the complete fit, the matching component of `em` and of `meanFilled`. */
  readonly matchEm: number[];
  readonly matchMeanFilled: number[];
  /** The largest distance (in cm) between a complete-fit mean and its match. */
  readonly emDistance: number;
  readonly meanFilledDistance: number;
  readonly holes: number;
  readonly rowsWithHoles: number;
}

/** Seeded uniform [0, 1) numbers (mulberry32), so every visit removes the same cells. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The matching of `other`'s components to `reference`'s that keeps the largest distance smallest. */
function match(reference: GaussianMixture, other: GaussianMixture): { matching: number[]; distance: number } {
  const permutations = (items: number[]): number[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) =>
          permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
        );
  let best = { matching: [] as number[], distance: Infinity };
  for (const matching of permutations(Array.from({ length: reference.components }, (_, c) => c))) {
    const distance = Math.max(
      ...reference.means.map((mean, c) =>
        Math.hypot(...mean.map((v, j) => v - (other.means[matching[c] as number]?.[j] as number))),
      ),
    );
    if (distance < best.distance) best = { matching, distance };
  }
  return best;
}

/**
 * @param X - the complete rows (Iris's four measurements).
 * @param fraction - the share of cells to remove, each independently.
 */
export async function fitWithHoles(
  X: readonly (readonly number[])[],
  fraction = 0.2,
  seed = 1,
): Promise<MissingValuesDemo> {
  const random = uniform(seed);
  const holed = X.map((row) => row.map((v) => (random() < fraction ? Number.NaN : v)));
  const d = X[0]?.length ?? 0;
  const columnMeans = Array.from({ length: d }, (_, j) => {
    const seen = holed.map((row) => row[j] as number).filter((v) => !Number.isNaN(v));
    return seen.reduce((sum, v) => sum + v, 0) / seen.length;
  });
  const filled = holed.map((row) => row.map((v, j) => (Number.isNaN(v) ? (columnMeans[j] as number) : v)));
  const options = { components: 3, init: 'kmeans', restarts: 5, seed: 1, tol: 1e-6, maxIter: 500 } as const;
  const complete = await GaussianMixture.fit(X as number[][], options);
  const em = await GaussianMixture.fit(holed, { ...options, missing: 'em' });
  const meanFilled = await GaussianMixture.fit(filled, options);
  const a = match(complete, em);
  const b = match(complete, meanFilled);
  return {
    complete,
    em,
    meanFilled,
    matchEm: a.matching,
    matchMeanFilled: b.matching,
    emDistance: a.distance,
    meanFilledDistance: b.distance,
    holes: holed.flat().filter((v) => Number.isNaN(v)).length,
    rowsWithHoles: holed.filter((row) => row.some((v) => Number.isNaN(v))).length,
  };
}
