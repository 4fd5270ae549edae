/**
 * Where the E-step runs: the one interface the EM driver, the variational driver and the streamed
 * fits see (load parameters, then ask for the statistics, the log-likelihood or the worst-explained
 * row of all the data). Engines: inline (./inline-engine.ts), summed over workers
 * (./pool-engine.ts), with missing values (./missing-engine.ts), over a stream
 * (./stream-engine.ts).
 */
import type { CovarianceModel } from '../covariance/model';
import type { MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { StartRows } from './start-rows';

/**
 * Where the E-step runs, behind one interface: on this thread (inline), in workers, over a stream's chunks,
 * or with missing values. The EM driver and the starts know only this; rows, wasm memory and workers are the
 * engine's.
 */
export interface EStepEngine {
  /** D: features per row. */
  readonly d: number;
  /** K: components of the parameters it is loaded with. */
  readonly k: number;
  /** The covariance type: the kernels it runs and the compact form of the covariances it loads. */
  readonly model: CovarianceModel;
  /** Rows of the data the engine runs over. */
  readonly rows: number;
  /** Σᵢ wᵢ over the rows (the rows, unweighted): the divisor of every mean log-likelihood. */
  readonly totalWeight: number;
  /**
   * Loads parameters (covariances compact) for the passes that follow.
   * @returns −1 when every covariance is positive definite, else the first that is not (0 for tied).
   */
  loadParameters(params: MixtureParameters): number;
  /** Every component the last `loadParameters` could not factorise (tied: [0]), in order. */
  singularComponents(): number[];
  /** The E-step over every row: statistics centred on the current means. */
  eStep(): Promise<SufficientStatistics>;
  /** Σᵢ wᵢ log p(xᵢ) under the current parameters. */
  logLikelihood(): Promise<number>;
  /**
   * Σᵢ wᵢ log p(xᵢ) and −Σᵢ wᵢ log maxₖ γᵢₖ (the classification's entropy, ICL's penalty) in one
   * pass, for engines that can give both at the cost of one.
   */
  logLikelihoodAndEntropy?(): Promise<{ logLikelihood: number; entropy: number }>;
  /** The row of positive weight with the lowest log p(x). */
  worstExplainedRow(): Promise<number>;
  /**
   * The start methods (k-means, the statistics of labels) over the engine's own rows, when it holds
   * every row of the fit's data on this thread: the starts run on them rather than on a copy. An
   * engine whose rows are elsewhere (workers, a stream) or only some of them (missing values) has none.
   */
  startRows?(): StartRows;
  /** Frees what the engine holds (wasm memory, workers); the engine cannot be used after. */
  dispose(): void;
}
