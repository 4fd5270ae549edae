/**
 * The rows with missing values in wasm memory, pattern by pattern, and the passes over them. Each
 * pattern's observed values sit in contiguous blocks of rows×D_o, so the ordinary fused kernels run
 * on them unchanged with the pattern's marginal parameters in D_o dimensions: one factorisation of
 * Σ_oo per pattern and component, then the same SIMD density and statistics code as complete rows.
 */
import type { CovarianceModel } from '../covariance/model';
import { NumericalFailureError } from '../errors';
import type { MixtureParameters } from '../internal-types';
import { CONDITIONERS, type ConditionedPattern, type Conditioner } from '../missing/conditional';
import type { MissingPattern } from '../missing/patterns';
import type { SufficientStatistics } from '../sufficient-statistics';
import { CHUNK_ROWS } from '../wasm/data';
import type { Kernels } from '../wasm/kernels';
import { Arena, type F64Block } from '../wasm/memory';
import { type KernelRows, MixtureBuffers } from '../wasm/mixture-buffers';
import { runToEnd, type Steps } from '../yield';

interface PatternChunk {
  /** Index of the chunk's first row within its pattern. */
  readonly start: number;
  readonly rows: number;
  readonly x: F64Block;
  readonly weights: F64Block | undefined;
}

interface StoredPattern {
  readonly pattern: MissingPattern;
  readonly chunks: readonly PatternChunk[];
}

/**
 * @throws RangeError when the covariance type has no missing-value EM.
 */
export function conditionerFor(model: CovarianceModel): Conditioner {
  const conditioner = CONDITIONERS[model.type];
  if (!conditioner) {
    throw new RangeError(
      `missing: 'em' supports covariance 'full', 'tied', 'diag' and 'spherical', got '${model.type}'`,
    );
  }
  return conditioner;
}

/**
 * The rows with missing values in wasm memory, grouped by pattern, and the passes over them under given
 * parameters: each pattern's observed values run through the fused kernels in D_o dimensions, its statistics
 * lifted to the expected complete-data ones in D. `dispose` frees the memory.
 */
export class PatternPass {
  /** Σ of the sample weights of the rows held (the number of rows when unweighted). */
  readonly totalWeight: number;
  /** Rows held: every row with at least one value observed and one missing. */
  readonly rows: number;
  private readonly arena: Arena;
  private readonly stored: StoredPattern[] = [];
  private readonly conditioner: Conditioner;
  /** The kernels' buffers, laid out for the widest pattern and the tallest chunk. */
  private readonly buffers: MixtureBuffers;

  constructor(
    kernels: Kernels,
    patterns: readonly MissingPattern[],
    readonly d: number,
    readonly k: number,
    readonly model: CovarianceModel,
  ) {
    this.conditioner = conditionerFor(model);
    this.arena = new Arena(kernels);
    const f64 = (length: number) => this.arena.f64(length);
    let rows = 0;
    let weight = 0;
    let widest = 1;
    let tallest = 1;
    try {
      for (const pattern of patterns) {
        const p = pattern.observed.length;
        const n = pattern.rows.length;
        const chunks: PatternChunk[] = [];
        for (let start = 0; start < n; start += CHUNK_ROWS) {
          const end = Math.min(n, start + CHUNK_ROWS);
          const x = f64((end - start) * p);
          x.write(pattern.x.subarray(start * p, end * p));
          let weights: F64Block | undefined;
          if (pattern.weights) {
            weights = f64(end - start);
            weights.write(pattern.weights.subarray(start, end));
          }
          chunks.push({ start, rows: end - start, x, weights });
        }
        this.stored.push({ pattern, chunks });
        rows += n;
        weight += pattern.weights ? pattern.weights.reduce((sum, w) => sum + w, 0) : n;
        widest = Math.max(widest, p);
        tallest = Math.max(tallest, Math.min(n, CHUNK_ROWS));
      }
      this.buffers = new MixtureBuffers(this.arena, kernels, model, widest, k, tallest);
    } catch (error) {
      this.arena.dispose();
      throw error;
    }
    this.rows = rows;
    this.totalWeight = weight;
  }

