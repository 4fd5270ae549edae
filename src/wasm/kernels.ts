/**
 * The wasm module's exports, typed. Pointers are byte offsets into `memory`; every matrix is row-major
 * f64. Each kernel's contract is documented in its file under `assembly/`.
 */
type Pointer = number;

/** (x, means, precisions, logDet, logWeights, out, work, n, d, k): weighted log-densities, n×k. */
type DensityKernel = (
  xPtr: Pointer,
  meansPtr: Pointer,
  precisionsPtr: Pointer,
  logDetPtr: Pointer,
  logWeightsPtr: Pointer,
  outPtr: Pointer,
  workPtr: Pointer,
  n: number,
  d: number,
  k: number,
) => void;

/** (x, resp, centers, nk, first, scatter, work, n, d, k): adds centred sufficient statistics. */
type AccumulateKernel = (
  xPtr: Pointer,
  respPtr: Pointer,
  centersPtr: Pointer,
  nkPtr: Pointer,
  firstPtr: Pointer,
  scatterPtr: Pointer,
  workPtr: Pointer,
  n: number,
  d: number,
  k: number,
) => void;

/**
 * (x, means, precisions, logDet, logWeights, weights or 0, resp, logNorm, nk, first, scatter, work, n, d, k):
 * a whole E-step pass over n rows; returns Σ wᵢ log p(xᵢ).
 */
type EStepKernel = (
  xPtr: Pointer,
  meansPtr: Pointer,
  precisionsPtr: Pointer,
  logDetPtr: Pointer,
  logWeightsPtr: Pointer,
  weightsPtr: Pointer,
  respPtr: Pointer,
  logNormPtr: Pointer,
  nkPtr: Pointer,
  firstPtr: Pointer,
  scatterPtr: Pointer,
  workPtr: Pointer,
  n: number,
  d: number,
  k: number,
) => number;

/** (variances, precisions, logDet, d, k) → 0, or 1 + the first component that is not positive. */
type DiagonalPrecisionKernel = (
  variancesPtr: Pointer,
  precisionsPtr: Pointer,
  logDetPtr: Pointer,
  d: number,
  k: number,
) => number;

/**
 * The exports of one instance of the gmm-wasm module (SIMD or scalar build), as the bridge calls them: every
 * argument a byte pointer into `memory` or a count. The f32 kernels exist in builds that have them.
 */
