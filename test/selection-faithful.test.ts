/**
 * Choosing K on Old Faithful (R's datasets::faithful, 272 eruptions × duration and waiting time):
 * mclust picks 3 tied. Three-component tied EM crosses a saddle at the two-cluster solution (mean
 * log-likelihood −4.1914), where scikit-learn's tol of 1e-3 stops it, so that 2 full wins; the
 * selection's default tol of 1e-6 carries it on to −4.1409, and every seed picks 3 tied.
 */
import { describe, expect, it } from 'vitest';
import { selectModel } from '../src/index';
import { expectClose } from './helpers';
import { demoData, everyCandidate, mclustChoice, SEEDS } from './model-choice';

const X = demoData('faithful.csv', 2);
const mclust = mclustChoice('faithful');

describe('selectModel on Old Faithful, K = 1…6 × four covariance types, 10 restarts', () => {
  it('mclust picks 3 tied (the fixture); the data are 272 × 2', () => {
    expect([X.length, X[0]?.length]).toEqual([272, 2]);
    expect([mclust.rows, mclust.features]).toEqual([272, 2]);
    expect([mclust.best.components, mclust.best.covariance]).toEqual([3, 'tied']);
  });

  it.each(SEEDS)('seed %i picks 3 tied, at mclust’s maximum or above it', async (seed) => {
    const { best, table } = await selectModel(X, everyCandidate(seed));
    expect([best.components, best.covariance]).toEqual([3, 'tied']);
    expect(best.degenerate).toEqual([]);
    expect(best.converged).toBe(true);
    expectClose(best.logLikelihood, -4.14087, 1e-5, 0, 'mean log-likelihood of 3 tied');
    const row = table.find((r) => r.components === 3 && r.covariance === 'tied');
    // mclust stops on a relative change of 1e-5, a little short of the maximum: 0.016 higher BIC.
    expect(row?.bic).toBeLessThanOrEqual(mclust.best.bic);
    expectClose(row?.bic ?? Number.NaN, mclust.best.bic, 1e-5, 0, 'BIC of 3 tied');
  });

  it("with scikit-learn's tol of 1e-3 the plateau stops some seeds short (the rule's reason)", async () => {
    const picks = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (seed) => {
        const { best } = await selectModel(X, { ...everyCandidate(seed), tol: 1e-3, maxIter: 100 });
        return `${best.components} ${best.covariance}`;
      }),
    );
    expect(picks).toContain('2 full');
  });
});
