/**
 * The E-step summed over workers. Parameters are factorised here first (so a covariance that is not
 * positive definite is caught before any worker sees it), then every pass goes to all shards and
 * their answers are combined in shard order.
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import { addStatistics, type SufficientStatistics } from '../sufficient-statistics';
import type { Workspace } from '../wasm/workspace';
import type { WorkerPool } from '../workers/pool';
import type { EStepEngine } from './estep-engine';

/**
 * The E-step engine over a worker pool: each pass to every shard, the answers combined in shard order, so a
 * fit gives the same result with the same number of workers.
 */
export class PoolEngine implements EStepEngine {
  readonly d: number;
  readonly k: number;
  readonly model: CovarianceModel;
  private params: MixtureParameters | undefined;

  /**
   * @param checker - a workspace over no rows, on this thread: factorises parameters as a check.
   */
  constructor(
    private readonly pool: WorkerPool,
    private readonly checker: Workspace,
    readonly rows: number,
    readonly totalWeight: number,
  ) {
    this.d = checker.d;
    this.k = checker.k;
    this.model = checker.model;
  }

  loadParameters(params: MixtureParameters): number {
    this.params = params;
    return this.checker.loadParameters(params);
  }

  singularComponents(): number[] {
    return this.checker.singularComponents();
  }

  async eStep(): Promise<SufficientStatistics> {
    const params = this.current();
    const replies = await this.pool.pass({ kind: 'eStep', ...this.pass(params) });
    const { d, k } = this;
    const total: SufficientStatistics = {
      weight: 0,
      logLikelihood: 0,
      nk: new Float64Array(k),
      first: new Float64Array(k * d),
      scatter: new Float64Array(this.model.scatterLength(d, k)),
      centers: params.means.slice(),
    };
    for (const reply of replies) {
      if (reply.kind === 'eStep') addStatistics(total, { ...reply.statistics, centers: total.centers });
    }
    return total;
  }

  async logLikelihood(): Promise<number> {
    const replies = await this.pool.pass({ kind: 'logLikelihood', ...this.pass(this.current()) });
    return replies.reduce((sum, reply) => sum + (reply.kind === 'logLikelihood' ? reply.value : 0), 0);
  }

  async logLikelihoodAndEntropy(): Promise<{ logLikelihood: number; entropy: number }> {
    const replies = await this.pool.pass({ kind: 'logLikelihoodAndEntropy', ...this.pass(this.current()) });
    const total = { logLikelihood: 0, entropy: 0 };
    for (const reply of replies) {
      if (reply.kind !== 'logLikelihoodAndEntropy') continue;
      total.logLikelihood += reply.logLikelihood;
      total.entropy += reply.entropy;
    }
    return total;
  }

  async worstExplainedRow(): Promise<number> {
    const replies = await this.pool.pass({ kind: 'worstExplainedRow', ...this.pass(this.current()) });
    let worst = { row: -1, logNorm: Infinity };
    for (const reply of replies) {
      if (
        reply.kind === 'worstExplainedRow' &&
        reply.row >= 0 &&
        (worst.row < 0 || reply.logNorm < worst.logNorm)
      ) {
        worst = reply;
      }
    }
    return worst.row;
  }

  dispose(): void {
    this.checker.dispose();
  }

  private pass(params: MixtureParameters) {
    return { k: this.k, evaluation: this.model.evaluation, params };
  }

  private current(): MixtureParameters {
    if (!this.params) throw new Error('the pool engine has no parameters loaded');
    return this.params;
  }
}
