/**
 * The EM driver: validates once, standardizes if asked, copies the rows into wasm memory once (or
 * into workers' memories), runs every restart from its own seeded start, iterates E-step → M-step
 * until the mean log-likelihood changes by less than `tol`, ends each run with a final E-step (so
 * `predict` agrees with the fit), and keeps the best run: the highest log-likelihood among the runs
 * without a degenerate component (./degenerate.ts), or among all when every run has one. A run that
 * fails numerically is skipped and counted; the fit throws only when every run failed.
 */
import { COVARIANCE_MODELS } from './covariance/index';
import type { CovarianceModel } from './covariance/model';
import { resolvePrior } from './covariance/prior';
import { degenerateComponents } from './degenerate';
import { type EStepEngine, InlineEngine } from './engine';
import { NumericalFailureError } from './errors';
import { buildHierarchy, type Hierarchy } from './hierarchical/start';
import { type InitContext, initialParameters, isDeterministicStart, type Partition } from './init';
import { normaliseWeights } from './magnitudes';
import { MissingEngine } from './missing/engine';
import { PatternPass } from './missing/pattern-pass';
import { hasMissing } from './missing/patterns';
import { type MissingData, prepareMissing } from './missing/prepare';
import type { ModelState } from './model-state';
import { overflowInOriginalUnits } from './original-units';
import { Random } from './random';
import { isNumericalFailure, numericalFailure, rescueComponents } from './rescue';
import {
  fitStandardization,
  logJacobian,
  type Standardization,
  standardizeMatrix,
  toStandardUnits,
} from './standardize';
import { mStep } from './statistics';
import type {
  DenseMatrix,
  ExplicitStart,
  InitMethod,
  IterationProgress,
  MixtureParameters,
  ResolvedFitOptions,
} from './types';
import { allowsMissing, readMatrix, resolveFitOptions } from './validate';
import { checkCapacity, WasmData } from './wasm/data';
import type { Kernels } from './wasm/kernels';
import { loadKernels, loadModule } from './wasm/load';
import { Workspace } from './wasm/workspace';
import { WorkerPool } from './workers/pool';
import { PoolEngine } from './workers/pool-engine';
import { runPaced, Yielder } from './yield';

/** The data of a fit as every run sees it: transformed once, copied into wasm memory once. */
export class PreparedData {
  /**
   * Σ of the sample weights the fit runs on (rescaled, see ./magnitudes.ts): the number of rows when
   * unweighted. With missing values, of the rows that have an observed value.
   */
  readonly totalWeight: number;
  /** Σ of the sample weights as given (of the rows with an observed value): N for information criteria. */
  readonly givenTotalWeight: number;
  /** Added to mean log-likelihoods in fit units to report them in the user's units. */
  readonly logLikelihoodShift: number;

  private constructor(
    /** The rows the starts see, on the TypeScript side (standardized when asked; NaN filled in). */
    readonly X: DenseMatrix,
    readonly standardization: Standardization | undefined,
    readonly sampleWeight: Float64Array | undefined,
    private readonly kernels: Kernels,
    /** The (complete) rows in this thread's wasm memory (inline fits), or in workers' (pooled fits). */
    private readonly where: { readonly data: WasmData } | { readonly pool: WorkerPool },
    givenWeight: Float64Array | undefined,
    /** The rows with missing values, when there are any and the fit treats them by EM. */
    private readonly missing: MissingData | undefined,
  ) {
    this.totalWeight =
      missing?.totalWeight ?? (sampleWeight ? sampleWeight.reduce((sum, w) => sum + w, 0) : X.rows);
    // `sampleWeight` here are the start rows' weights: with missing values, the informative rows'.
    const given =
      missing && givenWeight
        ? missing.startIndex.reduce((sum, at, row) => (at >= 0 ? sum + (givenWeight[row] as number) : sum), 0)
        : undefined;
    this.givenTotalWeight =
      given ??
      (givenWeight && givenWeight !== sampleWeight
        ? givenWeight.reduce((sum, w) => sum + w, 0)
        : this.totalWeight);
    this.logLikelihoodShift =
      missing?.logLikelihoodShift ?? (standardization ? logJacobian(standardization) : 0);
  }

