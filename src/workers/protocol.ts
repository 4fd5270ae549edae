/** The messages between the calling thread and a statistics worker. */

import type { EvaluationForm } from '../covariance/model';
import type { MatrixValues, MixtureParameters } from '../internal-types';

/** Sent once: the worker's shard of rows (already standardized), and the module to instantiate. */
export interface ShardMessage {
  /** Discriminates the message: the shard arrives once, before any pass. */
  readonly kind: 'shard';
  /**
   * The compiled gmm-wasm module (structured-cloned, not recompiled): the worker instantiates its own memory
   * from it.
   */
  readonly module: WebAssembly.Module;
  /** Index of the shard's first row in the whole data set. */
  readonly start: number;
  /** Rows in the shard. */
  readonly rows: number;
  /** D: values per row. */
  readonly d: number;
  /** rows×d values, transferred: f32 when the fit's rows are (the worker widens them into its memory). */
  readonly x: MatrixValues;
  /** One sample weight per row of the shard, transferred; undefined when every row counts once. */
  readonly weights: Float64Array | undefined;
}

/** A pass over the shard under given parameters. */
export interface PassMessage {
  /**
   * The pass to run over the whole shard: its statistics, its log-likelihood (with the classification entropy
   * for selectModel's ICL), or its worst-explained row (a re-seed's candidate).
   */
  readonly kind: 'eStep' | 'logLikelihood' | 'logLikelihoodAndEntropy' | 'worstExplainedRow';
  /** Matches the reply to the request: the pool numbers its requests. */
  readonly id: number;
  /** K: components of the parameters. */
  readonly k: number;
  /** The kernels the worker runs (`params.covariances` is in their storage's compact form). */
  readonly evaluation: EvaluationForm;
  /** The parameters of the pass, in the fit's units; the worker factorises them before running it. */
  readonly params: MixtureParameters;
}

/**
 * One chunk of a stream (fitStream with `workers`), in the fit's units, and the pass to run on it
 * under the parameters it brings; the worker keeps no rows.
 */
export interface ChunkMessage {
  /** Discriminates the message: a chunk brings its own rows. */
  readonly kind: 'chunk';
  /** Matches the reply to the request. */
  readonly id: number;
  /** The pass to run on the chunk, as for a shard (no entropy: streams do not select models). */
  readonly pass: 'eStep' | 'logLikelihood' | 'worstExplainedRow';
  /** K: components of the parameters. */
  readonly k: number;
  /** The kernels the worker runs. */
  readonly evaluation: EvaluationForm;
  /** Whether the chunk may hold NaN, read as missing values (`missing: 'em'`). */
  readonly missing: boolean;
  /** The parameters of the pass, in the fit's units. */
  readonly params: MixtureParameters;
  /** Changes when the parameters do: the worker factorises them once per value. */
  readonly version: number;
  /** Rows in the chunk. */
  readonly rows: number;
  /** D: values per row. */
  readonly d: number;
  /** rows×d values, transferred: f32 when the chunk's rows are (widened into the worker's memory). */
  readonly x: MatrixValues;
  /** One sample weight per row, transferred; undefined when every row counts once. */
  readonly weights: Float64Array | undefined;
}

/** Every message a worker receives. */
export type ToWorker = ShardMessage | PassMessage | ChunkMessage;

/** A worst-explained row of a chunk: its index in the chunk (−1: none), log p, and its values. */
export interface ChunkRow {
  /** Index of the row in the chunk, −1 when the chunk has none (no row of positive weight). */
  readonly row: number;
  /** log p(x) of the row under the parameters (of its observed values when it has missing ones). */
  readonly logNorm: number;
  /** The row's D values, copied out of the chunk (NaN where missing); undefined when `row` is −1. */
  readonly values: Float64Array | undefined;
}

/** The shard's statistics: the fields of SufficientStatistics that differ between shards. */
export interface ShardStatistics {
  /** Σᵢ wᵢ over the shard's rows. */
  readonly weight: number;
  /** Σᵢ wᵢ log p(xᵢ), in the fit's units. */
  readonly logLikelihood: number;
  /** K: Nₖ = Σᵢ wᵢ γᵢₖ. */
  readonly nk: Float64Array;
  /** K×D: Σᵢ wᵢ γᵢₖ (xᵢ − cₖ), around the means of the pass. */
  readonly first: Float64Array;
  /** The covariance type's scatter, as `SufficientStatistics.scatter`, transferred. */
  readonly scatter: Float64Array;
}

/**
 * Every message a worker sends: ready after its shard, one reply per pass carrying the request's id, or an
 * error with the message of what was thrown (id −1 for the shard).
 */
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
