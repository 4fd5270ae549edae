/**
 * Choosing K on raw Iris (measurements rounded to 0.1 cm, so that many rows repeat a value) as a
 * new user would: every seed picks mclust's 2 full, with mclust's BIC; spikes on repeated values
 * are marked degenerate and never chosen; ICL is BIC plus twice the classification entropy.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture, selectModel } from '../src/index';
import { log } from '../src/logarithm';
import { at, expectClose } from './helpers';
import { demoData, everyCandidate, mclustChoice, SEEDS } from './model-choice';

const X = demoData('iris.csv', 4);
const mclust = mclustChoice('iris');

describe('selectModel on raw Iris, K = 1…6 × four covariance types, 10 restarts', () => {
  it('mclust picks 2 full (the fixture)', () => {
    expect([mclust.rows, mclust.features]).toEqual([150, 4]);
    expect([mclust.best.components, mclust.best.covariance]).toEqual([2, 'full']);
  });

  it.each(SEEDS)('seed %i picks 2 full with mclust’s BIC and ICL', async (seed) => {
    const { best, table } = await selectModel(X, everyCandidate(seed));
    expect([best.components, best.covariance]).toEqual([2, 'full']);
    expect(best.degenerate).toEqual([]);
    const row = table.find((r) => r.components === 2 && r.covariance === 'full');
    // The same maximum as mclust's EM (both stop within ~1e-5 of it).
    expectClose(row?.bic ?? Number.NaN, mclust.best.bic, 1e-5, 0, 'BIC of 2 full');
    expectClose(row?.icl ?? Number.NaN, mclust.best.icl, 1e-5, 0, 'ICL of 2 full');
    for (const candidate of table.filter((r) => !r.degenerate)) {
      expect(candidate.bic, `${candidate.components} ${candidate.covariance}`).toBeGreaterThanOrEqual(
        row?.bic ?? Number.NaN,
      );
    }
  });
});

describe('with one restart per candidate, spikes win on BIC and are passed over', () => {
  it('seed 0: the lowest BIC is a degenerate 6 full; best is the lowest sound candidate, 2 full', async () => {
    const { best, table } = await selectModel(X, { ...everyCandidate(0), restarts: 1 });
    const lowest = table.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect([lowest.components, lowest.covariance, lowest.degenerate]).toEqual([6, 'full', true]);
    const sound = table.filter((r) => !r.degenerate);
    const lowestSound = sound.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect([best.components, best.covariance]).toEqual([lowestSound.components, lowestSound.covariance]);
    expect([best.components, best.covariance]).toEqual([2, 'full']);
    expect(best.degenerate).toEqual([]);
  });

  it('when every candidate is degenerate, best is the lowest of them and says so', async () => {
    // Six components, diag, one restart, seed 8: the one candidate sits on 29 rows of petal width 0.2.
    const { best, table } = await selectModel(X, {
      components: [6],
      covariance: ['diag'],
      restarts: 1,
      seed: 8,
    });
    expect(at(table, 0).degenerate).toBe(true);
    expect(best.degenerate).toEqual([2]);
  });
});

describe('ICL', () => {
  it('is BIC + 2 × the entropy of the hard classification, for every row of the table', async () => {
    const { table } = await selectModel(X, {
      components: [1, 2, 3],
      covariance: ['full', 'diag'],
      seed: 4,
      restarts: 3,
    });
    for (const row of table) {
      const model = await GaussianMixture.fit(X, {
        components: row.components,
        covariance: row.covariance,
        seed: 4,
        restarts: 3,
        tol: 1e-6,
        maxIter: 1000,
      });
      const entropy = -model.predictProba(X).reduce((sum, p) => sum + log(Math.max(...p)), 0);
      expectClose(row.icl, row.bic + 2 * entropy, 1e-12, row.bic, `${row.components} ${row.covariance}`);
      if (row.components === 1) expect(row.icl).toBe(row.bic);
      else expect(row.icl).toBeGreaterThan(row.bic);
    }
  });

  it("criterion: 'icl' picks the lowest ICL among sound candidates (2 full on Iris, as mclust's ICL)", async () => {
    const { best, table } = await selectModel(X, { ...everyCandidate(0), criterion: 'icl' });
    const lowest = table.filter((r) => !r.degenerate).reduce((a, b) => (b.icl < a.icl ? b : a));
    expect([best.components, best.covariance]).toEqual([lowest.components, lowest.covariance]);
    expect([best.components, best.covariance]).toEqual([2, 'full']);
  });
});
