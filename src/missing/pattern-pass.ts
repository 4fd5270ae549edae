/**
 * The rows with missing values in wasm memory, pattern by pattern, and the passes over them. Each
 * pattern's observed values sit in contiguous blocks of rows×D_o, so the ordinary fused kernels run
 * on them unchanged with the pattern's marginal parameters in D_o dimensions: one factorisation of
 * Σ_oo per pattern and component, then the same SIMD density and statistics code as complete rows.
 */
import type { CovarianceModel } from '../covariance/model';
import { NumericalFailureError } from '../errors';
import { log } from '../math';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { MixtureParameters } from '../types';
import { CHUNK_ROWS } from '../wasm/data';
import { type Kernels, workLength } from '../wasm/kernels';
import { Arena, type F64Block } from '../wasm/memory';
import { runToEnd, type Steps } from '../yield';
import { CONDITIONERS, type ConditionedPattern, type Conditioner } from './conditional';
import type { MissingPattern } from './patterns';

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

export class PatternPass {
  /** Σ of the sample weights of the rows held (the number of rows when unweighted). */
  readonly totalWeight: number;
  readonly rows: number;
  private readonly arena: Arena;
  private readonly stored: StoredPattern[] = [];
  private readonly conditioner: Conditioner;
  private readonly logWeights: F64Block;
  private readonly means: F64Block;
  private readonly covariances: F64Block;
  private readonly precisions: F64Block;
  private readonly logDet: F64Block;
  private readonly logProb: F64Block;
  private readonly logNorm: F64Block;
  private readonly nk: F64Block;
  private readonly first: F64Block;
  private readonly scatter: F64Block;
  private readonly work: F64Block;

  constructor(
    private readonly kernels: Kernels,
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
      this.logWeights = f64(k);
      this.means = f64(k * widest);
      this.covariances = f64(model.compactLength(widest, k));
      this.precisions = f64(model.compactLength(widest, k));
      this.logDet = f64(k);
      this.logProb = f64(tallest * k);
      this.logNorm = f64(tallest);
      this.nk = f64(k);
      this.first = f64(k * widest);
      this.scatter = f64(model.scatterLength(widest, k));
      this.work = f64(workLength(kernels, widest));
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
    const eStep = this.model.eStep(this.kernels);
    let logLikelihood = 0;
    this.loadWeights(params);
    for (const { pattern, chunks } of this.stored) {
      const conditioned = this.load(params, pattern);
      const p = pattern.observed.length;
      this.nk.view().fill(0);
      this.first.view().fill(0);
      this.scatter.view().fill(0);
      for (const chunk of chunks) {
        logLikelihood += eStep(
          chunk.x.ptr,
          this.means.ptr,
          this.precisions.ptr,
          this.logDet.ptr,
          this.logWeights.ptr,
          chunk.weights?.ptr ?? 0,
          this.logProb.ptr,
          this.logNorm.ptr,
          this.nk.ptr,
          this.first.ptr,
          this.scatter.ptr,
          this.work.ptr,
          chunk.rows,
          p,
          this.k,
        );
      }
      conditioned.lift(
        {
          nk: this.nk.read(),
          first: this.first.read(0, this.k * p),
          scatter: this.scatter.read(0, this.model.scatterLength(p, this.k)),
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
    this.loadWeights(params);
    const { k } = this;
    for (const { pattern, chunks } of this.stored) {
      this.load(params, pattern);
      const p = pattern.observed.length;
      for (const chunk of chunks) {
        this.model.density(this.kernels)(
          chunk.x.ptr,
          this.means.ptr,
          this.precisions.ptr,
          this.logDet.ptr,
          this.logWeights.ptr,
          this.logProb.ptr,
          this.work.ptr,
          chunk.rows,
          p,
          k,
        );
        this.kernels.normalizeLogProb(this.logProb.ptr, this.logNorm.ptr, chunk.rows, k);
        if (weighted && chunk.weights) {
          this.kernels.weightResponsibilities(
            this.logProb.ptr,
            this.logNorm.ptr,
            chunk.weights.ptr,
            chunk.rows,
            k,
          );
        }
        visit(
          pattern,
          chunk.start,
          this.logNorm.view().subarray(0, chunk.rows),
          this.logProb.view().subarray(0, chunk.rows * k),
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

  dispose(): void {
    this.arena.dispose();
  }

  private loadWeights(params: MixtureParameters): void {
    const logWeights = this.logWeights.view();
    for (let c = 0; c < this.k; c++) logWeights[c] = log(params.weights[c] as number);
  }

  /** Writes a pattern's marginal parameters and factorises them. */
  private load(params: MixtureParameters, pattern: MissingPattern): ConditionedPattern {
    const conditioned = this.conditioner(params, this.d, pattern);
    if (typeof conditioned === 'number') throw this.notPositiveDefinite(conditioned, pattern);
    this.means.write(conditioned.means);
    this.covariances.write(conditioned.covariances);
    const status = this.model.factorise(
      this.kernels,
      this.covariances.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.work.ptr,
      pattern.observed.length,
      this.k,
    );
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
