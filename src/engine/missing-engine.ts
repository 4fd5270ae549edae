/**
 * The E-step of a fit with missing values: the complete rows through the ordinary engine (inline
 * or in workers, on the fused SIMD path), the rows with missing values pattern by pattern on this
 * thread, their statistics added (all centred on the current means, so they add exactly).
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { EStepEngine } from './estep-engine';
import type { PatternPass } from './pattern-pass';

/**
 * The E-step engine of a fit with missing values: the complete rows through the ordinary engine, the others
 * through the pattern passes, their statistics added.
 */
export class MissingEngine implements EStepEngine {
  readonly d: number;
  readonly k: number;
  readonly model: CovarianceModel;
  /** Rows with at least one observed value, and their total weight: rows with none count nowhere. */
  readonly rows: number;
  readonly totalWeight: number;
  private params: MixtureParameters | undefined;

  /**
   * @param complete - the engine over the complete rows (possibly none).
   * @param completeIndex - for each complete row, its index in the rows the starts see.
   * @param patterns - the rows with missing values.
   * @param patternIndex - from a row of X to its index in the rows the starts see.
   */
  constructor(
    private readonly complete: EStepEngine,
    private readonly completeIndex: Int32Array,
    private readonly patterns: PatternPass,
    private readonly patternIndex: (row: number) => number,
  ) {
    this.d = complete.d;
    this.k = complete.k;
    this.model = complete.model;
    this.rows = complete.rows + patterns.rows;
    this.totalWeight = complete.totalWeight + patterns.totalWeight;
  }

  /**
   * Factorises Σ for the complete rows; a positive definite Σ has positive definite Σ_oo for every
   * pattern, which the pattern passes factorise as they go.
   */
  loadParameters(params: MixtureParameters): number {
    this.params = params;
    return this.complete.loadParameters(params);
  }

  singularComponents(): number[] {
    return this.complete.singularComponents();
  }

  async eStep(): Promise<SufficientStatistics> {
    const params = this.current();
    const stats = await this.complete.eStep();
    stats.weight += this.patterns.totalWeight;
    stats.logLikelihood += this.patterns.eStep(params, stats);
    return stats;
  }

  async logLikelihood(): Promise<number> {
    return (await this.complete.logLikelihood()) + this.patterns.logLikelihood(this.current());
  }

  /**
   * A complete row when there is one: log-densities of rows with different numbers of observed
   * values do not compare, and a re-seeded component is better placed on values that were seen.
   */
  async worstExplainedRow(): Promise<number> {
    if (this.complete.rows > 0) {
      const row = await this.complete.worstExplainedRow();
      if (row >= 0) return this.completeIndex[row] as number;
    }
    const { row } = this.patterns.worstExplainedRow(this.current());
    return row < 0 ? row : this.patternIndex(row);
  }

  dispose(): void {
    this.patterns.dispose();
    this.complete.dispose();
  }

  private current(): MixtureParameters {
    if (!this.params) throw new Error('the missing-value engine has no parameters loaded');
    return this.params;
  }
}