  static async create(
    data: DenseMatrix,
    options: Pick<
      ResolvedFitOptions,
      'standardize' | 'sampleWeight' | 'workers' | 'workerUrl' | 'missing' | 'components'
    >,
  ): Promise<PreparedData> {
    const kernels = await loadKernels();
    // Rescaled by a power of two (exactly) when far from 1 on average: see ./magnitudes.ts.
    const sampleWeight = options.sampleWeight && normaliseWeights(options.sampleWeight);
    const missing =
      options.missing === 'em' && hasMissing(data)
        ? prepareMissing(data, sampleWeight, options.standardize, options.components)
        : undefined;
    const standardization = missing
      ? missing.standardization
      : options.standardize
        ? fitStandardization(data, sampleWeight)
        : undefined;
    const X = missing
      ? missing.layout.complete
      : standardization
        ? standardizeMatrix(data, standardization)
        : data;
    const weights = missing ? missing.layout.completeWeights : sampleWeight;
    const where =
      options.workers > 0 && X.rows > 0
        ? {
            pool: await WorkerPool.start(options.workers, X, weights, await loadModule(), {
              url: options.workerUrl,
            }),
          }
        : { data: new WasmData(kernels, X, weights) };
    if (!missing) {
      return new PreparedData(X, standardization, weights, kernels, where, options.sampleWeight, undefined);
    }
    return new PreparedData(
      missing.startRows,
      standardization,
      missing.startWeights,
      kernels,
      where,
      options.sampleWeight,
      missing,
    );
  }

  /** The E-step engine for K components of a covariance type: inline (paced by `yielder`), or summed over the workers. */
  engine(k: number, model: CovarianceModel, yielder?: Yielder): EStepEngine {
    const complete = this.completeEngine(k, model, yielder);
    if (!this.missing) return complete;
    const { layout, startIndex } = this.missing;
    try {
      return new MissingEngine(
        complete,
        Int32Array.from(layout.completeRows, (row) => startIndex[row] as number),
        new PatternPass(this.kernels, layout.patterns, this.X.cols, k, model),
        (row) => startIndex[row] as number,
      );
    } catch (error) {
      complete.dispose();
      throw error;
    }
  }

  /** Rows on this thread: the inline data, or a copy made for a start that needs them, freed with the rest. */
  localData(): WasmData {
    if ('data' in this.where && !this.missing) return this.where.data;
    this.local ??= new WasmData(this.kernels, this.X, this.sampleWeight);
    return this.local;
  }

  /** The merge tree of the hierarchical start for a seed, built once (paced by the yielder) for every candidate fitted on these data. */
  async hierarchy(seed: number, yielder: Yielder): Promise<Hierarchy> {
    if (this.tree?.seed !== seed) {
      const hierarchy = await runPaced(buildHierarchy(this.X, this.sampleWeight, seed), yielder);
      this.tree = { seed, hierarchy };
    }
    return this.tree.hierarchy;
  }

  /**
   * What the starts of a fit on these data draw on, for `engine`'s K and covariance type: the rows,
   * their weights, a workspace over the rows on this thread (the engine's own when it has one, else
   * made on first use and freed by `dispose`), the hierarchical tree of the fit's seed.
   */
  startContext(
    engine: EStepEngine,
    options: Pick<ResolvedFitOptions, 'regCovar' | 'seed' | 'prior' | 'covariance'>,
    yielder: Yielder,
  ): { readonly context: InitContext; dispose(): void } {
    const { k, model } = engine;
    let local: Workspace | undefined;
    const context: InitContext = {
      X: this.X,
      sampleWeight: this.sampleWeight,
      dataWorkspace: () => {
        const own = engine.startWorkspace?.();
        if (own) return own;
        local ??= new Workspace(this.localData(), k, model);
        return local;
      },
      model,
      k,
      regCovar: options.regCovar,
      hierarchy: () => this.hierarchy(options.seed, yielder),
      yielder,
      partitions: this.partitions,
      prior:
        options.prior &&
        resolvePrior(options.prior, this.X, this.sampleWeight, this.givenTotalWeight, k, options.covariance),
    };
    return { context, dispose: () => local?.dispose() };
  }

  async dispose(): Promise<void> {
    this.local?.dispose();
    if ('data' in this.where) this.where.data.dispose();
    else await this.where.pool.terminate();
  }

  private completeEngine(k: number, model: CovarianceModel, yielder: Yielder | undefined): EStepEngine {
    if ('data' in this.where) return new InlineEngine(new Workspace(this.where.data, k, model), yielder);
    const checker = new Workspace(
      new WasmData(this.kernels, { data: new Float64Array(0), rows: 0, cols: this.X.cols }),
      k,
      model,
    );
    const rows = this.missing ? this.missing.layout.complete.rows : this.X.rows;
    const weight = this.missing
      ? (this.missing.layout.completeWeights?.reduce((sum, w) => sum + w, 0) ?? rows)
      : this.totalWeight;
    return new PoolEngine(this.where.pool, checker, rows, weight);
  }

  /** The k-means partitions of the starts, shared by every candidate fitted on these data. */
  readonly partitions = new Map<string, Partition>();

  private local: WasmData | undefined;
  private tree: { readonly seed: number; readonly hierarchy: Hierarchy } | undefined;
}

/** Names the candidate of `selectModel` in progress reports. */
export type ProgressLabel = IterationProgress['candidate'];

