/**
 * One EM run: from a start, E-step → M-step → re-seeding until the mean log-likelihood changes by
 * less than `tol` or `maxIter`, then a final E-step, so that the reported log-likelihood is that of
 * the returned parameters and `predict` agrees with the fit.
 */
import type { EStepEngine } from '../engine/estep-engine';
import { NumericalFailureError } from '../errors';
import type { IterationProgress } from '../fit-options';
import type { MixtureParameters, ResolvedFitOptions } from '../internal-types';
import type { Yielder } from '../yield';
import { degenerateComponents } from './degenerate';
import type { InitContext } from './init';
import { mStep } from './m-step';
import { numericalFailure, rescueComponents } from './rescue';

/** Names the candidate of `selectModel` in progress reports. */
export type ProgressLabel = IterationProgress['candidate'];

/** One EM run's outcome, in the units of the fit's data. */
export interface RunResult {
  /** The run's last parameters, in the fit's units and compact form. */
  readonly params: MixtureParameters;
  /**
   * Whether the log-likelihood changed by less than `tol` (with no re-seed in that iteration) before
   * `maxIter`.
   */
  readonly converged: boolean;
  /** EM iterations run (E-step and M-step pairs), at most `maxIter`. */
  readonly iterations: number;
  /** The mean log-likelihood (per unit of weight) of `params` from the final E-step, in the fit's units. */
  readonly logLikelihood: number;
  /** The mean log-likelihood of each iteration's E-step, then the final one's: `iterations + 1` entries. */
  readonly history: number[];
  /** Components re-seeded during the run (each counted once per re-seed). */
  readonly reseeds: number;
  /** Components the data do not determine, ascending. */
  readonly degenerate: number[];
  /** −Σᵢ wᵢ log maxₖ γᵢₖ of `params`, when the run was asked for it and its engine gives it. */
  readonly entropy?: number;
}

/** What one run takes besides its start: where it stands in the fit, and how it reports and yields. */
export interface RunContext {
  /** Index of the run among the restarts: reported in progress. */
  readonly restart: number;
  /** The `selectModel` candidate being fitted, for progress reports; undefined in a plain fit. */
  readonly label: ProgressLabel;
  /**
   * Gives the event loop a turn between iterations, so that a long fit neither blocks nor misses an abort.
   */
  readonly yielder: Yielder;
  /** Added to fit-units log-likelihoods to report them in the user's units. */
  readonly shift: number;
  /** What the first iteration's change is measured from (fit units): −∞, or a warm start's end. */
  readonly previous: number;
  /** The iterative M-steps' inner estimates the start left (./init.ts), carried on; absent, none. */
  readonly carry?: Record<string, Float64Array>;
  /**
   * Whether the final pass should give the classification's entropy too (selectModel's ICL), where
   * the engine can in the same pass.
   */
  readonly entropy?: boolean;
}

/**
 * Runs EM from `start` on the engine's rows until it converges or reaches `maxIter`, then the final E-step.
 * @throws NumericalFailureError when a covariance no re-seed can keep positive definite, or the final
 *   log-likelihood is not finite; the signal's reason when aborted.
 */
export async function runEm(
  engine: EStepEngine,
  context: InitContext,
  start: MixtureParameters,
  options: ResolvedFitOptions,
  run: RunContext,
): Promise<RunResult> {
  const { maxIter, tol, regCovar, onIteration, signal } = options;
  const rescue = (params: MixtureParameters, nk: Float64Array | undefined, iteration: number) =>
    rescueComponents(engine, context, params, nk, { iteration, reseeds, options, yielder: run.yielder });
  let reseeds = 0;
  let params = start;
  // The iterative M-steps' inner estimates, carried from one M-step of this run to the next.
  const control = {
    innerTol: options.innerTol,
    innerMaxIter: options.innerMaxIter,
    carry: run.carry ?? {},
    prior: context.prior,
  };
  ({ params, reseeds } = await rescue(params, undefined, 0));
  const history: number[] = [];
  let previous = run.previous;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIter) {
    const stats = await engine.eStep();
    const logLikelihood = stats.logLikelihood / stats.weight;
    history.push(logLikelihood);
    iterations++;
    const before = reseeds;
    ({ params, reseeds } = await rescue(
      mStep(stats, engine.d, regCovar, engine.model, control),
      stats.nk,
      iterations,
    ));
    const change = logLikelihood - previous;
    previous = logLikelihood;
    onIteration?.({
      restart: run.restart,
      iteration: iterations,
      logLikelihood: logLikelihood + run.shift,
      change,
      ...(run.label ? { candidate: run.label } : {}),
    });
    // A re-seeded component has yet to find its place: not a time to call the fit converged.
    if (Math.abs(change) < tol && reseeds === before) {
      converged = true;
      break;
    }
    await run.yielder.maybeYield();
    throwIfAborted(signal);
  }
  const final =
    run.entropy && engine.logLikelihoodAndEntropy
      ? await engine.logLikelihoodAndEntropy()
      : { logLikelihood: await engine.logLikelihood(), entropy: undefined };
  const logLikelihood = final.logLikelihood / engine.totalWeight;
  if (!Number.isFinite(logLikelihood)) {
    throw numericalFailure(`the log-likelihood is ${logLikelihood} after iteration ${iterations}`, {
      iteration: iterations,
      remedy: options.standardize ? 'rescale the data' : 'rescale the data or set standardize: true',
    });
  }
  history.push(logLikelihood);
  // An iteration's −∞ would be saved as null: the model could not be read back.
  if (!history.every(Number.isFinite)) throw farRows(options);
  const { d, model, totalWeight } = engine;
  const degenerate = degenerateComponents(params, { model, d, regCovar, totalWeight });
  const entropy = final.entropy === undefined ? {} : { entropy: final.entropy };
  return { params, converged, iterations, logLikelihood, history, reseeds, degenerate, ...entropy };
}

/**
 * A log-likelihood of −∞: some row is so far from every component (|x − μ| / σ beyond ~1e154) that
 * even its log-density overflows a double.
 */
export function farRows(options: ResolvedFitOptions): NumericalFailureError {
  const remedy = options.standardize ? 'rescale the data' : 'rescale the data or set standardize: true';
  return new NumericalFailureError(
    `the log-likelihood overflows to −∞: some row lies so far from every component that its log-density ` +
      `is beyond a double's range; ${remedy}`,
    { remedy },
  );
}

/** Throws the signal's reason (an `AbortError` unless the caller gave another) once it has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
