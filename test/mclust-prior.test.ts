/**
 * MAP-EM with mclust's conjugate prior against R's mclust 6.0.0 (fixtures from
 * scripts/make-mclust-fixtures.R, `control: "prior"`): em() with `prior = priorControl()` from an
 * explicit start for T ∈ {1, 10} iterations, on Iris (K = 3) and Old Faithful (K = 2), for the ten
 * models mclust has the prior for. The defaults gmm-wasm computes from the data are mclust's
 * `defaultPrior()`; the weights, means, covariances and log-likelihood after T MAP iterations are
 * mclust's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BayesianFitOptions,
  BayesianGaussianMixture,
  type CovarianceType,
  GaussianMixture,
  OnlineGaussianMixture,
  type OnlineOptions,
  type StreamFitOptions,
  selectModel,
} from '../src/index';
import { expectAllClose, expectClose, expectError, expectRejection } from './helpers';

interface Parameters {
  readonly weights: number[];
  readonly means: number[][];
  readonly covariances: number[][][];
}

interface PriorRun {
  readonly data: 'iris' | 'faithful';
  readonly model: CovarianceType;
  readonly G: number;
  readonly T: number;
  readonly control: string;
  readonly prior: boolean;
  readonly defaultPrior: { shrinkage: number; mean: number[]; dof: number; scale: number | number[][] };
  readonly start: Parameters;
  readonly result: Parameters;
  readonly loglik: number;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/mclust/em.json', import.meta.url), 'utf8')) as {
  readonly data: Record<PriorRun['data'], number[][]>;
  readonly runs: PriorRun[];
};

const RUNS = FIXTURE.runs.filter((run) => run.prior);
const ITERATIVE = new Set(['VEI', 'VEV']);
/** As the maximum-likelihood runs (test/mclust-models.test.ts): the same arithmetic in another order. */
const TOLERANCE = 1e-12;

describe('MAP-EM against mclust em(…, prior = priorControl())', () => {
  it('covers the ten models with a prior on both data sets', () => {
    expect(new Set(RUNS.map((run) => run.model)).size).toBe(10);
    expect(RUNS.length).toBe(40);
  });

  it.each(RUNS.map((run) => [`${run.data} ${run.model} T=${run.T}`, run] as const))(
    '%s',
    async (_name, run) => {
      const X = FIXTURE.data[run.data];
      const model = await GaussianMixture.fit(X, {
        components: run.G,
        covariance: run.model,
        init: run.start,
        maxIter: run.T,
        tol: 0,
        prior: 'default',
        ...(ITERATIVE.has(run.model) ? { innerTol: -1, innerMaxIter: 2000 } : {}),
      });
      const prior = model.prior;
      if (!prior) throw new Error('the model records no prior');
      const expected = run.defaultPrior;
      // The fixture prints the defaults to 15 digits.
      expectClose(prior.shrinkage, expected.shrinkage, 1e-14, 0, 'shrinkage');
      expectAllClose(prior.mean, expected.mean, 1e-13, 'prior mean');
      expect(prior.dof).toBe(expected.dof);
      if (typeof expected.scale === 'number')
        expectClose(prior.scale as number, expected.scale, 1e-13, 0, 'scale');
      else expectAllClose(prior.scale as number[][], expected.scale, 1e-13, 'scale');
      expect(model.iterations).toBe(run.T);
      expectAllClose(model.weights, run.result.weights, TOLERANCE, 'weights');
      expectAllClose(model.means, run.result.means, TOLERANCE, 'means');
      for (let k = 0; k < run.G; k++)
        expectAllClose(model.covariances[k], run.result.covariances[k], TOLERANCE, `covariances[${k}]`);
      expectClose(model.logLikelihood * X.length, run.loglik, TOLERANCE, 0, 'log-likelihood');
    },
  );
});

