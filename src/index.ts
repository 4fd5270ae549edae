/**
 * gmm-wasm: Gaussian mixture models fitted by EM, with a WebAssembly SIMD core.
 * @packageDocumentation
 */
export { BayesianGaussianMixture } from './bayesian/BayesianGaussianMixture';
export type { BayesianGaussianMixtureJSON } from './bayesian/json';
export type { BayesianFitOptions, InitResponsibilities, WeightPrior } from './bayesian/types';
export type { PriorJSON } from './covariance/prior-json';
export { FIT_DEFAULTS, SELECTION_DEFAULTS } from './defaults';
export { type NumericalFailureDetails, NumericalFailureError, type OptionError } from './errors';
export type { FitOptions, FittedPrior, InitMethod, IterationProgress, PriorOptions } from './fit-options';
export { GaussianMixture } from './GaussianMixture';
export type { GaussianMixtureJSON } from './json';
export type { PredictionOptions } from './paced-prediction';
export type { Criterion, SelectionRow, SelectModelOptions } from './selectModel';
export { selectModel } from './selectModel';
export type { StreamFitOptions } from './stream/fit-stream';
export type { FromStatisticsOptions, StatisticsOptions } from './stream/model-statistics';
export { mergeStatistics } from './stream/model-statistics';
export { OnlineGaussianMixture, type OnlineOptions } from './stream/online';
export type { StreamChunk, StreamSource } from './stream/source';
export type { MixtureStatistics } from './stream/statistics-format';
export type {
  AbortSignalLike,
  CovarianceInput,
  CovarianceType,
  FlatMatrix,
  InitParameters,
  Matrix,
  MclustModelName,
  MissingValues,
  Precision,
  SklearnCovarianceType,
  UrlLike,
  WarmStartSource,
} from './types';
export { type CompiledModule, ready, supportsSimd, type WasmSource } from './wasm/load';
export type { ResponseLike } from './wasm/source';