  /**
   * The E-step over every pattern: adds each pattern's expected complete-data statistics (centred
   * on the means of `params`) into `into`.
   * @returns Σᵢ wᵢ log p(x_o,ᵢ) over the rows held.
   * @throws Error when some Σ_oo is not positive definite although Σ is.
   */
  eStep(params: MixtureParameters, into: SufficientStatistics): number {
    const { buffers } = this;
    let logLikelihood = 0;
    buffers.loadLogWeights(params.weights);
    for (const { pattern, chunks } of this.stored) {
      const conditioned = this.load(params, pattern);
      const p = pattern.observed.length;
      buffers.clearStatistics();
      for (const chunk of chunks) logLikelihood += buffers.eStep(kernelRows(chunk), p);
      conditioned.lift(
        {
          nk: buffers.nk.read(),
          first: buffers.first.read(0, this.k * p),
          scatter: buffers.scatter.read(0, this.model.scatterLength(p, this.k)),
        },
        into,
      );
    }
    return logLikelihood;
  }

  /**
   * Calls `visit` for every chunk of every pattern with the rows' log p(x_o) and responsibilities,
   * scaled by the rows' weights when `weighted`. Views are valid during the call only.
   */
  forEachChunk(
    params: MixtureParameters,
    weighted: boolean,
    visit: (pattern: MissingPattern, start: number, logNorm: Float64Array, resp: Float64Array) => void,
  ): void {
    runToEnd(this.forEachChunkSteps(params, weighted, visit));
  }

  /** As `forEachChunk`, yielding after each chunk (see ../yield.ts). */
  *forEachChunkSteps(
    params: MixtureParameters,
    weighted: boolean,
    visit: (pattern: MissingPattern, start: number, logNorm: Float64Array, resp: Float64Array) => void,
  ): Steps<void> {
    const { buffers, k } = this;
    buffers.loadLogWeights(params.weights);
    for (const { pattern, chunks } of this.stored) {
      this.load(params, pattern);
      const p = pattern.observed.length;
      for (const chunk of chunks) {
        const rows = kernelRows(chunk);
        buffers.responsibilities(rows, p);
        if (weighted && chunk.weights) buffers.applyRowWeights(rows);
        visit(
          pattern,
          chunk.start,
          buffers.logNorm.view().subarray(0, chunk.rows),
          buffers.logProb.view().subarray(0, chunk.rows * k),
        );
        yield;
      }
    }
  }

  /** Σᵢ wᵢ log p(x_o,ᵢ) over the rows held. */
  logLikelihood(params: MixtureParameters): number {
    let total = 0;
    this.forEachChunk(params, false, ({ weights }, start, logNorm) => {
      for (let i = 0; i < logNorm.length; i++)
        total += (weights ? (weights[start + i] as number) : 1) * (logNorm[i] as number);
    });
    return total;
  }

  /** The row of X (of positive weight) with the lowest log p(x_o), and that value. */
  worstExplainedRow(params: MixtureParameters): { row: number; logNorm: number } {
    let worst = -1;
    let lowest = Infinity;
    this.forEachChunk(params, false, ({ rows, weights }, start, logNorm) => {
      for (let i = 0; i < logNorm.length; i++) {
        if (weights && !((weights[start + i] as number) > 0)) continue;
        if (worst < 0 || (logNorm[i] as number) < lowest) {
          lowest = logNorm[i] as number;
          worst = rows[start + i] as number;
        }
      }
    });
    return { row: worst, logNorm: lowest };
  }

  /** Frees the wasm memory; the object cannot be used after. */
  dispose(): void {
    this.arena.dispose();
  }

  /** Writes a pattern's marginal parameters and factorises them. */
  private load(params: MixtureParameters, pattern: MissingPattern): ConditionedPattern {
    const conditioned = this.conditioner(params, this.d, pattern);
    if (typeof conditioned === 'number') throw this.notPositiveDefinite(conditioned, pattern);
    this.buffers.means.write(conditioned.means);
    this.buffers.covariances.write(conditioned.covariances);
    const status = this.buffers.factorise(pattern.observed.length);
    if (status !== 0) throw this.notPositiveDefinite(status - 1, pattern);
    return conditioned;
  }

  private notPositiveDefinite(component: number, pattern: MissingPattern): NumericalFailureError {
    const shared = this.model.sharedCovariance;
    const which = shared ? 'the tied covariance' : `the covariance of component ${component}`;
    return new NumericalFailureError(
      `${which} is not positive definite on observed columns ${Array.from(pattern.observed).join(', ')}; increase regCovar`,
      { component: shared ? undefined : component, remedy: 'increase regCovar' },
    );
  }
}

/** A stored chunk as the kernels take it. */
function kernelRows(chunk: PatternChunk): KernelRows {
  return { x: chunk.x.ptr, weights: chunk.weights?.ptr ?? 0, rows: chunk.rows };
}
