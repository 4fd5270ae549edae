/**
 * Every restart of a fit over one engine and one start context, and the choice of the best run: a
 * sound run beats a degenerate one whatever their likelihoods, then the higher likelihood wins. A
 * run that fails numerically is skipped and counted; the fit throws only when every run failed.
 */
import type { EStepEngine } from '../engine/estep-engine';
import { NumericalFailureError } from '../errors';
import type { InitMethod } from '../fit-options';
import type { ExplicitStart, ResolvedFitOptions } from '../internal-types';
import type { ModelState } from '../model-state';
import { overflowInOriginalUnits } from '../original-units';
import { Random } from '../random';
import { type Standardization, toStandardUnits } from '../standardize';
import type { Yielder } from '../yield';
import { type InitContext, initialParameters, isDeterministicStart } from './init';
import { isNumericalFailure } from './rescue';
import { type ProgressLabel, type RunResult, runEm } from './run';

/** A sound run beats a degenerate one whatever their likelihoods; then the higher likelihood wins. */
export function isBetter(run: RunResult, best: RunResult): boolean {
  const sound = run.degenerate.length === 0;
  if (sound !== (best.degenerate.length === 0)) return sound;
  return run.logLikelihood > best.logLikelihood;
}

/**
 * Every restart over one engine and one start context (in-memory data, or a stream and its
 * sample); the best run becomes the model's state.
 * @param shift - added to fit-units log-likelihoods to report them in the user's units.
 */
export async function runRestarts(
  engine: EStepEngine,
  context: InitContext,
  options: ResolvedFitOptions,
  z: Standardization | undefined,
  shift: number,
  progress: { readonly label: ProgressLabel; readonly yielder: Yielder; readonly entropy?: boolean },
): Promise<ModelState> {
  const { label, yielder, entropy } = progress;
  const init = inFitUnits(options.init, z);
  // A complete explicit start, or the tree's, is the same in every restart: running it again would only repeat the result.
  const restarts = isDeterministicStart(init) ? 1 : options.restarts;
  let best: RunResult | undefined;
  let failedRestarts = 0;
  let firstFailure: Error | undefined;
  for (let restart = 0; restart < restarts; restart++) {
    // The iterative M-steps' inner estimates: from the start's M-step on through the run's.
    const carry: Record<string, Float64Array> = {};
    const start = await initialParameters(init, context, new Random(options.seed, restart), carry);
    // A warm start continues its model's run: the first change is measured from where it stopped.
    const previous =
      typeof init === 'object' && init.logLikelihood !== undefined ? init.logLikelihood - shift : -Infinity;
    let run: RunResult;
    try {
      run = await runEm(engine, context, start, options, {
        restart,
        label,
        yielder,
        shift,
        previous,
        carry,
        entropy,
      });
    } catch (error) {
      if (!isNumericalFailure(error)) throw error;
      failedRestarts++;
      firstFailure ??= error;
      continue;
    }
    if (!best || isBetter(run, best)) best = run;
  }
  if (!best) throw firstFailure;
  return { ...toModelState(best, failedRestarts, options, z, shift), prior: context.prior };
}

/** An explicit start arrives in the user's units; the fit may run in standardized ones. */
export function inFitUnits(
  init: InitMethod | ExplicitStart,
  z: Standardization | undefined,
): InitMethod | ExplicitStart {
  if (typeof init !== 'object' || !z) return init;
  const converted = toStandardUnits(
    init.means ?? new Float64Array(0),
    init.covariances ?? new Float64Array(0),
    z,
  );
  return {
    weights: init.weights,
    means: init.means && converted.means,
    covariances: init.covariances && converted.covariances,
    logLikelihood: init.logLikelihood,
  };
}

/**
 * The fit's result from its kept run: the parameters in fit units with the standardization that maps them
 * back, the log-likelihoods shifted to the user's units.
 * @throws NumericalFailureError when the parameters overflow a double in the user's units.
 */
export function toModelState(
  run: RunResult,
  failedRestarts: number,
  options: ResolvedFitOptions,
  z: Standardization | undefined,
  shift: number,
): ModelState {
  const { means, covariances } = run.params;
  const overflow = z && overflowInOriginalUnits(options.covariance, means, covariances, z);
  if (overflow) {
    throw new NumericalFailureError(
      `the fitted model cannot be reported: its ${overflow}; rescale the data`,
      {
        remedy: 'rescale the data',
      },
    );
  }
  return {
    covariance: options.covariance,
    parameters: run.params,
    standardization: z,
    converged: run.converged,
    iterations: run.iterations,
    logLikelihood: run.logLikelihood + shift,
    history: run.history.map((value) => value + shift),
    seed: options.seed,
    reseeds: run.reseeds,
    degenerate: run.degenerate,
    failedRestarts,
    missing: options.missing,
    ...(run.entropy === undefined ? {} : { classificationEntropy: run.entropy }),
    ...(options.precision === 'float32' ? { precision: options.precision } : {}),
  };
}
