/**
 * The k-means start, pinned to the bit: k-means++ seeds, Lloyd's centres and labels on seeded data
 * (test/kmeans-bits-cases.ts: two chunks, a partial SIMD block, odd and even D, zero weights,
 * float32), equal to what an earlier, plainer implementation recorded in
 * test/fixtures/kmeans-bits.json. A faster seeding, centroid kernel or stopping test must find the
 * same numbers, so that a seeded 'kmeans' fit stays the same fit from one release to the next.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lloyd, lloydTolerance, seedKMeansPlusPlus } from '../src/em/kmeans';
import type { DenseMatrix } from '../src/internal-types';
import { Random } from '../src/random';
import { Clustering } from '../src/wasm/clustering';
import { WasmData } from '../src/wasm/data';
import { loadKernels } from '../src/wasm/load';
import { Yielder } from '../src/yield';
import { mulberry32 } from './helpers';
import { KMEANS_BITS_CASES, type KMeansBits, kmeansBits } from './kmeans-bits-cases';

const FIXTURE: Record<string, KMeansBits[]> = JSON.parse(
  readFileSync(new URL('./fixtures/kmeans-bits.json', import.meta.url), 'utf8'),
);

describe('k-means starts equal the recorded ones bit for bit', () => {
  it.each(KMEANS_BITS_CASES)('$name', async (c) => {
    const recorded = FIXTURE[c.name];
    expect(recorded?.length).toBe(c.seeds.length);
    // toEqual on numbers is Object.is: every centre to the last bit.
    expect(await kmeansBits(c)).toEqual(recorded);
  });
});

describe("Lloyd's tolerance follows the weights", () => {
  // A uniform square, where Lloyd creeps for many iterations, and one far row: unweighted, it puts
  // the mean variance (and so the tolerance) some 4000 times the square's, so that Lloyd stops after
  // a pass; weighted, it has weight 0 and the tolerance is the square's own.
  const rows = 3000;
  const random = mulberry32(77);
  const data = Float64Array.from({ length: rows * 2 }, (_, i) => (i >= 2 * rows - 2 ? 1000 : random()));
  const weights = Float64Array.from({ length: rows }, (_, i) => (i === rows - 1 ? 0 : 1));

  async function run(X: DenseMatrix, sampleWeight: Float64Array | undefined) {
    const wasm = new WasmData(await loadKernels(), X, sampleWeight);
    const clustering = new Clustering(wasm, 6);
    try {
      const yielder = new Yielder();
      const seeds = await seedKMeansPlusPlus(clustering, X, new Random(9, 0), sampleWeight, yielder);
      return await lloyd(clustering, X, seeds, lloydTolerance(X, sampleWeight), yielder);
    } finally {
      clustering.dispose();
      wasm.dispose();
    }
  }

  it('the same rows with other weights stop where fresh rows with those weights do', async () => {
    const X = { data, rows, cols: 2 };
    await run(X, undefined);
    const after = await run(X, weights);
    const fresh = await run({ data: data.slice(), rows, cols: 2 }, weights);
    expect(after.centers).toEqual(fresh.centers);
    expect(after.labels).toEqual(fresh.labels);
  });
});
