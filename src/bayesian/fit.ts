/**
 * The variational driver, shaped as scikit-learn's `BaseMixture.fit_predict`: each restart starts
 * from responsibilities through one variational M-step, then iterates E-step → M-step → lower bound
 * until the bound (per unit of sample weight) changes by less than `tol`; the run with the highest
 * final bound is kept, and a final E-step gives each component's Nₖ. The E-step is EM's own engine
 * (inline or in workers) loaded with the variational constants.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import type { CovarianceModel } from '../covariance/model';
import { initialParameters } from '../em/init';
import type { EStepEngine } from '../engine/estep-engine';
import { PreparedData } from '../engine/prepared-data';
import { ownRows, refuseOversized } from '../fit';
import { Random } from '../random';
import { allowsMissing, readMatrix } from '../validate/index';
import { Yielder } from '../yield';
import { lowerBound, negativeEntropy } from './bound';
import { type ResolvedBayesianOptions, resolveBayesianOptions } from './options';
import type { Dimensions, Priors, VariationalParameters } from './parameters';
import { restrictComponents } from './prune';
import { responsibilityStatistics } from './start';
import { type BayesianState, loadVariational, notDefinite } from './state';
import { variationalMStep } from './updates';

/** One run of iterations, from a start to convergence or `maxIter`. */
interface Run {
  readonly params: VariationalParameters;
  readonly converged: boolean;
  readonly iterations: number;
  readonly history: number[];
  readonly lowerBound: number;
}

/** Fits a variational Bayesian mixture to X: validation, data preparation, every restart, pruning. */
export async function fitBayesian(X: unknown, options: unknown): Promise<BayesianState> {
  refuseOversized(X, options);
  // The fit's own copy of a flat input, as GaussianMixture.fit takes: the starts read the rows again
  // after yielding, and a caller writing to them meanwhile would change the result.
  const data = ownRows(X, readMatrix(X, 'X', allowsMissing(options)));
  const resolved = resolveBayesianOptions(options, data);
  if (resolved.fit.signal?.aborted) throw resolved.fit.signal.reason;
  const prepared = await PreparedData.create(data, resolved.fit);
  try {
    return await fitPrepared(prepared, resolved);
  } finally {
    await prepared.dispose();
  }
}

async function fitPrepared(prepared: PreparedData, options: ResolvedBayesianOptions): Promise<BayesianState> {
  const { fit, priors, start } = options;
  const model = COVARIANCE_MODELS[fit.covariance];
  const yielder = new Yielder(fit.signal);
  let dims: Dimensions = { d: prepared.X.cols, k: fit.components, covariance: fit.covariance };
  let engine = prepared.engine(dims.k, model, yielder);
  try {
    const restarts = start.kind === 'initialiser' && typeof fit.init === 'string' ? fit.restarts : 1;
    let best: Run | undefined;
    for (let restart = 0; restart < restarts; restart++) {
      const { params, previous } = await startingPoint(prepared, engine, options, model, restart, yielder);
      const run = await iterate(engine, params, previous, options, dims, { restart, yielder });
      if (!best || run.lowerBound > best.lowerBound || best.lowerBound === -Infinity) best = run;
    }
    let kept = best as Run;
    let sizes = await componentSizes(engine, kept.params);
    while (options.prune) {
      const active = activeIndices(sizes);
      if (active.length === dims.k) break;
      const restricted = restrictComponents(kept.params, active, dims);
      dims = { ...dims, k: active.length };
      engine.dispose();
      engine = prepared.engine(dims.k, model, yielder);
      const more = await iterate(engine, restricted, -Infinity, options, dims, { restart: 0, yielder });
      kept = {
        ...more,
        iterations: kept.iterations + more.iterations,
        history: [...kept.history, ...more.history],
      };
      sizes = await componentSizes(engine, kept.params);
    }
    return {
      covariance: fit.covariance,
      missing: fit.missing,
      priors,
      params: kept.params,
      converged: kept.converged,
      iterations: kept.iterations,
      lowerBound: kept.lowerBound,
      history: kept.history,
      seed: fit.seed,
      componentSizes: sizes,
    };
  } finally {
    engine.dispose();
  }
}

/** The components with Nₖ ≥ 1; the largest one when none is (a total sample weight below K). */
export function activeIndices(sizes: Float64Array): number[] {
  const active: number[] = [];
  let largest = 0;
  sizes.forEach((n, c) => {
    if (n >= 1) active.push(c);
    if (n > (sizes[largest] as number)) largest = c;
  });
  return active.length > 0 ? active : [largest];
}

/** The variational parameters a restart starts from, and the bound its first change is measured against. */
async function startingPoint(
  prepared: PreparedData,
  engine: EStepEngine,
  options: ResolvedBayesianOptions,
  model: CovarianceModel,
  restart: number,
  yielder: Yielder,
): Promise<{ params: VariationalParameters; previous: number }> {
  const { fit, priors, start } = options;
  if (start.kind === 'model') return { params: start.state.params, previous: start.state.lowerBound };
  if (start.kind === 'responsibilities') {
    const stats = responsibilityStatistics(prepared.X, start.responsibilities, prepared.sampleWeight, model);
    return { params: variationalMStep(stats, priors, fit.regCovar, model), previous: -Infinity };
  }
  const starts = prepared.startContext(engine, fit, yielder);
  try {
    const mixture = await initialParameters(fit.init, starts.context, new Random(fit.seed, restart));
    const failed = engine.loadParameters(mixture);
    if (failed >= 0) throw notDefinite(failed);
    const stats = await engine.eStep();
    return { params: variationalMStep(stats, priors, fit.regCovar, model), previous: -Infinity };
  } finally {
    starts.dispose();
  }
}

async function iterate(
  engine: EStepEngine,
  start: VariationalParameters,
  previousBound: number,
  options: ResolvedBayesianOptions,
  dims: Dimensions,
  run: { readonly restart: number; readonly yielder: Yielder },
): Promise<Run> {
  const { maxIter, tol, regCovar, onIteration } = options.fit;
  const priors: Priors = options.priors;
  const model = engine.model;
  let params = start;
  let previous = previousBound;
  let converged = false;
  let iterations = 0;
  const history: number[] = [];
  while (iterations < maxIter) {
    const { shift, offsets } = loadVariational(engine, params);
    const stats = await engine.eStep();
    const logNormalizer = stats.logLikelihood + shift * stats.weight;
    const entropyTerm = negativeEntropy(stats, logNormalizer, offsets, params, dims);
    params = variationalMStep(stats, priors, regCovar, model);
    const bound = lowerBound(entropyTerm, params, dims) / stats.weight;
    history.push(bound);
    iterations++;
    const change = bound - previous;
    previous = bound;
    onIteration?.({ restart: run.restart, iteration: iterations, logLikelihood: bound, change });
    if (Math.abs(change) < tol) {
      converged = true;
      break;
    }
    await run.yielder.maybeYield();
  }
  return { params, converged, iterations, history, lowerBound: previous };
}

/** Nₖ under the parameters: one E-step, the final one of the fit. */
async function componentSizes(engine: EStepEngine, params: VariationalParameters): Promise<Float64Array> {
  loadVariational(engine, params);
  return (await engine.eStep()).nk;
}
