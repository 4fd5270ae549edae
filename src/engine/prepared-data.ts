/**
 * The data of a fit as every run sees it: weights rescaled, missing values laid out, standardized,
 * then copied into wasm memory (or into workers' memories) once, and the engines and start context
 * every restart and every candidate of `selectModel` draws on.
 */
import type { CovarianceModel } from '../covariance/model';
import { resolvePrior } from '../covariance/prior';
import type { InitContext, Partition } from '../em/init';
import { lloydTolerance } from '../em/kmeans';
import { buildHierarchy, type Hierarchy } from '../hierarchical/start';
import type { DenseMatrix, ResolvedFitOptions } from '../internal-types';
import { normaliseWeights } from '../magnitudes';
import { hasMissing } from '../missing/patterns';
import { type MissingData, prepareMissing } from '../missing/prepare';
import { fitStandardization, logJacobian, type Standardization, standardizeMatrix } from '../standardize';
import { checkCapacity, WasmData } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { loadKernels, loadModule } from '../wasm/load';
import { Workspace } from '../wasm/workspace';
import { WorkerPool } from '../workers/pool';
import { runPaced, type Yielder } from '../yield';
import type { EStepEngine } from './estep-engine';
import { InlineEngine } from './inline-engine';
import { MissingEngine } from './missing-engine';
import { parameterChecker } from './model-rows';
import { PatternPass } from './pattern-pass';
import { PoolEngine } from './pool-engine';
import { workspaceStartRows } from './start-rows';

/**
 * Refuses unweighted data of `rows`×`cols` that cannot fit in this thread's wasm memory, from their
 * shape alone, before anything is read or copied; `valueBytes` 4 for rows stored as float32.
 * @throws RangeError naming the size needed and how many rows of this width would fit.
 */
export function refuseOversizedShape(rows: number, cols: number, valueBytes: 4 | 8 = 8): void {
  checkCapacity(rows, cols, false, valueBytes);
}

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

  /**
   * Makes the data ready for a fit: loads the module, rescales the weights, standardizes (from the observed
   * values with missing ones), groups missing values by pattern and copies the rows into wasm memory or hands
   * them to a new worker pool.
   * @throws RangeError when the rows do not fit in WebAssembly memory; Error when the workers cannot start.
   */
  static async create(
    data: DenseMatrix,
    options: Pick<
      ResolvedFitOptions,
      'standardize' | 'sampleWeight' | 'workers' | 'workerUrl' | 'missing' | 'components' | 'precision'
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
        : { data: new WasmData(kernels, X, weights, options.precision) };
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
  private localData(): WasmData {
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
    const own = engine.startRows?.();
    const context: InitContext = {
      X: this.X,
      sampleWeight: this.sampleWeight,
      startRows: () => {
        if (own) return own;
        local ??= new Workspace(this.localData(), k, model);
        return workspaceStartRows(local);
      },
      model,
      k,
      regCovar: options.regCovar,
      hierarchy: () => this.hierarchy(options.seed, yielder),
      lloydTolerance: () => {
        this.tolerance ??= lloydTolerance(this.X, this.sampleWeight);
        return this.tolerance;
      },
      yielder,
      partitions: this.partitions,
      prior:
        options.prior &&
        resolvePrior(options.prior, this.X, this.sampleWeight, this.givenTotalWeight, k, options.covariance),
    };
    return { context, dispose: () => local?.dispose() };
  }

  /** Frees the rows' wasm memory and stops the workers; resolves once they have stopped. */
  async dispose(): Promise<void> {
    this.local?.dispose();
    if ('data' in this.where) this.where.data.dispose();
    else await this.where.pool.terminate();
  }

  private completeEngine(k: number, model: CovarianceModel, yielder: Yielder | undefined): EStepEngine {
    if ('data' in this.where) return new InlineEngine(new Workspace(this.where.data, k, model), yielder);
    const checker = parameterChecker(this.kernels, this.X.cols, k, model);
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
  /** Lloyd's tolerance on X, once the first k-means start has asked for it. */
  private tolerance: number | undefined;
}
