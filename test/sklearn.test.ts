/**
 * Agreement with scikit-learn 1.2.1: every fixture run, of every covariance type, is refitted from
 * the same explicit start with tol 0 (so both run exactly `max_iter` iterations) and compared to 1e-8
 * relative.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianMixture, type InitParameters } from '../src/index';
import {
  at,
  expectAllClose,
  expectClose,
  type FixtureCovarianceType,
  loadFixture,
  type SklearnFixture,
  type SklearnRun,
} from './helpers';

const DATASETS = ['iris', 'iris-standardized', 'blobs-2d', 'mix-5d', 'mix-16d', 'mix-3d-k2'] as const;

const COVARIANCE_TYPES: readonly FixtureCovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

/**
 * Both libraries run the same arithmetic in a different order (SIMD blocks, Cholesky of the
 * precision vs. of the covariance): the observed differences are ~1e-14; 1e-8 leaves room for
 * 50 iterations of amplification while catching any real difference in the algorithm.
 */
const TOLERANCE = 1e-8;

interface Case {
  readonly fixture: SklearnFixture;
  readonly run: SklearnRun;
}

const CASES: Case[] = DATASETS.flatMap((name) => {
  const fixture = loadFixture(name);
  return fixture.runs.map((run) => ({ fixture, run }));
});

/** The fixture's weights and means with the run's covariances, in the compact form of its type. */
function startOf(fixture: SklearnFixture, run: SklearnRun): InitParameters {
  return {
    weights: fixture.init.weights,
    means: fixture.init.means,
    covariances: run.init_covariances_compact,
  };
}

it('covers every dataset with max_iter 1, 5 and 50 for each covariance type', () => {
  expect(CASES).toHaveLength(DATASETS.length * COVARIANCE_TYPES.length * 3);
  for (const type of COVARIANCE_TYPES) {
    expect(CASES.filter(({ run }) => run.covariance_type === type)).toHaveLength(DATASETS.length * 3);
  }
  for (const { fixture } of CASES) expect(fixture.sklearn_version).toBe('1.2.1');
});

describe.each(
  CASES.map((c) => [`${c.fixture.name}, ${c.run.covariance_type}, max_iter ${c.run.max_iter}`, c]),
)('%s', (_title, { fixture, run }) => {
  const T = run.max_iter;
  let model: GaussianMixture;

  beforeAll(async () => {
    model = await GaussianMixture.fit(fixture.X, {
      components: fixture.n_components,
      covariance: run.covariance_type,
      init: startOf(fixture, run),
      tol: 0,
      maxIter: T,
      regCovar: fixture.reg_covar,
    });
  });

  it('has the shape of the fixture', () => {
    expect(model.components).toBe(fixture.n_components);
    expect(model.features).toBe(fixture.n_features);
    expect(model.covariance).toBe(run.covariance_type);
  });

  it('runs as many iterations and reports convergence the same way', () => {
    expect(model.iterations).toBe(run.n_iter);
    expect(model.converged).toBe(run.converged);
    expect(model.history).toHaveLength(T + 1);
  });

  it('finds the same weights, means and covariances', () => {
    expectAllClose(model.weights, run.weights, TOLERANCE, 'weights');
    expectAllClose(model.means, run.means, TOLERANCE, 'means');
    run.covariances_full.forEach((expected, k) => {
      expectAllClose(at(model.covariances, k), expected, TOLERANCE, `covariances[${k}]`);
    });
  });

  it('reports the same log-likelihoods', () => {
    expectClose(model.logLikelihood, run.score, TOLERANCE, 0, 'logLikelihood vs score');
    expectClose(model.score(fixture.X), run.score, TOLERANCE, 0, 'score(X)');
    // lower_bound is the last iteration's E-step, taken before its M-step.
    expectClose(at(model.history, T - 1), run.lower_bound, TOLERANCE, 0, 'history[T - 1] vs lower_bound');
  });

  it('counts parameters and scores information criteria the same way', () => {
    expect(model.nParameters).toBe(run.n_parameters);
    expectClose(model.bic(fixture.X), run.bic, TOLERANCE, 0, 'bic');
    expectClose(model.aic(fixture.X), run.aic, TOLERANCE, 0, 'aic');
  });

  it('gives the same responsibilities and densities for the stored rows', () => {
    const rows = run.rows.map((i) => at(fixture.X, i));
    const proba = model.predictProba(rows);
    run.predict_proba.forEach((expected, r) => {
      // Responsibilities live in [0, 1]: judged against 1, so a tiny one is not held to 1e-8 of itself.
      expected.forEach((p, k) => {
        expectClose(at(at(proba, r), k), p, TOLERANCE, 1, `predict_proba[${r}][${k}]`);
      });
    });
    expectAllClose(model.scoreSamples(rows), run.score_samples, TOLERANCE, 'score_samples');
    expect(Array.from(model.predict(rows))).toEqual(run.predict);
  });

  it('labels every row the same way', () => {
    expect(Array.from(model.predict(fixture.X))).toEqual(run.predict_all);
  });
});

