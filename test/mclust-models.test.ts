/**
 * Agreement with R's mclust 6.0.0 for all fourteen models (fixtures from
 * scripts/make-mclust-fixtures.R): each run restarts from mclust's start with `tol: 0`, so both run
 * exactly T EM iterations, and the weights, means, covariances and log-likelihood are compared.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture } from '../src/index';
import { expectAllClose, expectClose } from './helpers';

interface Parameters {
  readonly weights: number[];
  readonly means: number[][];
  readonly covariances: number[][][];
}

interface MclustRun {
  readonly data: 'iris' | 'faithful';
  readonly model: CovarianceType;
  readonly G: number;
  readonly T: number;
  readonly control: 'default' | 'converged' | 'inner-default' | 'prior';
  readonly prior: boolean;
  readonly start: Parameters;
  readonly result: Parameters;
  readonly loglik: number;
  /** mclust's `info`: iterations (negative: the limit T was reached) and the last change. */
  readonly info: [number, number];
}

interface MclustFixture {
  readonly data: Record<MclustRun['data'], number[][]>;
  readonly runs: MclustRun[];
}

const FIXTURE = JSON.parse(
  readFileSync(new URL('./fixtures/mclust/em.json', import.meta.url), 'utf8'),
) as MclustFixture;

/**
 * Closed-form models, and the iterative ones run to their fixed point (mclust: inner tol −1 and
 * 10 000 inner iterations; here `innerTol: -1` and 2000, past which nothing changes at this bound):
 * the same arithmetic in another order.
 */
const TOLERANCE = 1e-12;
/**
 * The iterative models with mclust's default inner tolerance (√ε on the relative change of an
 * objective that is flat at its optimum): each library stops its inner loop short of the fixed
 * point at its own iteration. For EVE and VVE, whose MM steps converge slowly, the parameters are
 * then still ~1e-3 from it, and the two libraries up to ~3e-4 apart.
 */
const INNER_DEFAULT_TOLERANCE = 1e-3;

/**
 * The M-steps mclust ran: T, unless its log-likelihood repeated bit for bit first (with tol 0 its
 * test |Δ| > tol then fails), which its positive iteration count reports.
 */
function mclustIterations(run: MclustRun): number {
  return run.info[0] > 0 ? run.info[0] : run.T;
}

async function refit(run: MclustRun, X: number[][]): Promise<GaussianMixture> {
  const converged = run.control === 'converged';
  return GaussianMixture.fit(X, {
    components: run.G,
    covariance: run.model,
    init: run.start,
    maxIter: mclustIterations(run),
    tol: 0,
    regCovar: 0,
    ...(converged ? { innerTol: -1, innerMaxIter: 2000 } : {}),
  });
}

const RUNS = FIXTURE.runs.filter((run) => !run.prior);

describe('agreement with mclust em() from explicit starts', () => {
  it.each(RUNS.map((run) => [`${run.data} ${run.model} ${run.control} T=${run.T}`, run] as const))(
    '%s',
    async (_name, run) => {
      const X = FIXTURE.data[run.data];
      const model = await refit(run, X);
      const tolerance = run.control === 'inner-default' ? INNER_DEFAULT_TOLERANCE : TOLERANCE;
      expect(model.covariance).toBe(run.model);
      expect(model.iterations).toBe(mclustIterations(run));
      expectAllClose(model.weights, run.result.weights, tolerance, 'weights');
      expectAllClose(model.means, run.result.means, tolerance, 'means');
      for (let k = 0; k < run.G; k++) {
        expectAllClose(model.covariances[k], run.result.covariances[k], tolerance, `covariances[${k}]`);
      }
      expectClose(model.logLikelihood * X.length, run.loglik, tolerance, 0, 'log-likelihood');
    },
  );
});
