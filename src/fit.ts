/**
 * The EM driver: validates once, standardizes if asked, runs every restart from its own seeded start,
 * iterates E-step → M-step until the mean log-likelihood changes by less than `tol`, ends each run
 * with a final E-step (so `predict` agrees with the fit), and keeps the best run.
 */
import { initialParameters } from './init';
import type { ModelState } from './model-state';
import { Random } from './random';
import {
  fitStandardizer,
  type Standardizer,
  standardizeMatrix,
  startToStandardUnits,
  toOriginalUnits,
} from './standardize';
import { mStep } from './statistics';
import type { MixtureParameters, ResolvedFitOptions } from './types';
import { readMatrix, resolveFitOptions } from './validate';
import { loadKernels } from './wasm/load';
import { Workspace } from './wasm/workspace';
import { Yielder } from './yield';

/** One EM run's outcome, in the units of the fit's data. */
interface RunResult {
  readonly params: MixtureParameters;
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  readonly history: number[];
}

/** Fits a mixture to X; the state of the fitted model, parameters in the user's units. */
export async function fitMixture(X: unknown, options: unknown): Promise<ModelState> {
  const data = readMatrix(X);
  const resolved = resolveFitOptions(options, data);
  throwIfAborted(resolved.signal);
  const kernels = await loadKernels();
  const standardizer = resolved.standardize ? fitStandardizer(data) : undefined;
  const fitData = standardizer ? standardizeMatrix(data, standardizer) : data;
  const init =
    standardizer && typeof resolved.init === 'object'
      ? startToStandardUnits(resolved.init, standardizer)
      : resolved.init;
  const workspace = new Workspace(kernels, fitData, resolved.components);
  try {
    const yielder = new Yielder();
    // An explicit start is the same in every restart: running it again would only repeat the result.
    const restarts = typeof init === 'object' ? 1 : resolved.restarts;
    let best: RunResult | undefined;
    for (let restart = 0; restart < restarts; restart++) {
      const start = initialParameters(
        init,
        fitData,
        resolved.components,
        new Random(resolved.seed, restart),
        resolved.regCovar,
      );
      const run = await runEm(workspace, start, resolved, restart, yielder);
      if (!best || run.logLikelihood > best.logLikelihood) best = run;
    }
    return toModel(best as RunResult, resolved, standardizer);
  } finally {
    workspace.dispose();
  }
}

async function runEm(
  workspace: Workspace,
  start: MixtureParameters,
  options: ResolvedFitOptions,
  restart: number,
  yielder: Yielder,
): Promise<RunResult> {
  const { maxIter, tol, regCovar, onIteration, signal } = options;
  const rows = workspace.rows;
  let params = start;
  loadParameters(workspace, params, options, 0);
  const history: number[] = [];
  let previous = -Infinity;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIter) {
    const stats = workspace.eStep();
    const logLikelihood = stats.logLikelihood / rows;
    history.push(logLikelihood);
    params = mStep(stats, workspace.d, regCovar);
    iterations++;
    loadParameters(workspace, params, options, iterations);
    const change = logLikelihood - previous;
    previous = logLikelihood;
    onIteration?.({ restart, iteration: iterations, logLikelihood, change });
    if (Math.abs(change) < tol) {
      converged = true;
      break;
    }
    await yielder.maybeYield();
    throwIfAborted(signal);
  }
  const logLikelihood = workspace.logLikelihood() / rows;
  history.push(logLikelihood);
  return { params, converged, iterations, logLikelihood, history };
}

/** Hands parameters to the kernels, turning a covariance that is not positive definite into advice. */
function loadParameters(
  workspace: Workspace,
  params: MixtureParameters,
  options: ResolvedFitOptions,
  iteration: number,
): void {
  const failed = workspace.setParameters(params);
  if (failed < 0) return;
  const when = iteration === 0 ? 'at the start' : `after iteration ${iteration}`;
  throw new Error(
    `the covariance of component ${failed} is not positive definite ${when}; increase regCovar ` +
      `(now ${options.regCovar}), reduce components (now ${options.components}), or set standardize: true`,
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

function toModel(
  run: RunResult,
  options: ResolvedFitOptions,
  standardizer: Standardizer | undefined,
): ModelState {
  const shift = standardizer?.logJacobian ?? 0;
  return {
    covariance: options.covariance,
    parameters: standardizer ? toOriginalUnits(run.params, standardizer) : run.params,
    converged: run.converged,
    iterations: run.iterations,
    logLikelihood: run.logLikelihood + shift,
    history: run.history.map((value) => value + shift),
    seed: options.seed,
  };
}
