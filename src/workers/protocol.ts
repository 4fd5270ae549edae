/** The messages between the calling thread and a statistics worker. */
import type { CovarianceType, MixtureParameters } from '../types';

/** Sent once: the worker's shard of rows (already standardized), and the module to instantiate. */
export interface ShardMessage {
  readonly kind: 'shard';
  readonly module: WebAssembly.Module;
  /** Index of the shard's first row in the whole data set. */
  readonly start: number;
  readonly rows: number;
  readonly d: number;
  /** rows×d values, transferred. */
  readonly x: Float64Array;
  readonly weights: Float64Array | undefined;
}

/** A pass over the shard under given parameters. */
export interface PassMessage {
  readonly kind: 'eStep' | 'logLikelihood' | 'worstExplainedRow';
  readonly id: number;
  readonly k: number;
  readonly covariance: CovarianceType;
  readonly params: MixtureParameters;
}

export type ToWorker = ShardMessage | PassMessage;

/** The shard's statistics: the fields of SufficientStatistics that differ between shards. */
export interface ShardStatistics {
  readonly weight: number;
  readonly logLikelihood: number;
  readonly nk: Float64Array;
  readonly first: Float64Array;
  readonly scatter: Float64Array;
}

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'eStep'; readonly id: number; readonly statistics: ShardStatistics }
  | { readonly kind: 'logLikelihood'; readonly id: number; readonly value: number }
  | {
      readonly kind: 'worstExplainedRow';
      readonly id: number;
      readonly row: number;
      readonly logNorm: number;
    }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