/**
 * `standardize: true` on raw iris must be the iris-standardized fit (the fixture's X is iris
 * z-scored with the population deviation, as the library does) reported in original units:
 * μ = m + s∘μ', Σ = diag(s)·Σ'·diag(s), log p(x) = log p'(z) − Σⱼ log sⱼ.
 */
describe('standardize: true reproduces the iris-standardized fixture in original units', () => {
  const raw = loadFixture('iris');
  const standardized = loadFixture('iris-standardized');
  const d = raw.n_features;
  const n = raw.n_samples;
  const mean = Array.from({ length: d }, (_, j) => raw.X.reduce((sum, row) => sum + at(row, j), 0) / n);
  const scale = mean.map((m, j) => Math.sqrt(raw.X.reduce((sum, row) => sum + (at(row, j) - m) ** 2, 0) / n));
  const logScale = scale.reduce((sum, s) => sum + Math.log(s), 0);
  const toMeans = (means: number[][]) =>
    means.map((row) => row.map((v, j) => at(mean, j) + at(scale, j) * v));
  const toMatrix = (matrix: number[][]) =>
    matrix.map((row, j) => row.map((v, l) => at(scale, j) * v * at(scale, l)));
  const toCovariances = (covariances: number[][][]) => covariances.map(toMatrix);

  /**
   * The run's start in the user's units. Full, tied and diag starts keep their form under the
   * change of units; a spherical one does not (σ²·I becomes diagonal in the user's units, which an
   * explicit spherical start cannot be), so it arrives as a warm start from a saved spherical model
   * that carries the standardization.
   */
  function startOf(run: SklearnRun): InitParameters | GaussianMixture {
    const { weights, means } = standardized.init;
    const compact = run.init_covariances_compact;
    switch (run.covariance_type) {
      case 'full':
        return { weights, means: toMeans(means), covariances: toCovariances(compact as number[][][]) };
      case 'tied':
        return { weights, means: toMeans(means), covariances: toMatrix(compact as number[][]) };
      case 'diag': {
        const variances = (compact as number[][]).map((row) => row.map((v, j) => v * at(scale, j) ** 2));
        return { weights, means: toMeans(means), covariances: variances };
      }
      case 'spherical':
        return GaussianMixture.fromJSON({
          format: 'gmm-wasm',
          version: 1,
          covariance: 'spherical',
          components: raw.n_components,
          features: d,
          weights,
          means,
          covariances: compact,
          standardization: { mean, scale },
          converged: false,
          iterations: 0,
          logLikelihood: 0,
          history: [0],
          seed: 0,
          reseeds: 0,
        });
    }
  }

  it('checks that the fixture is iris z-scored', () => {
    standardized.X.forEach((row, i) => {
      row.forEach((z, j) => {
        expectClose((at(at(raw.X, i), j) - at(mean, j)) / at(scale, j), z, 1e-12, 1);
      });
    });
  });

  it('has every covariance type with max_iter 1, 5 and 50', () => {
    expect(standardized.runs.map((run) => run.covariance_type)).toEqual(
      COVARIANCE_TYPES.flatMap((type) => [type, type, type]),
    );
  });

  it.each(standardized.runs)('$covariance_type, max_iter $max_iter', async (run) => {
    const model = await GaussianMixture.fit(raw.X, {
      components: raw.n_components,
      covariance: run.covariance_type,
      init: startOf(run),
      tol: 0,
      maxIter: run.max_iter,
      regCovar: raw.reg_covar,
      standardize: true,
    });
    expect(model.iterations).toBe(run.n_iter);
    expectAllClose(model.weights, run.weights, TOLERANCE, 'weights');
    expectAllClose(model.means, toMeans(run.means), TOLERANCE, 'means');
    toCovariances(run.covariances_full).forEach((expected, k) => {
      expectAllClose(at(model.covariances, k), expected, TOLERANCE, `covariances[${k}]`);
    });
    expectClose(model.logLikelihood, run.score - logScale, TOLERANCE, 0, 'logLikelihood');
    expectClose(at(model.history, run.max_iter - 1), run.lower_bound - logScale, TOLERANCE, 0, 'lower_bound');
    expectClose(model.score(raw.X), run.score - logScale, TOLERANCE, 0, 'score(X)');
    expectClose(model.bic(raw.X), run.bic + 2 * n * logScale, TOLERANCE, 0, 'bic');
    expect(Array.from(model.predict(raw.X))).toEqual(run.predict_all);
  });
});
