/**
 * Sufficient statistics of the E-step: what every engine returns and the M-step reads.
 *
 * Statistics are centred on fixed points (the means the E-step used), which keeps the scatter sums
 * small and accurate, and makes the statistics of any two sets of rows add: chunks, workers and
 * streams all meet here. A leaf module: the covariance table's M-steps and the bridge read this
 * shape without importing the M-step.
 */

/** The E-step's sums over a set of rows, each centred on the mean `centers` the E-step used. */
export interface SufficientStatistics {
  /** Σᵢ wᵢ: the rows summarised, each counted with its sample weight (1 without weights). */
  weight: number;
  /** Σᵢ wᵢ log p(xᵢ) under the parameters of the E-step. */
  logLikelihood: number;
  /** K: Nₖ = Σᵢ wᵢ γᵢₖ. */
  readonly nk: Float64Array;
  /** K×D: Σᵢ wᵢ γᵢₖ (xᵢ − cₖ). */
  readonly first: Float64Array;
  /** The covariance type's scatter: K×D×D upper triangles (full, tied) or K×D squares (diag, spherical). */
  readonly scatter: Float64Array;
  /** K×D: the centring points cₖ. */
  readonly centers: Float64Array;
}

/** Adds `other` into `into`; both must be centred on the same points. */
export function addStatistics(into: SufficientStatistics, other: SufficientStatistics): void {
  into.weight += other.weight;
  into.logLikelihood += other.logLikelihood;
  addInto(into.nk, other.nk);
  addInto(into.first, other.first);
  addInto(into.scatter, other.scatter);
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number);
}
