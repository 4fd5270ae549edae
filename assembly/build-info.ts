// Which build of the kernels this is, for `supportsSimd()` to report the binary that actually runs
// (gmm-wasm/slim may be handed either one).

/** 1 in the SIMD build (gmm.wasm), 0 in the scalar build (gmm-scalar.wasm). */
export function simdBuild(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
