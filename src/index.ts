/**
 * gmm-wasm: Gaussian mixture models fitted by EM, with a WebAssembly SIMD core.
 * @packageDocumentation
 */
export { GaussianMixture } from './GaussianMixture';
export type { GaussianMixtureJSON } from './json';
export type {
  CovarianceType,
  FitOptions,
  FlatMatrix,
  InitMethod,
  InitParameters,
  IterationProgress,
  Matrix,
} from './types';
export { ready } from './wasm/load';
