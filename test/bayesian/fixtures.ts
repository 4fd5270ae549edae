/** The scikit-learn BayesianGaussianMixture fixtures (scripts/make-bayesian-fixtures.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BayesianFitOptions,
  SklearnCovarianceType as CovarianceType,
  WeightPrior,
} from '../../src/index';

export interface BayesianRun {
  readonly covariance_type: CovarianceType;
  readonly weight_prior: WeightPrior;
  readonly priors: {
    readonly weightConcentration: number;
    readonly meanPrecision: number;
    readonly meanPrior: number[];
    readonly degreesOfFreedom: number;
    readonly covariancePrior: number[][] | number[] | number;
  } | null;
  readonly max_iter: number;
  readonly weight_concentration: number[][];
  readonly mean_precision: number[];
  readonly means: number[][];
  readonly degrees_of_freedom: number[];
  readonly covariances: unknown;
  readonly weights: number[];
  /** sklearn's lower bound after each iteration: a total over the rows. */
  readonly lower_bounds: number[];
  readonly score_samples: number[];
  readonly predict_proba: number[][];
  readonly predict: number[];
}

export interface BayesianFixture {
  readonly sklearn_version: string;
  readonly name: string;
  readonly n_components: number;
  readonly X: number[][];
  readonly resp: number[][];
  readonly runs: BayesianRun[];
}

export const BAYESIAN_DATASETS = ['blobs-2d', 'mix-5d', 'iris'] as const;

export function loadBayesianFixture(name: (typeof BAYESIAN_DATASETS)[number]): BayesianFixture {
  const path = join(import.meta.dirname, '..', 'fixtures', 'sklearn-bayesian', `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as BayesianFixture;
}

/** The options that refit a run: the same responsibilities, priors, type and number of iterations. */
export function optionsOf(fixture: BayesianFixture, run: BayesianRun): BayesianFitOptions {
  return {
    components: fixture.n_components,
    covariance: run.covariance_type,
    weightPrior: run.weight_prior,
    init: { responsibilities: fixture.resp },
    maxIter: run.max_iter,
    tol: 0,
    ...(run.priors ?? {}),
  };
}
