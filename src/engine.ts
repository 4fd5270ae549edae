/**
 * Where the E-step runs. The EM driver sees one interface: load parameters, then ask for the
 * statistics, the log-likelihood or the worst-explained row of all the data. The inline engine
 * computes them on the calling thread; the pool engine (src/workers/) sums them over workers.
 */
import type { CovarianceModel } from './covariance/model';
import type { SufficientStatistics } from './sufficient-statistics';
import type { MixtureParameters } from './types';
import type { Workspace } from './wasm/workspace';
import { runPaced, Yielder } from './yield';

export interface EStepEngine {
  readonly d: number;
  readonly k: number;
  readonly model: CovarianceModel;
  /** Rows of the data, and their total sample weight (the rows, unweighted). */
  readonly rows: number;
  readonly totalWeight: number;
  /**
   * Loads parameters (covariances compact) for the passes that follow.
   * @returns −1 when every covariance is positive definite, else the first that is not (0 for tied).
   */
  setParameters(params: MixtureParameters): number;
  /** Every component the last `setParameters` could not factorise (tied: [0]), in order. */
  singularComponents(): number[];
  /** The E-step over every row: statistics centred on the current means. */
  eStep(): Promise<SufficientStatistics>;
  /** Σᵢ wᵢ log p(xᵢ) under the current parameters. */
  logLikelihood(): Promise<number>;
  /** The row of positive weight with the lowest log p(x). */
  worstExplainedRow(): Promise<number>;
  /**
   * The engine's own workspace over every row of the fit's data on this thread, when it has one:
   * the starts (k-means, the statistics of labels) run on it rather than on a copy. An engine whose
   * rows are elsewhere (workers, a stream) or only some of them (missing values) has none.
   */
  startWorkspace?(): Workspace;
  dispose(): void;
}

/** The E-step on the calling thread, over a workspace that holds all the rows. */
export class InlineEngine implements EStepEngine {
  readonly d: number;
  readonly k: number;
  readonly model: CovarianceModel;
  readonly rows: number;
  readonly totalWeight: number;

  /** @param yielder - paces the passes: they yield between kernel calls as it allows. */
  constructor(
    readonly workspace: Workspace,
    private readonly yielder: Yielder = new Yielder(),
  ) {
    this.d = workspace.d;
    this.k = workspace.k;
    this.model = workspace.model;
    this.rows = workspace.data.rows;
    this.totalWeight = workspace.data.totalWeight;
  }

  setParameters(params: MixtureParameters): number {
    return this.workspace.setParameters(params);
  }

  singularComponents(): number[] {
    return this.workspace.singularComponents();
  }

  async eStep(): Promise<SufficientStatistics> {
    return runPaced(this.workspace.eStepSteps(), this.yielder);
  }

  async logLikelihood(): Promise<number> {
    return runPaced(this.workspace.logLikelihoodSteps(), this.yielder);
  }

  async worstExplainedRow(): Promise<number> {
    return (await runPaced(this.workspace.worstExplainedRowSteps(), this.yielder)).row;
  }

  startWorkspace(): Workspace {
    return this.workspace;
  }

  dispose(): void {
    this.workspace.dispose();
  }
}
