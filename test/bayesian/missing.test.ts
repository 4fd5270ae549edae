/**
 * The variational fit with missing values against the independent row-by-row reference
 * (test/reference/bayesian-missing.ts): every covariance type, both weight priors, MCAR and MAR
 * masks, whole missing rows and a mostly-missing column; from given responsibilities and from an
 * explicit mixture; default and explicit priors; then every method on rows with holes.
 */
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture } from '../../src/index';
import { expectAllClose } from '../helpers';
import {
  type RefPosterior,
  type RefPriors,
  type RefType,
  type RefWeightPrior,
  referenceBayesianFit,
  referenceDefaultPriors,
  referenceScores,
} from '../reference/bayesian-missing';
import { correlated, MASKS, randomResponsibilities } from './missing-data';

const TYPES: RefType[] = ['full', 'tied', 'diag', 'spherical'];
const PRIORS: RefWeightPrior[] = ['dirichlet-process', 'dirichlet-distribution'];
const K = 4;
const ITERATIONS = 15;
const TOLERANCE = 1e-10;

/** The library's compact covariancePrior of a reference prior matrix. */
function compactPrior(type: RefType, matrix: number[][]): number[][] | number[] | number {
  if (type === 'full' || type === 'tied') return matrix;
  if (type === 'diag') return matrix.map((row, j) => row[j] as number);
  return (matrix[0] as number[])[0] as number;
}

function expectPosterior(model: BayesianGaussianMixture, post: RefPosterior, what: string): void {
  expectAllClose(model.means, post.means, TOLERANCE, `${what} means`);
  expectAllClose(model.covariances, post.covariances, TOLERANCE, `${what} covariances`);
  expectAllClose(model.meanPrecision, post.beta, TOLERANCE, `${what} meanPrecision`);
  expectAllClose(model.degreesOfFreedom, post.nu, TOLERANCE, `${what} degreesOfFreedom`);
  const concentration = post.concentration.length === 2 ? post.concentration : post.concentration[0];
  expectAllClose(model.weightConcentration, concentration, TOLERANCE, `${what} weightConcentration`);
}

describe.each(MASKS)('variational fit with missing values = the reference (%s)', (_mask, holes) => {
  const X = holes(correlated(5));
  const resp = randomResponsibilities(X.length, K, 21);

  it.each(TYPES.flatMap((type) => PRIORS.map((prior) => [type, prior] as const)))(
    '%s, %s: posterior, bound per iteration, component sizes',
    async (type, weightPrior) => {
      const model = await BayesianGaussianMixture.fit(X, {
        components: K,
        covariance: type,
        weightPrior,
        missing: 'em',
        init: { responsibilities: resp },
        maxIter: ITERATIONS,
        tol: 0,
      });
      const priors = referenceDefaultPriors(X, type, K, weightPrior);
      expectAllClose(model.priors.meanPrior, priors.meanPrior, TOLERANCE, 'meanPrior');
      expectAllClose(
        model.priors.covariancePrior,
        compactPrior(type, priors.covariancePrior),
        TOLERANCE,
        'covariancePrior',
      );
      const ref = referenceBayesianFit(X, {
        type,
        components: K,
        priors,
        regCovar: 1e-6,
        iterations: ITERATIONS,
        start: { responsibilities: resp },
      });
      expect(model.iterations).toBe(ITERATIONS);
      expectPosterior(model, ref.posterior, type);
      expectAllClose(model.history, ref.history, TOLERANCE, 'history');
      expectAllClose(model.componentSizes, ref.sizes, TOLERANCE, 'componentSizes');

      const scores = referenceScores(X, ref.posterior);
      expectAllClose(model.predictProba(X), scores.resp, TOLERANCE, 'predictProba');
      expectAllClose(model.scoreSamples(X), scores.logNorm, TOLERANCE, 'scoreSamples');
      expectAllClose(model.impute(X), scores.imputed, TOLERANCE, 'impute');
      const labels = scores.resp.map((row) => row.indexOf(Math.max(...row)));
      expect(Array.from(model.predict(X))).toEqual(labels);
    },
  );
});

describe('variational fit with missing values, other starts and priors', () => {
  const X = MASKS[0]?.[1](correlated(6)) as number[][];
  const mixture = {
    weights: [0.3, 0.3, 0.2, 0.2],
    means: [
      [0.5, 0, 0, 0],
      [6, 4, 0, -1],
      [1, 7.5, -6, 4],
      [3, 3, -1, 1],
    ],
    covariances: Array.from({ length: K }, () => [
      [2, 0.3, 0, 0.1],
      [0.3, 2, 0.2, 0],
      [0, 0.2, 2, 0.3],
      [0.1, 0, 0.3, 2],
    ]),
  };
  const explicit: Omit<RefPriors, 'covariancePrior' | 'weightPrior'> = {
    weightConcentration: 0.7,
    meanPrecision: 0.3,
    meanPrior: [1, 2, -1, 0.5],
    degreesOfFreedom: 6.5,
  };
  const priorMatrix = [
    [1.5, 0.2, 0, 0],
    [0.2, 1.2, 0.1, 0],
    [0, 0.1, 0.9, 0.05],
    [0, 0, 0.05, 1.1],
  ];

  it.each(TYPES)('%s: from an explicit mixture, explicit priors, sample weights', async (type) => {
    const weights = X.map((_, i) => 0.5 + (i % 4) * 0.5);
    const priorFor: number[][] =
      type === 'full' || type === 'tied'
        ? priorMatrix
        : type === 'diag'
          ? priorMatrix.map((row, a) => row.map((v, b) => (a === b ? v : 0)))
          : priorMatrix.map((row, a) => row.map((_, b) => (a === b ? 1.3 : 0)));
    // The start in the type's own form: diag and spherical take diagonal matrices.
    const start = {
      ...mixture,
      covariances: mixture.covariances.map((m, c) =>
        m.map((row, a) =>
          row.map((v, b) => {
            if (type === 'full' || type === 'tied') return v;
            if (a !== b) return 0;
            return type === 'diag' ? v + 0.25 * ((a + c) % 3) : 1.5 + 0.25 * c;
          }),
        ),
      ),
    };
    const model = await BayesianGaussianMixture.fit(X, {
      components: K,
      covariance: type,
      weightPrior: 'dirichlet-distribution',
      ...explicit,
      covariancePrior: compactPrior(type, priorFor),
      missing: 'em',
      init: start,
      sampleWeight: weights,
      maxIter: ITERATIONS,
      tol: 0,
      regCovar: 1e-4,
    });
    const ref = referenceBayesianFit(X, {
      type,
      components: K,
      priors: { ...explicit, weightPrior: 'dirichlet-distribution', covariancePrior: priorFor },
      regCovar: 1e-4,
      iterations: ITERATIONS,
      start: { mixture: start },
      sampleWeight: weights,
    });
    expectPosterior(model, ref.posterior, type);
    expectAllClose(model.history, ref.history, TOLERANCE, 'history');
    expectAllClose(model.componentSizes, ref.sizes, TOLERANCE, 'componentSizes');
  });
});
