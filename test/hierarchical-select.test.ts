/**
 * One merge tree serves every candidate of a `selectModel` call with `init: 'hierarchical'`: the tree
 * builder is counted, and each candidate's fit equals a fit of that candidate alone.
 */
import { describe, expect, it, vi } from 'vitest';
import * as tree from '../src/hierarchical/tree';
import { GaussianMixture, selectModel } from '../src/index';
import { SELECTION_MAX_ITER, SELECTION_TOL } from '../src/selectModel';
import { blobs } from './helpers';

vi.mock('../src/hierarchical/tree', async (original) => {
  const actual = await original<typeof tree>();
  return { ...actual, mergeTreeSteps: vi.fn(actual.mergeTreeSteps) };
});

const { X } = blobs(
  9,
  [
    [0, 0],
    [4, 1],
    [1, 5],
  ],
  40,
);

describe("selectModel with init 'hierarchical'", () => {
  it('builds one tree for every K and covariance type, and each candidate is its own fit', async () => {
    const build = vi.mocked(tree.mergeTreeSteps);
    build.mockClear();
    const options = { init: 'hierarchical', seed: 3 } as const;
    const { table } = await selectModel(X, {
      ...options,
      components: [1, 2, 3, 4],
      covariance: ['full', 'diag'],
    });
    expect(build).toHaveBeenCalledTimes(1);
    expect(table).toHaveLength(8);
    build.mockClear();
    // A selection runs each candidate to its own stricter default stopping rule.
    const alone = await GaussianMixture.fit(X, {
      ...options,
      components: 3,
      covariance: 'diag',
      tol: SELECTION_TOL,
      maxIter: SELECTION_MAX_ITER,
    });
    expect(build).toHaveBeenCalledTimes(1);
    const row = table.find((r) => r.components === 3 && r.covariance === 'diag');
    expect(row?.logLikelihood).toBe(alone.logLikelihood);
  });
});