describe('the prior through the rest of the library', () => {
  const iris = FIXTURE.data.iris;
  const options = {
    components: 3,
    covariance: 'VVV',
    init: 'kmeans',
    seed: 3,
    restarts: 3,
    prior: 'default',
  } as const;

  it('is recorded in the model and survives a JSON round trip bit for bit', async () => {
    const model = await GaussianMixture.fit(iris, options);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(Object.keys(json.prior).sort()).toEqual(['dof', 'mean', 'scale', 'shrinkage']);
    const loaded = GaussianMixture.fromJSON(json);
    expect(loaded.prior).toEqual(model.prior);
    expect(loaded.scoreSamples(iris)).toEqual(model.scoreSamples(iris));
    const ml = await GaussianMixture.fit(iris, { ...options, prior: undefined });
    expect(ml.prior).toBeUndefined();
    expect('prior' in ml.toJSON()).toBe(false);
  });

  it('gives the same fit with workers (the prior acts in the M-step, which the driver runs)', async () => {
    // One start: these restarts reach the same maximum with the components in other orders, and
    // which of them wins is decided in the last bit of the log-likelihood, where the workers'
    // split of the statistics may round otherwise.
    const single = { ...options, restarts: 1 };
    const inline = await GaussianMixture.fit(iris, single);
    const pooled = await GaussianMixture.fit(iris, { ...single, workers: 2 });
    expectAllClose(pooled.means, inline.means, 1e-12, 'means');
    expectAllClose(pooled.covariances, inline.covariances, 1e-12, 'covariances');
    expect(pooled.prior).toEqual(inline.prior);
  });

  it('is MAP: the same data move each mean towards the prior mean, and regCovar defaults to 0', async () => {
    const start = RUNS.find((run) => run.data === 'iris' && run.model === 'VVV')?.start;
    const common = { components: 3, covariance: 'VVV', init: start, maxIter: 1, tol: 0 } as const;
    const ml = await GaussianMixture.fit(iris, { ...common, regCovar: 0 });
    const pulled = await GaussianMixture.fit(iris, { ...common, prior: { shrinkage: 1000 } });
    const mean = pulled.prior?.mean as readonly number[];
    for (let k = 0; k < 3; k++) {
      const before = Math.hypot(...(ml.means[k] as number[]).map((v, j) => v - (mean[j] as number)));
      const after = Math.hypot(...(pulled.means[k] as number[]).map((v, j) => v - (mean[j] as number)));
      expect(after).toBeLessThan(before / 2);
    }
    const defaultPrior = await GaussianMixture.fit(iris, { ...common, prior: 'default' });
    const explicitZero = await GaussianMixture.fit(iris, { ...common, prior: 'default', regCovar: 0 });
    expect(defaultPrior.covariances).toEqual(explicitZero.covariances);
  });

  it('overrides: the given parts are used, the rest are mclust’s defaults', async () => {
    const model = await GaussianMixture.fit(iris, {
      components: 2,
      covariance: 'EEE',
      seed: 1,
      prior: {
        dof: 9,
        scale: [
          [1, 0, 0, 0],
          [0, 2, 0, 0],
          [0, 0, 3, 0],
          [0, 0, 0, 4],
        ],
      },
    });
    expect(model.prior?.dof).toBe(9);
    expect(model.prior?.scale).toEqual([
      [1, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 3, 0],
      [0, 0, 0, 4],
    ]);
    expect(model.prior?.shrinkage).toBe(0.01);
  });

  it('selectModel with a prior and explicit types refuses a type without one, naming it', async () => {
    await expectRejection(
      selectModel(iris, { components: [2], covariance: ['VVV', 'EVE'], prior: 'default' }),
      RangeError,
      "prior: mclust has no conjugate prior for covariance 'EVE'; it has one for EII, VII, EEI, VEI, EVI, VVI, EEE, EEV, VEV, VVV (and the aliases spherical, diag, tied, full)",
    );
  });

  it.each([
    [
      { covariance: 'VEE', prior: 'default' },
      RangeError,
      "prior: mclust has no conjugate prior for covariance 'VEE'; it has one for EII, VII, EEI, VEI, EVI, VVI, EEE, EEV, VEV, VVV (and the aliases spherical, diag, tied, full)",
    ],
    [
      { prior: 'mclust' },
      TypeError,
      "prior must be 'default' or { shrinkage?, mean?, dof?, scale? }, got 'mclust'",
    ],
    [
      { prior: { shrink: 1 } },
      TypeError,
      "prior has an unknown key 'shrink'; it takes shrinkage, mean, dof, scale",
    ],
    [{ prior: { shrinkage: -1 } }, RangeError, 'prior.shrinkage must be a finite number ≥ 0, got -1'],
    [{ prior: { dof: 0 } }, RangeError, 'prior.dof must be a finite number > 0, got 0'],
    [{ prior: { mean: [1, 2] } }, RangeError, 'prior.mean has 2 values, expected 4 (one per column of X)'],
    [
      { prior: { shrinkage: 0, mean: [1, 2, 3, 4] } },
      RangeError,
      'prior.mean is given but shrinkage is 0: a prior mean needs shrinkage > 0',
    ],
    [
      { covariance: 'VII', prior: { scale: [[1]] } },
      TypeError,
      "prior.scale must be one number for covariance 'VII', got array",
    ],
    [{ covariance: 'EEV', prior: { scale: 2 } }, TypeError, 'prior.scale must be an array, got number'],
  ] as const)('refuses %j', async (extra, kind, message) => {
    await expectRejection(GaussianMixture.fit(iris, { components: 2, ...extra } as never), kind, message);
  });

  it('is refused, with the reason, where there is no MAP-EM (and is not in those option types)', async () => {
    // The types leave `prior` out (these lines fail the typecheck if it comes back); a JavaScript
    // caller who passes it anyway gets the reason.
    // @ts-expect-error BayesianFitOptions has no prior: the variational mixture has priors of its own
    const bayesian: BayesianFitOptions = { components: 2, prior: 'default' };
    // @ts-expect-error OnlineOptions has no prior: stepwise EM has no MAP form
    const online: OnlineOptions = { components: 2, prior: 'default' };
    // @ts-expect-error StreamFitOptions has no prior: its defaults need the whole data
    const stream: StreamFitOptions = { components: 2, prior: 'default' };
    await expectRejection(
      BayesianGaussianMixture.fit(iris, bayesian),
      RangeError,
      'prior is not available for BayesianGaussianMixture: its priors are weightPrior, meanPrior, meanPrecision, degreesOfFreedom and covariancePrior',
    );
    expectError(
      () => new OnlineGaussianMixture(online),
      RangeError,
      'prior is not available for OnlineGaussianMixture: stepwise EM has no MAP form here; use GaussianMixture.fit',
    );
    await expectRejection(
      GaussianMixture.fitStream(() => [iris], stream),
      RangeError,
      'prior is not available for fitStream: its defaults need the whole data in memory; use GaussianMixture.fit',
    );
  });
});
