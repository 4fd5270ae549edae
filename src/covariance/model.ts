/**
 * What a covariance structure is to the rest of the library: its compact shape, its parameter
 * count, the kernels that factorise it, evaluate densities and accumulate statistics, and its
 * M-step. One object per type, in the table of `./index.ts`, so the EM driver never asks which
 * type it is fitting.
 */
import type { StorageForm } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { CovarianceType } from '../types';
import type { Kernels } from '../wasm/kernels';
import type { ConjugatePrior } from './prior';

/** logDensity kernels: (x, means, precisions, logDet, logWeights, out, work, n, d, k). */
export type DensityKernel = Kernels['logDensityFull'];
/** accumulate kernels: (x, resp, centers, nk, first, scatter, work, n, d, k). */
export type AccumulateKernel = Kernels['accumulateFull'];
/** fused E-step kernels: density, responsibilities, weights and statistics in one call. */
export type EStepKernel = Kernels['eStepFull'];
/** factorise kernels: (covariances, precisions, logDet, work, d, k) → 0 or 1 + the failed component. */
export type FactoriseKernel = (
  kernels: Kernels,
  covPtr: number,
  precPtr: number,
  logDetPtr: number,
  workPtr: number,
  d: number,
  k: number,
) => number;

/**
 * The kernels a type's rows are evaluated with: one of the four unconstrained types', or the
 * shared-orientation kernels of VEE, EVE and VVE (stored as full). It names the E-step side of a
 * model alone, what a worker needs (`EVALUATION_MODELS` in ./evaluation.ts).
 */
export type EvaluationForm = StorageForm | 'oriented';

/**
 * What a covariance type is to the rest of the library (see the module comment): one object per type in
 * `COVARIANCE_MODELS`.
 */
export interface CovarianceModel {
  /** The type's name, as users give it. */
  readonly type: CovarianceType;
  /** The compact form the covariances are stored and evaluated in: one of the four unconstrained types'. */
  readonly storage: StorageForm;
  /**
   * The model whose factorisation, densities and statistics this one uses: `EVALUATION_MODELS[evaluation]`
   * has the same E-step side, without the M-step.
   */
  readonly evaluation: EvaluationForm;
  /** Doubles in the compact covariances (and in their precision form). */
  compactLength(d: number, k: number): number;
  /**
   * The compact form as nested lists, as the API reads it and saved models write it: K×D×D (full),
   * D×D (tied), K×D (diag), K (spherical).
   */
  compactShape(d: number, k: number): number[];
  /**
   * Doubles in the factors `factorise` writes: `compactLength`, plus any the kernels keep beside them
   * (never fewer, so the largest parameter buffer is this one or the scatter).
   */
  factorLength(d: number, k: number): number;
  /** Doubles in the scatter statistic the accumulate kernel writes. */
  scatterLength(d: number, k: number): number;
  /**
   * The scatter statistic as nested lists, as `model.statistics` writes it: K×D×D symmetric matrices
   * (full and tied storage, whose kernel accumulates matrices) or K×D diagonals (diag, spherical).
   * Its product is `scatterLength`.
   */
  scatterShape(d: number, k: number): number[];
  /** Free parameters of the covariances, as scikit-learn counts them. */
  covarianceParameters(d: number, k: number): number;
  /** Which component a factorisation failure blames (tied: every one shares the matrix). */
  readonly sharedCovariance: boolean;
  /**
   * Factorises the loaded covariances into precision factors and log-determinants; 0, or 1 + the first
   * component that is not positive definite.
   */
  factorise: FactoriseKernel;
  /** The kernel of log πₖ + log N(x | μₖ, Σₖ) for every row and component. */
  density(kernels: Kernels): DensityKernel;
  /** The kernel that adds the rows' statistics (Nₖ, first moments, scatter) around the means. */
  accumulate(kernels: Kernels): AccumulateKernel;
  /** The fused E-step: density, accumulate and the responsibilities between them, in one pass. */
  eStep(kernels: Kernels): EStepKernel;
  /**
   * The M-step's covariances from statistics centred on `stats.centers`, recentred on the new
   * `means`, divided by the regularised counts `nk + 10ε`, plus `regCovar` on the diagonal.
   */
  covariances(
    stats: SufficientStatistics,
    means: Float64Array,
    d: number,
    regCovar: number,
    control?: MStepControl,
  ): Float64Array;
  /** The compact form as K full D×D matrices. */
  toFull(compact: Float64Array, d: number, k: number): Float64Array;
  /**
   * K full matrices (symmetric, of this type's structure) in compact form. Where a unit change has
   * broken the structure, this projects: diag keeps the diagonal, spherical its mean, tied the mean
   * matrix.
   */
  fromFull(full: Float64Array, d: number, k: number): Float64Array;
}

/** The inner loop of the iterative M-steps (VEI, VEE, EVE, VVE, VEV); the others ignore it. */
export interface MStepControl {
  /** Stop when the largest relative change of the parameters is ≤ this (mclust's `tol[2]`). */
  readonly innerTol: number;
  /** Inner iterations per M-step at most (mclust's `itmax[2]`). */
  readonly innerMaxIter: number;
  /**
   * Where an EM run keeps the inner loop's last estimates (shape, volumes, orientation) so that the
   * next M-step starts from them, as mclust's `me*` loops do; absent, every M-step starts afresh.
   */
  readonly carry?: Record<string, Float64Array>;
  /** MAP-EM: the conjugate prior of the M-step (./prior-step.ts); absent, maximum likelihood. */
  readonly prior?: ConjugatePrior;
}

/** nk + 10ε, as scikit-learn: an empty component divides by a tiny number, not by zero. */
export function regularisedCount(nk: number): number {
  return nk + 10 * Number.EPSILON;
}
