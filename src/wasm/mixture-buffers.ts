/**
 * The eleven wasm buffers the kernels of one mixture read and write — its parameters in the kernels'
 * form (log-weights, means, compact covariances, their factors and log-determinants), one kernel
 * call's per-row buffers (log-probabilities, then responsibilities; log p(x)), the statistics and the
 * scratch — and the kernel calls over them. Their one owner: a `Workspace` (./workspace.ts) lays
 * them out for complete rows in D dimensions, the missingness patterns (../engine/pattern-pass.ts)
 * for the widest pattern and run each pattern in its own D_o ≤ D.
 */
import type { CovarianceModel } from '../covariance/model';
import { log } from '../logarithm';
import { type Kernels, workLength } from './kernels';
import { type Arena, type F64Block, MAX_BLOCK_BYTES, showBytes } from './memory';

/** Rows of one kernel call, at the byte addresses of their values and weights (0: unweighted). */
export interface KernelRows {
  /** Byte address of the rows×d values (f64, or f32 for a float32 fit's rows). */
  readonly x: number;
  /** Byte address of one f64 weight per row; 0 when every row counts once. */
  readonly weights: number;
  /** Rows of the call, at most the `rows` the buffers were allocated for. */
  readonly rows: number;
}

/**
 * One mixture's wasm buffers (allocated from an arena, freed with it) and the kernel calls that read and
 * write them; sizes are in doubles, for up to `d` dimensions, K components and `rows` rows per call.
 */
export class MixtureBuffers {
  /** log πₖ. */
  readonly logWeights: F64Block;
  /** K×D means: the centres the statistics are taken around. */
  readonly means: F64Block;
  /** The covariances in the model's compact form, as loaded. */
  readonly covariances: F64Block;
  /** Their factors, as the covariance type's `factorise` writes them. */
  readonly precisions: F64Block;
  /** K log-determinants of the covariances, from the factorisation (tied: entry 0). */
  readonly logDet: F64Block;
  /** rows×K log-probabilities, turned into responsibilities in place. */
  readonly logProb: F64Block;
  /** log p(x) of each row of the last call. */
  readonly logNorm: F64Block;
  /** K: Nₖ = Σᵢ wᵢ γᵢₖ, summed over the calls since the statistics were last cleared. */
  readonly nk: F64Block;
  /** K×D: Σᵢ wᵢ γᵢₖ (xᵢ − μₖ), summed likewise. */
  readonly first: F64Block;
  /**
   * The covariance type's scatter (`model.scatterLength` doubles: upper triangles or squares), summed
   * likewise.
   */
  readonly scatter: F64Block;
  /** The kernels' scratch (its layout: assembly/scratch.ts). */
  readonly work: F64Block;

  /**
   * Allocates the buffers from `arena` (which frees them) for up to `d` dimensions and `rows` rows per call.
   * @throws RangeError when the covariances cannot be one WebAssembly buffer (see `checkParameterSize`).
   */
  constructor(
    arena: Arena,
    readonly kernels: Kernels,
    readonly model: CovarianceModel,
    d: number,
    readonly k: number,
    rows: number,
  ) {
    checkParameterSize(kernels, model, d, k);
    const f64 = (length: number) => arena.f64(length);
    this.logWeights = f64(k);
    this.means = f64(k * d);
    this.covariances = f64(model.compactLength(d, k));
    this.precisions = f64(model.factorLength(d, k));
    this.logDet = f64(k);
    this.logProb = f64(rows * k);
    this.logNorm = f64(rows);
    this.nk = f64(k);
    this.first = f64(k * d);
    this.scatter = f64(model.scatterLength(d, k));
    this.work = f64(scratchFor(kernels, model, d));
  }

  /** Writes log πₖ. */
  loadLogWeights(weights: ArrayLike<number>): void {
    const logWeights = this.logWeights.view();
    for (let c = 0; c < this.k; c++) logWeights[c] = log(weights[c] as number);
  }

