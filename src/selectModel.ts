/**
 * Model selection: every candidate number of components × covariance type fitted on the same
 * prepared data (standardized once, copied into wasm memory once), scored by BIC, AIC or ICL.
 * Candidates with a degenerate component (./em/degenerate.ts) stay in the table, marked, but are
 * chosen only when no candidate is sound. Each candidate runs to the stricter stopping rule of
 * {@link SELECTION_TOL} unless the caller gives `tol`.
 */

import { COVARIANCE_MODELS, MCLUST_MODELS, parameterCount } from './covariance/index';
import { PRIOR_MODELS } from './covariance/prior';
import { SELECTION_DEFAULTS } from './defaults';
import { PreparedData } from './engine/prepared-data';
import { aboutOption, NumericalFailureError, readingOption } from './errors';
import { fitPrepared, ownRows, refuseOversized } from './fit';
import type { FitOptions } from './fit-options';
import { type GaussianMixture, modelFromState } from './GaussianMixture';
import type { DenseMatrix } from './internal-types';
import { log } from './logarithm';
import type { ModelState } from './model-state';
import { randomSeed } from './random';
import type { CovarianceType, Matrix } from './types';
import { allowsMissing, describeKind, readMatrix, resolveFitOptions } from './validate/index';
import { readCandidates } from './validate/lists';
import { Yielder } from './yield';

/** What `selectModel` ranks candidates by, lowest best: `'bic'`, `'aic'` or `'icl'`. */
export type Criterion = 'bic' | 'aic' | 'icl';

/** The default `tol` of a selection (a fit's is scikit-learn's 1e-3): see `SELECTION_DEFAULTS`. */
export const SELECTION_TOL = SELECTION_DEFAULTS.tol;
/** The default `maxIter` of a selection: room for the stricter `tol` (a fit's default is 100). */
export const SELECTION_MAX_ITER = SELECTION_DEFAULTS.maxIter;

/** Options of `selectModel`: the fit options, with lists of candidates for K and the covariance type. */
export type SelectModelOptions = Omit<FitOptions, 'components' | 'covariance'> & {
  /** Candidate numbers of components, e.g. `[1, 2, 3, 4, 5, 6]`. */
  readonly components: readonly number[];
  /**
   * Candidate covariance types, or `'all'`: mclust's fourteen, in mclust's order (with `prior`, the
   * ten that have one, as mclust's `mclustBIC`); default `['full']`.
   */
  readonly covariance?: readonly CovarianceType[] | 'all';
  /** What "best" means: the lowest BIC (default), AIC or ICL. */
  readonly criterion?: Criterion;
};

/** One candidate's outcome. */
export interface SelectionRow {
  /** The candidate's K. */
  readonly components: number;
  /** The candidate's covariance type. */
  readonly covariance: CovarianceType;
  /** −2·N·score + p·ln N, N the total sample weight (lower is better); +∞ when the fit failed. */
  readonly bic: number;
  /** −2·N·score + 2p (lower is better); +∞ when the fit failed. */
  readonly aic: number;
  /**
   * BIC + 2 × the entropy of the hard classification, −Σᵢ wᵢ log maxₖ γᵢₖ (mclust's `icl`, with the
   * sign of our BIC): BIC penalised for components that overlap.
   */
  readonly icl: number;
  /** Mean per-sample log-likelihood of the candidate's final parameters; −∞ when the fit failed. */
  readonly logLikelihood: number;
  /** Whether the candidate's kept restart converged within `maxIter`. */
  readonly converged: boolean;
  /** Whether the fitted model has a degenerate component (`model.degenerate` is not empty). */
  readonly degenerate: boolean;
  /** Set when the fit failed numerically (criteria are then +∞): what the error said. */
  readonly error?: string;
}

const SELECTION_KEYS = ['components', 'covariance', 'criterion'] as const;

/**
 * Fits every candidate and returns their table and the best state by the criterion among the sound
 * candidates, or among all when every one is degenerate (ties: the first in table order, covariance
 * types in the order given, then components in the order given).
 * @throws TypeError / RangeError for invalid data or options; the first candidate's
 *   NumericalFailureError when every candidate failed numerically; any other error at once.
 */
export async function selectStates(
  X: unknown,
  options: unknown,
): Promise<{ best: ModelState; table: SelectionRow[] }> {
  refuseOversized(X, options);
  const data = ownRows(X, readMatrix(X, 'X', allowsMissing(options)));
  const { components, covariances, criterion, rest } = readSelection(options);
  // One seed for every candidate, so that the whole selection repeats exactly.
  const shared = {
    ...rest,
    seed: rest.seed ?? randomSeed(),
    tol: rest.tol ?? SELECTION_TOL,
    maxIter: rest.maxIter ?? SELECTION_MAX_ITER,
  };
  const candidates = covariances.flatMap((covariance) =>
    components.map((k) => ({
      k,
      covariance,
      options: resolveFitOptions({ ...shared, components: k, covariance }, data),
    })),
  );
  const first = (candidates[0] as (typeof candidates)[number]).options;
  if (first.signal?.aborted) throw first.signal.reason;
  const prepared = await PreparedData.create(data, first);
  const yielder = new Yielder(first.signal);
  const table: SelectionRow[] = [];
  let best: { state: ModelState; score: number; sound: boolean } | undefined;
  let firstError: unknown;
  try {
    for (const { k, covariance, options: resolved } of candidates) {
      try {
        const state = await fitPrepared(prepared, resolved, yielder, { components: k, covariance }, true);
        const row = criteria(state, k, data, resolved.sampleWeight, prepared.givenTotalWeight);
        table.push(row);
        const sound = !row.degenerate;
        if (!best || (sound && !best.sound) || (sound === best.sound && row[criterion] < best.score))
          best = { state, score: row[criterion], sound };
      } catch (error) {
        // A numerical failure rules a candidate out; anything else (a worker that stopped) is the caller's to see.
        if (!(error instanceof NumericalFailureError)) throw error;
        if (resolved.signal?.aborted) throw error;
        firstError ??= error;
        table.push({
          components: k,
          covariance,
          bic: Infinity,
          aic: Infinity,
          icl: Infinity,
          logLikelihood: -Infinity,
          converged: false,
          degenerate: false,
          error: error.message,
        });
      }
    }
  } finally {
    await prepared.dispose();
  }
  if (!best) throw firstError;
  return { best: best.state, table };
}

