/**
 * The wasm module's exports, typed. Pointers are byte offsets into `memory`; every matrix is row-major
 * f64. Each kernel's contract is documented in its file under `assembly/`.
 */
export interface Kernels {
  readonly memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  /** Returns 0, or 1 + the index of the first covariance that is not positive definite. */
  choleskyPrecisionFull(
    covPtr: number,
    precCholPtr: number,
    logDetPtr: number,
    workPtr: number,
    d: number,
    k: number,
  ): number;
  logDensityFull(
    xPtr: number,
    meansPtr: number,
    precCholPtr: number,
    logDetPtr: number,
    logWeightsPtr: number,
    outPtr: number,
    workPtr: number,
    n: number,
    d: number,
    k: number,
  ): void;
  /** In place: log-probabilities become responsibilities; returns Σ log p(xᵢ). */
  normalizeLogProb(logProbPtr: number, logNormPtr: number, n: number, k: number): number;
  accumulateFull(
    xPtr: number,
    respPtr: number,
    centersPtr: number,
    nkPtr: number,
    firstPtr: number,
    scatterPtr: number,
    workPtr: number,
    n: number,
    d: number,
    k: number,
  ): void;
}

/** Scratch doubles every kernel may use for dimension d. */
export function workLength(d: number): number {
  return 2 * d * d + 16 * d;
}
