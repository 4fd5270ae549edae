/**
 * The candidates of a selection share their k-means starts: one partition per K (and restart), and
 * its statistics once per statistics kernel (full, tied and the full-matrix constrained models one;
 * diag, spherical and the diagonal ones another). Sharing must change nothing: every candidate's fit
 * is bit for bit the fit of that candidate alone, whichever candidates came before it.
 */
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, selectModel } from '../src/index';
import { blobs } from './helpers';

const { X } = blobs(
  14,
  [
    [0, 0, 0],
    [4, 1, -2],
    [-3, 5, 1],
  ],
  60,
  1.2,
);
const options = { init: 'kmeans', seed: 9, restarts: 2, tol: 1e-6, maxIter: 300 } as const;
// Each group shares one statistics kernel; EVE and VEV also carry their start's inner estimates on.
const COVARIANCES: CovarianceType[] = ['full', 'tied', 'EVE', 'VEV', 'diag', 'spherical', 'VEI'];

describe('shared k-means starts', () => {
  it('leave every candidate as it is when fitted alone', async () => {
    const { table } = await selectModel(X, { ...options, components: [2, 3], covariance: COVARIANCES });
    expect(table).toHaveLength(2 * COVARIANCES.length);
    for (const row of table) {
      const alone = await GaussianMixture.fit(X, {
        ...options,
        components: row.components,
        covariance: row.covariance,
      });
      expect([row.covariance, row.components, row.logLikelihood]).toEqual([
        row.covariance,
        row.components,
        alone.logLikelihood,
      ]);
    }
  });
});