/** BIC, AIC and ICL from the fit's own log-likelihood: N is the total sample weight (the rows, unweighted). */
function criteria(
  state: ModelState,
  k: number,
  data: DenseMatrix,
  sampleWeight: Float64Array | undefined,
  n: number,
): SelectionRow {
  const p = parameterCount(COVARIANCE_MODELS[state.covariance], k, data.cols);
  const deviance = -2 * n * state.logLikelihood;
  const bic = deviance + p * log(n);
  return {
    components: k,
    covariance: state.covariance,
    bic,
    aic: deviance + 2 * p,
    icl: bic + 2 * classificationEntropy(state, data, sampleWeight),
    logLikelihood: state.logLikelihood,
    converged: state.converged,
    degenerate: state.degenerate.length > 0,
  };
}

/**
 * −Σᵢ wᵢ log maxₖ γᵢₖ: how much the hard classification leaves uncertain (0 when every γ is 0 or 1),
 * from `uncertainty` (1 − maxₖ γᵢₖ, one flat array; maxₖ γᵢₖ comes back within an ulp of 1, which
 * moves the sum by less than 1e-16 a row).
 */
function classificationEntropy(
  state: ModelState,
  data: DenseMatrix,
  sampleWeight: Float64Array | undefined,
): number {
  // The fit's final pass gives it when its engine can (this thread or workers, no missing values).
  if (state.classificationEntropy !== undefined) return state.classificationEntropy;
  const uncertainty = modelFromState(state).uncertainty(data);
  let entropy = 0;
  for (let i = 0; i < uncertainty.length; i++) {
    const weight = sampleWeight ? (sampleWeight[i] as number) : 1;
    if (weight > 0) entropy -= weight * log(1 - (uncertainty[i] as number));
  }
  return entropy;
}

function readSelection(options: unknown): {
  components: number[];
  covariances: CovarianceType[];
  criterion: Criterion;
  rest: Record<string, unknown> & { seed?: unknown };
} {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeKind(options)}`);
  }
  const given = options as Record<string, unknown>;
  const rest = Object.fromEntries(
    Object.entries(given).filter(([key]) => !(SELECTION_KEYS as readonly string[]).includes(key)),
  );
  const components = readingOption('components', () =>
    readCandidates(given.components, 'components', 'candidate numbers of components'),
  );
  // With a prior, 'all' is mclust's list for it too: the ten models that have one.
  const covariance =
    given.covariance === 'all'
      ? MCLUST_MODELS.filter((name) => given.prior === undefined || PRIOR_MODELS[name])
      : readingOption('covariance', () =>
          readCandidates(
            given.covariance ?? [...SELECTION_DEFAULTS.covariance],
            'covariance',
            'covariance types',
          ),
        );
  const criterion = given.criterion ?? SELECTION_DEFAULTS.criterion;
  if (criterion !== 'bic' && criterion !== 'aic' && criterion !== 'icl') {
    throw aboutOption(
      new RangeError(
        `criterion must be 'bic', 'aic' or 'icl', got ${typeof criterion === 'string' ? `'${criterion}'` : describeKind(criterion)}`,
      ),
      'criterion',
    );
  }
  return { components: components as number[], covariances: covariance as CovarianceType[], criterion, rest };
}
/**
 * Fits every candidate number of components × covariance type with the same options and returns
 * the table of BIC, AIC, log-likelihood and convergence, and the best model by `criterion` (lowest).
 * The data are standardized and copied into wasm memory once for all candidates; `onIteration`
 * reports which candidate is running; one seed (given or drawn) serves every candidate.
 * @throws TypeError / RangeError for invalid data or options; the signal's reason when aborted; the
 *   first candidate's NumericalFailureError when every candidate failed numerically (a candidate that
 *   fails so is a row of the table with its `error`); any other error (a worker that stopped) at once.
 */
export async function selectModel(
  X: Matrix,
  options: SelectModelOptions,
): Promise<{
  /** The best candidate by the criterion, as a fitted model. */
  best: GaussianMixture;
  /** One row per candidate: covariance types in the order given, then K. */
  table: SelectionRow[];
}> {
  const { best, table } = await selectStates(X, options);
  return { best: modelFromState(best), table };
}
