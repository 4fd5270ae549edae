/**
 * The E-step on the calling thread: every pass over a workspace that holds all the rows, yielding
 * to the event loop between kernel calls as its yielder allows.
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { Workspace } from '../wasm/workspace';
import { runPaced, Yielder } from '../yield';
import type { EStepEngine } from './estep-engine';
import { type StartRows, workspaceStartRows } from './start-rows';

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

  loadParameters(params: MixtureParameters): number {
    return this.workspace.loadParameters(params);
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

  async logLikelihoodAndEntropy(): Promise<{ logLikelihood: number; entropy: number }> {
    return runPaced(this.workspace.logLikelihoodAndEntropySteps(), this.yielder);
  }

  async worstExplainedRow(): Promise<number> {
    return (await runPaced(this.workspace.worstExplainedRowSteps(), this.yielder)).row;
  }

  startRows(): StartRows {
    return workspaceStartRows(this.workspace);
  }

  dispose(): void {
    this.workspace.dispose();
  }
}