  /**
   * Writes means and compact covariances in `d` dimensions and factorises `count` covariances from
   * component c.
   * @returns the covariance type's status: 0 when all are positive definite, else 1 + the first that is not.
   */
  factorise(d: number, c = 0, count = this.k): number {
    // A tied covariance's compact length does not grow with K: component 0 is at offset 0 for every type.
    const compact = c === 0 ? 0 : this.model.compactLength(d, c) * 8;
    return this.model.factorise(
      this.kernels,
      this.covariances.ptr + compact,
      this.precisions.ptr + compact,
      this.logDet.ptr + c * 8,
      this.work.ptr,
      d,
      count,
    );
  }

  /** Zeroes the statistics before a pass adds into them. */
  clearStatistics(): void {
    this.nk.view().fill(0);
    this.first.view().fill(0);
    this.scatter.view().fill(0);
  }

  /** The fused E-step over one call's rows in `d` dimensions: statistics added; returns Σ wᵢ log p(xᵢ). */
  eStep(span: KernelRows, d: number): number {
    return this.model.eStep(this.kernels)(
      span.x,
      this.means.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.logWeights.ptr,
      span.weights,
      this.logProb.ptr,
      this.logNorm.ptr,
      this.nk.ptr,
      this.first.ptr,
      this.scatter.ptr,
      this.work.ptr,
      span.rows,
      d,
      this.k,
    );
  }

  /** Log-densities then unweighted responsibilities of one call's rows, left in `logProb`; returns Σ log p(x). */
  responsibilities(span: KernelRows, d: number): number {
    const { k } = this;
    this.model.density(this.kernels)(
      span.x,
      this.means.ptr,
      this.precisions.ptr,
      this.logDet.ptr,
      this.logWeights.ptr,
      this.logProb.ptr,
      this.work.ptr,
      span.rows,
      d,
      k,
    );
    return this.kernels.normalizeLogProb(this.logProb.ptr, this.logNorm.ptr, span.rows, k);
  }

  /**
   * `entropy` minus the span's share of the classification's entropy, −Σᵢ wᵢ log maxₖ γᵢₖ, from the
   * responsibilities in `logProb` before `applyRowWeights`.
   */
  classificationEntropy(span: KernelRows, entropy: number): number {
    return this.kernels.classificationEntropy(this.logProb.ptr, span.weights, entropy, span.rows, this.k);
  }

  /** Scales the responsibilities in `logProb` by the rows' weights; returns Σ wᵢ log p(xᵢ). */
  applyRowWeights(span: KernelRows): number {
    return this.kernels.weightResponsibilities(
      this.logProb.ptr,
      this.logNorm.ptr,
      span.weights,
      span.rows,
      this.k,
    );
  }

  /** Adds the statistics of the responsibilities in `logProb`, centred on `means`. */
  accumulate(span: KernelRows, d: number): void {
    this.model.accumulate(this.kernels)(
      span.x,
      this.logProb.ptr,
      this.means.ptr,
      this.nk.ptr,
      this.first.ptr,
      this.scatter.ptr,
      this.work.ptr,
      span.rows,
      d,
      this.k,
    );
  }
}

/** Doubles of scratch the kernels of a covariance model need in `d` dimensions. */
function scratchFor(kernels: Kernels, model: CovarianceModel, d: number): number {
  return workLength(kernels, d, model.compactLength(d, 1) > d);
}

/**
 * Refuses (d, k, type) whose covariances cannot be one WebAssembly buffer, before allocating any.
 * @throws RangeError naming the size, the limit, and what to change.
 */
function checkParameterSize(kernels: Kernels, model: CovarianceModel, d: number, k: number): void {
  const bytes =
    8 * Math.max(model.factorLength(d, k), model.scatterLength(d, k), scratchFor(kernels, model, d));
  if (bytes <= MAX_BLOCK_BYTES) return;
  const advice =
    model.storage === 'diag' || model.storage === 'spherical'
      ? 'use fewer features or components'
      : "use covariance: 'diag' or 'spherical', or fewer features or components";
  throw new RangeError(
    `covariance: '${model.type}' with ${k} components and ${d} features needs ${showBytes(bytes)} in one ` +
      `WebAssembly buffer, more than the 1 GiB one allocation can hold; ${advice}`,
  );
}
