/**
 * Where the E-step runs. The EM driver sees one interface: load parameters, then ask for the
 * statistics, the log-likelihood or the worst-explained row of all the data. The inline engine
 * computes them on the calling thread; the pool engine (src/workers/) sums them over workers.
 */
import type { CovarianceModel } from './covariance/model';
import type { SufficientStatistics } from './statistics';
import type { MixtureParameters } from './types';
import type { Workspace } from './wasm/workspace';

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
  /** The E-step over every row: statistics centred on the current means. */
  eStep(): Promise<SufficientStatistics>;
  /** Σᵢ wᵢ log p(xᵢ) under the current parameters. */
  logLikelihood(): Promise<number>;
  /** The row of positive weight with the lowest log p(x). */
  worstExplainedRow(): Promise<number>;
  dispose(): void;
}

/** The E-step on the calling thread, over a workspace that holds all the rows. */
export class InlineEngine implements EStepEngine {
  readonly d: number;
  readonly k: number;
  readonly model: CovarianceModel;
  readonly rows: number;
  readonly totalWeight: number;

  constructor(readonly workspace: Workspace) {
    this.d = workspace.d;
    this.k = workspace.k;
    this.model = workspace.model;
    this.rows = workspace.data.rows;
    this.totalWeight = workspace.data.totalWeight;
  }

  setParameters(params: MixtureParameters): number {
    return this.workspace.setParameters(params);
  }

  async eStep(): Promise<SufficientStatistics> {
    return this.workspace.eStep();
  }

  async logLikelihood(): Promise<number> {
    return this.workspace.logLikelihood();
  }

  async worstExplainedRow(): Promise<number> {
    return this.workspace.worstExplainedRow().row;
  }

  dispose(): void {
    this.workspace.dispose();
  }
}
