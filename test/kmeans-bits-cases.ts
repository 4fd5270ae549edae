/**
 * The seeded k-means runs that test/kmeans-bits.test.ts compares with test/fixtures/kmeans-bits.json:
 * k-means++ seeding then Lloyd's iterations through the wasm kernels, as the 'kmeans' start runs
 * them. Kept apart from the test (no vitest here) so that the fixture can be recorded by running
 * `kmeansBits` over `KMEANS_BITS_CASES` and writing the results as JSON.
 */
import { createHash } from 'node:crypto';
import { lloyd, lloydTolerance, seedKMeansPlusPlus } from '../src/em/kmeans';
import type { DenseMatrix } from '../src/internal-types';
import { Random } from '../src/random';
import type { Precision } from '../src/types';
import { Clustering } from '../src/wasm/clustering';
import { WasmData } from '../src/wasm/data';
import { loadKernels } from '../src/wasm/load';
import { Yielder } from '../src/yield';
import { mulberry32, standardNormal } from './random';

export interface KMeansBitsCase {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly weighted: boolean;
  readonly precision: Precision;
  /** The restart streams: one seeding and one Lloyd run each, on the same data object. */
  readonly seeds: readonly number[];
}

/**
 * Rows over two chunks of 4096 with a partial SIMD block at the end (5003 = 625·8 + 3), odd and
 * even D (the centroid kernel's pairs and its tail), unweighted, weighted with zero weights, float32.
 */
export const KMEANS_BITS_CASES: readonly KMeansBitsCase[] = [
  { name: 'd=3 unweighted', rows: 5003, cols: 3, k: 5, weighted: false, precision: 'float64', seeds: [0, 1] },
  { name: 'd=8 weighted', rows: 5003, cols: 8, k: 8, weighted: true, precision: 'float64', seeds: [2, 3] },
  {
    name: 'd=5 weighted float32',
    rows: 5003,
    cols: 5,
    k: 4,
    weighted: true,
    precision: 'float32',
    seeds: [4],
  },
  { name: 'd=1 unweighted', rows: 999, cols: 1, k: 3, weighted: false, precision: 'float64', seeds: [5] },
];

/** What one restart of a case found: the seed centres, Lloyd's centres (exact), its labels' digest. */
export interface KMeansBits {
  readonly seedCenters: number[];
  readonly centers: number[];
  /** SHA-256 of Lloyd's labels as little-endian int32. */
  readonly labels: string;
  /** Rows per label after Lloyd, a readable part of the same. */
  readonly sizes: number[];
}

/** The case's rows: k clusters of unit spread around centres three units apart on average. */
export function kmeansBitsData(c: KMeansBitsCase): { X: DenseMatrix; weights: Float64Array | undefined } {
  const random = mulberry32(1000 * c.cols + c.k);
  const centres = Array.from({ length: c.k * c.cols }, () => 3 * standardNormal(random));
  const data = new Float64Array(c.rows * c.cols);
  for (let i = 0; i < c.rows; i++) {
    const cluster = Math.floor(random() * c.k);
    for (let j = 0; j < c.cols; j++)
      data[i * c.cols + j] = (centres[cluster * c.cols + j] as number) + standardNormal(random);
  }
  // About a fifth of the weights exactly 0: rows that are labelled but never drawn or summed.
  const weights = c.weighted
    ? Float64Array.from({ length: c.rows }, () => (random() < 0.2 ? 0 : 0.5 + 2 * random()))
    : undefined;
  return { X: { data, rows: c.rows, cols: c.cols }, weights };
}

/** Runs every restart of the case on one data object (as a fit's restarts share theirs). */
export async function kmeansBits(c: KMeansBitsCase): Promise<KMeansBits[]> {
  const { X, weights } = kmeansBitsData(c);
  const data = new WasmData(await loadKernels(), X, weights, c.precision);
  const clustering = new Clustering(data, c.k);
  // Computed once for every restart, as a fit's prepared data do.
  const tolerance = lloydTolerance(X, weights);
  try {
    const results: KMeansBits[] = [];
    for (const seed of c.seeds) {
      const yielder = new Yielder();
      const seeds = await seedKMeansPlusPlus(clustering, X, new Random(seed, 0), weights, yielder);
      const seedCenters = Array.from(seeds.centers);
      const { centers, labels } = await lloyd(clustering, X, seeds, tolerance, yielder);
      const sizes = new Array<number>(c.k).fill(0);
      for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
      const digest = createHash('sha256').update(new Uint8Array(labels.buffer)).digest('hex');
      results.push({ seedCenters, centers: Array.from(centers), labels: digest, sizes });
    }
    return results;
  } finally {
    clustering.dispose();
    data.dispose();
  }
}