export interface Kernels {
  /**
   * The instance's linear memory; it may grow on `alloc`, so views of it are made afresh after any
   * allocation.
   */
  readonly memory: WebAssembly.Memory;
  /** 1 in the SIMD build, 0 in the scalar one. */
  simdBuild(): number;
  /** Doubles of scratch (`workPtr`) the kernels need at dimension d; triangular 1 for full and tied, else 0. */
  scratchLength(d: number, triangular: number): number;
  /**
   * Allocates `bytes` bytes, 16-byte aligned, and returns their address; may grow memory (which detaches JS
   * views), and aborts when it cannot.
   */
  alloc(bytes: number): Pointer;
  /** Frees a block `alloc` returned. */
  free(ptr: Pointer): void;
  /** Returns 0, or 1 + the index of the first covariance that is not positive definite. */
  choleskyPrecisionFull(
    covPtr: Pointer,
    precCholPtr: Pointer,
    logDetPtr: Pointer,
    workPtr: Pointer,
    d: number,
    k: number,
  ): number;
  /**
   * The factors of covariances that share their axes, Σₖ = D·Λₖ·Dᵀ (VEE, EVE, VVE), for
   * `logDensityOriented`: D and 1/Λ (k·d·d + 1 doubles, the last a flag), or, where the axes are
   * not shared or rotating does not pay, `choleskyPrecisionFull`'s factors (flag 0). Returns as it.
   */
  precisionOriented(
    covPtr: Pointer,
    factorsPtr: Pointer,
    logDetPtr: Pointer,
    workPtr: Pointer,
    d: number,
    k: number,
  ): number;
  /**
   * Diagonal: p = 1/σ² for the k×d variances, logDet −½ Σⱼ log σ²; 0, or 1 + the first component with a
   * variance that is not finite and positive or whose precision overflows.
   */
  precisionDiag: DiagonalPrecisionKernel;
  /**
   * Spherical: p = 1/σ² for the k variances, logDet −½ d log σ²; 0, or 1 + the first that fails as
   * `precisionDiag`'s do.
   */
  precisionSpherical: DiagonalPrecisionKernel;
  /** log πₖ + log N(xᵢ | μₖ, Σₖ) for full covariances from their precision Cholesky factors (k×d×d). */
  logDensityFull: DensityKernel;
  /** As `logDensityFull` with one factor (d×d) and one logDet shared by every component. */
  logDensityTied: DensityKernel;
  /** As `logDensityFull` from `precisionOriented`'s factors: each row rotated once onto the shared axes. */
  logDensityOriented: DensityKernel;
  /** As `logDensityFull` for diagonal precisions (k×d). */
  logDensityDiag: DensityKernel;
  /** As `logDensityFull` for one precision per component (k). */
  logDensitySpherical: DensityKernel;
  /** In place: values become their exponentials (within 2 ulp; 0 below e^−708). */
  expInPlace(valuesPtr: Pointer, n: number): void;
  /** In place: values ≥ 1 become their logarithms (within 2 ulp). */
  logInPlace(valuesPtr: Pointer, n: number): void;
  /** In place: log-probabilities become responsibilities; returns Σ log p(xᵢ). */
  normalizeLogProb(logProbPtr: Pointer, logNormPtr: Pointer, n: number, k: number): number;
  /** In place: responsibilities times row weights; returns Σ wᵢ log p(xᵢ). */
  weightResponsibilities(
    respPtr: Pointer,
    logNormPtr: Pointer,
    weightsPtr: Pointer,
    n: number,
    k: number,
  ): number;
  /**
   * Adds Nₖ, first moments and the upper triangles of the scatter (k×d×d) around the centres: full and tied
   * statistics.
   */
  accumulateFull: AccumulateKernel;
  /** As `accumulateFull` with squares (k×d) for the scatter: diagonal and spherical statistics. */
  accumulateDiag: AccumulateKernel;
  /** The fused E-step pass of a full-covariance mixture. */
  eStepFull: EStepKernel;
  /** The fused E-step pass of a tied mixture (one factor, one logDet). */
  eStepTied: EStepKernel;
  /** The fused E-step pass of a mixture with one orientation (`precisionOriented`'s factors). */
  eStepOriented: EStepKernel;
  /** The fused E-step pass of a diagonal mixture (precisions k×d, squares k×d). */
  eStepDiag: EStepKernel;
  /** The fused E-step pass of a spherical mixture (precisions k, squares k×d). */
  eStepSpherical: EStepKernel;
  /**
   * Doubles of scratch the f32 kernels need at dimension d (`assembly/f32/scratch.ts`); a prefix
   * serves the factorisation and k-means as `scratchLength`'s does.
   */
  scratchLengthF32(d: number, triangular: number): number;
  // The f32 kernels (assembly/f32/): the f64 kernels' arguments, with xPtr rows of f32.
  /** `logDensityFull` over f32 rows (f32x4 lanes, f64 sums). */
  logDensityFullF32: DensityKernel;
  /** `logDensityTied` over f32 rows. */
  logDensityTiedF32: DensityKernel;
  /** `logDensityDiag` over f32 rows. */
  logDensityDiagF32: DensityKernel;
  /** `logDensitySpherical` over f32 rows. */
  logDensitySphericalF32: DensityKernel;
  /** `accumulateFull` over f32 rows. */
  accumulateFullF32: AccumulateKernel;
  /** `accumulateDiag` over f32 rows. */
  accumulateDiagF32: AccumulateKernel;
  /** `eStepFull` over f32 rows. */
  eStepFullF32: EStepKernel;
  /** `eStepTied` over f32 rows. */
  eStepTiedF32: EStepKernel;
  /** `eStepDiag` over f32 rows. */
  eStepDiagF32: EStepKernel;
  /** `eStepSpherical` over f32 rows. */
  eStepSphericalF32: EStepKernel;
  /** assignNearer over f32 rows: the f64 arithmetic on the widened values. */
  assignNearerF32: Kernels['assignNearer'];
  /** assignNearest over f32 rows: the f64 arithmetic on the widened values. */
  assignNearestF32: Kernels['assignNearest'];
  /** accumulateCentroids over f32 rows: the f64 arithmetic on the widened values. */
  accumulateCentroidsF32: Kernels['accumulateCentroids'];
  /** Moves rows to `label` where the centre is strictly nearer; returns Σ nearest squared distances. */
  assignNearer(
    xPtr: Pointer,
    centerPtr: Pointer,
    labelsPtr: Pointer,
    distancesPtr: Pointer,
    workPtr: Pointer,
    n: number,
    d: number,
    label: number,
  ): number;
  /**
   * Assigns every row to its nearest of k centres (k×d), ties to the lowest label, writing labels
   * and squared distances; returns how many labels differ from those the buffer held.
   */
  assignNearest(
    xPtr: Pointer,
    centersPtr: Pointer,
    labelsPtr: Pointer,
    distancesPtr: Pointer,
    workPtr: Pointer,
    n: number,
    d: number,
    k: number,
  ): number;
  /**
   * `entropy` − Σᵢ wᵢ log(1 − (1 − maxₖ γᵢₖ)) over the rows of positive weight (weightsPtr 0: all 1),
   * one row at a time in order: the classification's entropy, carried across chunks.
   */
  classificationEntropy(respPtr: Pointer, weightsPtr: Pointer, entropy: number, n: number, k: number): number;
  /**
   * The Jacobi eigen-decompositions of k symmetric d×d matrices (k×d×d), as src/eigen.ts rotates
   * them: each rotated diagonal into values (k×d), unordered, and the rotations of I into vectors
   * (k×d×d, column j for value j), working in scratch (d×d).
   */
  symmetricEigens(
    aPtr: Pointer,
    valuesPtr: Pointer,
    vectorsPtr: Pointer,
    scratchPtr: Pointer,
    d: number,
    k: number,
  ): void;
  /** Doubles of scratch `commonOrientation` needs at dimension d. */
  orientationScratchLength(d: number): number;
  /**
   * The EVE (volumes 0) or VVE (volumes 1) M-step's MM loop from the given shapes (k×d) and axes (d×d),
   * both updated in place, with the majorising constants (k, the Wₖ's largest eigenvalues) and the
   * volumes (k) written; returns the inner iterations run.
   */
  commonOrientation(
    wPtr: Pointer,
    nkPtr: Pointer,
    omegaPtr: Pointer,
    shapePtr: Pointer,
    axesPtr: Pointer,
    scalePtr: Pointer,
    scratchPtr: Pointer,
    n: number,
    d: number,
    k: number,
    volumes: number,
    innerTol: number,
    innerMaxIter: number,
  ): number;
  /** Adds weighted rows to their cluster's sums and weights to its count. */
  accumulateCentroids(
    xPtr: Pointer,
    labelsPtr: Pointer,
    weightsPtr: Pointer,
    sumsPtr: Pointer,
    countsPtr: Pointer,
    n: number,
    d: number,
  ): void;
}

/**
 * Scratch doubles the kernels need at dimension d, as the module computes it from its own layout
 * (`assembly/scratch.ts`): the triangular (full and tied) kernels keep D×D lane sums beside their
 * panels, the diagonal ones and k-means only panels of D.
 */
export function workLength(kernels: Kernels, d: number, triangular = true): number {
  return kernels.scratchLength(d, triangular ? 1 : 0);
}
