import type { ConjugatePrior } from './covariance/prior';
import type { MixtureParameters } from './internal-types';
import type { Standardization } from './standardize';
import type { CovarianceType, MissingValues, Precision } from './types';

/** Everything a fitted model is: its parameters and how the fit went. */
export interface ModelState {
  /** The model's covariance type, as it was fitted. */
  readonly covariance: CovarianceType;
  /** In the units of the fit (standardized when `standardization` is set), covariances compact. */
  readonly parameters: MixtureParameters;
  /** The z-scoring the model applies to every X before its parameters see it. */
  readonly standardization: Standardization | undefined;
  /** Whether the kept run converged (changed by less than `tol`) before `maxIter`. */
  readonly converged: boolean;
  /** EM iterations of the kept run. */
  readonly iterations: number;
  /** Mean per-sample log-likelihood, in the user's units. */
  readonly logLikelihood: number;
  /** The kept run's mean log-likelihood per iteration and at the end, in the user's units. */
  readonly history: readonly number[];
  /** The seed the fit used (given or drawn), so that it can be repeated. */
  readonly seed: number;
  /** Components re-seeded during the kept run because they collapsed. */
  readonly reseeds: number;
  /** The features' names, when a saved model carried them. */
  readonly columns?: readonly string[] | undefined;
  /** Components of the kept run that the data do not determine, ascending (./degenerate.ts). */
  readonly degenerate: readonly number[];
  /** Restarts skipped because they failed numerically. */
  readonly failedRestarts: number;
  /** `'em'`: the model was fitted with missing values by EM and accepts NaN in X (absent: `'error'`). */
  readonly missing?: MissingValues;
  /** `'float32'`: fitted, and evaluated, by the f32 kernels (absent: float64). */
  readonly precision?: Precision;
  /**
   * −Σᵢ wᵢ log maxₖ γᵢₖ on the fit's rows, when the fit's final pass computed it (a candidate of
   * `selectModel`, for its ICL); not saved with the model.
   */
  readonly classificationEntropy?: number;
  /** The conjugate prior of a MAP-EM fit (in the fit's units); absent: maximum likelihood. */
  readonly prior?: ConjugatePrior | undefined;
}
