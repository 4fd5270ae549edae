/**
 * The shapes of the variational posterior and of the priors it is drawn towards, as scikit-learn's
 * `BayesianGaussianMixture` names them: a Dirichlet process (stick-breaking Beta(aₖ, bₖ)) or a
 * Dirichlet distribution over the weights, and a Gaussian–Wishart over each component's mean and
 * precision: μₖ | Λₖ ~ N(mₖ, (βₖΛₖ)⁻¹), Λₖ ~ Wishart(νₖ, Wₖ).
 */
import type { SklearnCovarianceType as CovarianceType } from '../types';

/**
 * The prior over the mixing weights, as scikit-learn's `weight_concentration_prior_type`:
 * `'dirichlet-process'` (stick-breaking, which switches surplus components off) or
 * `'dirichlet-distribution'` (a symmetric Dirichlet over the K weights).
 */
export type WeightPrior = 'dirichlet-process' | 'dirichlet-distribution';

/** The priors of a fit, resolved against the data (defaults filled in). */
export interface Priors {
  /** The prior's kind over the mixing weights. */
  readonly weightPrior: WeightPrior;
  /** γ of the Dirichlet process, or α₀ of every component of the Dirichlet distribution. */
  readonly weightConcentration: number;
  /** β₀: how many observations' worth of confidence the mean prior carries. */
  readonly meanPrecision: number;
  /** m₀, D values. */
  readonly meanPrior: Float64Array;
  /** ν₀ > D − 1. */
  readonly degreesOfFreedom: number;
  /** W₀⁻¹ in the compact form of the type: full and tied D×D, diag D values, spherical 1 value. */
  readonly covariancePrior: Float64Array;
}

/**
 * The variational posterior over the mixture's parameters (scikit-learn's fitted attributes).
 * `covariances` are scikit-learn's `covariances_`: Wₖ⁻¹/νₖ, the expected covariance under q, in the
 * compact form of the type.
 */
export interface VariationalParameters {
  /** Dirichlet process: [a, b], two K-arrays; Dirichlet distribution: [α], one K-array. */
  readonly weightConcentration: readonly Float64Array[];
  /** βₖ, K values. */
  readonly meanPrecision: Float64Array;
  /** mₖ, K×D. */
  readonly means: Float64Array;
  /** νₖ, K values (tied: K copies of the shared value). */
  readonly degreesOfFreedom: Float64Array;
  /** Wₖ⁻¹/νₖ, compact (full K×D×D, tied D×D, diag K×D, spherical K). */
  readonly covariances: Float64Array;
}

/** What the fit of one covariance type needs to know about its shape. */
export interface Dimensions {
  /** D: features. */
  readonly d: number;
  /** K: components. */
  readonly k: number;
  /** The covariance type, whose compact form the parameters take. */
  readonly covariance: CovarianceType;
}
