// Small SIMD helpers shared by the kernels. Kernels work on blocks of BLOCK points held as four
// f64x2 vectors ("lanes" 0..7), so each splatted matrix entry is used eight times per load.

/** Points handled together by the SIMD loops; the remaining n % BLOCK points take the scalar tail. */
export const BLOCK: i32 = 8;

/** Bytes of one transposed block row: BLOCK doubles. */
export const BLOCK_BYTES: usize = 64;

/** Sum of both lanes. */
@inline
export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * Writes rows first..first+7 of x (n×d), minus `center`, transposed into `block`:
 * block[j·8 + lane] = x[first + lane][j] − center[j]. Centring before the products keeps
 * precision when the data sit far from the origin.
 */
@inline
export function loadCentredBlock(block: usize, xPtr: usize, first: i32, centerPtr: usize, d: i32): void {
  const rowBytes = <usize>d << 3;
  for (let lane = 0; lane < BLOCK; lane++) {
    const row = xPtr + <usize>(first + lane) * rowBytes;
    const column = block + (<usize>lane << 3);
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(column + <usize>j * BLOCK_BYTES, load<f64>(row + offset) - load<f64>(centerPtr + offset));
    }
  }
}
