/** The messages between the calling thread and a statistics worker. */

import type { MatrixValues, MixtureParameters } from '../internal-types';
import type { CovarianceType } from '../types';

/** Sent once: the worker's shard of rows (already standardized), and the module to instantiate. */
export interface ShardMessage {
  readonly kind: 'shard';
  readonly module: WebAssembly.Module;
  /** Index of the shard's first row in the whole data set. */
  readonly start: number;
  readonly rows: number;
  readonly d: number;
  /** rows×d values, transferred: f32 when the fit's rows are (the worker widens them into its memory). */
  readonly x: MatrixValues;
  readonly weights: Float64Array | undefined;
}

/** A pass over the shard under given parameters. */
export interface PassMessage {
  readonly kind: 'eStep' | 'logLikelihood' | 'logLikelihoodAndEntropy' | 'worstExplainedRow';
  readonly id: number;
  readonly k: number;
  readonly covariance: CovarianceType;
  readonly params: MixtureParameters;
}

/**
 * One chunk of a stream (fitStream with `workers`), in the fit's units, and the pass to run on it
 * under the parameters it brings; the worker keeps no rows.
 */
export interface ChunkMessage {
  readonly kind: 'chunk';
  readonly id: number;
  readonly pass: 'eStep' | 'logLikelihood' | 'worstExplainedRow';
  readonly k: number;
  readonly covariance: CovarianceType;
  /** Whether the chunk may hold NaN, read as missing values (`missing: 'em'`). */
  readonly missing: boolean;
  readonly params: MixtureParameters;
  /** Changes when the parameters do: the worker factorises them once per value. */
  readonly version: number;
  readonly rows: number;
  readonly d: number;
  /** rows×d values, transferred: f32 when the chunk's rows are (widened into the worker's memory). */
  readonly x: MatrixValues;
  readonly weights: Float64Array | undefined;
}

export type ToWorker = ShardMessage | PassMessage | ChunkMessage;

/** A worst-explained row of a chunk: its index in the chunk (−1: none), log p, and its values. */
export interface ChunkRow {
  readonly row: number;
  readonly logNorm: number;
  readonly values: Float64Array | undefined;
}

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
      readonly kind: 'logLikelihoodAndEntropy';
      readonly id: number;
      readonly logLikelihood: number;
      readonly entropy: number;
    }
  | {
      readonly kind: 'worstExplainedRow';
      readonly id: number;
      readonly row: number;
      readonly logNorm: number;
    }
  | {
      readonly kind: 'chunk';
      readonly id: number;
      /** The chunk's statistics (pass 'eStep'). */
      readonly statistics?: ShardStatistics;
      /** Σᵢ wᵢ log p(xᵢ) (pass 'logLikelihood'). */
      readonly logLikelihood?: number;
      /** Its worst-explained complete row and row with missing values (pass 'worstExplainedRow'). */
      readonly worst?: { readonly complete: ChunkRow; readonly partial: ChunkRow };
    }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
