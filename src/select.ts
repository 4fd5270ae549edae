/**
 * Model selection: every candidate number of components × covariance type fitted on the same
 * prepared data (standardized once, copied into wasm memory once), scored by BIC or AIC.
 */

import { COVARIANCE_MODELS, parameterCount } from './covariance/index';
import { fitPrepared, ownRows, PreparedData } from './fit';
import { log } from './math';
import type { ModelState } from './model-state';
import { randomSeed } from './random';
import type { CovarianceType, FitOptions } from './types';
import { describeKind, readMatrix, resolveFitOptions } from './validate';
import { Yielder } from './yield';

export type Criterion = 'bic' | 'aic';

/** Options of `selectModel`: the fit options, with lists of candidates for K and the covariance type. */
export type SelectModelOptions = Omit<FitOptions, 'components' | 'covariance'> & {
  /** Candidate numbers of components, e.g. `[1, 2, 3, 4, 5, 6]`. */
  readonly components: readonly number[];
  /** Candidate covariance types; default `['full']`. */
  readonly covariance?: readonly CovarianceType[];
  /** What "best" means: the lowest BIC (default) or AIC. */
  readonly criterion?: Criterion;
};

/** One candidate's outcome. */
export interface SelectionRow {
  readonly components: number;
  readonly covariance: CovarianceType;
  readonly bic: number;
  readonly aic: number;
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Set when the fit failed numerically (criteria are then +∞): what the error said. */
  readonly error?: string;
}

const SELECTION_KEYS = ['components', 'covariance', 'criterion'] as const;

/**
 * Fits every candidate and returns their table and the best state by the criterion (ties: the first
 * in table order, covariance types in the order given, then components in the order given).
 * @throws TypeError / RangeError for invalid data or options; the first candidate's Error when every
 *   candidate failed numerically.
 */
export async function selectStates(
  X: unknown,
  options: unknown,
): Promise<{ best: ModelState; table: SelectionRow[] }> {
  const data = ownRows(X, readMatrix(X));
  const { components, covariances, criterion, rest } = readSelection(options);
  // One seed for every candidate, so that the whole selection repeats exactly.
  const shared = { ...rest, seed: rest.seed ?? randomSeed() };
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
  let best: { state: ModelState; score: number } | undefined;
  let firstError: unknown;
  try {
    for (const { k, covariance, options: resolved } of candidates) {
      try {
        const state = await fitPrepared(prepared, resolved, yielder, { components: k, covariance });
        const row = criteria(state, k, data.cols, prepared.givenTotalWeight);
        table.push(row);
        if (!best || row[criterion] < best.score) best = { state, score: row[criterion] };
      } catch (error) {
        // A numerical failure rules a candidate out; anything else is the caller's to see.
        if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError)
          throw error;
        if (resolved.signal?.aborted) throw error;
        firstError ??= error;
        table.push({
          components: k,
          covariance,
          bic: Infinity,
          aic: Infinity,
          logLikelihood: -Infinity,
          converged: false,
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

/** BIC and AIC from the fit's own log-likelihood: N is the total sample weight (the rows, unweighted). */
function criteria(state: ModelState, k: number, d: number, n: number): SelectionRow {
  const p = parameterCount(COVARIANCE_MODELS[state.covariance], k, d);
  const deviance = -2 * n * state.logLikelihood;
  return {
    components: k,
    covariance: state.covariance,
    bic: deviance + p * log(n),
    aic: deviance + 2 * p,
    logLikelihood: state.logLikelihood,
    converged: state.converged,
  };
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
  const components = candidateList(given.components, 'components', 'candidate numbers of components');
  const covariance = candidateList(given.covariance ?? ['full'], 'covariance', 'covariance types');
  const criterion = given.criterion ?? 'bic';
  if (criterion !== 'bic' && criterion !== 'aic') {
    throw new RangeError(
      `criterion must be 'bic' or 'aic', got ${typeof criterion === 'string' ? `'${criterion}'` : describeKind(criterion)}`,
    );
  }
  return { components: components as number[], covariances: covariance as CovarianceType[], criterion, rest };
}

/** A list of candidates: a TypeError when not an array, a RangeError when empty. */
function candidateList(value: unknown, option: string, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new TypeError(`${option} must be an array of ${what}, got ${describeKind(value)}`);
  if (value.length === 0)
    throw new RangeError(`${option} must list at least one candidate, got an empty array`);
  return value;
}
