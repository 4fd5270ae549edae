/**
 * Collapsed components. A component whose weight falls below a hundredth of an average row's worth
 * (it explains no row at all), or whose covariance stops being positive definite (including
 * numerically: see `firstSingular` in ./degenerate.ts), is re-seeded
 * rather than left to produce NaN or to sit dead: it moves to the row the current mixture explains
 * worst, with the data's per-feature variance as covariance and weight 1/K. Each run re-seeds at most 2·K times; past that, a covariance
 * that is still singular means regularisation cannot rescue the data, and the error says what to do.
 *
 * Every loop here is bounded: each pass of `rescueComponents` re-seeds one component or returns,
 * within the budget; finding the worst-explained row broadens every singular component at once,
 * in one factorisation per component, and a broadened covariance (the data's variance, finite and
 * positive by `usableVariance`) is positive definite, or the data are out of range and the error
 * says so.
 */

import { withDiagonalCovariances } from '../covariance/diagonals';
import type { EStepEngine } from '../engine/estep-engine';
import { type NumericalFailureDetails, NumericalFailureError } from '../errors';
import type { MixtureParameters, ResolvedFitOptions } from '../internal-types';
import type { Yielder } from '../yield';
import { firstSingular } from './degenerate';
import { type InitContext, usableVariance } from './init';

/**
 * Below this fraction of an average row's weight a component counts as empty. Far below one row, so
 * that a component owning a single row (K close to N) is left alone rather than churned, and so that
 * integer sample weights and repeated rows, whose average rows differ, agree on what is empty.
 */
const EMPTY_ROW_FRACTION = 0.01;

/** Where a fit stands when its components are checked: what re-seeding may do, and how it reports. */
export interface RescueState {
  /** Iterations completed (0: the start). */
  readonly iteration: number;
  /** Re-seeds so far in this run. */
  readonly reseeds: number;
  /** The fit's options (regCovar, K, standardize: the remedies a failure suggests). */
  readonly options: ResolvedFitOptions;
  /** Gives the event loop a turn between re-seeds (and so a chance to abort). */
  readonly yielder: Yielder;
}

/**
 * Loads `params` into the engine, re-seeding collapsed components first.
 * @param nk - the E-step's component weights behind `params` (none for a start).
 * @returns the parameters now loaded and the run's re-seed count.
 * @throws NumericalFailureError when a covariance stays singular and the re-seed budget is spent,
 *   or when the data's variance is out of a double's range.
 */
export async function rescueComponents(
  engine: EStepEngine,
  context: InitContext,
  params: MixtureParameters,
  nk: Float64Array | undefined,
  state: RescueState,
): Promise<{ params: MixtureParameters; reseeds: number }> {
  const budget = 2 * engine.k;
  const minimumWeight = (EMPTY_ROW_FRACTION * engine.totalWeight) / engine.rows;
  let reseeds = state.reseeds;
  const empty = nk ? Array.from(nk.keys()).filter((c) => !((nk[c] as number) >= minimumWeight)) : [];
  // Each pass re-seeds once (reseeds grows towards the budget) or leaves the loop.
  for (;;) {
    const singular = load(engine, params);
    const next = singular >= 0 ? singular : empty.shift();
    if (next === undefined) return { params, reseeds };
    if (reseeds >= budget || (singular >= 0 && engine.model.sharedCovariance)) {
      if (singular < 0) return { params, reseeds };
      // Data out of a double's range is the cause to name, when it is the cause.
      usableVariance(context);
      throw unrescuable(singular, state, reseeds, engine.model.sharedCovariance);
    }
    params = await reseed(engine, context, params, next);
    reseeds++;
    await state.yielder.maybeYield();
  }
}

/** The numerical failures that end one EM run only: another restart, from another start, may succeed. */
const runFailures = new WeakSet<Error>();

/**
 * A numerical failure of one EM run, such as a covariance that no re-seed could keep positive
 * definite: the fit skips the run, since the other restarts may succeed.
 */
export function numericalFailure(message: string, details: NumericalFailureDetails): NumericalFailureError {
  const error = new NumericalFailureError(message, details);
  runFailures.add(error);
  return error;
}

/**
 * Whether `error` came from {@link numericalFailure}: a failure of one run, which the fit skips.
 * Other numerical failures (data out of a double's range) would fail every run alike.
 */
export function isNumericalFailure(error: unknown): error is NumericalFailureError {
  return error instanceof NumericalFailureError && runFailures.has(error);
}

/** Loads the parameters; the first singular covariance (by the kernels or the relative test) or −1. */
function load(engine: EStepEngine, params: MixtureParameters): number {
  const failed = engine.loadParameters(params);
  return failed >= 0 ? failed : firstSingular(params, engine.model, engine.d);
}

/** Moves component c to the worst-explained row, with the data's variance and weight 1/K. */
async function reseed(
  engine: EStepEngine,
  context: InitContext,
  params: MixtureParameters,
  c: number,
): Promise<MixtureParameters> {
  const { model, k, d } = engine;
  const variance = usableVariance(context);
  const broaden = (compact: Float64Array, components: readonly number[]): Float64Array =>
    withDiagonalCovariances(model, compact, components, variance, d, k);
  const covariances = broaden(params.covariances, [c]);
  // Densities need every covariance factorised: while looking for the row, every other singular
  // component is broadened too (each gets its own re-seed afterwards), so that no kernel reads
  // precisions left over from an earlier factorisation. One factorisation finds them all.
  let search = covariances;
  if (engine.loadParameters({ ...params, covariances }) >= 0) {
    search = broaden(search, engine.singularComponents());
    if (engine.loadParameters({ ...params, covariances: search }) >= 0) throw outOfRange(variance);
  }
  const row = await engine.worstExplainedRow();
  const means = params.means.slice();
  means.set(context.X.data.subarray(row * d, (row + 1) * d), c * d);
  const others = 1 - (params.weights[c] as number);
  const weights = params.weights.map((w, j) =>
    j === c ? 1 / k : others > 0 ? (w * (1 - 1 / k)) / others : (1 - 1 / k) / (k - 1),
  );
  return { weights, means, covariances };
}

/** The data's variances make a diagonal covariance that cannot be factorised: they are out of range. */
function outOfRange(variance: Float64Array): Error {
  let largest = 0;
  let smallest = Infinity;
  for (const v of variance) {
    largest = Math.max(largest, v);
    smallest = Math.min(smallest, v);
  }
  const remedy = 'rescale the data or set standardize: true';
  return new NumericalFailureError(
    `the data's per-feature variances (from ${smallest.toPrecision(3)} to ${largest.toPrecision(3)}) are too ` +
      `far out of a double's range to make a covariance of; ${remedy}`,
    { remedy },
  );
}

function unrescuable(
  component: number,
  state: RescueState,
  reseeds: number,
  shared: boolean,
): NumericalFailureError {
  const { options, iteration } = state;
  const when = iteration === 0 ? 'at the start' : `after iteration ${iteration}`;
  const which = shared ? 'the tied covariance' : `the covariance of component ${component}`;
  const remedies = [`increase regCovar (now ${options.regCovar})`];
  if (options.components > 1) remedies.push(`reduce components (now ${options.components})`);
  if (!options.standardize) remedies.push('set standardize: true');
  const last = remedies.pop() as string;
  const advice = remedies.length > 0 ? `${remedies.join(', ')} or ${last}` : last;
  return numericalFailure(
    `${which} is not positive definite ${when}${reseeds > 0 ? ` even after ${reseeds} re-seeds` : ''}; ${advice}`,
    { component: shared ? undefined : component, iteration, remedy: advice },
  );
}
