// Weighted Gaussian log-densities for diagonal covariance, where the quadratic form is a weighted
// sum of squares, Σⱼ p_cj (xᵢⱼ − μ_cj)² with p = 1/σ² (from precisionDiag): no triangular factor,
// O(d) per point and component. Spherical covariance has its own kernel (density-spherical.ts).
import { LOG_2PI } from './density';
import { laneOffset, passes } from './lanes';
import { pairDensities, WEIGHTED_SQUARE } from './pairs';
import { BLOCK, BLOCK_BYTES, panelAt } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + Σⱼ p_cj (xᵢⱼ − μ_cj)²) + logDet[c] + logWeights[c]; precisions k×d.
 *
 * The direct form, not the product [x, x²]·[p; −2pμ] scikit-learn computes with its matrix product:
 * without a fused multiply-add (wasm has none that is deterministic) the product costs the same four
 * operations per feature, point and component as (x − μ)²·p, and it cancels for data far from zero,
 * which the direct form never does. The gain is in the blocking: components go in pairs, so each
 * transposed feature, loaded once, feeds both, and every cell sees the operations it would alone.
 */
export function densityPanelDiagonal<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const panel = panelAt(workPtr);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    const offset1 = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + load<f64>(logDetPtr + (<usize>c2 << 3)) + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    const first1 = <usize>c * rowBytes; // byte offset of the first component's μ and p
    const second1 = <usize>c2 * rowBytes; // and of the second's
    for (let b = 0; b < rows; b += BLOCK) {
      const transposed = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const x = transposed + laneOffset<T>(parity);
        pairDensities<T>(
          WEIGHTED_SQUARE, x, meansPtr + first1, meansPtr + second1, precisionsPtr + first1, precisionsPtr + second1, d,
          out, stride, parity, c2 != c, offset1, offset2, 0, 0, 0, 0, 0,
        );
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time: the n % 8 rows after the last block. */
export function densityRowsDiagonal(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const precision = precisionsPtr + <usize>c * rowBytes;
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      let q = 0.0;
      let p = precision;
      for (let j = 0; j < d; j++) {
        const e = load<f64>(row + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3));
        q += load<f64>(p) * (e * e);
        p += 8;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