/** One EM run's outcome, in the units of the fit's data. */
export interface RunResult {
  readonly params: MixtureParameters;
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  readonly history: number[];
  readonly reseeds: number;
  /** Components the data do not determine, ascending. */
  readonly degenerate: number[];
}

/** Fits a mixture to X: validation, data preparation, every restart. */
export async function fitMixture(X: unknown, options: unknown): Promise<ModelState> {
  refuseOversized(X);
  const data = ownRows(X, readMatrix(X, 'X', allowsMissing(options)));
  const resolved = resolveFitOptions(options, data);
  throwIfAborted(resolved.signal);
  const prepared = await PreparedData.create(data, resolved);
  try {
    return await fitPrepared(prepared, resolved, new Yielder(resolved.signal), undefined);
  } finally {
    await prepared.dispose();
  }
}

/** Every restart on prepared data; the best run becomes the model's state. */
export async function fitPrepared(
  prepared: PreparedData,
  options: ResolvedFitOptions,
  yielder: Yielder,
  label: ProgressLabel,
): Promise<ModelState> {
  const model = COVARIANCE_MODELS[options.covariance];
  const engine = prepared.engine(options.components, model, yielder);
  const starts = prepared.startContext(engine, options, yielder);
  try {
    const { context } = starts;
    return await runRestarts(
      engine,
      context,
      options,
      prepared.standardization,
      prepared.logLikelihoodShift,
      {
        label,
        yielder,
      },
    );
  } finally {
    starts.dispose();
    engine.dispose();
  }
}

/** A sound run beats a degenerate one whatever their likelihoods; then the higher likelihood wins. */
function isBetter(run: RunResult, best: RunResult): boolean {
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
  progress: { readonly label: ProgressLabel; readonly yielder: Yielder },
): Promise<ModelState> {
  const { label, yielder } = progress;
  const init = inFitUnits(options.init, z);
  // A complete explicit start, or the tree's, is the same in every restart: running it again would only repeat the result.
  const restarts = isDeterministicStart(init) ? 1 : options.restarts;
  let best: RunResult | undefined;
  let failedRestarts = 0;
  let firstFailure: Error | undefined;
  for (let restart = 0; restart < restarts; restart++) {
    const start = await initialParameters(init, context, new Random(options.seed, restart));
    // A warm start continues its model's run: the first change is measured from where it stopped.
    const previous =
      typeof init === 'object' && init.logLikelihood !== undefined ? init.logLikelihood - shift : -Infinity;
    let run: RunResult;
    try {
      run = await runEm(engine, context, start, options, { restart, label, yielder, shift, previous });
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

export interface RunContext {
  readonly restart: number;
  readonly label: ProgressLabel;
  readonly yielder: Yielder;
  /** Added to fit-units log-likelihoods to report them in the user's units. */
  readonly shift: number;
  /** What the first iteration's change is measured from (fit units): −∞, or a warm start's end. */
  readonly previous: number;
}

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
    carry: {},
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
  const logLikelihood = (await engine.logLikelihood()) / engine.totalWeight;
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
  return { params, converged, iterations, logLikelihood, history, reseeds, degenerate };
}

/**
 * The 4 GiB check on the shape alone, ahead of validation's scan of every value (seconds, for data
 * that large). Inputs whose shape cannot be read here are left to validation.
 */
function refuseOversized(X: unknown): void {
  const shape = X as { rows?: unknown; cols?: unknown; length?: unknown; 0?: { length?: unknown } } | null;
  if (typeof shape !== 'object' || shape === null) return;
  const rows = Array.isArray(shape) ? shape.length : shape.rows;
  const cols = Array.isArray(shape) ? shape[0]?.length : shape.cols;
  if (typeof rows === 'number' && typeof cols === 'number') checkCapacity(rows, cols, false);
}

/**
 * The rows as the fit's own: a flat `{ data: Float64Array }` is used in place by validation, and the
 * fit reads its rows again after yielding (re-seeding, restarts), so the caller overwriting them
 * mid-fit would change the result. Copied here, before the first yield.
 */
export function ownRows(X: unknown, data: DenseMatrix): DenseMatrix {
  const given = (X as { data?: unknown } | null)?.data;
  return given === data.data ? { ...data, data: data.data.slice() } : data;
}

/**
 * A log-likelihood of −∞: some row is so far from every component (|x − μ| / σ beyond ~1e154) that
 * even its log-density overflows a double.
 */
function farRows(options: ResolvedFitOptions): NumericalFailureError {
  const remedy = options.standardize ? 'rescale the data' : 'rescale the data or set standardize: true';
  return new NumericalFailureError(
    `the log-likelihood overflows to −∞: some row lies so far from every component that its log-density ` +
      `is beyond a double's range; ${remedy}`,
    { remedy },
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

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
  };
}
