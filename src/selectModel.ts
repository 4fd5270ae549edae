import { type GaussianMixture, modelFromState } from './GaussianMixture';
import { type SelectionRow, type SelectModelOptions, selectStates } from './select';
import type { Matrix } from './types';

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
